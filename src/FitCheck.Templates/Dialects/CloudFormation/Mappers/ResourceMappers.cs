using System.Collections.Frozen;
using FitCheck.Model;
using FitCheck.Templates.Reading;

namespace FitCheck.Templates.Dialects.CloudFormation.Mappers;

/// <summary>
/// The frozen registry of resource mappers, one per CloudFormation/SAM type. A new resource type is one entry in the
/// family file it belongs to (<c>Mappers/*Mappers.cs</c>); a new family is a file and one line in <see cref="Families"/>.
/// A type without a mapper becomes a component of kind <see cref="ComponentKind.Other"/>.
/// </summary>
internal static class ResourceMappers
{
    private static IEnumerable<ResourceMapper> Families() =>
    [
        .. SamFunctionMapper.All,
        .. LambdaMappers.All,
        .. ApiMappers.All,
        .. MessagingMappers.All,
        .. StorageMappers.All,
        .. StateMachineMapper.All,
        .. IamMappers.All,
        .. ObservabilityMappers.All,
        .. KindOnlyMappers.All,
    ];

    private static readonly FrozenDictionary<string, ResourceMapper> ByType = Build();

    private static readonly ResourceMapper Unknown = new([], ResourceMapper.Plain(ComponentKind.Other));

    /// <summary>Every registered type (tests, docs).</summary>
    public static IEnumerable<string> Types => ByType.Keys;

    public static ResourceMapper For(string type) => ByType.GetValueOrDefault(type) ?? Unknown;

    private static FrozenDictionary<string, ResourceMapper> Build()
    {
        var byType = new Dictionary<string, ResourceMapper>(StringComparer.Ordinal);
        foreach (var mapper in Families())
        {
            foreach (var type in mapper.Types)
            {
                if (!byType.TryAdd(type, mapper))
                {
                    throw new InvalidOperationException($"two resource mappers claim {type}");
                }
            }
        }

        return byType.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>First pass: one typed component per resource, with its suppressions.</summary>
    public static void Create(MappingContext context, ResourceEntry r)
    {
        var component = For(r.Type).Create(context, r);
        component.Service ??= ServiceOf(r.Type);
        if (r.Body["Metadata"] is MappingNode metadata)
        {
            Suppressions.Read(metadata, component.Suppressions, allowTemplateLevel: false);
        }

        context.Architecture.Add(component);
    }

    /// <summary><c>AWS::Lambda::Alias</c> is in service <c>lambda</c>; custom resources and other forms have none.</summary>
    internal static string? ServiceOf(string type)
    {
        // As type.Split("::") giving three parts, the first "AWS"; the services of a run are few, so each is one string.
        if (!type.StartsWith("AWS::", StringComparison.Ordinal)
            || type.IndexOf("::", 5, StringComparison.Ordinal) is not (var second and >= 0)
            || type.IndexOf("::", second + 2, StringComparison.Ordinal) >= 0)
        {
            return null;
        }

        var service = type.AsSpan(5, second - 5);
        var services = Services.GetAlternateLookup<ReadOnlySpan<char>>();
        if (services.TryGetValue(service, out var known))
        {
            return known;
        }

        var lower = service.ToString().ToLowerInvariant();
        if (Services.Count < 1024)
        {
            services.TryAdd(service, lower);
        }

        return lower;
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> Services = new(StringComparer.Ordinal);

    /// <summary>Second pass: physical names (FunctionName, QueueName...) and alias targets, so literal ARNs resolve.</summary>
    public static void RegisterNames(MappingContext context, ResourceEntry r)
    {
        var component = context.Architecture.Find(r.LogicalId);
        if (component is null)
        {
            return;
        }

        var mapper = For(r.Type);
        if (mapper.NameProperty is { } nameProperty && context.Literal(r[nameProperty]).Text is { } name)
        {
            context.RegisterPhysicalName(component, name);
        }

        mapper.RegisterNames?.Invoke(component, context, r);
    }

    /// <summary>Third pass: the type's own wiring, then what every resource shares (alarm users, embedded connectors).</summary>
    public static void Wire(MappingContext context, ResourceEntry r)
    {
        var component = context.Architecture.Find(r.LogicalId);
        if (component is null)
        {
            return;
        }

        For(r.Type).Wire?.Invoke(component, context, r);

        // Whatever names an alarm reads its state (composite alarm rules, DeploymentPreference alarms, CodeDeploy groups, health checks).
        if (component.Kind is not ComponentKind.Dashboard)
        {
            var referenced = context.Scratch;
            referenced.Clear();
            context.CollectReferencedComponents(r.Properties, referenced);
            foreach (var c in referenced)
            {
                if (c is Alarm alarm && !ReferenceEquals(alarm, component))
                {
                    alarm.UsedBy.Add(component);
                }
            }

            referenced.Clear();
        }

        // Embedded connectors sit beside Properties on a SAM resource; the resource itself is the source.
        if (r.Body["Connectors"] is MappingNode connectors)
        {
            foreach (var (key, value) in connectors.Pairs)
            {
                var properties = value["Properties"];
                var source = new MappingNode([new(new ScalarNode("Id", false, key.Span), new ScalarNode(r.LogicalId, false, key.Span))], key.Span);
                IamMappers.Connector(context, source, properties?["Destination"], properties?["Permissions"], key.Span);
            }
        }
    }
}
