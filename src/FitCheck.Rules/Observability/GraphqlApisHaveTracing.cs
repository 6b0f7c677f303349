using FitCheck.Model;

namespace FitCheck.Rules.Observability;

/// <summary>AppSync GraphQL APIs trace resolvers with X-Ray.</summary>
public sealed class GraphqlApisHaveTracing : IRule
{
    public RuleInfo Info { get; } = new(
        Id: "FC3003",
        Slug: "graphql-apis-have-tracing",
        Title: "GraphQL APIs have X-Ray tracing enabled",
        Section: Section.Observability,
        Severity: Severity.Warning,
        Rationale: "One GraphQL query fans out to many resolvers and data sources. Without X-Ray you cannot see which resolver " +
                   "made a query slow or which data source failed.",
        Remediation: "Set XrayEnabled: true on the AWS::AppSync::GraphQLApi (or AWS::Serverless::GraphQLApi).",
        Snippet: """
            GraphQLApi:
              Type: AWS::AppSync::GraphQLApi
              Properties:
                Name: orders
                AuthenticationType: AWS_IAM
                XrayEnabled: true
            """,
        Equivalents: ["serverless-rules:WS3000", "cdk-nag:Serverless-AppSyncTracing"],
        Pillar: "operational-excellence")
    {
        Fixes = new Dictionary<string, RuleFix>(StringComparer.Ordinal)
        {
            [FixWords.Terraform] = new(
                "Set xray_enabled = true on the aws_appsync_graphql_api.",
                """
                resource "aws_appsync_graphql_api" "orders" {
                  name                = "orders"
                  authentication_type = "AWS_IAM"
                  xray_enabled        = true
                }
                """),
            [FixWords.Serverless] = new(
                "The framework has no shorthand for AppSync here: set XrayEnabled: true on the AWS::AppSync::GraphQLApi under resources.Resources (or xrayEnabled: true with the serverless-appsync-plugin).",
                """
                resources:
                  Resources:
                    OrdersGraph:
                      Type: AWS::AppSync::GraphQLApi
                      Properties:
                        Name: orders
                        AuthenticationType: AWS_IAM
                        XrayEnabled: true
                """),
        },
    };

    public IEnumerable<Finding> Evaluate(Architecture architecture)
    {
        foreach (var api in architecture.OfType<Api>().Where(a => a.Protocol == ApiProtocol.GraphQL))
        {
            if (!api.TracingEnabled.IsKnown || api.TracingEnabled.Value)
            {
                continue;
            }

            yield return this.Finding(api,
                $"{api.Word("XrayEnabled")} of GraphQL API {api.LogicalId} {api.TracingEnabled.Is(api)}: resolvers and data sources are not traced.",
                api.TracingEnabled.Span);
        }
    }
}
