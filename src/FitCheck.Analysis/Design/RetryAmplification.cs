using System.Globalization;
using FitCheck.Model;

namespace FitCheck.Analysis.Design;

/// <summary>One factor of a path's amplification.</summary>
/// <param name="Multiplier">Attempts this hop can make per event reaching it; null when unbounded; 1 for retries that do not run the consumer again.</param>
public sealed record AmplificationTerm(string Hop, int? Multiplier, string Reason, SourceSpan Span);

/// <summary>The worst case for one path: how many times one incoming event can make the last component on the path do its work.</summary>
/// <param name="Factor">The product of the terms; null when some term is unbounded.</param>
public sealed record AmplifiedPath(Component Entry, Component Consumer, IReadOnlyList<AmplificationTerm> Terms, int? Factor)
{
    public string Route => string.Join(" → ", new[] { Entry.LogicalId }.Concat(Terms.Select(t => t.Hop.Split(" → ")[^1])));

    /// <summary>The multiplication: "1 × 5 × 10 = 50", or "… = unbounded".</summary>
    public string Expression => string.Join(" × ", Terms.Select(t => t.Multiplier?.ToString(CultureInfo.InvariantCulture) ?? "∞"))
        + " = " + (Factor?.ToString("#,##0", CultureInfo.InvariantCulture) ?? "unbounded");
}

public sealed record RetryAmplificationResult(IReadOnlyList<AmplifiedPath> Paths);

/// <summary>Worst-case invocations per incoming event, path by path: SQS maxReceiveCount × batch reprocessing, Lambda async 1 + 2,
/// EventBridge and Scheduler delivery retries (shown, not multiplied: a refused delivery does not run the target), Step Functions
/// Retry MaxAttempts, stream retries.</summary>
public static class RetryAmplification
{
    /// <summary>A worst-case factor above this is a cost driver (rule FC5901 and the cost estimate's call-outs).</summary>
    public const int DefaultThreshold = 10;

    internal static RetryAmplificationResult Compute(Architecture architecture)
    {
        var result = new List<AmplifiedPath>();
        foreach (var path in Topology.Paths(architecture))
        {
            var terms = path.Select(Term).ToList();
            int? factor = 1;
            foreach (var t in terms)
            {
                factor = factor is { } f && t.Multiplier is { } m ? (int)Math.Min(int.MaxValue, (long)f * m) : null;
            }

            result.Add(new AmplifiedPath(path[0].From, path[^1].To, terms, factor));
        }

        return new RetryAmplificationResult(result);
    }

    private static AmplificationTerm Term(Flow flow)
    {
        var hop = $"{flow.From.LogicalId} → {flow.To.LogicalId}";
        var d = flow.Delivery;
        switch (d?.Mode)
        {
            case DeliveryMode.Asynchronous when flow.To is Function f:
            {
                var r = f.AsyncInvoke.MaximumRetryAttempts;
                var note = d.MaximumRetryAttempts is { } eb ? $"; {d.Source} delivery retries ({eb.Describe()}) do not run the function again" : "";
                return r.IsKnown
                    ? new AmplificationTerm(hop, 1 + r.Value, $"Lambda async: 1 + {r.Describe(f)} retries{note}", r.Span)
                    : new AmplificationTerm(hop, 3, "Lambda async: retries unresolved, 1 + 2 assumed", r.Span);
            }

            case DeliveryMode.QueuePolling when flow.From is Queue q:
            {
                var batch = BatchTerm(d.Mapping);
                if (q.Redrive is { } redrive)
                {
                    var mrc = redrive.MaxReceiveCount;
                    int? m = mrc.IsKnown ? mrc.Value * batch.Item1 : null;
                    return new AmplificationTerm(hop, m, $"SQS maxReceiveCount {mrc.Describe()}{batch.Item2}", mrc.Span);
                }

                var receives = q.VisibilityTimeoutSeconds.Value > 0 ? q.MessageRetentionSeconds.Value / q.VisibilityTimeoutSeconds.Value : 0;
                return new AmplificationTerm(hop, null,
                    $"SQS without a redrive policy: received again every {q.VisibilityTimeoutSeconds.Value} s until retention ends " +
                    $"(≈{receives.ToString("#,##0", CultureInfo.InvariantCulture)} receives){batch.Item2}", q.Span);
            }

            case DeliveryMode.StreamPolling:
            {
                var batch = BatchTerm(d.Mapping);
                var r = d.Mapping?.MaximumRetryAttempts;
                if (r is { IsKnown: true, Value: >= 0 } && batch.Item1 > 1 && d.Mapping!.BisectBatchOnFunctionError.Value)
                {
                    // Bisecting splits the failing record out: each record runs once per halving, the failing one then retries alone.
                    var levels = (int)Math.Ceiling(Math.Log2(batch.Item1));
                    return new AmplificationTerm(hop, 1 + r.Value + levels,
                        $"stream: 1 + {r.Describe(flow.To)} retries + {levels} halvings of the batch of {batch.Item1} ({flow.To.Word("BisectBatchOnFunctionError")} splits the failing record out)", r.Span);
                }

                if (r is { IsKnown: true, Value: >= 0 })
                {
                    return new AmplificationTerm(hop, (1 + r.Value) * batch.Item1, $"stream: 1 + {r.Describe(flow.To)} retries{batch.Item2}", r.Span);
                }

                return d.Kind == EventSourceKind.DocumentDB
                    ? new AmplificationTerm(hop, null, $"DocumentDB change stream: retried until the events leave the change stream{batch.Item2}", flow.Span)
                    : new AmplificationTerm(hop, null, $"stream: {flow.To.Word("MaximumRetryAttempts")} {(r is null ? "unknown" : r.Describe(flow.To))}, retried until the record expires{batch.Item2}",
                        r?.Span ?? flow.Span);
            }

            case DeliveryMode.ServiceDelivery:
            {
                var r = d.MaximumRetryAttempts;
                var text = r is null
                    ? $"{d.Source} delivery retries do not run the target again"
                    : $"{d.Source} delivery: up to 1 + {r.Describe()} attempts while {flow.To.LogicalId} refuses delivery; a refused delivery does not run it, so ×1";
                return new AmplificationTerm(hop, 1, text, d.SettingsSpan ?? flow.Span);
            }
        }

        if (flow.From is StateMachine sm && flow.To is Function or StateMachine)
        {
            var states = sm.States.Where(s => ReferenceEquals(s.Target, flow.To) && s.Type == "Task").ToList();
            var retried = states.Where(s => s.HasRetry).OrderByDescending(s => s.MaxRetryAttempts).FirstOrDefault();
            if (retried is not null)
            {
                return new AmplificationTerm(hop, 1 + retried.MaxRetryAttempts, $"Step Functions Retry on {retried.Name}: 1 + MaxAttempts {retried.MaxRetryAttempts}", retried.Span);
            }

            return new AmplificationTerm(hop, 1, "Step Functions task without Retry", flow.Span);
        }

        return new AmplificationTerm(hop, 1, d?.Mode == DeliveryMode.Synchronous ? "synchronous: no retries by the platform" : "no platform retries", flow.Span);
    }

    private static (int, string) BatchTerm(MappingSettings? m)
    {
        if (m is { BatchSize: { IsKnown: true, Value: > 1 } b, ReportBatchItemFailures.Value: false })
        {
            return (b.Value, $" × batch of {b.Value}{(b.Origin == SettingOrigin.ServiceDefault ? " (the default)" : "")} (a failing message makes every message in its batch be processed again; no ReportBatchItemFailures)");
        }

        return (1, "");
    }
}
