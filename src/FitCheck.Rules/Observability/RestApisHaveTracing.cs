using FitCheck.Model;

namespace FitCheck.Rules.Observability;

/// <summary>REST API stages trace requests with X-Ray.</summary>
public sealed class RestApisHaveTracing : IRule
{
    public RuleInfo Info { get; } = new(
        Id: "FC3002",
        Slug: "rest-apis-have-tracing",
        Title: "REST API stages have X-Ray tracing enabled",
        Section: Section.Observability,
        Severity: Severity.Warning,
        Rationale: "A REST API is where a request enters the system. With tracing on the stage, the trace starts there and " +
                   "shows API Gateway latency, integration latency and the function call as one timeline.",
        Remediation: "Set TracingEnabled: true on the AWS::Serverless::Api (or Globals.Api) or on the AWS::ApiGateway::Stage. " +
                     "HTTP APIs do not support X-Ray and are not checked.",
        Snippet: """
            Globals:
              Api:
                TracingEnabled: true
            """,
        Equivalents: ["serverless-rules:WS2002", "cdk-nag:Serverless-APIGWXrayEnabled", "checkov:CKV_AWS_73"],
        Pillar: "operational-excellence");

    public IEnumerable<Finding> Evaluate(Architecture architecture)
    {
        foreach (var api in architecture.OfType<Api>().Where(a => a.Protocol == ApiProtocol.Rest))
        {
            if (!api.TracingEnabled.IsKnown || api.TracingEnabled.Value)
            {
                continue;
            }

            var implicitNote = api.IsImplicit ? $" (the API SAM creates for {api.ImpliedBy!.LogicalId}; set TracingEnabled in Globals.Api)" : "";
            yield return this.Finding(api,
                $"TracingEnabled of REST API {api.LogicalId}{implicitNote} {api.TracingEnabled.Is()}: requests are not traced from the point they enter.",
                api.TracingEnabled.Span);
        }
    }
}
