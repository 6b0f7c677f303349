using FitCheck.Model;

namespace FitCheck.Rules.State;

/// <summary>A standard queue's dead-letter queue must keep messages longer than the source does.</summary>
public sealed class DeadLetterQueuesOutliveSource : IRule
{
    public RuleInfo Info { get; } = new(
        Id: "FC1010",
        Slug: "dead-letter-queues-outlive-source",
        Title: "Dead-letter queues retain messages longer than their source queue",
        Section: Section.State,
        Severity: Severity.Warning,
        Rationale: "A message moved from a standard queue to its dead-letter queue keeps its original enqueue time, so it " +
                   "expires from the dead-letter queue after the DLQ's retention minus the time it already spent in the " +
                   "source. With equal retention (4 days each by default) a message that failed for 3 days has 1 day left to be looked at.",
        Remediation: "Give the dead-letter queue a longer MessageRetentionPeriod than its source, usually the maximum of 14 days (1209600 s).",
        Snippet: """
            OrdersDlq:
              Type: AWS::SQS::Queue
              Properties:
                MessageRetentionPeriod: 1209600   # 14 days, longer than the source queue
            """,
        Equivalents: [],
        Pillar: "reliability")
    {
        Fixes = new Dictionary<string, RuleFix>(StringComparer.Ordinal)
        {
            [FixWords.Terraform] = new(
                "Give the dead-letter aws_sqs_queue a longer message_retention_seconds than its source, usually the maximum of 14 days (1209600).",
                """
                resource "aws_sqs_queue" "orders_dlq" {
                  name                      = "orders-dlq"
                  message_retention_seconds = 1209600 # 14 days, longer than the source queue
                }
                """),
            [FixWords.Serverless] = new(
                "Give the dead-letter queue under resources.Resources a longer MessageRetentionPeriod than its source, usually the maximum of 14 days (1209600 s).",
                """
                resources:
                  Resources:
                    OrdersDlq:
                      Type: AWS::SQS::Queue
                      Properties:
                        MessageRetentionPeriod: 1209600 # 14 days, longer than the source queue
                """),
        },
    };

    public IEnumerable<Finding> Evaluate(Architecture architecture)
    {
        foreach (var source in architecture.OfType<Queue>())
        {
            // FIFO queues reset the enqueue time when a message moves to the dead-letter queue.
            if (source.IsFifo || source.Redrive?.DeadLetterTarget.Target is not Queue dlq || ReferenceEquals(dlq, source))
            {
                continue;
            }

            var dlqRetention = dlq.MessageRetentionSeconds;
            var sourceRetention = source.MessageRetentionSeconds;
            if (!dlqRetention.IsKnown || !sourceRetention.IsKnown || dlqRetention.Value > sourceRetention.Value)
            {
                continue;
            }

            yield return this.Finding(dlq,
                $"{dlq.LogicalId} keeps messages for {Describe(dlqRetention)}, no longer than its source {source.LogicalId} " +
                $"({Describe(sourceRetention)}); a moved message keeps its enqueue time and may expire soon after it arrives.",
                dlqRetention.Span,
                new RelatedLocation(source.Redrive.Span, $"{source.LogicalId} RedrivePolicy"));
        }
    }

    private static string Describe(Setting<int> retention) =>
        retention.Origin == SettingOrigin.ServiceDefault ? Consumers.Seconds(retention.Value) + ", the default" : Consumers.Seconds(retention.Value);
}
