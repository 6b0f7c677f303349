using FitCheck.Model;

namespace FitCheck.Rules.Security;

/// <summary>A WebSocket API authorizes its callers on the $connect route, the only route that can.</summary>
public sealed class WebSocketConnectionsRequireAuthorization : IRule
{
    public RuleInfo Info { get; } = new(
        Id: "FC2013",
        Slug: "websocket-connections-require-authorization",
        Title: "WebSocket APIs authorize callers on the $connect route",
        Section: Section.Security,
        Severity: Severity.Warning,
        Rationale: "A WebSocket API can only authorize on $connect: once a connection is open, every route behind it runs for whoever " +
                   "holds it. A $connect route with AuthorizationType NONE lets anyone on the internet open a connection and reach " +
                   "every backend of the API.",
        Remediation: "Set AuthorizationType: CUSTOM with a Lambda REQUEST authorizer (or AWS_IAM) on the $connect route.",
        Snippet: """
            ConnectRoute:
              Type: AWS::ApiGatewayV2::Route
              Properties:
                ApiId: !Ref ChatApi
                RouteKey: $connect
                AuthorizationType: CUSTOM
                AuthorizerId: !Ref ConnectAuthorizer
                Target: !Sub integrations/${ConnectIntegration}
            """,
        Equivalents: ["checkov:CKV_AWS_309"],
        Pillar: "security")
    {
        SecuritySeverity = 7.0,
        Fixes = new Dictionary<string, RuleFix>(StringComparer.Ordinal)
        {
            [FixWords.Terraform] = new(
                "Set authorization_type = \"CUSTOM\" with a REQUEST aws_apigatewayv2_authorizer (or \"AWS_IAM\") on the $connect aws_apigatewayv2_route.",
                """
                resource "aws_apigatewayv2_route" "connect" {
                  api_id             = aws_apigatewayv2_api.chat.id
                  route_key          = "$connect"
                  target             = "integrations/${aws_apigatewayv2_integration.connect.id}"
                  authorization_type = "CUSTOM"
                  authorizer_id      = aws_apigatewayv2_authorizer.connect.id
                }
                """),
            [FixWords.Serverless] = new(
                "Give the websocket event of the $connect route an authorizer (a function of the service, or aws_iam).",
                """
                functions:
                  connect:
                    handler: chat.connect
                    events:
                      - websocket:
                          route: $connect
                          authorizer:
                            name: auth
                            identitySource:
                              - route.request.header.Auth
                """),
        },
    };

    public IEnumerable<Finding> Evaluate(Architecture architecture)
    {
        foreach (var api in architecture.OfType<Api>())
        {
            if (api.Protocol != ApiProtocol.WebSocket)
            {
                continue;
            }

            foreach (var route in api.Routes)
            {
                if (route.Path == "$connect" && route.Authorization.IsKnown
                    && string.Equals(route.Authorization.Value, "NONE", StringComparison.OrdinalIgnoreCase))
                {
                    yield return this.Finding(api,
                        $"WebSocket API {api.LogicalId} opens connections on $connect with no authorizer " +
                        api.Say(route.Authorization.Origin == SettingOrigin.Explicit ? "(AuthorizationType: NONE)" : "(AuthorizationType defaults to NONE)",
                            route.Authorization.Origin == SettingOrigin.Explicit ? "(authorization_type = \"NONE\")" : "(authorization_type defaults to \"NONE\")",
                            "(no authorizer on the websocket event)") +
                        "; anyone can connect and reach every route.",
                        route.Authorization.Origin == SettingOrigin.Explicit ? route.Authorization.Span : route.Span);
                }
            }
        }
    }
}
