using FitCheck.Analysis.Design;
using FitCheck.Model;

namespace FitCheck.Rules.Observability;

/// <summary>Every dead-letter queue and failure-destination queue has an alarm.</summary>
public sealed class DeadLetterQueuesHaveAlarms : IRule
{
    // The fix in SAM and CloudFormation words; serverless.yml declares the same resources under resources.Resources.
    private const string CloudFormationSnippet = """
        OrdersDlqAlarm:
          Type: AWS::CloudWatch::Alarm
          Properties:
            Namespace: AWS/SQS
            MetricName: ApproximateNumberOfMessagesVisible
            Dimensions:
              - Name: QueueName
                Value: !GetAtt OrdersDlq.QueueName
            Statistic: Maximum
            Period: 60
            EvaluationPeriods: 1
            Threshold: 0
            ComparisonOperator: GreaterThanThreshold
            AlarmActions: [!Ref OpsTopic]
        """;

    public RuleInfo Info { get; } = new(
        Id: "FC3011",
        Slug: "dead-letter-queues-have-alarms",
        Title: "Dead-letter queues and failure destinations have an alarm",
        Section: Section.Observability,
        Severity: Severity.Warning,
        Rationale: "A message in a dead-letter queue or failure destination is work that failed for good. Without an alarm it sits there " +
                   "unnoticed until the queue's retention period deletes it.",
        Remediation: "Add an AWS::CloudWatch::Alarm on ApproximateNumberOfMessagesVisible > 0 for the queue, with an alarm action.",
        Snippet: CloudFormationSnippet,
        Equivalents: [],
        Pillar: "reliability")
    {
        Fixes = new Dictionary<string, RuleFix>(StringComparer.Ordinal)
        {
            [FixWords.Terraform] = new(
                "Add an aws_cloudwatch_metric_alarm on ApproximateNumberOfMessagesVisible > 0 for the queue, with alarm_actions.",
                """
                resource "aws_cloudwatch_metric_alarm" "orders_dlq" {
                  alarm_name          = "orders-dlq"
                  namespace           = "AWS/SQS"
                  metric_name         = "ApproximateNumberOfMessagesVisible"
                  dimensions          = { QueueName = aws_sqs_queue.orders_dlq.name }
                  statistic           = "Maximum"
                  period              = 60
                  evaluation_periods  = 1
                  threshold           = 0
                  comparison_operator = "GreaterThanThreshold"
                  alarm_actions       = [aws_sns_topic.ops.arn]
                }
                """),
            [FixWords.Serverless] = RuleFix.UnderServerlessResources(
                "Add an AWS::CloudWatch::Alarm on ApproximateNumberOfMessagesVisible > 0 for the queue under resources.Resources, with an alarm action.",
                CloudFormationSnippet),
        },
    };

    public IEnumerable<Finding> Evaluate(Architecture architecture)
    {
        foreach (var queue in architecture.OfType<Queue>().Where(q => q.IsDeadLetterQueue))
        {
            if (Alarms.AnyWatching(architecture, queue))
            {
                continue;
            }

            var sources = queue.DeadLetterFor.Count == 0 ? "" : " for " + string.Join(", ", queue.DeadLetterFor.Select(c => c.LogicalId).Distinct());
            yield return this.Finding(queue,
                $"Dead-letter queue {queue.LogicalId}{sources} has no alarm: failed messages pile up unnoticed until they expire.",
                queue.Span,
                [.. queue.DeadLetterFor.Distinct().Select(c => c.Related($"sends its failures to {queue.LogicalId}"))]);
        }
    }
}
