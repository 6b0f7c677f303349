using FitCheck.Model;

namespace FitCheck.Rules.Observability;

/// <summary>Functions write JSON logs, through Lambda's JSON log format or a structured logger.</summary>
public sealed class FunctionsWriteStructuredLogs : IRule
{
    public RuleInfo Info { get; } = new(
        Id: "FC3008",
        Slug: "functions-write-structured-logs",
        Title: "Functions write structured (JSON) logs",
        Section: Section.Observability,
        Severity: Severity.Note,
        Rationale: "JSON log lines can be queried by field in CloudWatch Logs Insights and carry the request id for correlation; " +
                   "plain text lines have to be parsed with patterns. Lambda's JSON log format also makes log levels work.",
        Remediation: "Set LoggingConfig.LogFormat: JSON (Globals.Function works), or configure a structured logger such as Powertools for AWS Lambda (POWERTOOLS_SERVICE_NAME).",
        Snippet: """
            Globals:
              Function:
                LoggingConfig:
                  LogFormat: JSON
                  ApplicationLogLevel: INFO
            """,
        Equivalents: [],
        Pillar: "operational-excellence");

    public IEnumerable<Finding> Evaluate(Architecture architecture)
    {
        foreach (var function in architecture.OfType<Function>().Where(f => !f.IsCdkInternal()))
        {
            var format = function.LogFormat;
            if (!format.IsKnown || string.Equals(format.Value, "JSON", StringComparison.OrdinalIgnoreCase) || HasStructuredLogger(function))
            {
                continue;
            }

            yield return this.Finding(function,
                $"LogFormat of {function.LogicalId} {format.Is()} and no structured logger is configured: its logs are plain text.",
                format.Span);
        }
    }

    /// <summary>A structured logger configured through environment variables: Powertools for AWS Lambda (whose Logger always
    /// writes JSON) or a LOG_FORMAT=json switch.</summary>
    internal static bool HasStructuredLogger(Function function) =>
        function.Environment.Values.Any(v =>
            v.Name == "POWERTOOLS_SERVICE_NAME"
            || v.Name.StartsWith("POWERTOOLS_LOGGER_", StringComparison.Ordinal)
            || (v.Name == "LOG_FORMAT" && string.Equals(v.Literal, "json", StringComparison.OrdinalIgnoreCase)));
}
