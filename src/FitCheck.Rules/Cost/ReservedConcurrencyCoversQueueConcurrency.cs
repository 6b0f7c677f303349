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
        Pillar: "reliability");

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
                    $"{function.LogicalId}'s reserved concurrency {function.ReservedConcurrency.Describe()} is below the MaximumConcurrency " +
                    $"{mapping.MaximumConcurrency.Describe()} of its {ev.Source?.LogicalId ?? ev.SourceText} mapping; throttled batches return to the queue and are retried.",
                    function.ReservedConcurrency.Span,
                    new RelatedLocation(mapping.MaximumConcurrency.Span, $"MaximumConcurrency of {ev.Name}"));
            }
        }
    }
}
