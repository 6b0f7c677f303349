using FitCheck.Model;

namespace FitCheck.Rules.State;

/// <summary>A queue must hide a message long enough for its consumer to finish, retries and batching included.</summary>
public sealed class QueueVisibilityTimeoutCoversConsumer : IRule
{
    public RuleInfo Info { get; } = new(
        Id: "FC1009",
        Slug: "queue-visibility-timeout-covers-consumer",
        Title: "Queue visibility timeout covers the consumer: six times a function's timeout plus its batching window, or a pipe's longest run",
        Section: Section.State,
        Severity: Severity.Warning,
        Rationale: "AWS recommends a source queue visibility timeout of at least six times the function timeout, plus " +
                   "MaximumBatchingWindowInSeconds, so a batch is not handed to a second consumer while Lambda is still " +
                   "retrying a throttled or slow invocation. Shorter, messages are processed twice and reach the " +
                   "dead-letter queue early; below the function timeout itself, creating the mapping fails. An EventBridge pipe holds " +
                   "the messages while it waits for its enrichment and a synchronous target (a function, or an Express workflow for " +
                   "up to 5 minutes): a shorter visibility timeout hands them out again while the first run is still going.",
        Remediation: "Raise the queue's VisibilityTimeout to at least 6 × function Timeout + MaximumBatchingWindowInSeconds, or lower the function Timeout. " +
                     "For a pipe, raise it above the pipe's batching window plus the timeouts of its enrichment and its synchronous target (300 s for an Express workflow), or invoke the target with FIRE_AND_FORGET.",
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
                "Raise visibility_timeout_seconds on the aws_sqs_queue to at least 6 × the function's timeout + maximum_batching_window_in_seconds, or lower the function's timeout. " +
                "For an aws_pipes_pipe, raise it above the pipe's maximum_batching_window_in_seconds plus the timeouts of its enrichment and its synchronous target (300 s for an Express workflow), or set invocation_type = \"FIRE_AND_FORGET\" in target_parameters.",
                """
                resource "aws_sqs_queue" "orders" {
                  name                       = "orders"
                  visibility_timeout_seconds = 180 # function timeout 30 s × 6
                }
                """),
            [FixWords.Serverless] = new(
                "Raise VisibilityTimeout of the queue under resources.Resources to at least 6 × the function's timeout + maximumBatchingWindow, or lower the function's timeout. " +
                "For an AWS::Pipes::Pipe under resources.Resources, raise it above the pipe's MaximumBatchingWindowInSeconds plus the timeouts of its enrichment and its synchronous target (300 s for an Express workflow), or set InvocationType: FIRE_AND_FORGET in TargetParameters.",
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

        foreach (var pipe in architecture.OfType<Pipe>())
        {
            if (PipeFinding(pipe) is { } finding)
            {
                yield return finding;
            }
        }
    }

    /// <summary>A pipe reading a queue holds each batch for its batching window plus every synchronous step: the enrichment
    /// and a REQUEST_RESPONSE target (a function's timeout; an Express workflow, up to 5 minutes). Only the steps the
    /// template shows count, so the sum is a lower bound and the finding cannot overstate it.</summary>
    private Finding? PipeFinding(Pipe pipe)
    {
        if (pipe.SourceKind != EventSourceKind.Sqs || pipe.Source?.Target is not Queue queue
            || pipe.MaximumBatchingWindowSeconds is not { IsKnown: true } window || pipe.TargetInvocationType is not { IsKnown: true } invocation
            || !queue.VisibilityTimeoutSeconds.IsKnown)
        {
            return null;
        }

        var steps = new List<(string Text, int Seconds, SourceSpan Span)>();
        if (pipe.Enrichment is { } enrichment)
        {
            if (Longest(enrichment, "enrichment") is not { } enriched)
            {
                return null;
            }

            steps.Add(enriched);
        }

        var waits = string.Equals(invocation.Value, "REQUEST_RESPONSE", StringComparison.OrdinalIgnoreCase);
        if (waits && pipe.Target is { } target)
        {
            if (Longest(target, "target") is not { } targeted)
            {
                return null;
            }

            steps.Add(targeted);
        }

        var synchronous = steps.Where(s => s.Seconds > 0).ToList();
        var visibility = queue.VisibilityTimeoutSeconds;
        var needed = window.Value + synchronous.Sum(s => s.Seconds);
        if (synchronous.Count == 0 || visibility.Value >= needed)
        {
            return null;
        }

        var parts = synchronous.Select(s => s.Text).ToList();
        if (window.Value > 0)
        {
            parts.Insert(0, $"batching window {window.Value} s");
        }

        return this.Finding(queue,
            $"{queue.LogicalId} has {queue.Word("VisibilityTimeout")} {Consumers.Show(visibility, queue)} but pipe {pipe.LogicalId} can hold a batch for {needed} s " +
            $"({string.Join(" + ", parts)}): a batch still being processed becomes visible again and is processed a second time.",
            visibility.Span,
            [new RelatedLocation(pipe.Span, $"pipe {pipe.LogicalId}"), .. synchronous.Select(s => new RelatedLocation(s.Span, s.Text))]);
    }

    /// <summary>The longest a synchronous step runs: a function's timeout, 300 s for an Express workflow, 0 for what the
    /// pipe does not wait on (a Standard workflow cannot be called synchronously; other targets return at once); null when unknown.</summary>
    private static (string Text, int Seconds, SourceSpan Span)? Longest(Component step, string role) => step switch
    {
        Function { TimeoutSeconds: { IsKnown: true } timeout } f =>
            ($"{role} {f.LogicalId} {f.Word("Timeout")} {timeout.Value} s", timeout.Value, timeout.Span),
        Function => null,
        StateMachine { WorkflowType: { IsKnown: true } type } machine when string.Equals(type.Value, "EXPRESS", StringComparison.OrdinalIgnoreCase) =>
            ($"{role} {machine.LogicalId}, an Express workflow, up to {AwsDefaults.ExpressWorkflowMaxSeconds} s", AwsDefaults.ExpressWorkflowMaxSeconds, machine.Span),
        StateMachine { WorkflowType.IsKnown: false } => null,
        _ => (role, 0, step.Span),
    };
}
