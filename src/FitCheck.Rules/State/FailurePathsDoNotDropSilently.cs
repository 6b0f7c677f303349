using FitCheck.Model;
using FitCheck.Analysis.Design;

namespace FitCheck.Rules.State;

/// <summary>Every asynchronous hop keeps the work it could not deliver somewhere, or at least is watched.</summary>
public sealed class FailurePathsDoNotDropSilently : IRule
{
    public RuleInfo Info { get; } = new(
        Id: "FC1901",
        Slug: "failure-paths-do-not-drop-silently",
        Title: "Queues, streams and event deliveries keep the work they cannot deliver",
        Section: Section.State,
        Severity: Severity.Warning,
        Rationale: "When a queue has no redrive policy, a stream consumer no on-failure destination, or an EventBridge target, schedule " +
                   "or subscription no dead-letter queue, work that keeps failing is discarded once retries or retention run out, and " +
                   "nothing records that it happened.",
        Remediation: "Give the hop a place for failed work (a redrive policy, an on-failure destination, a target DeadLetterConfig) and " +
                     "alarm on it, or alarm on the consumer so the loss is at least noticed.",
        Snippet: """
            Orders:
              Type: AWS::SQS::Queue
              Properties:
                RedrivePolicy:
                  deadLetterTargetArn: !GetAtt OrdersDlq.Arn
                  maxReceiveCount: 5
            """,
        Equivalents: ["serverless-rules:ES4000", "serverless-rules:ES6000", "cdk-nag:Serverless-EventBusDLQ", "cdk-nag:Serverless-SQSRedrivePolicy", "cdk-nag:SQS3"],
        Pillar: "reliability")
    {
        Fixes = new Dictionary<string, RuleFix>(StringComparer.Ordinal)
        {
            [FixWords.Terraform] = new(
                "Give the hop a place for failed work (a redrive_policy on the aws_sqs_queue, destination_config { on_failure { ... } } on the mapping or invoke config, dead_letter_config on the event target) and alarm on it, or alarm on the consumer so the loss is at least noticed.",
                """
                resource "aws_sqs_queue" "orders" {
                  name = "orders"
                  redrive_policy = jsonencode({
                    deadLetterTargetArn = aws_sqs_queue.orders_dlq.arn
                    maxReceiveCount     = 5
                  })
                }
                """),
            [FixWords.Serverless] = new(
                "Give the hop a place for failed work (destinations.onFailure on the function or stream event, redrivePolicy on the sns event, deadLetterQueueArn on the eventBridge event, a RedrivePolicy on a queue under resources) and alarm on it, or alarm on the consumer so the loss is at least noticed.",
                """
                functions:
                  worker:
                    handler: worker.handler
                    destinations:
                      onFailure:
                        type: sqs
                        arn:
                          Fn::GetAtt: [WorkerFailedQueue, Arn]
                """),
        },
    };

    private static readonly IRule[] Specific =
    [
        new StreamMappingsHaveFailureDestination(),
        new QueuesHaveRedrivePolicy(),
        new SnsSubscriptionsHaveDeadLetterQueue(),
        new EventTargetsHaveDeadLetterQueue(),
    ];

    public IEnumerable<Finding> Evaluate(Architecture architecture)
    {
        // A hop a specific rule already reports (a queue without redrive, a stream mapping without destination, a target
        // or subscription without DLQ) is not reported twice; this rule covers the drops no single-resource rule sees.
        // The specific rules are asked only once a hop drops work silently (most templates have none).
        HashSet<Component>? covered = null;
        foreach (var hop in DesignAnalyses.Of(architecture).FailurePaths.Hops)
        {
            // Lambda's own asynchronous retries are FC1001's question; this rule covers the hops around them.
            if (!hop.DropsSilently || hop.Kind == "async" || hop.MaxAttempts is null && hop.Kind == "service")
            {
                continue;
            }

            covered ??= new HashSet<Component>(Specific.SelectMany(r => r.Evaluate(architecture)).Select(f => f.Resource), ReferenceEqualityComparer.Instance);
            if (covered.Contains(hop.Component) || (hop.From is { } from && covered.Contains(from)) || covered.Contains(hop.To))
            {
                continue;
            }

            yield return this.Finding(hop.Component,
                $"{hop.Name} drops work silently: {hop.Describe()}",
                hop.Span,
                [.. new[] { hop.From, hop.To }.OfType<Component>().Distinct().Select(c => c.Related(c == hop.To ? "the consumer" : "the source"))]);
        }
    }
}
