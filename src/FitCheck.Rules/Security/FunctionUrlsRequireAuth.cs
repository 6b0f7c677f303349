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
                $"{function.LogicalId} has a function URL with AuthType {url.AuthType.Describe()}: anyone who finds the URL can invoke it.",
                url.AuthType.Span);
        }
    }
}
