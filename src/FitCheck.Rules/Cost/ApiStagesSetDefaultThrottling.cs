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
        Severity: Severity.Warning,
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
        Pillar: "cost-optimization");

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

            var missing = throttling is null
                ? api.Protocol == ApiProtocol.Rest ? "no MethodSettings entry for '*' '/*' with throttling limits" : "no DefaultRouteSettings throttling limits"
                : $"a default MethodSettings/DefaultRouteSettings entry without {(throttling.HasBurstLimit ? "" : "ThrottlingBurstLimit")}{(throttling.HasBurstLimit || throttling.HasRateLimit ? "" : " and ")}{(throttling.HasRateLimit ? "" : "ThrottlingRateLimit")}";
            var location = throttling?.Span ?? (sam ? api.Span : api.Stages[0].Span);
            var resource = api.IsImplicit && api.ImpliedBy is { } owner ? owner : api;
            yield return this.Finding(resource,
                $"{api.Protocol.Name()} API {api.LogicalId} has {missing}; it shares the account's regional limit with every other API.",
                location);
        }
    }
}
