using FitCheck.Model;

namespace FitCheck.Rules.Cost;

/// <summary>A function's reserved concurrency is at least the maximum concurrency of the queues it consumes.</summary>
public sealed class ReservedConcurrencyCoversQueueConcurrency : IRule
{
    public RuleInfo Info { get; } = new(
        Id: "FC5007",
        Slug: "reserved-concurrency-covers-queue-concurrency",
        Title: "Reserved concurrency is not below the queue mapping's maximum concurrency",
        Section: Section.Cost,
        Severity: Severity.Warning,
        Rationale: "When the pollers may run more invocations than the function's reserved concurrency allows, Lambda throttles " +
                   "them; throttled batches go back to the queue, count as receives and are retried, so messages reach the " +
                   "dead-letter queue without ever failing, and you pay for the extra receives.",
        Remediation: "Bound the consumer with ScalingConfig.MaximumConcurrency and keep reserved concurrency at or above it (or drop " +
                     "reserved concurrency).",
        Snippet: """
            ReservedConcurrentExecutions: 10
            Events:
              Orders:
                Type: SQS
                Properties:
                  Queue: !GetAtt Orders.Arn
                  ScalingConfig:
                    MaximumConcurrency: 10
            """,
        Equivalents: [],
        Pillar: "reliability")
    {
        Fixes = new Dictionary<string, RuleFix>(StringComparer.Ordinal)
        {
            [FixWords.Terraform] = new(
                "Bound the consumer with scaling_config { maximum_concurrency } on the aws_lambda_event_source_mapping and keep reserved_concurrent_executions of the function at or above it (or drop reserved_concurrent_executions).",
                """
                resource "aws_lambda_function" "worker" {
                  # ...
                  reserved_concurrent_executions = 10
                }

                resource "aws_lambda_event_source_mapping" "orders" {
                  event_source_arn = aws_sqs_queue.orders.arn
                  function_name    = aws_lambda_function.worker.arn

                  scaling_config {
                    maximum_concurrency = 10
                  }
                }
                """),
            [FixWords.Serverless] = new(
                "Bound the consumer with maximumConcurrency on the sqs event and keep the function's reservedConcurrency at or above it (or drop reservedConcurrency).",
                """
                functions:
                  worker:
                    handler: worker.handler
                    reservedConcurrency: 10
                    events:
                      - sqs:
                          arn:
                            Fn::GetAtt: [OrdersQueue, Arn]
                          maximumConcurrency: 10
                """),
        },
    };

    public IEnumerable<Finding> Evaluate(Architecture architecture)
    {
        foreach (var function in architecture.OfType<Function>())
        {
            if (!function.ReservedConcurrency.IsKnown || function.ReservedConcurrency.Value is not (> 0 and var reserved))
            {
                continue;
            }

            foreach (var ev in function.Events)
            {
                if (ev.Delivery is not { Mode: DeliveryMode.QueuePolling, Mapping: { } mapping }
                    || !mapping.MaximumConcurrency.IsKnown || mapping.MaximumConcurrency.Value is not { } maximum || reserved >= maximum)
                {
                    continue;
                }

                yield return this.Finding(function,
                    $"{function.LogicalId}'s reserved concurrency {function.ReservedConcurrency.Describe(function)} is below the {function.Word("MaximumConcurrency")} " +
                    $"{mapping.MaximumConcurrency.Describe(function)} of its {ev.Source?.LogicalId ?? function.Reference(ev.SourceText)} mapping; throttled batches return to the queue and are retried.",
                    function.ReservedConcurrency.Span,
                    new RelatedLocation(mapping.MaximumConcurrency.Span, $"MaximumConcurrency of {ev.Name}"));
            }
        }
    }
}
