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
        Pillar: "operational-excellence")
    {
        Fixes = new Dictionary<string, RuleFix>(StringComparer.Ordinal)
        {
            [FixWords.Terraform] = new(
                "Set xray_tracing_enabled = true on the aws_api_gateway_stage. HTTP APIs do not support X-Ray and are not checked.",
                """
                resource "aws_api_gateway_stage" "prod" {
                  rest_api_id          = aws_api_gateway_rest_api.orders.id
                  deployment_id        = aws_api_gateway_deployment.orders.id
                  stage_name           = "prod"
                  xray_tracing_enabled = true
                }
                """),
            [FixWords.Serverless] = new(
                "Turn tracing on for the REST API under provider.tracing.apiGateway. HTTP APIs (httpApi events) do not support X-Ray and are not checked.",
                """
                provider:
                  tracing:
                    apiGateway: true
                """),
        },
    };

    public IEnumerable<Finding> Evaluate(Architecture architecture)
    {
        foreach (var api in architecture.OfType<Api>().Where(a => a.Protocol == ApiProtocol.Rest))
        {
            if (!api.TracingEnabled.IsKnown || api.TracingEnabled.Value)
            {
                continue;
            }

            yield return this.Finding(api,
                $"{api.Word("TracingEnabled")} of REST API {ApiNames.Describe(api)} {api.TracingEnabled.Is(api)}: requests are not traced from the point they enter.",
                api.TracingEnabled.Span);
        }
    }
}
