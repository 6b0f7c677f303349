using FitCheck.Model;

namespace FitCheck.Rules.Security;

/// <summary>Function URLs authenticate their callers.</summary>
public sealed class FunctionUrlsRequireAuth : IRule
{
    public RuleInfo Info { get; } = new(
        Id: "FC2007",
        Slug: "function-urls-require-auth",
        Title: "Function URLs use AWS_IAM authentication",
        Section: Section.Security,
        Severity: Severity.Error,
        Rationale: "A function URL with AuthType NONE can be called by anyone on the internet, with no throttling, WAF or " +
                   "authorizer in front: every request is an invocation you pay for and code you expose.",
        Remediation: "Use AuthType AWS_IAM (and sign requests, or put CloudFront with origin access control in front), or serve the " +
                     "function through API Gateway with an authorizer.",
        Snippet: """
            FunctionUrlConfig:
              AuthType: AWS_IAM
            """,
        Equivalents: ["checkov:CKV_AWS_258", "cdk-nag:LambdaFunctionUrlAuth"],
        Pillar: "security")
    {
        SecuritySeverity = 8.0,
        Fixes = new Dictionary<string, RuleFix>(StringComparer.Ordinal)
        {
            [FixWords.Terraform] = new(
                "Set authorization_type = \"AWS_IAM\" on the aws_lambda_function_url (and sign requests, or put CloudFront with origin access control in front), or serve the function through API Gateway with an authorizer.",
                """
                resource "aws_lambda_function_url" "orders" {
                  function_name      = aws_lambda_function.orders.function_name
                  authorization_type = "AWS_IAM"
                }
                """),
            [FixWords.Serverless] = new(
                "Set url.authorizer: aws_iam on the function (and sign requests, or put CloudFront with origin access control in front), or serve the function through an http or httpApi event with an authorizer.",
                """
                functions:
                  orders:
                    handler: orders.handler
                    url:
                      authorizer: aws_iam
                """),
        },
    };

    public IEnumerable<Finding> Evaluate(Architecture architecture)
    {
        foreach (var function in architecture.OfType<Function>())
        {
            if (function.Url is not { } url || !url.AuthType.IsKnown || !string.Equals(url.AuthType.Value, "NONE", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            yield return this.Finding(function,
                $"{function.LogicalId} has a function URL with " + function.Say($"AuthType {url.AuthType.Describe()}", $"authorization_type {url.AuthType.Describe(function)}", "no url.authorizer") + ": anyone who finds the URL can invoke it.",
                url.AuthType.Span);
        }
    }
}
