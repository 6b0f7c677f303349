using FitCheck.Model;
using FitCheck.Analysis.Design;

namespace FitCheck.Rules.Cost;

/// <summary>One failing event should not be able to run a consumer dozens of times, or without bound.</summary>
public sealed class RetryAmplificationWithinBounds(int threshold = RetryAmplificationWithinBounds.DefaultThreshold) : IRule
{
    public const int DefaultThreshold = RetryAmplification.DefaultThreshold;

    public int Threshold { get; } = threshold;

    public RuleInfo Info { get; } = new(
        Id: "FC5901",
        Slug: "retry-amplification-within-bounds",
        Title: "Retries do not multiply one failing event into many runs of a consumer",
        Section: Section.Cost,
        Severity: Severity.Warning,
        Rationale: "Retries multiply along a path: an SQS maxReceiveCount times a batch reprocessed whole, Lambda's asynchronous retries, " +
                   "Step Functions Retry, stream retries until a record expires. Every attempt is billed, and a poison message can keep a " +
                   "consumer busy for days.",
        Remediation: "Bound every retry (maxReceiveCount, MaximumRetryAttempts, Retry MaxAttempts), turn on ReportBatchItemFailures so one " +
                     "bad message does not bring its batch back, and send what still fails to a dead-letter queue.",
        Snippet: """
            Worker:
              Type: AWS::Serverless::Function
              Properties:
                Events:
                  Orders:
                    Type: SQS
                    Properties:
                      Queue: !GetAtt Orders.Arn
                      BatchSize: 10
                      FunctionResponseTypes: [ReportBatchItemFailures]
            """,
        Equivalents: [],
        Pillar: "cost-optimization")
    {
        Fixes = new Dictionary<string, RuleFix>(StringComparer.Ordinal)
        {
            [FixWords.Terraform] = new(
                "Bound every retry (maxReceiveCount in redrive_policy, maximum_retry_attempts, Retry MaxAttempts), set function_response_types = [\"ReportBatchItemFailures\"] so one bad message does not bring its batch back, and send what still fails to a dead-letter queue.",
                """
                resource "aws_lambda_event_source_mapping" "orders" {
                  event_source_arn        = aws_sqs_queue.orders.arn
                  function_name           = aws_lambda_function.worker.arn
                  batch_size              = 10
                  function_response_types = ["ReportBatchItemFailures"]
                }
                """),
            [FixWords.Serverless] = new(
                "Bound every retry (maxReceiveCount in the queue's RedrivePolicy, maximumRetryAttempts, Retry MaxAttempts), set functionResponseType: ReportBatchItemFailures so one bad message does not bring its batch back, and send what still fails to a dead-letter queue.",
                """
                functions:
                  worker:
                    handler: worker.handler
                    events:
                      - sqs:
                          arn:
                            Fn::GetAtt: [OrdersQueue, Arn]
                          batchSize: 10
                          functionResponseType: ReportBatchItemFailures
                """),
        },
    };

    private static readonly IRule[] Specific =
        [new State.QueuesHaveRedrivePolicy(), new State.StreamMappingsBoundRetries(), new State.SqsMappingsReportBatchItemFailures(), new State.FailurePathsDoNotDropSilently()];

    /// <summary>The hops ("Source → Consumer") whose retries a specific rule reports.</summary>
    private static HashSet<string> CoveredHops(Architecture architecture)
    {
        var components = new HashSet<string>(StringComparer.Ordinal);
        foreach (var finding in Specific.SelectMany(r => r.Evaluate(architecture)))
        {
            components.Add(finding.Resource is EventMapping { Function.Target: { } fn } ? fn.LogicalId : finding.Resource.LogicalId);
        }

        var hops = new HashSet<string>(StringComparer.Ordinal);
        foreach (var flow in architecture.Flows.Where(f => f.Delivery?.Mode is DeliveryMode.QueuePolling or DeliveryMode.StreamPolling))
        {
            if (components.Contains(flow.From.LogicalId) || components.Contains(flow.To.LogicalId))
            {
                hops.Add($"{flow.From.LogicalId} → {flow.To.LogicalId}");
            }
        }

        return hops;
    }

    public IEnumerable<Finding> Evaluate(Architecture architecture)
    {
        HashSet<(Component, SourceSpan)>? reported = null;
        HashSet<string>? covered = null; // asked of the specific rules only when a path is over the threshold
        foreach (var path in DesignAnalyses.Of(architecture).RetryAmplification.Paths)
        {
            if (path.Factor is { } f && f <= Threshold)
            {
                continue;
            }

            // One root cause, one finding: when every multiplying hop is one a specific rule already reports (a queue without
            // redrive, stream retries until expiry, a batch without ReportBatchItemFailures), that finding carries the product.
            var multiplying = path.Terms.Where(t => t.Multiplier is not 1).ToList();
            covered ??= CoveredHops(architecture);
            if (multiplying.Count > 0 && multiplying.All(t => covered.Contains(t.Hop)))
            {
                continue;
            }

            // The term that contributes most (an unbounded one first) is where the fix goes.
            var worst = path.Terms.OrderBy(t => t.Multiplier.HasValue).ThenByDescending(t => t.Multiplier ?? 0).First();
            reported ??= [];
            if (!reported.Add((path.Consumer, worst.Span)))
            {
                continue;
            }

            var amount = path.Factor is null ? "an unbounded number of times" : $"up to {path.Factor} times";
            yield return this.Finding(path.Consumer,
                $"One failing event entering at {path.Entry.LogicalId} can make {path.Consumer.LogicalId} process work {amount} ({path.Route}: {path.Expression}; " +
                $"threshold {Threshold}). Largest factor: {worst.Hop}: {worst.Reason}.",
                worst.Span,
                path.Entry.Related("where the event enters"));
        }
    }
}
