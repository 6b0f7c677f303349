using FitCheck.Model;

namespace FitCheck.Rules.Cost;

/// <summary>REST APIs are chosen for a REST-only feature; otherwise an HTTP API does the job for less.</summary>
public sealed class RestApisUseRestFeatures : IRule
{
    public RuleInfo Info { get; } = new(
        Id: "FC5009",
        Slug: "rest-apis-use-rest-features",
        Title: "REST APIs use a feature HTTP APIs lack, or are HTTP APIs",
        Section: Section.Cost,
        Severity: Severity.Note,
        Rationale: "HTTP APIs cost about 70% less per request than REST APIs and add less latency. A REST API that uses none of " +
                   "the REST-only features (API keys and usage plans, caching, request validation, WAF, resource policies, " +
                   "private or edge endpoints, X-Ray, mapping templates) pays for them anyway.",
        Remediation: "Switch the function events from Type: Api to Type: HttpApi (and the API to AWS::Serverless::HttpApi); " +
                     "Cognito authorizers become JWT authorizers.",
        Snippet: """
            Events:
              GetOrder:
                Type: HttpApi
                Properties:
                  Path: /orders/{id}
                  Method: get
            """,
        Equivalents: [],
        Pillar: "cost-optimization")
    {
        Fixes = new Dictionary<string, RuleFix>(StringComparer.Ordinal)
        {
            [FixWords.Terraform] = new(
                "Move the routes to an aws_apigatewayv2_api with protocol_type = \"HTTP\" (routes and integrations as aws_apigatewayv2_route and aws_apigatewayv2_integration); Cognito authorizers become JWT authorizers.",
                """
                resource "aws_apigatewayv2_api" "orders" {
                  name          = "orders"
                  protocol_type = "HTTP"
                }

                resource "aws_apigatewayv2_route" "get_order" {
                  api_id    = aws_apigatewayv2_api.orders.id
                  route_key = "GET /orders/{id}"
                  target    = "integrations/${aws_apigatewayv2_integration.orders.id}"
                }
                """),
            [FixWords.Serverless] = new(
                "Switch the function events from http to httpApi; Cognito authorizers become JWT authorizers under provider.httpApi.authorizers.",
                """
                functions:
                  getOrder:
                    handler: orders.get
                    events:
                      - httpApi:
                          method: GET
                          path: /orders/{id}
                """),
        },
    };

    public IEnumerable<Finding> Evaluate(Architecture architecture)
    {
        foreach (var api in architecture.OfType<Api>())
        {
            // Only SAM APIs: their features are read from the template; a CloudFormation REST API spreads them over many resources.
            if (!api.IsSamShorthand || api.Protocol != ApiProtocol.Rest || api.RestOnlyFeatures.Count > 0 || api.HasDefinitionBody
                || api.HasWebAcl || api.HasRequestValidator || api.Routes.Count == 0
                || !api.TracingEnabled.IsKnown || api.TracingEnabled.Value
                || api.EndpointType is { IsKnown: false }
                || api.Routes.Any(r => r.HasRequestValidation || r.IntegrationType is not ("aws_proxy" or null)))
            {
                continue;
            }

            yield return this.Finding(api,
                $"REST API {ApiNames.Describe(api)} uses no REST-only feature ({api.Routes.Count} proxy route{(api.Routes.Count == 1 ? "" : "s")}); " +
                "an HTTP API would serve it for about 70% less per request.",
                api.Span);
        }
    }
}
