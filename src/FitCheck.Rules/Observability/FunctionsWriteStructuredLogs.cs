using FitCheck.Model;

namespace FitCheck.Rules.Observability;

/// <summary>Functions write JSON logs, through Lambda's JSON log format or a structured logger.</summary>
public sealed class FunctionsWriteStructuredLogs : IRule
{
    public RuleInfo Info { get; } = new(
        Id: "FC3008",
        Slug: "functions-write-structured-logs",
        Title: "Functions that set a log level write structured (JSON) logs",
        Section: Section.Observability,
        Severity: Severity.Warning,
        Rationale: "Lambda's log-level filtering (ApplicationLogLevel, SystemLogLevel) works only with the JSON log format: with Text " +
                   "logs the level the template sets does not apply, so DEBUG lines keep flowing (and being billed) and the setting misleads " +
                   "its readers. Plain text logs with no level set are a choice, not a finding.",
        Remediation: "Set LoggingConfig.LogFormat: JSON (Globals.Function works), or configure a structured logger such as Powertools for AWS Lambda (POWERTOOLS_SERVICE_NAME).",
        Snippet: """
            Globals:
              Function:
                LoggingConfig:
                  LogFormat: JSON
                  ApplicationLogLevel: INFO
            """,
        Equivalents: [],
        Pillar: "operational-excellence")
    {
        Fixes = new Dictionary<string, RuleFix>(StringComparer.Ordinal)
        {
            [FixWords.Terraform] = new(
                "Add logging_config { log_format = \"JSON\" } to the aws_lambda_function, or configure a structured logger such as Powertools for AWS Lambda (POWERTOOLS_SERVICE_NAME).",
                """
                resource "aws_lambda_function" "orders" {
                  # ...
                  logging_config {
                    log_format            = "JSON"
                    application_log_level = "INFO"
                  }
                }
                """),
            [FixWords.Serverless] = new(
                "Configure a structured logger such as Powertools for AWS Lambda (POWERTOOLS_SERVICE_NAME in provider.environment), or set the function's log format to JSON.",
                """
                provider:
                  environment:
                    POWERTOOLS_SERVICE_NAME: orders
                    POWERTOOLS_LOG_LEVEL: INFO
                """),
        },
    };

    public IEnumerable<Finding> Evaluate(Architecture architecture)
    {
        foreach (var function in architecture.OfType<Function>().Where(f => !f.IsCdkInternal()))
        {
            // Plain text logs alone are a preference, not a problem worth a finding. The problem is a log level set while the
            // format is text: Lambda applies ApplicationLogLevel and SystemLogLevel only to JSON logs.
            var format = function.LogFormat;
            if (!format.IsKnown || string.Equals(format.Value, "JSON", StringComparison.OrdinalIgnoreCase) || HasStructuredLogger(function))
            {
                continue;
            }

            var level = new[] { ("ApplicationLogLevel", function.ApplicationLogLevel), ("SystemLogLevel", function.SystemLogLevel) }
                .FirstOrDefault(l => l.Item2 is { IsKnown: true, IsConfigured: true, Value: not null });
            if (level.Item2 is not { } setting)
            {
                continue;
            }

            yield return this.Finding(function,
                $"{function.LogicalId} sets {level.Item1} {setting.Describe()} but its LogFormat {format.Is()}: Lambda filters by log level " +
                "only for JSON logs, so the level does not apply; set LogFormat: JSON.",
                setting.Span,
                new RelatedLocation(format.Span, "LogFormat"));
        }
    }

    /// <summary>A structured logger configured through the function: Powertools for AWS Lambda (its layer, or any POWERTOOLS_
    /// variable: its Logger writes JSON) or a LOG_FORMAT=json switch.</summary>
    internal static bool HasStructuredLogger(Function function) =>
        function.Layers.Any(l => l.Text.Contains("powertools", StringComparison.OrdinalIgnoreCase) || (l.Target?.LogicalId.Contains("powertools", StringComparison.OrdinalIgnoreCase) ?? false))
        || function.Environment.Values.Any(v =>
            v.Name.StartsWith("POWERTOOLS_", StringComparison.Ordinal)
            || (v.Name == "LOG_FORMAT" && string.Equals(v.Literal, "json", StringComparison.OrdinalIgnoreCase)));
}
