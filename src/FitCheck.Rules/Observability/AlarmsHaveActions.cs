using FitCheck.Model;

namespace FitCheck.Rules.Observability;

/// <summary>Alarms notify someone or something when they fire.</summary>
public sealed class AlarmsHaveActions : IRule
{
    public RuleInfo Info { get; } = new(
        Id: "FC3016",
        Slug: "alarms-have-actions",
        Title: "Alarms have an action",
        Section: Section.Observability,
        Severity: Severity.Warning,
        Rationale: "An alarm without AlarmActions changes state in the console and tells nobody.",
        Remediation: "Add AlarmActions (an SNS topic that pages or notifies, or an automation). Alarms that only gate a deployment's " +
                     "rollback or feed a composite alarm need none.",
        Snippet: """
            OrdersFunctionErrors:
              Type: AWS::CloudWatch::Alarm
              Properties:
                AlarmActions:
                  - !Ref OpsTopic
            """,
        Equivalents: ["cdk-nag:HIPAA.Security-CloudWatchAlarmAction", "cdk-nag:NIST.800.53.R5-CloudWatchAlarmAction"],
        Pillar: "operational-excellence");

    public IEnumerable<Finding> Evaluate(Architecture architecture)
    {
        var rollbackAlarms = architecture.OfType<Function>()
            .SelectMany(f => f.Deployment?.Alarms ?? [])
            .Select(r => r.Target)
            .OfType<Alarm>()
            .ToHashSet();
        var inComposite = architecture.OfType<Alarm>().Where(a => a.IsComposite).SelectMany(a => a.Watches).ToHashSet();
        foreach (var alarm in architecture.OfType<Alarm>())
        {
            if (alarm.ActionCount > 0 || rollbackAlarms.Contains(alarm) || inComposite.Contains(alarm))
            {
                continue;
            }

            yield return this.Finding(alarm, $"Alarm {alarm.LogicalId} has no AlarmActions: when it fires, nobody is told.");
        }
    }
}
