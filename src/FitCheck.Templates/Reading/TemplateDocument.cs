using FitCheck.Model;

namespace FitCheck.Templates.Reading;

/// <summary>A file read into a node tree, with what went wrong while reading it.</summary>
/// <param name="Root">Null when the file could not be read.</param>
public sealed record TemplateDocument(string Path, string Format, TemplateNode? Root, IReadOnlyList<Diagnostic> Diagnostics)
{
    /// <summary>True when the file could not be read at all.</summary>
    public bool Failed => Root is null || Diagnostics.Any(d => d.Level == DiagnosticLevel.Error);

    /// <summary>True when the root is a mapping whose <c>Resources</c> maps names to entries with <c>Type: AWS::...</c> (or a custom resource type).</summary>
    public bool IsTemplate => Root?["Resources"] is MappingNode resources
        && resources.Pairs.Any(p => p.Value["Type"]?.Text is { } t && (t.StartsWith("AWS::", StringComparison.Ordinal) || t.StartsWith("Custom::", StringComparison.Ordinal) || t.Contains("::", StringComparison.Ordinal)));
}
