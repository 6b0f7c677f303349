namespace FitCheck.Model;

/// <summary>One template file that was read.</summary>
public sealed class TemplateInfo
{
    public TemplateInfo(string path, string format)
    {
        Path = path;
        Format = format;
    }

    /// <summary>The path as shown to the user (relative to the scan root where possible, with forward slashes).</summary>
    public string Path { get; }

    /// <summary><c>yaml</c> or <c>json</c>.</summary>
    public string Format { get; }

    /// <summary>True when the template uses the SAM transform.</summary>
    public bool IsSam { get; set; }

    public string? Description { get; set; }

    /// <summary>Number of entries under <c>Resources</c>.</summary>
    public int ResourceCount { get; set; }

    /// <summary>Template-level suppressions (from the template's Metadata).</summary>
    public List<Suppression> Suppressions { get; } = [];

    /// <summary>Parameters, by name.</summary>
    public Dictionary<string, TemplateParameter> Parameters { get; } = new(StringComparer.Ordinal);
}

/// <summary>A template parameter.</summary>
public sealed record TemplateParameter(string Name, string? Type, string? Default, bool NoEcho, SourceSpan Span);
