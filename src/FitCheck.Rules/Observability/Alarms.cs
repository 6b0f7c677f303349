using FitCheck.Model;

namespace FitCheck.Rules.Observability;

/// <summary>Which alarms watch a component: directly through their dimensions, or through a composite alarm's rule.</summary>
internal static class Alarms
{
    /// <summary>Metric alarms whose dimensions (or metric queries) name the component.</summary>
    public static IEnumerable<Alarm> Watching(Architecture architecture, Component component) =>
        architecture.Derived(WatchersKey, BuildWatchers)[component];

    private static readonly object WatchersKey = new();

    // Component -> the metric alarms watching it, in declaration order: one pass over the alarms, not one per question.
    private static ILookup<Component, Alarm> BuildWatchers(Architecture architecture) =>
        architecture.OfType<Alarm>()
            .Where(a => !a.IsComposite)
            .SelectMany(a => a.Watches.Distinct(ReferenceEqualityComparer.Instance).Select(watched => (Watched: (Component)watched!, Alarm: a)))
            .ToLookup<(Component Watched, Alarm Alarm), Component, Alarm>(p => p.Watched, p => p.Alarm, ReferenceEqualityComparer.Instance);

    /// <summary>True when an alarm watches the component on a metric whose name passes <paramref name="metric"/>;
    /// an alarm whose metric is not known (metric math, intrinsic) counts, so the rule stays silent rather than guess.</summary>
    public static bool AnyWatching(Architecture architecture, Component component, Func<string, bool>? metric = null) =>
        Watching(architecture, component).Any(a => metric is null || a.MetricName is null || metric(a.MetricName));
}
