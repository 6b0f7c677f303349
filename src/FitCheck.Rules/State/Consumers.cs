using FitCheck.Model;

namespace FitCheck.Rules.State;

/// <summary>An event source mapping, from a SAM event or an <c>AWS::Lambda::EventSourceMapping</c> resource.</summary>
/// <param name="Resource">The component a finding belongs to: the mapping resource, or the function whose SAM event it is.</param>
/// <param name="Function">The consuming function, when it is in the template.</param>
/// <param name="Name">The SAM event key or the mapping's logical id.</param>
/// <param name="Source">The queue, stream or table read, when it is in the template.</param>
internal sealed record MappingSite(Component Resource, Function? Function, string Name, FitCheck.Model.Delivery Delivery, MappingSettings Settings,
    Component? Source, string SourceText, SourceSpan Span)
{
    /// <summary>"mapping Orders" or "Worker's SQS event Queue", for messages.</summary>
    public string Describe() => Resource is EventMapping
        ? $"event source mapping {Name}" + (Function is null ? "" : $" of {Function.LogicalId}")
        : Resource.IsServerlessShorthand() ? $"{Resource.LogicalId}'s {Resource.EventName(Name)}"
        : $"{Resource.LogicalId}'s {Delivery.Source} event {Name}";

    /// <summary>The name of a mapping property in the words the mapping was written in.</summary>
    public string Word(string property) => Resource.Word(property);

    public bool IsStream(params ReadOnlySpan<EventSourceKind> kinds) => Delivery.Mode == DeliveryMode.StreamPolling && kinds.Contains(Delivery.Kind);
}

/// <summary>Queries the state rules share.</summary>
internal static class Consumers
{
    /// <summary>Every event source mapping once: mapping resources first, then SAM events that no mapping resource owns.
    /// A mapping deployed disabled is judged too: it is meant to be enabled, and then its settings apply.</summary>
    private static readonly object MappingsKey = new();

    /// <summary>The model's polling consumers, listed once per architecture and shared by the rules that ask (six do).</summary>
    public static IReadOnlyList<MappingSite> Mappings(Architecture architecture) =>
        architecture.Derived(MappingsKey, a => ListMappings(a).ToList());

    private static IEnumerable<MappingSite> ListMappings(Architecture architecture)
    {
        var owned = new HashSet<object>(ReferenceEqualityComparer.Instance);
        foreach (var esm in architecture.OfType<EventMapping>())
        {
            if (esm.Delivery is { Mapping: { } settings } delivery)
            {
                owned.Add(delivery);
                yield return new MappingSite(esm, esm.Function?.Target as Function, esm.LogicalId, delivery, settings,
                    esm.Source?.Target, esm.Source is { } source ? esm.Reference(source.Text) : "an event source outside the template", esm.Span);
            }
        }

        foreach (var function in architecture.OfType<Function>())
        {
            foreach (var ev in function.Events)
            {
                if (ev.Delivery.Mapping is { } settings && !owned.Contains(ev.Delivery))
                {
                    yield return new MappingSite(function, function, ev.Name, ev.Delivery, settings, ev.Source, function.Reference(ev.SourceText), ev.Span);
                }
            }
        }
    }

    /// <summary>The Retry and Catch that apply to a state: its own, or those of an enclosing Map or Parallel state.</summary>
    public static (bool Retry, bool Catch) ErrorHandling(StateMachine machine, WorkflowState state)
    {
        var retry = state.HasRetry;
        var @catch = state.HasCatch;
        foreach (var outer in machine.States)
        {
            if (outer.Type is "Map" or "Parallel" && state.Path.StartsWith(outer.Path + "/", StringComparison.Ordinal))
            {
                retry |= outer.HasRetry;
                @catch |= outer.HasCatch;
            }
        }

        return (retry, @catch);
    }

    /// <summary>"the default 30 s", "60 s (inherited from Globals)", "60 s".</summary>
    public static string Show(Setting<int> setting, string unit = " s") => setting.Origin switch
    {
        SettingOrigin.ServiceDefault => $"the default {setting.Value}{unit}",
        SettingOrigin.Globals => $"{setting.Value}{unit} (inherited from Globals)",
        SettingOrigin.ParameterDefault => $"{setting.Value}{unit} (parameter default)",
        _ => $"{setting.Value}{unit}",
    };

    /// <summary><see cref="Show(Setting{int}, string)"/> in the words of <paramref name="resource"/>'s input: "(inherited from provider)" in serverless.yml.</summary>
    public static string Show(Setting<int> setting, Component resource, string unit = " s") =>
        setting.Origin == SettingOrigin.ServiceDefault ? $"the default {setting.Value}{unit}" : $"{setting.Value}{unit}{resource.OriginNote(setting.Origin)}";

    public static string Seconds(int seconds) => seconds switch
    {
        >= 86_400 when seconds % 86_400 == 0 => $"{seconds} s = {seconds / 86_400} d",
        >= 3_600 when seconds % 3_600 == 0 => $"{seconds} s = {seconds / 3_600} h",
        _ => $"{seconds} s",
    };
}
