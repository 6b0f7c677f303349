using FitCheck.Model;

namespace FitCheck.Rules.State;

/// <summary>A queue needs a dead-letter queue for the messages its consumers cannot process.</summary>
public sealed class QueuesHaveRedrivePolicy : IRule
{
    public RuleInfo Info { get; } = new(
        Id: "FC1005",
        Slug: "queues-have-redrive-policy",
        Title: "Queues move messages that keep failing to a dead-letter queue",
        Section: Section.State,
        Severity: Severity.Warning,
        Rationale: "Without a redrive policy a message that always fails (a poison message) is received again and again until " +
                   "its retention ends, costing an invocation each time, and then disappears.",
        Remediation: "Add a RedrivePolicy with a deadLetterTargetArn and a maxReceiveCount (5 or more for Lambda consumers), and alarm on the dead-letter queue. " +
                     "For a SAM SqsSubscription, declare the queue yourself with this redrive policy and pass it as QueueArn/QueueUrl.",
        Snippet: """
            Orders:
              Type: AWS::SQS::Queue
              Properties:
                RedrivePolicy:
                  deadLetterTargetArn: !GetAtt OrdersDlq.Arn
                  maxReceiveCount: 5
            OrdersDlq:
              Type: AWS::SQS::Queue
              Properties:
                MessageRetentionPeriod: 1209600
            """,
        Equivalents: ["serverless-rules:ES6000", "cdk-nag:Serverless-SQSRedrivePolicy", "cdk-nag:AwsSolutions-SQS3"],
        Pillar: "reliability")
    {
        Fixes = new Dictionary<string, RuleFix>(StringComparer.Ordinal)
        {
            [FixWords.Terraform] = new(
                "Add a redrive_policy with deadLetterTargetArn and maxReceiveCount (5 or more for Lambda consumers) to the aws_sqs_queue, and alarm on the dead-letter queue.",
                """
                resource "aws_sqs_queue" "orders" {
                  name = "orders"
                  redrive_policy = jsonencode({
                    deadLetterTargetArn = aws_sqs_queue.orders_dlq.arn
                    maxReceiveCount     = 5
                  })
                }

                resource "aws_sqs_queue" "orders_dlq" {
                  name                      = "orders-dlq"
                  message_retention_seconds = 1209600
                }
                """),
            [FixWords.Serverless] = new(
                "The framework has no shorthand for queues: give the queue under resources.Resources a RedrivePolicy with a deadLetterTargetArn and a maxReceiveCount (5 or more for Lambda consumers), and alarm on the dead-letter queue.",
                """
                resources:
                  Resources:
                    OrdersQueue:
                      Type: AWS::SQS::Queue
                      Properties:
                        RedrivePolicy:
                          deadLetterTargetArn: !GetAtt OrdersDlq.Arn
                          maxReceiveCount: 5
                    OrdersDlq:
                      Type: AWS::SQS::Queue
                      Properties:
                        MessageRetentionPeriod: 1209600
                """),
        },
    };

    public IEnumerable<Finding> Evaluate(Architecture architecture)
    {
        foreach (var queue in architecture.OfType<Queue>())
        {
            if (queue.Redrive is not null || queue.IsDeadLetterQueue)
            {
                continue;
            }

            var consumers = architecture.FlowsFrom(queue).Where(f => f.Kind == FlowKind.Triggers).Select(f => f.To.LogicalId).Distinct().ToList();

            // A queue nothing here consumes and whose name says it is a dead-letter queue is one the code sends failures to.
            if (consumers.Count == 0 && (NamedAsDeadLetter(queue.LogicalId) || NamedAsDeadLetter(queue.PhysicalName)))
            {
                continue;
            }

            var consumed = consumers.Count == 0 ? "" : $" (consumed by {string.Join(", ", consumers)})";
            var fix = queue.IsImplicit
                ? $"; SAM creates it for {queue.ImpliedBy!.LogicalId} and gives it none: declare the queue with a redrive policy and pass its QueueArn"
                : "";
            var receives = consumers.Count > 0 && queue.VisibilityTimeoutSeconds is { IsKnown: true, Value: > 0 } v && queue.MessageRetentionSeconds.IsKnown
                ? $" (every {v.Value} s, about {queue.MessageRetentionSeconds.Value / v.Value:#,##0} receives)"
                : "";
            // A FIFO queue hands out a group's next message only once the one before it is deleted: the poison message
            // holds back its whole message group, not just itself. Same root cause, so the same finding says it.
            var blocks = queue.IsFifo
                ? " Being FIFO, it also holds back every later message of the same message group until then"
                : "";
            var kind = queue.IsFifo ? "FIFO queue " : "";
            yield return this.Finding(queue,
                $"{kind}{queue.LogicalId}{consumed} has no redrive policy: a message that keeps failing is retried until its retention ends{receives}, then lost{fix}.{blocks}{(blocks.Length > 0 ? "." : "")}",
                queue.Span);
        }
    }

    private static bool NamedAsDeadLetter(string? name) =>
        name is not null && (name.Contains("dlq", StringComparison.OrdinalIgnoreCase)
            || name.Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal).Contains("deadletter", StringComparison.OrdinalIgnoreCase));
}
