using FitCheck.Analysis.Design;
using FitCheck.Model;

namespace FitCheck.Rules.Observability;

/// <summary>Queues that functions consume alarm on the age of their oldest message.</summary>
public sealed class ConsumedQueuesHaveBacklogAlarms : IRule
{
    // The fix in SAM and CloudFormation words; serverless.yml declares the same resources under resources.Resources.
    private const string CloudFormationSnippet = """
        OrdersQueueAge:
          Type: AWS::CloudWatch::Alarm
          Properties:
            Namespace: AWS/SQS
            MetricName: ApproximateAgeOfOldestMessage
            Dimensions:
              - Name: QueueName
                Value: !GetAtt OrdersQueue.QueueName
            Statistic: Maximum
            Period: 300
            EvaluationPeriods: 1
            Threshold: 900
            ComparisonOperator: GreaterThanThreshold
            AlarmActions: [!Ref OpsTopic]
        """;

    public RuleInfo Info { get; } = new(
        Id: "FC3014",
        Slug: "consumed-queues-have-backlog-alarms",
        Title: "Queues consumed by functions have a backlog alarm",
        Section: Section.Observability,
        Severity: Severity.Note,
        Rationale: "When a consumer fails, is throttled or is disabled, messages wait in the queue and the function's own metrics stay quiet. " +
                   "ApproximateAgeOfOldestMessage shows the backlog before messages reach the retention period and are deleted.",
        Remediation: "Add an alarm on the queue's ApproximateAgeOfOldestMessage (AWS/SQS, Maximum) with a threshold that fits the latency you promise.",
        Snippet: CloudFormationSnippet,
        Equivalents: [],
        Pillar: "reliability")
    {
        Fixes = new Dictionary<string, RuleFix>(StringComparer.Ordinal)
        {
            [FixWords.Terraform] = new(
                "Add an aws_cloudwatch_metric_alarm on the queue's ApproximateAgeOfOldestMessage (AWS/SQS, Maximum) with a threshold that fits the latency you promise.",
                """
                resource "aws_cloudwatch_metric_alarm" "orders_queue_age" {
                  alarm_name          = "orders-queue-age"
                  namespace           = "AWS/SQS"
                  metric_name         = "ApproximateAgeOfOldestMessage"
                  dimensions          = { QueueName = aws_sqs_queue.orders.name }
                  statistic           = "Maximum"
                  period              = 300
                  evaluation_periods  = 1
                  threshold           = 900
                  comparison_operator = "GreaterThanThreshold"
                  alarm_actions       = [aws_sns_topic.ops.arn]
                }
                """),
            [FixWords.Serverless] = RuleFix.UnderServerlessResources(
                "Add an AWS::CloudWatch::Alarm on the queue's ApproximateAgeOfOldestMessage (AWS/SQS, Maximum) under resources.Resources, with a threshold that fits the latency you promise.",
                CloudFormationSnippet),
        },
    };

    public IEnumerable<Finding> Evaluate(Architecture architecture)
    {
        var reported = new HashSet<Queue>();
        foreach (var function in architecture.OfType<Function>())
        {
            foreach (var source in function.Events.Where(e => e.Delivery.Mode == DeliveryMode.QueuePolling))
            {
                if (source.Source is not Queue queue || queue.IsDeadLetterQueue || reported.Contains(queue)
                    || Alarms.AnyWatching(architecture, queue, IsBacklogMetric))
                {
                    continue;
                }

                reported.Add(queue);
                yield return this.Finding(queue,
                    $"Queue {queue.LogicalId} is consumed by {function.LogicalId} but no alarm watches its backlog (ApproximateAgeOfOldestMessage): a stalled consumer goes unnoticed.",
                    queue.Span,
                    new RelatedLocation(source.Span, $"consumed by {function.LogicalId}"));
            }
        }
    }

    private static bool IsBacklogMetric(string metric) =>
        metric is "ApproximateAgeOfOldestMessage" or "ApproximateNumberOfMessagesVisible";
}
