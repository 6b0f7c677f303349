using FitCheck.Model;

namespace FitCheck.Rules.Security;

/// <summary>An AppSync API whose mutations start work does not rely on an API key alone.</summary>
public sealed class GraphqlMutationsNeedMoreThanAnApiKey : IRule
{
    public RuleInfo Info { get; } = new(
        Id: "FC2014",
        Slug: "graphql-mutations-need-more-than-an-api-key",
        Title: "GraphQL APIs with mutations do not rely on an API key alone",
        Section: Section.Security,
        Severity: Severity.Warning,
        Rationale: "An AppSync API key identifies an application, not a caller: it ships inside the web or mobile client, anyone who " +
                   "opens the client has it, and it cannot be scoped per user. With API_KEY as the only authorization mode, every " +
                   "mutation (writes, workflows started, messages sent) is open to whoever copies the key.",
        Remediation: "Make Cognito user pools, IAM, OIDC or a Lambda authorizer the default mode (or add one and restrict the mutations " +
                     "to it with @aws_cognito_user_pools / @aws_iam), and keep API_KEY for public reads.",
        Snippet: """
            OrdersApi:
              Type: AWS::Serverless::GraphQLApi
              Properties:
                Auth:
                  Type: AMAZON_COGNITO_USER_POOLS
                  UserPool:
                    UserPoolId: !Ref UserPool
                    AwsRegion: !Ref AWS::Region
                    DefaultAction: ALLOW
                  Additional:
                    - Type: API_KEY
            """,
        Equivalents: [],
        Pillar: "security")
    {
        SecuritySeverity = 7.0,
        Fixes = new Dictionary<string, RuleFix>(StringComparer.Ordinal)
        {
            [FixWords.CloudFormation] = new(
                "Set AuthenticationType to AMAZON_COGNITO_USER_POOLS, AWS_IAM, OPENID_CONNECT or AWS_LAMBDA (or add one under " +
                "AdditionalAuthenticationProviders and restrict the mutations to it), and keep API_KEY for public reads.",
                """
                OrdersApi:
                  Type: AWS::AppSync::GraphQLApi
                  Properties:
                    Name: orders
                    AuthenticationType: AMAZON_COGNITO_USER_POOLS
                    UserPoolConfig:
                      UserPoolId: !Ref UserPool
                      AwsRegion: !Ref AWS::Region
                      DefaultAction: ALLOW
                    AdditionalAuthenticationProviders:
                      - AuthenticationType: API_KEY
                """),
            [FixWords.Terraform] = new(
                "Set authentication_type to AMAZON_COGNITO_USER_POOLS, AWS_IAM, OPENID_CONNECT or AWS_LAMBDA on the aws_appsync_graphql_api " +
                "(or add an additional_authentication_provider and restrict the mutations to it), and keep API_KEY for public reads.",
                """
                resource "aws_appsync_graphql_api" "orders" {
                  name                = "orders"
                  authentication_type = "AMAZON_COGNITO_USER_POOLS"

                  user_pool_config {
                    user_pool_id   = aws_cognito_user_pool.users.id
                    aws_region     = data.aws_region.current.name
                    default_action = "ALLOW"
                  }

                  additional_authentication_provider {
                    authentication_type = "API_KEY"
                  }
                }
                """),
            [FixWords.Serverless] = new(
                "Set authentication to AMAZON_COGNITO_USER_POOLS, AWS_IAM, OIDC or AWS_LAMBDA in the appSync block " +
                "(serverless-appsync-plugin), with API_KEY as an additional mode for public reads.",
                """
                appSync:
                  name: orders
                  authentication:
                    type: AMAZON_COGNITO_USER_POOLS
                    config:
                      userPoolId: !Ref UserPool
                  additionalAuthentications:
                    - type: API_KEY
                """),
        },
    };

    public IEnumerable<Finding> Evaluate(Architecture architecture)
    {
        foreach (var api in architecture.OfType<Api>())
        {
            if (api.Protocol != ApiProtocol.GraphQL || api.AuthenticationType is not { IsKnown: true } mode
                || !string.Equals(mode.Value, "API_KEY", StringComparison.Ordinal)
                || api.AdditionalAuthenticationTypes.Any(t => t != "API_KEY")
                || (api.MutationResolvers.Count == 0 && !api.SchemaHasMutations))
            {
                continue;
            }

            var mutations = api.MutationResolvers.Count > 0
                ? $"mutation{(api.MutationResolvers.Count > 1 ? "s" : "")} {RuleExtensions.NameList(api.MutationResolvers.Select(m => m.Field))}"
                : "the mutations its schema declares";
            yield return this.Finding(api,
                $"GraphQL API {api.LogicalId} authorizes with API_KEY only: {mutations} {(api.MutationResolvers.Count == 1 ? "runs" : "run")} for anyone holding the key, which ships " +
                "in every client and identifies no user.",
                mode.Span,
                [.. api.MutationResolvers.Take(5).Select(m => new RelatedLocation(m.Span, $"Mutation.{m.Field}"))]);
        }
    }
}
