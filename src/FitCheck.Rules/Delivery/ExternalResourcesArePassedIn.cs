using FitCheck.Model;

namespace FitCheck.Rules.Delivery;

/// <summary>Resources the template depends on but does not declare are passed in, not written as literal ARNs.</summary>
public sealed class ExternalResourcesArePassedIn : IRule
{
    public RuleInfo Info { get; } = new(
        Id: "FC6006",
        Slug: "external-resources-are-passed-in",
        Title: "Resources from outside the template are passed in rather than hard-coded as ARNs",
        Section: Section.Delivery,
        Severity: Severity.Note,
        Rationale: "A literal ARN pins the stack to one account and region and hides a dependency: the template cannot be deployed to a " +
                   "test account or a second region, and nothing tells the owner of that resource that this stack needs it.",
        Remediation: "Pass the ARN in as a parameter (or an SSM parameter, or Fn::ImportValue of the stack that owns it), or declare the " +
                     "resource in this template.",
        Snippet: """
            Parameters:
              OrdersFunctionRoleArn:
                Type: String
            Resources:
              OrdersFunction:
                Type: AWS::Serverless::Function
                Properties:
                  Role: !Ref OrdersFunctionRoleArn
            """,
        Equivalents: [],
        Pillar: "operational-excellence")
    {
        Fixes = new Dictionary<string, RuleFix>(StringComparer.Ordinal)
        {
            [FixWords.Terraform] = new(
                "Pass the ARN in as a variable, or look the resource up with a data source (data \"aws_iam_role\", data \"aws_sqs_queue\"...), or declare the resource in this module.",
                """
                variable "orders_role_arn" {
                  type = string
                }

                resource "aws_lambda_function" "orders" {
                  # ...
                  role = var.orders_role_arn
                }
                """),
            [FixWords.Serverless] = new(
                "Pass the ARN in with ${param:...} (params per stage), ${ssm:...} or ${cf:stack.output}, or declare the resource under resources.",
                """
                params:
                  prod:
                    ordersRoleArn: arn:aws:iam::123456789012:role/orders
                functions:
                  orders:
                    handler: orders.handler
                    role: ${param:ordersRoleArn}
                """),
        },
    };

    public IEnumerable<Finding> Evaluate(Architecture architecture)
    {
        // Layer versions are artifacts published per region (most by AWS or vendors), not resources another template manages.
        foreach (var reference in architecture.ExternalReferences.Where(r => IsDependency(r) && !(r.Service == "lambda" && r.Arn.Contains(":layer:", StringComparison.Ordinal))))
        {
            var where = reference.Region is { } region ? $" in {region}" : "";
            yield return this.Finding(reference.From,
                $"{reference.From.LogicalId} depends on the {reference.Service} resource {reference.Arn}{where}, written as a literal ARN and not declared in this template; pass it in as a parameter or import it.",
                reference.Span);
        }
    }

    // A dependency on a resource names an account (12 digits; S3 bucket ARNs have none) and no wildcard. AWS-owned ARNs
    // (managed policies, API Gateway service integration URIs such as arn:aws:apigateway:region:s3:path/...) do not.
    private static bool IsDependency(ExternalReference reference) =>
        Arn.TryParse(reference.Arn, out var arn) && !arn.HasWildcard
            && (arn.HasAccountId || (arn.Service == "s3" && arn.Account.Length == 0));
}
