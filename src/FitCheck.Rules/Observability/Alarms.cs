using FitCheck.Model;

namespace FitCheck.Rules.Observability;

/// <summary>Which alarms watch a component: directly through their dimensions, or through a composite alarm's rule.</summary>
internal static class Alarms
{
    /// <summary>Metric alarms whose dimensions (or metric queries) name the component.</summary>
    public static IEnumerable<Alarm> Watching(Architecture architecture, Component component) =>
        architecture.OfType<Alarm>().Where(a => !a.IsComposite && a.Watches.Contains(component));

    /// <summary>True when an alarm watches the component on a metric whose name passes <paramref name="metric"/>;
    /// an alarm whose metric is not known (metric math, intrinsic) counts, so the rule stays silent rather than guess.</summary>
    public static bool AnyWatching(Architecture architecture, Component component, Func<string, bool>? metric = null) =>
        Watching(architecture, component).Any(a => metric is null || a.MetricName is null || metric(a.MetricName));
}
