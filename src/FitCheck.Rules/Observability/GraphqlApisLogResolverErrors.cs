using FitCheck.Model;

namespace FitCheck.Rules.Observability;

/// <summary>AppSync APIs log resolver errors to CloudWatch Logs.</summary>
public sealed class GraphqlApisLogResolverErrors : IRule
{
    // The fix in SAM and CloudFormation words; serverless.yml declares the same resources under resources.Resources.
    private const string CloudFormationSnippet = """
        OrdersGraph:
          Type: AWS::AppSync::GraphQLApi
          Properties:
            Name: orders
            AuthenticationType: AWS_IAM
            LogConfig:
              FieldLogLevel: ERROR
              CloudWatchLogsRoleArn: !GetAtt AppSyncLogsRole.Arn
        """;

    public RuleInfo Info { get; } = new(
        Id: "FC3018",
        Slug: "graphql-apis-log-resolver-errors",
        Title: "GraphQL APIs log resolver errors",
        Section: Section.Observability,
        Severity: Severity.Warning,
        Rationale: "A GraphQL response can carry errors from some fields while the request succeeds: without field-level logs, " +
                   "resolver and data source failures leave no record outside the response the client got.",
        Remediation: "Set LogConfig with FieldLogLevel ERROR (or ALL while investigating) and a CloudWatchLogsRoleArn.",
        Snippet: CloudFormationSnippet,
        Equivalents: ["cdk-nag:AwsSolutions-ASC3", "checkov:CKV_AWS_193", "checkov:CKV_AWS_194"],
        Pillar: "operational-excellence")
    {
        Fixes = new Dictionary<string, RuleFix>(StringComparer.Ordinal)
        {
            [FixWords.Terraform] = new(
                "Add log_config with field_log_level = \"ERROR\" (or \"ALL\" while investigating) and a cloudwatch_logs_role_arn to the aws_appsync_graphql_api.",
                """
                resource "aws_appsync_graphql_api" "orders" {
                  name                = "orders"
                  authentication_type = "AWS_IAM"

                  log_config {
                    cloudwatch_logs_role_arn = aws_iam_role.appsync_logs.arn
                    field_log_level          = "ERROR"
                  }
                }
                """),
            [FixWords.Serverless] = RuleFix.UnderServerlessResources(
                "Set LogConfig with FieldLogLevel ERROR (or ALL while investigating) and a CloudWatchLogsRoleArn on the AWS::AppSync::GraphQLApi under resources.Resources (or logging.level with the serverless-appsync-plugin).",
                CloudFormationSnippet),
        },
    };

    public IEnumerable<Finding> Evaluate(Architecture architecture)
    {
        foreach (var api in architecture.OfType<Api>())
        {
            if (api.FieldLogLevel is not { IsKnown: true } level
                || (level.Value is not null && !string.Equals(level.Value, "NONE", StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            yield return level.Value is null
                ? this.Finding(api, $"GraphQL API {api.LogicalId} has no LogConfig: resolver and data source errors are not logged.")
                : this.Finding(api, $"{api.Word("FieldLogLevel")} of GraphQL API {api.LogicalId} {level.Is(api)}: resolver and data source errors are not logged.", level.Span);
        }
    }
}
