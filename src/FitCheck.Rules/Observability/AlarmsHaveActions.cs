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
                     "rollback, feed a composite alarm or a health check need none.",
        Snippet: """
            OrdersFunctionErrors:
              Type: AWS::CloudWatch::Alarm
              Properties:
                AlarmActions:
                  - !Ref OpsTopic
            """,
        Equivalents: ["cdk-nag:HIPAA.Security-CloudWatchAlarmAction", "cdk-nag:NIST.800.53.R5-CloudWatchAlarmAction"],
        Pillar: "operational-excellence")
    {
        Fixes = new Dictionary<string, RuleFix>(StringComparer.Ordinal)
        {
            [FixWords.Terraform] = new(
                "Add alarm_actions (an SNS topic that pages or notifies, or an automation) to the aws_cloudwatch_metric_alarm. Alarms that only gate a deployment's rollback, feed a composite alarm or a health check need none.",
                """
                resource "aws_cloudwatch_metric_alarm" "orders_errors" {
                  # ...
                  alarm_actions = [aws_sns_topic.ops.arn]
                }
                """),
            [FixWords.Serverless] = new(
                "Add AlarmActions (an SNS topic that pages or notifies, or an automation) to the alarm under resources.Resources. Alarms that only gate a deployment's rollback, feed a composite alarm or a health check need none.",
                """
                resources:
                  Resources:
                    OrdersErrorsAlarm:
                      Type: AWS::CloudWatch::Alarm
                      Properties:
                        AlarmActions:
                          - !Ref OpsTopic
                """),
        },
    };

    public IEnumerable<Finding> Evaluate(Architecture architecture)
    {
        foreach (var alarm in architecture.OfType<Alarm>())
        {
            // Another resource reading the alarm's state (a DeploymentPreference, a composite alarm, CodeDeploy, a Route 53
            // health check) acts on it.
            if (alarm.ActionCount > 0 || alarm.UsedBy.Count > 0)
            {
                continue;
            }

            yield return this.Finding(alarm, $"Alarm {alarm.LogicalId} has no {alarm.Word("AlarmActions")}: when it fires, nobody is told.");
        }
    }
}
