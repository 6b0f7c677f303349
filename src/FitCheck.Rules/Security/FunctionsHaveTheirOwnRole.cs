using FitCheck.Model;

namespace FitCheck.Rules.Security;

/// <summary>Each function runs as its own role.</summary>
public sealed class FunctionsHaveTheirOwnRole : IRule
{
    public RuleInfo Info { get; } = new(
        Id: "FC2003",
        Slug: "functions-have-their-own-role",
        Title: "Each function runs as its own role",
        Section: Section.Security,
        Severity: Severity.Note,
        Rationale: "A role shared by several functions holds the union of what they all need, so each function can do what any " +
                   "of them may. Per-function roles keep least privilege and make a function's permissions readable.",
        Remediation: "Drop the shared Role and give each function its own Policies (SAM generates one role per function), or one role each.",
        Snippet: """
            Orders:
              Type: AWS::Serverless::Function
              Properties:
                Policies:
                  - DynamoDBCrudPolicy:
                      TableName: !Ref Orders
            """,
        Equivalents: [],
        Pillar: "security")
    {
        SecuritySeverity = 2.0,
        Fixes = new Dictionary<string, RuleFix>(StringComparer.Ordinal)
        {
            [FixWords.Terraform] = new(
                "Give each aws_lambda_function its own aws_iam_role, with only the statements that function needs.",
                """
                resource "aws_iam_role" "orders" {
                  name               = "orders-function"
                  assume_role_policy = data.aws_iam_policy_document.lambda_assume.json
                }

                resource "aws_lambda_function" "orders" {
                  # ...
                  role = aws_iam_role.orders.arn
                }
                """),
            [FixWords.Serverless] = new(
                "The framework gives every function of the service one shared role (IamRoleLambdaExecution); give each function its own role (declared under resources and named in the function's role, or with the serverless-iam-roles-per-function plugin).",
                """
                functions:
                  orders:
                    handler: orders.handler
                    role: OrdersRole
                resources:
                  Resources:
                    OrdersRole:
                      Type: AWS::IAM::Role
                      Properties:
                        AssumeRolePolicyDocument:
                          Statement:
                            - Effect: Allow
                              Principal: { Service: lambda.amazonaws.com }
                              Action: sts:AssumeRole
                        ManagedPolicyArns:
                          - arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole
                """),
        },
    };

    public IEnumerable<Finding> Evaluate(Architecture architecture)
    {
        foreach (var role in architecture.OfType<Role>())
        {
            var functions = role.UsedBy.OfType<Function>().ToList();
            if (functions.Count < 2)
            {
                continue;
            }

            yield return this.Finding(role,
                $"role {role.LogicalId} is shared by {functions.Count} functions ({string.Join(", ", functions.Select(f => f.LogicalId))}); " +
                "each of them holds every permission any of them needs.",
                role.Span,
                [.. functions.Select(f => f.Related($"{f.LogicalId} runs as {role.LogicalId}"))]);
        }
    }
}
