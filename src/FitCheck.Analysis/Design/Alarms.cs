using FitCheck.Model;

namespace FitCheck.Analysis.Design;

/// <summary>
/// The one answer to "is this component alarmed?", shared by the rules, the failure-path analysis and the fit evidence.
/// A metric alarm watches the components its dimensions (or metric queries) name. A composite alarm watches nothing by
/// itself: it reads other alarms, so it covers exactly what the metric alarms behind it cover.
/// </summary>
public static class Alarms
{
    private static readonly object WatchersKey = new();

    /// <summary>Metric alarms whose dimensions (or metric queries) name the component, in declaration order.</summary>
    public static IEnumerable<Alarm> Watching(Architecture architecture, Component component)
    {
        ArgumentNullException.ThrowIfNull(architecture);
        return architecture.Derived(WatchersKey, BuildWatchers)[component];
    }

    /// <summary>True when an alarm watches the component on a metric whose name passes <paramref name="metric"/>;
    /// an alarm whose metric is not known (metric math, intrinsic) counts, so a rule stays silent rather than guess.</summary>
    public static bool AnyWatching(Architecture architecture, Component component, Func<string, bool>? metric = null) =>
        Watching(architecture, component).Any(a => metric is null || a.MetricName is null || metric(a.MetricName));

    /// <summary>The metric alarms behind <paramref name="alarm"/>: itself when it is a metric alarm, else every metric alarm
    /// its rule reaches. Composite alarms are followed iteratively, each once: their rules may name each other in a cycle
    /// or nest deeply.</summary>
    public static IEnumerable<Alarm> MetricAlarmsBehind(Alarm alarm)
    {
        ArgumentNullException.ThrowIfNull(alarm);
        var pending = new Stack<Alarm>([alarm]);
        var seen = new HashSet<Alarm>(ReferenceEqualityComparer.Instance) { alarm };
        while (pending.TryPop(out var next))
        {
            if (!next.IsComposite)
            {
                yield return next;
                continue;
            }

            foreach (var inner in next.Watches.OfType<Alarm>())
            {
                if (seen.Add(inner))
                {
                    pending.Push(inner);
                }
            }
        }
    }

    // Component -> the metric alarms watching it, in declaration order: one pass over the alarms, not one per question.
    private static ILookup<Component, Alarm> BuildWatchers(Architecture architecture) =>
        architecture.OfType<Alarm>()
            .Where(a => !a.IsComposite)
            .SelectMany(a => a.Watches.Distinct(ReferenceEqualityComparer.Instance).Select(watched => (Watched: (Component)watched!, Alarm: a)))
            .ToLookup<(Component Watched, Alarm Alarm), Component, Alarm>(p => p.Watched, p => p.Alarm, ReferenceEqualityComparer.Instance);
}
