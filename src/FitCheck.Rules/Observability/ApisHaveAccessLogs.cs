using FitCheck.Model;

namespace FitCheck.Rules.Observability;

/// <summary>API stages write access logs.</summary>
public sealed class ApisHaveAccessLogs : IRule
{
    public RuleInfo Info { get; } = new(
        Id: "FC3009",
        Slug: "apis-have-access-logs",
        Title: "API stages write access logs",
        Section: Section.Observability,
        Severity: Severity.Warning,
        Rationale: "Access logs are the only record of requests API Gateway rejected or answered itself (authorizer denials, throttling, " +
                   "validation errors, integration timeouts); none of them reach the function's logs.",
        Remediation: "Set AccessLogSetting (REST) or AccessLogSettings (HTTP, WebSocket) with a DestinationArn and a JSON Format, " +
                     "on the API, on Globals.Api / Globals.HttpApi, or on the stage resource.",
        Snippet: """
            Globals:
              Api:
                AccessLogSetting:
                  DestinationArn: !GetAtt ApiAccessLogs.Arn
                  Format: '{"requestId":"$context.requestId","status":"$context.status","error":"$context.error.message"}'
            """,
        Equivalents: ["serverless-rules:ES2000", "cdk-nag:Serverless-APIGWAccessLogging", "cdk-nag:AwsSolutions-APIG1", "checkov:CKV_AWS_76", "checkov:CKV_AWS_95"],
        Pillar: "operational-excellence")
    {
        Fixes = new Dictionary<string, RuleFix>(StringComparer.Ordinal)
        {
            [FixWords.Terraform] = new(
                "Add access_log_settings { destination_arn, format } with a JSON format to the aws_api_gateway_stage (REST) or aws_apigatewayv2_stage (HTTP, WebSocket).",
                """
                resource "aws_apigatewayv2_stage" "prod" {
                  api_id      = aws_apigatewayv2_api.orders.id
                  name        = "$default"
                  auto_deploy = true

                  access_log_settings {
                    destination_arn = aws_cloudwatch_log_group.api_access.arn
                    format          = jsonencode({ requestId = "$context.requestId", status = "$context.status", error = "$context.error.message" })
                  }
                }
                """),
            [FixWords.Serverless] = new(
                "Turn on access logs under provider.logs: restApi for http events, httpApi for httpApi events, websocket for websocket events.",
                """
                provider:
                  logs:
                    restApi: true
                    httpApi: true
                    websocket: true
                """),
        },
    };

    public IEnumerable<Finding> Evaluate(Architecture architecture)
    {
        foreach (var api in architecture.OfType<Api>().Where(a => a.Protocol is ApiProtocol.Rest or ApiProtocol.Http or ApiProtocol.WebSocket))
        {
            if (api.AccessLog is { Destination: not null })
            {
                continue;
            }

            yield return api.AccessLog is { } log
                ? this.Finding(api, $"{api.Protocol.Name()} API {ApiNames.Describe(api)} has access log settings without a DestinationArn: no access logs are written.", log.Span)
                : this.Finding(api, $"{api.Protocol.Name()} API {ApiNames.Describe(api)} has no access log settings: requests rejected by API Gateway leave no record.");
        }
    }
}
