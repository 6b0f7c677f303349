using FitCheck.Model;
using Model = FitCheck.Model;

namespace FitCheck.Analysis.Design;

/// <summary>Where work goes when a hop's retries run out.</summary>
public enum Exhaustion
{
    /// <summary>The caller gets the error (synchronous hops): nothing is stored, the caller decides.</summary>
    ReturnedToCaller,
    /// <summary>A dead-letter queue or topic receives it.</summary>
    DeadLetter,
    /// <summary>An on-failure destination receives it.</summary>
    Destination,
    /// <summary>A Catch state of the workflow handles it.</summary>
    Catch,
    /// <summary>The workflow execution fails; the input stays in the execution history.</summary>
    ExecutionFails,
    /// <summary>It is discarded with no trace beyond a metric or log line.</summary>
    Dropped,
}

/// <summary>One hop's failure handling: retries and bounds, where work goes after them, whether an alarm watches that place.</summary>
/// <param name="From">The component that hands work on (or the entry point for a synchronous entry hop).</param>
/// <param name="To">The component whose failure is handled.</param>
/// <param name="Kind">sync, async, queue, stream, service or workflow.</param>
/// <param name="MaxAttempts">Attempts in total, first included; null when unbounded (until the event expires).</param>
/// <param name="Retries">The retry settings in words, with their origin ("2 (defaults to 2)").</param>
/// <param name="ExhaustedTarget">The DLQ, destination or Catch target, when there is one.</param>
/// <param name="Alarmed">True when an alarm watches the place failed work ends up (or the consumer, when it is dropped).</param>
/// <param name="Lost">What is lost when this hop fails for good.</param>
/// <param name="Component">The component that holds the setting to change.</param>
/// <param name="Span">Where the setting is written (or would be written).</param>
public sealed record FailureHop(
    Component? From,
    Component To,
    string Kind,
    int? MaxAttempts,
    string Retries,
    Exhaustion OnExhaustion,
    Component? ExhaustedTarget,
    string? ExhaustedTargetText,
    bool Alarmed,
    string Lost,
    Component Component,
    SourceSpan Span)
{
    /// <summary>True when failed work is discarded and no alarm watches the consumer.</summary>
    public bool DropsSilently => OnExhaustion == Exhaustion.Dropped && !Alarmed;

    public string Name => From is null ? To.LogicalId : $"{From.LogicalId} → {To.LogicalId}";

    public static string ExhaustionName(Exhaustion e) => e switch
    {
        Exhaustion.ReturnedToCaller => "returned-to-caller",
        Exhaustion.DeadLetter => "dead-letter",
        Exhaustion.Destination => "destination",
        Exhaustion.Catch => "catch",
        Exhaustion.ExecutionFails => "execution-fails",
        _ => "dropped",
    };

    /// <summary>The whole answer in one sentence.</summary>
    public string Describe()
    {
        var attempts = MaxAttempts is { } n ? $"{n} attempt{(n == 1 ? "" : "s")}" : "unbounded attempts";
        var then = OnExhaustion switch
        {
            Exhaustion.ReturnedToCaller => "the error goes back to the caller",
            Exhaustion.DeadLetter => $"it goes to dead-letter {ExhaustedTarget?.LogicalId ?? ExhaustedTargetText}",
            Exhaustion.Destination => $"it goes to on-failure destination {ExhaustedTarget?.LogicalId ?? ExhaustedTargetText}",
            Exhaustion.Catch => $"a Catch sends the execution to {ExhaustedTargetText}",
            Exhaustion.ExecutionFails => "the execution fails",
            _ => "it is dropped",
        };
        var alarm = OnExhaustion == Exhaustion.ReturnedToCaller ? "" : Alarmed ? "; an alarm watches it" : "; no alarm watches it";
        return $"{Name} ({Kind}): {attempts} [{Retries}]; then {then}{alarm}. Lost: {Lost}";
    }
}

/// <summary>Every entry point's and every asynchronous hop's failure handling, read from the model only.</summary>
public sealed record FailurePathsResult(IReadOnlyList<FailureHop> Hops)
{
    public IEnumerable<FailureHop> SilentDrops => Hops.Where(h => h.DropsSilently);
}

/// <summary>Builds <see cref="FailurePathsResult"/>: what happens when a step fails halfway through.</summary>
public static class FailurePaths
{
    internal static FailurePathsResult Compute(Architecture architecture)
    {
        var hops = new List<FailureHop>();
        bool Watched(Component? c) => c is not null && Alarms.AnyWatching(architecture, c);

        foreach (var flow in architecture.Flows)
        {
            if (flow.Kind is not (FlowKind.Invokes or FlowKind.Triggers or FlowKind.Publishes) || flow.Delivery is not { } delivery)
            {
                continue;
            }

            var hop = delivery.Mode switch
            {
                DeliveryMode.Synchronous when flow.From is Api && flow.To is Function =>
                    new FailureHop(flow.From, flow.To, "sync", 1, "no retries: the caller waits", Exhaustion.ReturnedToCaller, null, null, false,
                        "nothing is stored; the client must retry, so a request is lost if it does not", flow.To, flow.Span),
                // A synchronous service integration (REST or HTTP API to StartExecution, SQS, EventBridge...) makes one attempt and
                // returns the error to the caller.
                _ when flow.From is Api && flow.To is not Function =>
                    new FailureHop(flow.From, flow.To, "sync", 1, "no retries: the integration answers the API call", Exhaustion.ReturnedToCaller, null, null, false,
                        "nothing is stored when the call fails; the error is returned to the caller, who must retry", flow.To, flow.Span),
                DeliveryMode.Asynchronous when flow.To is Function f => AsyncHop(flow, f, delivery, Watched),
                _ when flow.From is EventRule { IsIotTopicRule: true } iot => IotHop(architecture, flow, iot, Watched),
                DeliveryMode.Asynchronous when flow.To is StateMachine sm => StartHop(flow, sm, delivery, Watched),
                DeliveryMode.QueuePolling when flow.From is Queue q && flow.To is Function f => QueueHop(flow, q, f, Watched),
                DeliveryMode.StreamPolling when flow.To is Function f => StreamHop(flow, f, delivery, Watched),
                DeliveryMode.ServiceDelivery => ServiceHop(flow, delivery, Watched),
                _ => null,
            };
            if (hop is not null)
            {
                hops.Add(hop);
            }
        }

        foreach (var f in architecture.OfType<Function>().Where(f => f.Url is not null))
        {
            hops.Add(new FailureHop(null, f, "sync", 1, "no retries: the caller waits", Exhaustion.ReturnedToCaller, null, null, false,
                "nothing is stored; the client must retry, so a request is lost if it does not", f, f.Url!.Span));
        }

        // SNS HTTP/S subscriptions: the default delivery policy makes 3 retries, then the message goes to the subscription's
        // redrive queue or is dropped.
        foreach (var s in architecture.OfType<Subscription>())
        {
            if (s.Topic?.Target is not Topic topic || s.Protocol?.ToLowerInvariant() is not ("http" or "https"))
            {
                continue;
            }

            const string policy = "SNS default HTTP/S delivery policy: 3 retries";
            hops.Add(s.DeadLetter is { } dlq
                ? new FailureHop(topic, s, "service", 4, policy, Exhaustion.DeadLetter, dlq.Target.Target, dlq.Target.Text, Watched(dlq.Target.Target),
                    "nothing, while the redrive queue keeps the message", s, s.Span)
                : new FailureHop(topic, s, "service", 4, policy, Exhaustion.Dropped, null, null, Watched(s) || Watched(topic),
                    "the message, once the endpoint has refused it 4 times (no RedrivePolicy on the subscription)", s, s.Span));
        }

        foreach (var sm in architecture.OfType<StateMachine>())
        {
            foreach (var state in sm.States.Where(s => s.Type == "Task"))
            {
                var attempts = 1 + (state.HasRetry ? state.MaxRetryAttempts : 0);
                var retries = state.HasRetry ? $"Retry MaxAttempts {state.MaxRetryAttempts}" : "no Retry";
                var catchTarget = state.HasCatch ? "its Catch state" : null;
                var to = state.Target ?? (Component)sm;
                hops.Add(new FailureHop(sm, to, "workflow", attempts, $"task {state.Path}: {retries}",
                    state.HasCatch ? Exhaustion.Catch : Exhaustion.ExecutionFails, null, catchTarget, Watched(sm),
                    state.HasCatch
                        ? "nothing if the Catch path compensates; work done by earlier states is not undone by itself"
                        : $"the execution stops at {state.Name}; work done by earlier states stays done and is not compensated",
                    sm, state.Span));
            }
        }

        return new FailurePathsResult(hops);
    }

    private static FailureHop AsyncHop(Flow flow, Function f, Model.Delivery delivery, Func<Component?, bool> watched)
    {
        var retry = f.AsyncInvoke.MaximumRetryAttempts;
        var age = f.AsyncInvoke.MaximumEventAgeSeconds;
        var retries = $"Lambda async retries {retry.Describe(f)}, max event age {age.Describe(f)} s";
        if (delivery.MaximumRetryAttempts is { } eb)
        {
            retries += $"; {delivery.Source} delivery retries {eb.Describe()}";
        }

        var attempts = retry.IsKnown ? 1 + retry.Value : (int?)null;
        if (f.AsyncInvoke.OnFailure is { } dest)
        {
            return new FailureHop(flow.From, f, "async", attempts, retries, Exhaustion.Destination, dest.Target.Target, dest.Target.Text,
                watched(dest.Target.Target), "nothing, while the destination keeps it (the record carries the event and the error)", f, dest.Span);
        }

        if (f.DeadLetter is { } dlq)
        {
            return new FailureHop(flow.From, f, "async", attempts, retries, Exhaustion.DeadLetter, dlq.Target.Target, dlq.Target.Text,
                watched(dlq.Target.Target), "the error details (a DLQ keeps only the event)", f, dlq.Span);
        }

        return new FailureHop(flow.From, f, "async", attempts, retries, Exhaustion.Dropped, null, null, watched(f),
            $"the event: after {(attempts?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "its")} attempts Lambda discards it", f, f.Span);
    }

    // An IoT rule's action other than a Lambda invoke (which Lambda then retries asynchronously) is tried once: when it
    // fails, the message goes to the rule's ErrorAction, or nowhere.
    private static FailureHop IotHop(Architecture architecture, Flow flow, EventRule rule, Func<Component?, bool> watched)
    {
        const string retries = "IoT rule action: one attempt, no retries";
        var error = architecture.FlowsFrom(rule).FirstOrDefault(f => f.Kind == FlowKind.DeadLetter);
        if (error is not null || rule.HasErrorAction is not { IsKnown: true, Value: false })
        {
            // An ErrorAction whose target is outside the template (or not readable) still keeps the message.
            return new FailureHop(rule, flow.To, "service", 1, retries, Exhaustion.DeadLetter, error?.To, error?.To.LogicalId ?? "its ErrorAction",
                error is not null && watched(error.To), "nothing, while the ErrorAction's target keeps the message and the error", rule,
                error?.Span ?? rule.HasErrorAction?.Span ?? flow.Span);
        }

        return new FailureHop(rule, flow.To, "service", 1, retries, Exhaustion.Dropped, null, null, watched(rule),
            $"the message, if the action on {flow.To.LogicalId} fails once (no ErrorAction on the rule)", rule, flow.Span);
    }

    private static FailureHop StartHop(Flow flow, StateMachine sm, Model.Delivery delivery, Func<Component?, bool> watched)
    {
        if (delivery.Kind is EventSourceKind.RestApi or EventSourceKind.HttpApi)
        {
            return new FailureHop(flow.From, sm, "sync", 1, "no retries: StartExecution answers the API call", Exhaustion.ReturnedToCaller, null, null, false,
                "nothing is stored when the start fails; once started, the workflow's own states handle failures", sm, flow.Span);
        }

        return ServiceHop(flow, delivery, watched) ?? new FailureHop(flow.From, sm, "async", 1, "no retry policy known", Exhaustion.Dropped, null, null,
            watched(sm), "the event, if the execution cannot be started", sm, flow.Span);
    }

    private static FailureHop QueueHop(Flow flow, Queue q, Function f, Func<Component?, bool> watched)
    {
        var batch = flow.Delivery?.Mapping?.BatchSize;
        var partial = flow.Delivery?.Mapping?.ReportBatchItemFailures;
        var batchText = batch is { Value: > 1 } b && partial is { Value: false }
            ? $"; a failed batch of up to {b.Value} returns every message in it (no ReportBatchItemFailures)"
            : "";
        if (q.Redrive is { } redrive)
        {
            var max = redrive.MaxReceiveCount;
            return new FailureHop(q, f, "queue", max.IsKnown ? max.Value : null, $"maxReceiveCount {max.Describe()}, every visibility timeout ({q.VisibilityTimeoutSeconds.Describe()} s){batchText}",
                Exhaustion.DeadLetter, redrive.DeadLetterTarget.Target, redrive.DeadLetterTarget.Text, watched(redrive.DeadLetterTarget.Target),
                "nothing, while the DLQ's retention lasts; the error itself is not kept", q, redrive.Span);
        }

        return new FailureHop(q, f, "queue", null, $"no redrive policy: received again every visibility timeout ({q.VisibilityTimeoutSeconds.Describe()} s) until retention ({q.MessageRetentionSeconds.Describe()} s) ends{batchText}",
            Exhaustion.Dropped, null, null, watched(q),
            "the message, deleted when its retention period ends, after being retried all that time", q, q.Span);
    }

    private static FailureHop StreamHop(Flow flow, Function f, Model.Delivery delivery, Func<Component?, bool> watched)
    {
        var m = delivery.Mapping;
        var retry = m?.MaximumRetryAttempts;
        int? attempts = retry is { IsKnown: true, Value: >= 0 } r ? 1 + r.Value : null;
        var age = m?.MaximumRecordAgeSeconds;
        var span = m?.MaximumRetryAttempts.Span ?? flow.Span;

        // Each event source kind retries and fails in its own way: only Kinesis and DynamoDB have shards and a record age.
        if (delivery.Kind == EventSourceKind.DocumentDB)
        {
            return new FailureHop(flow.From, f, "stream", null,
                "Lambda retries a failing batch until its events leave the change stream's retention (a DocumentDB mapping takes no retry limit); the change stream waits meanwhile",
                Exhaustion.Dropped, null, null, watched(f),
                "the batch, once its events leave the change stream; a DocumentDB mapping cannot send it to a destination, so only an alarm on the consumer notices", f, flow.Span);
        }

        var kafka = delivery.Kind is EventSourceKind.Msk or EventSourceKind.SelfManagedKafka;
        var retries = kafka
            ? $"{f.Word("MaximumRetryAttempts")} {retry?.Describe(f) ?? "unknown"} (-1 retries until the records leave the topic's retention); the partition waits meanwhile"
            : $"{f.Word("MaximumRetryAttempts")} {retry?.Describe(f) ?? "unknown"} (-1 retries until the record expires), {f.Word("MaximumRecordAgeInSeconds")} {age?.Describe(f) ?? "unknown"}; the shard waits meanwhile";
        if (m?.OnFailure is { } dest)
        {
            return new FailureHop(flow.From, f, "stream", attempts, retries, Exhaustion.Destination, dest.Target.Target, dest.Target.Text,
                watched(dest.Target.Target), "the records themselves: the destination gets only their batch metadata, to re-read while the stream retains them", f, dest.Span);
        }

        return new FailureHop(flow.From, f, "stream", attempts, retries, Exhaustion.Dropped, null, null, watched(f),
            kafka
                ? "the batch: it is skipped when retries run out or the records leave the topic, and the partition was blocked until then"
                : "the batch: it is skipped when retries or the record age run out, and the shard was blocked until then", f, span);
    }

    private static FailureHop? ServiceHop(Flow flow, Model.Delivery delivery, Func<Component?, bool> watched)
    {
        var retry = delivery.MaximumRetryAttempts;
        int? attempts = retry is { IsKnown: true } r ? 1 + r.Value : null;
        var retries = retry is null
            ? $"{delivery.Source} delivery policy"
            : $"{delivery.Source} delivery retries {retry.Describe()}, max event age {delivery.MaximumEventAgeSeconds?.Describe() ?? "the default"} s";
        if (retry is null && delivery.Kind == EventSourceKind.Sns)
        {
            attempts = null;
            retries = "SNS retries delivery to AWS endpoints for up to 23 days";
        }

        var owner = flow.Binding ?? flow.From;
        var span = delivery.SettingsSpan ?? flow.Span;
        if (delivery.DeadLetter is { } dlq)
        {
            return new FailureHop(flow.From, flow.To, "service", attempts, retries, Exhaustion.DeadLetter, dlq.Target.Target, dlq.Target.Text,
                watched(dlq.Target.Target), "nothing, while the DLQ keeps the event", owner, span);
        }

        return new FailureHop(flow.From, flow.To, "service", attempts, retries, Exhaustion.Dropped, null, null, watched(owner),
            $"the event, if {flow.To.LogicalId} refuses delivery until the retry policy runs out", owner, span);
    }
}
