using FitCheck.Model;

namespace FitCheck.Rules.State;

/// <summary>A queue must hide a message long enough for its consumer to finish, retries and batching included.</summary>
public sealed class QueueVisibilityTimeoutCoversConsumer : IRule
{
    public RuleInfo Info { get; } = new(
        Id: "FC1009",
        Slug: "queue-visibility-timeout-covers-consumer",
        Title: "Queue visibility timeout is at least six times the consumer's timeout plus its batching window",
        Section: Section.State,
        Severity: Severity.Warning,
        Rationale: "AWS recommends a source queue visibility timeout of at least six times the function timeout, plus " +
                   "MaximumBatchingWindowInSeconds, so a batch is not handed to a second consumer while Lambda is still " +
                   "retrying a throttled or slow invocation. Shorter, messages are processed twice and reach the " +
                   "dead-letter queue early; below the function timeout itself, creating the mapping fails.",
        Remediation: "Raise the queue's VisibilityTimeout to at least 6 × function Timeout + MaximumBatchingWindowInSeconds, or lower the function Timeout.",
        Snippet: """
            Orders:
              Type: AWS::SQS::Queue
              Properties:
                VisibilityTimeout: 180   # function Timeout 30 s × 6
            """,
        Equivalents: ["cdk-nag:LambdaEventSourceSQSVisibilityTimeout", "cfn-lint:E3505"],
        Pillar: "reliability")
    {
        Fixes = new Dictionary<string, RuleFix>(StringComparer.Ordinal)
        {
            [FixWords.Terraform] = new(
                "Raise visibility_timeout_seconds on the aws_sqs_queue to at least 6 × the function's timeout + maximum_batching_window_in_seconds, or lower the function's timeout.",
                """
                resource "aws_sqs_queue" "orders" {
                  name                       = "orders"
                  visibility_timeout_seconds = 180 # function timeout 30 s × 6
                }
                """),
            [FixWords.Serverless] = new(
                "Raise VisibilityTimeout of the queue under resources.Resources to at least 6 × the function's timeout + maximumBatchingWindow, or lower the function's timeout.",
                """
                resources:
                  Resources:
                    OrdersQueue:
                      Type: AWS::SQS::Queue
                      Properties:
                        VisibilityTimeout: 180 # function timeout 30 s × 6
                """),
        },
    };

    public IEnumerable<Finding> Evaluate(Architecture architecture)
    {
        foreach (var site in Consumers.Mappings(architecture))
        {
            if (site.Delivery.Kind != EventSourceKind.Sqs || site.Source is not Queue queue || site.Function is not { } function)
            {
                continue;
            }

            var visibility = queue.VisibilityTimeoutSeconds;
            var timeout = function.TimeoutSeconds;
            var window = site.Settings.MaximumBatchingWindowSeconds;
            if (!visibility.IsKnown || !timeout.IsKnown || !window.IsKnown)
            {
                continue;
            }

            var needed = (6 * timeout.Value) + window.Value;
            if (visibility.Value >= needed)
            {
                continue;
            }

            var windowText = window.Value > 0 ? $" + batching window {window.Value} s" : "";
            var hard = visibility.Value < timeout.Value ? " It is even below the function timeout, so creating the mapping fails." : "";
            yield return this.Finding(queue,
                $"{queue.LogicalId} has {queue.Word("VisibilityTimeout")} {Consumers.Show(visibility, queue)} but its consumer {function.LogicalId} has {function.Word("Timeout")} " +
                $"{Consumers.Show(timeout, function)}; AWS recommends at least {needed} s (6 × {timeout.Value} s{windowText}).{hard}",
                visibility.Span,
                new RelatedLocation(timeout.Span, $"{function.LogicalId} {function.Word("Timeout")}"),
                new RelatedLocation(site.Span, $"mapping {site.Name}"));
        }
    }
}
