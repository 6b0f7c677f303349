using FitCheck.Model;

namespace FitCheck.Rules.Cost;

/// <summary>API stages set their own default throttling.</summary>
public sealed class ApiStagesSetDefaultThrottling : IRule
{
    public RuleInfo Info { get; } = new(
        Id: "FC5010",
        Slug: "api-stages-set-default-throttling",
        Title: "API stages set default throttling limits",
        Section: Section.Cost,
        Severity: Severity.Note,
        Rationale: "Without stage throttling an API shares the account's regional limit (10,000 requests per second) with every " +
                   "other API: one client's flood scales the functions behind it, bills every request, and starves the other APIs.",
        Remediation: "Set ThrottlingBurstLimit and ThrottlingRateLimit for all methods (REST MethodSettings with HttpMethod '*' " +
                     "and ResourcePath '/*') or in DefaultRouteSettings (HTTP).",
        Snippet: """
            Api:
              Type: AWS::Serverless::Api
              Properties:
                StageName: prod
                MethodSettings:
                  - HttpMethod: "*"
                    ResourcePath: "/*"
                    ThrottlingBurstLimit: 100
                    ThrottlingRateLimit: 50
            """,
        Equivalents: ["serverless-rules:ES2003", "cdk-nag:Serverless-APIGWDefaultThrottling"],
        Pillar: "cost-optimization")
    {
        Fixes = new Dictionary<string, RuleFix>(StringComparer.Ordinal)
        {
            [FixWords.Terraform] = new(
                "Set throttling_burst_limit and throttling_rate_limit for every method: an aws_api_gateway_method_settings with method_path = \"*/*\" (REST), or default_route_settings on the aws_apigatewayv2_stage (HTTP, WebSocket).",
                """
                resource "aws_api_gateway_method_settings" "all" {
                  rest_api_id = aws_api_gateway_rest_api.orders.id
                  stage_name  = aws_api_gateway_stage.prod.stage_name
                  method_path = "*/*"

                  settings {
                    throttling_burst_limit = 100
                    throttling_rate_limit  = 50
                  }
                }
                """),
            [FixWords.Serverless] = new(
                "The framework sets no default throttling on the stages it creates for http and httpApi events: add it with the serverless-api-gateway-throttling plugin (apiGatewayThrottling under custom sets the stage's limits, which every endpoint inherits).",
                """
                plugins:
                  - serverless-api-gateway-throttling
                custom:
                  apiGatewayThrottling:
                    maxRequestsPerSecond: 50
                    maxConcurrentRequests: 100
                """),
        },
    };

    public IEnumerable<Finding> Evaluate(Architecture architecture)
    {
        foreach (var api in architecture.OfType<Api>())
        {
            if (api.Protocol is not (ApiProtocol.Rest or ApiProtocol.Http))
            {
                continue;
            }

            var sam = api.IsSamShorthand;
            if (!sam && api.Stages.Count == 0)
            {
                continue; // The stage is not in this template.
            }

            var throttling = api.DefaultThrottling;
            if (throttling is { IsComplete: true })
            {
                continue;
            }

            // A usage plan throttles every request that carries one of its keys: when every route requires a key, requests
            // without one are refused before they reach the backend, so the plan is the API's throttle.
            var keyed = api.ApiKeyRequired || (api.Routes.Count > 0 && api.Routes.All(r => r.ApiKeyRequired || r.Method == "OPTIONS"));
            if (api.UsagePlanThrottling is { IsComplete: true } && keyed)
            {
                continue;
            }

            var plan = api.UsagePlanThrottling is not null
                ? "; its usage plan throttles only requests that carry an API key, and not every route requires one"
                : "";

            var missing = throttling is null
                ? api.Protocol == ApiProtocol.Rest
                    ? api.Say("no MethodSettings entry for '*' '/*' with throttling limits", "no aws_api_gateway_method_settings for method_path \"*/*\" with throttling limits", "no stage throttling limits (the framework sets none)")
                    : api.Say("no DefaultRouteSettings throttling limits", "no default_route_settings throttling limits on its stage", "no stage throttling limits (the framework sets none)")
                : $"a default MethodSettings/DefaultRouteSettings entry without {(throttling.HasBurstLimit ? "" : "ThrottlingBurstLimit")}{(throttling.HasBurstLimit || throttling.HasRateLimit ? "" : " and ")}{(throttling.HasRateLimit ? "" : "ThrottlingRateLimit")}";
            var location = throttling?.Span ?? (sam ? api.Span : api.Stages[0].Span);
            yield return this.Finding(api,
                $"{api.Protocol.Name()} API {ApiNames.Describe(api)} has {missing}{plan}; one flood of requests can use up the account's regional " +
                "limit that every other API shares, and is billed.",
                location);
        }
    }
}
