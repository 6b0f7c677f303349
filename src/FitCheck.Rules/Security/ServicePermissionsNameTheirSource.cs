using FitCheck.Model;

namespace FitCheck.Rules.Security;

/// <summary>Permissions granted to an AWS service say which resource or account may use them.</summary>
public sealed class ServicePermissionsNameTheirSource : IRule
{
    public RuleInfo Info { get; } = new(
        Id: "FC2006",
        Slug: "service-permissions-name-their-source",
        Title: "Permissions for AWS service principals are scoped with SourceArn or SourceAccount",
        Section: Section.Security,
        Severity: Severity.Warning,
        Rationale: "A permission for sns.amazonaws.com, s3.amazonaws.com or events.amazonaws.com without a source lets that service " +
                   "act for any customer: another account's topic, bucket or rule can then invoke your function or write to your " +
                   "queue (the confused-deputy problem).",
        Remediation: "Add SourceArn (and SourceAccount for S3) to the Lambda permission, or an aws:SourceArn / aws:SourceAccount " +
                     "condition to the resource policy statement.",
        Snippet: """
            InvokeFromTopic:
              Type: AWS::Lambda::Permission
              Properties:
                FunctionName: !Ref Worker
                Action: lambda:InvokeFunction
                Principal: sns.amazonaws.com
                SourceArn: !Ref Orders
            """,
        Equivalents: ["checkov:CKV_AWS_364", "cfn-lint:W3663"],
        Pillar: "security")
    {
        SecuritySeverity = 5.0,
        Fixes = new Dictionary<string, RuleFix>(StringComparer.Ordinal)
        {
            [FixWords.Terraform] = new(
                "Add source_arn (and source_account for S3) to the aws_lambda_permission, or an aws:SourceArn / aws:SourceAccount condition to the resource policy statement.",
                """
                resource "aws_lambda_permission" "from_orders_topic" {
                  statement_id  = "AllowFromOrdersTopic"
                  action        = "lambda:InvokeFunction"
                  function_name = aws_lambda_function.worker.function_name
                  principal     = "sns.amazonaws.com"
                  source_arn    = aws_sns_topic.orders.arn
                }
                """),
            [FixWords.Serverless] = new(
                "Events declared on functions get a permission scoped to their source; for a permission or policy under resources.Resources add SourceArn (and SourceAccount for S3), or an aws:SourceArn / aws:SourceAccount condition.",
                """
                resources:
                  Resources:
                    InvokeFromTopic:
                      Type: AWS::Lambda::Permission
                      Properties:
                        FunctionName: !Ref WorkerLambdaFunction
                        Action: lambda:InvokeFunction
                        Principal: sns.amazonaws.com
                        SourceArn: !Ref OrdersTopic
                """),
        },
    };

    public IEnumerable<Finding> Evaluate(Architecture architecture)
    {
        foreach (var permission in architecture.ResourcePermissions)
        {
            var principal = permission.Principal.Trim();
            if (!IsServicePrincipal(principal) || permission.HasSourceCondition || permission.HasOrgCondition)
            {
                continue;
            }

            yield return this.Finding(permission.Declaration,
                $"{permission.Declaration.LogicalId} lets {principal} act on {permission.Resource.LogicalId} " +
                $"({string.Join(", ", permission.Actions)}) without a SourceArn or SourceAccount, so the service may do so for any account.",
                permission.Span,
                ReferenceEquals(permission.Resource, permission.Declaration) ? [] : [permission.Resource.Related($"{permission.Resource.LogicalId} is the resource exposed")]);
        }
    }

    internal static bool IsServicePrincipal(string principal) =>
        principal.EndsWith(".amazonaws.com", StringComparison.OrdinalIgnoreCase) || principal.EndsWith(".amazonaws.com.cn", StringComparison.OrdinalIgnoreCase);
}
