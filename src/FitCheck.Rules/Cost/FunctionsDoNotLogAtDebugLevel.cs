using FitCheck.Model;

namespace FitCheck.Rules.Cost;

/// <summary>Deployed functions log at INFO or above.</summary>
public sealed class FunctionsDoNotLogAtDebugLevel : IRule
{
    public RuleInfo Info { get; } = new(
        Id: "FC5005",
        Slug: "functions-do-not-log-at-debug-level",
        Title: "Functions do not log at DEBUG or TRACE level",
        Section: Section.Cost,
        Severity: Severity.Note,
        Rationale: "CloudWatch Logs bills every ingested byte. DEBUG and TRACE logging multiplies the volume, and often writes " +
                   "payloads that should not be kept.",
        Remediation: "Log at INFO or WARN by default and raise the level per environment through a parameter when debugging.",
        Snippet: """
            LoggingConfig:
              LogFormat: JSON
              ApplicationLogLevel: INFO
            """,
        Equivalents: [],
        Pillar: "cost-optimization")
    {
        Fixes = new Dictionary<string, RuleFix>(StringComparer.Ordinal)
        {
            [FixWords.Terraform] = new(
                "Log at INFO or WARN by default (logging_config.application_log_level, or the LOG_LEVEL variable in environment.variables) and raise the level per environment through a variable when debugging.",
                """
                resource "aws_lambda_function" "orders" {
                  # ...
                  logging_config {
                    log_format            = "JSON"
                    application_log_level = var.log_level # "INFO" unless debugging
                  }
                }
                """),
            [FixWords.Serverless] = new(
                "Log at INFO or WARN by default and raise the level per stage through a parameter when debugging.",
                """
                provider:
                  environment:
                    LOG_LEVEL: ${param:logLevel, 'INFO'}
                """),
        },
    };

    private static readonly string[] LevelVariables = ["LOG_LEVEL", "POWERTOOLS_LOG_LEVEL", "AWS_LAMBDA_LOG_LEVEL", "LOGLEVEL"];

    public IEnumerable<Finding> Evaluate(Architecture architecture)
    {
        foreach (var function in architecture.OfType<Function>())
        {
            if (function.ApplicationLogLevel is { IsKnown: true, Value: { } level } setting && IsVerbose(level))
            {
                yield return this.Finding(function,
                    $"{function.LogicalId} logs at {setting.Word(function, "ApplicationLogLevel")} {setting.Describe(function)}; every debug line is ingested and billed.",
                    setting.Span);
            }

            foreach (var variable in function.Environment.Values)
            {
                if (LevelVariables.Contains(variable.Name, StringComparer.OrdinalIgnoreCase)
                    && variable.Source is VariableSource.Literal or VariableSource.Parameter && variable.Literal is { } value && IsVerbose(value))
                {
                    var origin = variable.Source == VariableSource.Parameter ? " (parameter default)" : "";
                    yield return this.Finding(function,
                        $"{function.LogicalId} sets {variable.Name} to {value}{origin}; every debug line is ingested and billed.",
                        variable.Span);
                }
            }
        }
    }

    private static bool IsVerbose(string level) =>
        level.Trim().Equals("DEBUG", StringComparison.OrdinalIgnoreCase) || level.Trim().Equals("TRACE", StringComparison.OrdinalIgnoreCase);
}
