using FitCheck.Model;

namespace FitCheck.Rules.Pattern;

/// <summary>Functions behind an API finish before the API gives up on them.</summary>
public sealed class ApiFunctionsFinishWithinTheIntegrationTimeout : IRule
{
    public RuleInfo Info { get; } = new(
        Id: "FC4002",
        Slug: "api-functions-finish-within-the-integration-timeout",
        Title: "Functions behind an API have a timeout within the integration timeout",
        Section: Section.Pattern,
        Severity: Severity.Warning,
        Rationale: "API Gateway stops waiting after the integration timeout (29 s for REST, 30 s for HTTP APIs by default) and " +
                   "returns 504, but the function keeps running and is billed until its own timeout. Work that may take longer " +
                   "does not belong in a synchronous request.",
        Remediation: "Set the function timeout below the integration timeout; for longer work, accept the request, hand the work " +
                     "to a queue or a state machine, and let the client poll or be notified.",
        Snippet: """
            Timeout: 25
            Events:
              Create:
                Type: Api
                Properties:
                  Path: /reports
                  Method: post
            """,
        Equivalents: [],
        Pillar: "reliability")
    {
        Fixes = new Dictionary<string, RuleFix>(StringComparer.Ordinal)
        {
            [FixWords.Terraform] = new(
                "Set the aws_lambda_function's timeout below the integration timeout; for longer work, accept the request, hand the work to a queue or a state machine, and let the client poll or be notified.",
                """
                resource "aws_lambda_function" "reports" {
                  # ...
                  timeout = 25 # below API Gateway's 29 s (REST) or 30 s (HTTP)
                }
                """),
            [FixWords.Serverless] = new(
                "Set the function's timeout below the integration timeout; for longer work, accept the request, hand the work to a queue or a state machine, and let the client poll or be notified.",
                """
                functions:
                  createReport:
                    handler: reports.create
                    timeout: 25 # below API Gateway's 29 s (REST) or 30 s (HTTP)
                    events:
                      - httpApi:
                          method: POST
                          path: /reports
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

            var defaultMs = api.Protocol == ApiProtocol.Rest ? AwsDefaults.RestIntegrationTimeoutMs : AwsDefaults.HttpIntegrationTimeoutMs;
            // An integration that invokes with X-Amz-Invocation-Type 'Event' returns at once: the function's run is not bounded by it.
            foreach (var group in api.Routes.Where(r => r.Target is Function && !r.InvokesAsynchronously).GroupBy(r => (Function)r.Target!))
            {
                var function = group.Key;
                if (!function.TimeoutSeconds.IsKnown)
                {
                    continue;
                }

                // The route with the shortest integration timeout is the one that cuts the function off first.
                var routes = group.Where(r => r.IntegrationTimeoutMs is null || r.IntegrationTimeoutMs.IsKnown)
                    .Select(r => (Route: r, Ms: r.IntegrationTimeoutMs?.Value ?? defaultMs)).OrderBy(r => r.Ms).ToList();
                if (routes.Count == 0 || function.TimeoutSeconds.Value * 1000 <= routes[0].Ms)
                {
                    continue;
                }

                var (route, ms) = routes[0];
                var limit = route.IntegrationTimeoutMs is null ? $"{ms / 1000} s (the {api.Protocol.Name()} default)" : $"{ms} ms";
                yield return this.Finding(function,
                    $"{function.LogicalId}'s timeout {function.TimeoutSeconds.WithUnit("s", function)} exceeds the integration timeout of " +
                    $"{route.Method} {route.Path} on {api.LogicalId}, {limit}: the caller gets a 504 while the function runs on, billed.",
                    function.TimeoutSeconds.Span,
                    new RelatedLocation(route.Span, $"{route.Method} {route.Path}"));
            }
        }
    }
}
