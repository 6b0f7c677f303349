using FitCheck.Model;

namespace FitCheck.Rules.Observability;

/// <summary>Each function's log group is declared in the template with a retention period.</summary>
public sealed class FunctionLogGroupsHaveRetention : IFoldedRule
{
    public RuleInfo Info { get; } = new(
        Id: "FC3006",
        Slug: "function-log-groups-have-retention",
        Title: "Function log groups are declared with a retention period",
        Section: Section.Observability,
        Severity: Severity.Note,
        Rationale: "When the template does not declare it, Lambda creates /aws/lambda/<function> on first write with no retention: " +
                   "logs are kept (and billed) forever, and the group outlives the stack.",
        Remediation: "Declare an AWS::Logs::LogGroup named /aws/lambda/<function> (or the group named in LoggingConfig.LogGroup) with RetentionInDays.",
        Snippet: """
            OrdersFunctionLogs:
              Type: AWS::Logs::LogGroup
              Properties:
                LogGroupName: !Sub /aws/lambda/${OrdersFunction}
                RetentionInDays: 30
            """,
        Equivalents: ["serverless-rules:WS1004"],
        Pillar: "cost-optimization")
    {
        OncePerTemplate = true,
        Fixes = new Dictionary<string, RuleFix>(StringComparer.Ordinal)
        {
            [FixWords.Serverless] = new(
                "Set logRetentionInDays under provider (or on the function): the framework then creates each function's log group with that retention.",
                """
                provider:
                  logRetentionInDays: 30
                """),
            [FixWords.Terraform] = new(
                "Declare an aws_cloudwatch_log_group named /aws/lambda/<function name> (or the group in the function's logging_config) with retention_in_days.",
                """
                resource "aws_cloudwatch_log_group" "orders" {
                  name              = "/aws/lambda/${aws_lambda_function.orders.function_name}"
                  retention_in_days = 30
                }
                """),
        },
    };

    public string Summary(IReadOnlyList<Finding> findings) =>
        $"{findings.Count} functions write to log groups with no retention ({RuleExtensions.NameList(findings.Select(FunctionOf))}): " +
        "their logs are kept, and billed, forever; " + DialectWords.SayIn(findings[0].Resource.Template.Dialect,
            "declare each /aws/lambda/<function> log group with RetentionInDays.",
            "declare an aws_cloudwatch_log_group named /aws/lambda/<function name> with retention_in_days for each.",
            "set provider.logRetentionInDays.");

    /// <summary>The retention setting as the user writes it: serverless.yml sets the groups the framework creates for its
    /// functions (declared at the function's own line) with logRetentionInDays; a group written under resources, or in any
    /// other input, has its own retention property.</summary>
    private static string RetentionWord(Function function, LogGroup group) =>
        function.IsServerlessShorthand() && group.Span == function.Span ? "logRetentionInDays" : group.Word("RetentionInDays");

    private static string FunctionOf(Finding finding) =>
        finding.Resource is LogGroup { ForFunction: { } function } ? function.LogicalId : finding.Resource.LogicalId;

    public IEnumerable<Finding> Evaluate(Architecture architecture)
    {
        foreach (var function in architecture.OfType<Function>().Where(f => !f.IsCdkInternal()))
        {
            if (function.LoggingLogGroup is { Target: null })
            {
                // LoggingConfig.LogGroup names a group this template does not declare: it is managed elsewhere.
                continue;
            }

            var groups = LogGroupsOf(architecture, function).ToList();
            if (groups.Count == 0)
            {
                yield return this.Finding(function,
                    $"{function.LogicalId} has no log group in {function.Say("the template", "the configuration", "serverless.yml")}: Lambda creates /aws/lambda/{function.PhysicalName ?? "<function name>"} with no retention, so its logs never expire.");
                continue;
            }

            if (groups.Any(g => !g.RetentionDays.IsKnown || g.RetentionDays.Value is not null))
            {
                continue;
            }

            var group = groups[0];
            yield return this.Finding(group,
                $"Log group {group.LogicalId} of function {function.LogicalId} has no {RetentionWord(function, group)}: its logs never expire.",
                group.Span,
                function.Related($"function {function.LogicalId}"));
        }
    }

    /// <summary>The log groups a function writes to: named /aws/lambda/&lt;function&gt;, or given in LoggingConfig.LogGroup.</summary>
    internal static IEnumerable<LogGroup> LogGroupsOf(Architecture architecture, Function function) =>
        function.LoggingLogGroup?.Target is LogGroup configured
            ? [configured]
            : architecture.Derived(GroupsKey, a => a.OfType<LogGroup>().Where(g => g.ForFunction is not null)
                .ToLookup<LogGroup, Component>(g => g.ForFunction!, ReferenceEqualityComparer.Instance))[function];

    private static readonly object GroupsKey = new();
}
