using FitCheck.Model;
using FitCheck.Templates.Dialects.CloudFormation.Mappers;
using FitCheck.Templates.Reading;

namespace FitCheck.Templates.Dialects.CloudFormation;

/// <summary>Builds the <see cref="Architecture"/> of one template: components first, then the wiring between them.</summary>
public static class ArchitectureBuilder
{
    /// <param name="baseDirectory">The template's folder, for local files such as DefinitionUri; null to read none.</param>
    /// <param name="scanRoot">Local files outside this folder are refused.</param>
    /// <param name="dialect">The dialect recorded on the template: another dialect that writes its input as a template (Serverless) names itself.</param>
    public static Architecture Build(TemplateDocument document, string? baseDirectory = null, string? scanRoot = null, string dialect = DialectIds.CloudFormation)
    {
        var template = new TemplateInfo(document.Path, document.Format, dialect);
        var architecture = new Architecture(template);
        architecture.Diagnostics.AddRange(document.Diagnostics);
        if (document.Root is not MappingNode root)
        {
            if (document.Root is not null)
            {
                architecture.Diagnostics.Add(new Diagnostic(DiagnosticCodes.Structure, DiagnosticLevel.Error,
                    "the template is not a mapping of sections", document.Root.Span));
            }

            return architecture;
        }

        var context = new MappingContext(architecture, root, baseDirectory, scanRoot);
        ReadHeader(context);
        if (root["Resources"] is { } resourcesNode and not MappingNode)
        {
            architecture.Diagnostics.Add(new Diagnostic(DiagnosticCodes.Structure, DiagnosticLevel.Error,
                "Resources must be a mapping of logical ids to resources", resourcesNode.Span));
            return architecture;
        }

        var resources = ReadResources(context);
        template.ResourceCount = resources.Count;

        foreach (var resource in resources)
        {
            Guarded(context, resource, ResourceMappers.Create);
        }

        // Physical names and aliases must be known before any reference is resolved.
        foreach (var resource in resources)
        {
            Guarded(context, resource, ResourceMappers.RegisterNames);
        }

        foreach (var resource in resources)
        {
            Guarded(context, resource, ResourceMappers.Wire);
        }

        Derivations.Apply(architecture, context.PermissionEvents);
        ExternalArns.Collect(context, resources);
        return architecture;
    }

    /// <summary>
    /// Runs one step of modelling one resource. Whatever it throws becomes a warning on that resource and the rest of
    /// the template is still modelled: input no mapper foresaw must never cost the whole run.
    /// </summary>
    private static void Guarded(MappingContext context, ResourceEntry resource, Action<MappingContext, ResourceEntry> step)
    {
        try
        {
            step(context, resource);
        }
#pragma warning disable CA1031 // Deliberately broad: the failure is reported on the resource, never rethrown.
        catch (Exception ex) when (ex is not OutOfMemoryException)
#pragma warning restore CA1031
        {
            context.Architecture.Diagnostics.Add(new Diagnostic(DiagnosticCodes.Structure, DiagnosticLevel.Warning,
                $"{resource.LogicalId}: part of this resource could not be modelled ({ex.GetType().Name}: {ex.Message})", resource.Span));
        }
    }

    private static void ReadHeader(MappingContext context)
    {
        var root = context.Root;
        var template = context.Template;
        template.Description = root["Description"]?.Text;
        template.IsSam = root["Transform"] switch
        {
            ScalarNode s => s.Value.StartsWith("AWS::Serverless", StringComparison.Ordinal),
            SequenceNode seq => seq.Items.Any(i => i.Text?.StartsWith("AWS::Serverless", StringComparison.Ordinal) == true),
            _ => false,
        } || (context.Resources?.Pairs.Any(p => p.Value["Type"]?.Text?.StartsWith("AWS::Serverless::", StringComparison.Ordinal) == true) ?? false);

        if (root["Parameters"] is MappingNode parameters)
        {
            foreach (var (key, value) in parameters.Pairs)
            {
                var def = value["Default"] switch
                {
                    ScalarNode s => s.Value,
                    SequenceNode seq => string.Join(',', seq.Items.Select(i => i.Text)),
                    _ => null,
                };
                template.Parameters[key.Value] = new TemplateParameter(key.Value, value["Type"]?.Text, def,
                    string.Equals(value["NoEcho"]?.Text, "true", StringComparison.OrdinalIgnoreCase), key.Span);
            }
        }

        if (root["Metadata"] is MappingNode metadata)
        {
            Suppressions.Read(metadata, template.Suppressions, allowTemplateLevel: true);
        }
    }

    private static List<ResourceEntry> ReadResources(MappingContext context)
    {
        var list = new List<ResourceEntry>();
        if (context.Resources is null)
        {
            return list;
        }

        foreach (var (key, value) in context.Resources.Pairs)
        {
            if (key.Value.StartsWith("Fn::ForEach::", StringComparison.Ordinal))
            {
                context.Warn($"{key.Value}: Fn::ForEach (LanguageExtensions transform) expands at deploy time; the resources it makes are not modelled", key.Span);
                continue;
            }

            if (value is not MappingNode body)
            {
                context.Warn($"resource {key.Value} is not a mapping; it is ignored", value.Span);
                continue;
            }

            var type = body["Type"]?.Text;
            if (type is null)
            {
                context.Warn($"resource {key.Value} has no Type; it is ignored", key.Span);
                continue;
            }

            var properties = body["Properties"];
            if (properties is not null and not MappingNode and not ScalarNode { IsNull: true })
            {
                context.Warn($"{key.Value}: Properties is not a mapping; its properties are ignored", properties.Span);
            }

            var span = new SourceSpan(key.Span.File, key.Span.Line, key.Span.Column, key.Span.EndLine, key.Span.EndColumn);
            var merged = SamGlobals.Merge(context, type, properties as MappingNode, body);
            list.Add(new ResourceEntry(key.Value, type, body, merged ?? Empty(body.Span), span));
        }

        return list;
    }

    private static MappingNode Empty(SourceSpan span) => new([], span);
}

/// <summary>One entry under Resources, with Globals merged into its properties.</summary>
internal sealed record ResourceEntry(string LogicalId, string Type, MappingNode Body, MappingNode Properties, SourceSpan Span)
{
    public TemplateNode? this[string property] => Properties[property];
}
