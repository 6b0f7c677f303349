using FitCheck.Model;

namespace FitCheck.Rules.Security;

/// <summary>Function roles do not carry administrator, power-user or full-access managed policies.</summary>
public sealed class FunctionRolesAvoidBroadManagedPolicies : IRule
{
    public RuleInfo Info { get; } = new(
        Id: "FC2002",
        Slug: "function-roles-avoid-broad-managed-policies",
        Title: "Function roles do not attach administrator, power-user or full-access managed policies",
        Section: Section.Security,
        Severity: Severity.Error,
        Rationale: "AdministratorAccess, PowerUserAccess and the *FullAccess managed policies grant every action of one or all " +
                   "services on every resource. A function needs a few actions on a few resources; the rest is blast radius.",
        Remediation: "Replace the managed policy with a SAM policy template, a connector, or a statement naming the actions and resources.",
        Snippet: """
            Policies:
              - DynamoDBReadPolicy:
                  TableName: !Ref Orders
            """,
        Equivalents: ["cdk-nag:AwsSolutions-IAM4"],
        Pillar: "security")
    {
        SecuritySeverity = 8.0,
        Fixes = new Dictionary<string, RuleFix>(StringComparer.Ordinal)
        {
            [FixWords.Terraform] = new(
                "Replace the aws_iam_role_policy_attachment of the broad managed policy with a policy that names the actions and resources the code uses.",
                """
                resource "aws_iam_role_policy" "orders" {
                  role   = aws_iam_role.orders.id
                  policy = data.aws_iam_policy_document.orders.json
                }

                data "aws_iam_policy_document" "orders" {
                  statement {
                    actions   = ["dynamodb:GetItem", "dynamodb:Query"]
                    resources = [aws_dynamodb_table.orders.arn]
                  }
                }
                """),
            [FixWords.Serverless] = new(
                "Drop the broad policy from provider.iam.role.managedPolicies and write statements that name the actions and resources the code uses.",
                """
                provider:
                  iam:
                    role:
                      statements:
                        - Effect: Allow
                          Action: [dynamodb:GetItem, dynamodb:Query]
                          Resource: !GetAtt OrdersTable.Arn
                """),
        },
    };

    public IEnumerable<Finding> Evaluate(Architecture architecture)
    {
        foreach (var grant in architecture.Grants)
        {
            if (!grant.IsManagedPolicy)
            {
                continue;
            }

            var name = grant.Source.Name ?? "";
            var functions = Principals.FunctionsOf(grant.Principal);
            if (!IsBroad(name) || functions.Count == 0)
            {
                continue;
            }

            yield return this.Finding(grant.Principal,
                $"{Principals.Describe(grant.Principal)} attaches the managed policy {name}, which grants far more than a function needs.",
                grant.Span,
                [.. functions.Where(f => !ReferenceEquals(f, grant.Principal.ImpliedBy)).Select(f => f.Related($"{f.LogicalId} runs with this role"))])
                with { Severity = name is "AdministratorAccess" or "PowerUserAccess" ? Severity.Error : Severity.Warning };
        }
    }

    private static bool IsBroad(string name) =>
        name is "AdministratorAccess" or "PowerUserAccess"
        || name.EndsWith("FullAccess", StringComparison.Ordinal)
        || name.EndsWith("_FullAccess", StringComparison.Ordinal);
}
