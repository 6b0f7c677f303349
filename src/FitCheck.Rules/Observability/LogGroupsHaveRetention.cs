using FitCheck.Model;

namespace FitCheck.Rules.Observability;

/// <summary>Declared log groups (other than function log groups, which FC3006 covers) set a retention period.</summary>
public sealed class LogGroupsHaveRetention : IFoldedRule
{
    public RuleInfo Info { get; } = new(
        Id: "FC3007",
        Slug: "log-groups-have-retention",
        Title: "Log groups have a retention period",
        Section: Section.Observability,
        Severity: Severity.Note,
        Rationale: "A CloudWatch Logs group without RetentionInDays keeps every log event forever: storage grows and is billed without limit.",
        Remediation: "Set RetentionInDays on the AWS::Logs::LogGroup (for example 30, or what your audit policy requires).",
        Snippet: """
            WorkflowLogs:
              Type: AWS::Logs::LogGroup
              Properties:
                RetentionInDays: 30
            """,
        Equivalents: ["cdk-nag:Serverless-CloudWatchLogGroupRetentionPeriod", "checkov:CKV_AWS_66"],
        Pillar: "cost-optimization")
    {
        OncePerTemplate = true,
        Fixes = new Dictionary<string, RuleFix>(StringComparer.Ordinal)
        {
            [FixWords.Terraform] = new(
                "Set retention_in_days on the aws_cloudwatch_log_group (for example 30, or what your audit policy requires).",
                """
                resource "aws_cloudwatch_log_group" "workflow" {
                  name              = "/aws/vendedlogs/states/orders"
                  retention_in_days = 30
                }
                """),
            [FixWords.Serverless] = new(
                "Set RetentionInDays on the log group under resources.Resources; the groups the framework creates for functions and APIs take provider.logRetentionInDays.",
                """
                provider:
                  logRetentionInDays: 30
                resources:
                  Resources:
                    WorkflowLogs:
                      Type: AWS::Logs::LogGroup
                      Properties:
                        RetentionInDays: 30
                """),
        },
    };

    public string Summary(IReadOnlyList<Finding> findings) =>
        $"{findings.Count} log groups have no {findings[0].Resource.Word("RetentionInDays")} ({RuleExtensions.NameList(findings.Select(f => f.Resource.LogicalId))}): their logs never expire.";

    public IEnumerable<Finding> Evaluate(Architecture architecture)
    {
        var functionGroups = architecture.OfType<Function>()
            .SelectMany(f => FunctionLogGroupsHaveRetention.LogGroupsOf(architecture, f))
            .ToHashSet();
        foreach (var group in architecture.OfType<LogGroup>())
        {
            if (functionGroups.Contains(group) || !group.RetentionDays.IsKnown || group.RetentionDays.Value is not null)
            {
                continue;
            }

            yield return this.Finding(group,
                $"Log group {group.LogicalId}{(group.LogGroupName is { } name && !name.StartsWith('!') ? $" ({name})" : "")} has no {group.Word("RetentionInDays")}: its logs never expire.");
        }
    }
}
