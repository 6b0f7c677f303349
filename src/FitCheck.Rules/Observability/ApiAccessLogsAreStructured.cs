using FitCheck.Model;

namespace FitCheck.Rules.Observability;

/// <summary>Access logs are JSON and carry the request id.</summary>
public sealed class ApiAccessLogsAreStructured : IRule
{
    public RuleInfo Info { get; } = new(
        Id: "FC3010",
        Slug: "api-access-logs-are-structured",
        Title: "API access logs are JSON and carry the request id",
        Section: Section.Observability,
        Severity: Severity.Note,
        Rationale: "JSON access logs can be queried by field, and $context.requestId is what ties an access log line to the " +
                   "function's logs and traces for the same request.",
        Remediation: "Write the access log Format as a JSON object that includes \"requestId\": \"$context.requestId\".",
        Snippet: """
            AccessLogSetting:
              DestinationArn: !GetAtt ApiAccessLogs.Arn
              Format: '{"requestId":"$context.requestId","ip":"$context.identity.sourceIp","status":"$context.status","latency":"$context.responseLatency"}'
            """,
        Equivalents: ["serverless-rules:WS2001", "cdk-nag:Serverless-APIGWStructuredLogging"],
        Pillar: "operational-excellence")
    {
        Fixes = new Dictionary<string, RuleFix>(StringComparer.Ordinal)
        {
            [FixWords.Terraform] = new(
                "Write the format of access_log_settings as JSON that includes requestId = \"$context.requestId\" (jsonencode keeps it valid).",
                """
                  access_log_settings {
                    destination_arn = aws_cloudwatch_log_group.api_access.arn
                    format = jsonencode({
                      requestId = "$context.requestId"
                      ip        = "$context.identity.sourceIp"
                      status    = "$context.status"
                      latency   = "$context.responseLatency"
                    })
                  }
                """),
            [FixWords.Serverless] = new(
                "Write the access log format under provider.logs (restApi.format, httpApi.format) as a JSON object that includes \"requestId\": \"$context.requestId\".",
                """
                provider:
                  logs:
                    httpApi:
                      format: '{"requestId":"$context.requestId","ip":"$context.identity.sourceIp","status":"$context.status","latency":"$context.responseLatency"}'
                """),
        },
    };

    public IEnumerable<Finding> Evaluate(Architecture architecture)
    {
        foreach (var api in architecture.OfType<Api>())
        {
            if (api.AccessLog is not { Format: not null } log)
            {
                continue;
            }

            if (!log.IsJson)
            {
                yield return this.Finding(api, $"Access log format of {api.LogicalId} is not JSON: log lines cannot be queried by field.", log.Span);
            }
            else if (!log.CarriesRequestId)
            {
                yield return this.Finding(api, $"Access log format of {api.LogicalId} does not include $context.requestId: access log lines cannot be matched to the function's logs.", log.Span);
            }
        }
    }
}
