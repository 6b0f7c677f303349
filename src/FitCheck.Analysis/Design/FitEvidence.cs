using FitCheck.Model;

namespace FitCheck.Analysis.Design;

/// <summary>One piece of evidence for or against running a workload on serverless, pointing at a component and a line.</summary>
/// <param name="Favours">True when it favours serverless.</param>
/// <param name="Weight">1 for a hint, 2 for strong evidence.</param>
/// <param name="Kind">A stable key: event-driven, small-units, observable, file-system-state, large-ephemeral-storage, custom-runtime,
/// fifteen-minute-function, always-on-provisioned-concurrency, synchronous-chain, bursty-traffic, steady-high-utilisation,
/// in-memory-coordination, long-lived-sessions, scheduled-traffic.</param>
public sealed record Evidence(bool Favours, int Weight, string Kind, string Message, Component? Component, SourceSpan Span);

/// <summary>Evidence the templates alone give about workload fit (the profile adds traffic evidence in FitCheck.Analysis).</summary>
public static class FitEvidence
{
    /// <summary>Timeouts at or above this are "15-minute functions" (the Lambda maximum is 900 s).</summary>
    public const int LongFunctionSeconds = 900;

    internal static IReadOnlyList<Evidence> Compute(Architecture architecture)
    {
        var list = new List<Evidence>();
        foreach (var f in architecture.OfType<Function>())
        {
            var async = f.Events.FirstOrDefault(e => e.Delivery.Mode is DeliveryMode.Asynchronous or DeliveryMode.QueuePolling or DeliveryMode.StreamPolling);
            if (async is not null)
            {
                list.Add(new Evidence(true, 1, "event-driven", $"{f.LogicalId} is driven by events ({async.Delivery.Source} {async.Name}).", f, async.Span));
            }

            if (f.TimeoutSeconds is { IsKnown: true, Value: >= LongFunctionSeconds } t)
            {
                list.Add(new Evidence(false, 2, "fifteen-minute-function",
                    $"{f.LogicalId} may run for {t.Describe()} s, the Lambda maximum: long-running work is billed per millisecond and cut off at 15 minutes.", f, t.Span));
            }
            else if (f.MemoryMb is { IsKnown: true, Value: <= 1024 } && f.TimeoutSeconds is { IsKnown: true, Value: <= 60 })
            {
                list.Add(new Evidence(true, 1, "small-units", $"{f.LogicalId} is a small unit ({f.MemoryMb.Value} MB, {f.TimeoutSeconds.Value} s timeout).", f, f.Span));
            }

            if (f.FileSystemMounts > 0)
            {
                list.Add(new Evidence(false, 2, "file-system-state", $"{f.LogicalId} mounts EFS: long-lived local state shared between invocations.", f, f.FileSystemSpan ?? f.Span));
            }

            if (f.EphemeralStorageMb is { IsConfigured: true, Value: > 512 } eph)
            {
                list.Add(new Evidence(false, 1, "large-ephemeral-storage",
                    $"{f.LogicalId} asks for {eph.Describe()} MB of /tmp: large ephemeral storage is often used as state, which a fresh environment loses.", f, eph.Span));
            }

            if (f.Runtime is { IsKnown: true, Value: { } rt } runtime && rt.StartsWith("provided", StringComparison.Ordinal))
            {
                list.Add(new Evidence(false, 1, "custom-runtime", $"{f.LogicalId} uses a custom runtime ({rt}): the team owns the runtime's bootstrap and patching.", f, runtime.Span));
            }

            if (f.ProvisionedConcurrency is { IsKnown: true, Value: > 0 } pc)
            {
                list.Add(new Evidence(false, 2, "always-on-provisioned-concurrency",
                    $"{f.LogicalId} keeps {pc.Value} environments provisioned all month: always-on capacity is paid whether used or not.", f, pc.Span));
            }

            if (f.Tracing is { IsKnown: true, Value: "Active" } tr)
            {
                list.Add(new Evidence(true, 1, "observable", $"{f.LogicalId} is traced with X-Ray.", f, tr.Span));
            }
        }

        foreach (var flow in architecture.Flows.Where(x => x.Kind == FlowKind.Invokes && x.From is Function && x.To is Function))
        {
            list.Add(new Evidence(false, 1, "synchronous-chain", $"{flow.From.LogicalId} calls {flow.To.LogicalId} synchronously: a synchronous call chain pays twice while waiting.", flow.From, flow.Span));
        }

        var alarms = architecture.OfType<Alarm>().Where(a => a.Watches.Count > 0).ToList();
        if (alarms.Count > 0)
        {
            list.Add(new Evidence(true, 1, "observable", $"{alarms.Count} alarm(s) watch the components ({string.Join(", ", alarms.Select(a => a.LogicalId).Take(5))}).", alarms[0], alarms[0].Span));
        }

        return list;
    }
}
