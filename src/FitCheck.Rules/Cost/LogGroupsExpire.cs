using FitCheck.Model;

namespace FitCheck.Rules.Cost;

/// <summary>Declared log groups set a retention period.</summary>
public sealed class LogGroupsExpire : IRule
{
    public RuleInfo Info { get; } = new(
        Id: "FC5004",
        Slug: "log-groups-expire",
        Title: "Log groups set a retention period",
        Section: Section.Cost,
        Severity: Severity.Warning,
        Rationale: "A log group without RetentionInDays keeps every event forever, and storage is billed every month for as long " +
                   "as the account exists.",
        Remediation: "Set RetentionInDays to what you need for debugging and compliance (for example 30), and export what must be " +
                     "kept longer to S3.",
        Snippet: """
            WorkerLogs:
              Type: AWS::Logs::LogGroup
              Properties:
                LogGroupName: !Sub /aws/lambda/${Worker}
                RetentionInDays: 30
            """,
        Equivalents: ["checkov:CKV_AWS_66", "cdk-nag:Serverless-CloudWatchLogGroupRetentionPeriod"],
        Pillar: "cost-optimization");

    public IEnumerable<Finding> Evaluate(Architecture architecture)
    {
        foreach (var group in architecture.OfType<LogGroup>())
        {
            if (group.IsImplicit || group.RetentionDays.Value is not null || group.RetentionDays.Origin != SettingOrigin.ServiceDefault)
            {
                continue;
            }

            yield return this.Finding(group,
                $"log group {group.LogicalId}{(group.LogGroupName is { } name && !name.StartsWith('!') ? $" ({name})" : "")} has no RetentionInDays; its events never expire.",
                group.RetentionDays.Span);
        }
    }
}
