using FitCheck.Model;

namespace FitCheck.Templates.Dialects.CloudFormation.Mappers;

/// <summary>
/// What one CloudFormation/SAM resource type (or a family of them) means: the component it creates, the property that
/// holds its physical name, and the flows, grants and settings it wires once every component exists.
/// </summary>
/// <param name="Types">The resource types this mapper handles; each type has exactly one mapper (<see cref="ResourceMappers"/>).</param>
/// <param name="Create">First pass: the typed component, with the settings that need no references.</param>
/// <param name="NameProperty">The property that holds the physical name (FunctionName, QueueName...), so literal ARNs resolve; null when none.</param>
/// <param name="Wire">Third pass: references, flows, grants and implicit components; null when the type wires nothing.</param>
internal sealed record ResourceMapper(
    IReadOnlyList<string> Types,
    Func<MappingContext, ResourceEntry, Component> Create,
    string? NameProperty = null,
    Action<Component, MappingContext, ResourceEntry>? Wire = null)
{
    /// <summary>Second pass, after physical names: extra names to register (aliases and versions point at their function).</summary>
    public Action<Component, MappingContext, ResourceEntry>? RegisterNames { get; init; }

    /// <summary>A plain component of <paramref name="kind"/>, for types whose meaning is their kind.</summary>
    public static Func<MappingContext, ResourceEntry, Component> Plain(ComponentKind kind) =>
        (context, r) => new Component(r.LogicalId, r.Type, kind, context.Template, r.Span);

    /// <summary>A type known only by its kind: a plain component, wired by nothing but the shared passes.</summary>
    public static ResourceMapper Kind(ComponentKind kind, params string[] types) => new(types, Plain(kind));
}
