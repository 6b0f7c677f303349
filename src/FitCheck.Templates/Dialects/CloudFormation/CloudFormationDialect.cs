using FitCheck.Model;
using FitCheck.Templates.Discovery;
using FitCheck.Templates.Reading;

namespace FitCheck.Templates.Dialects.CloudFormation;

/// <summary>CloudFormation templates, with or without the SAM transform (CDK output included): one file, one architecture.</summary>
public sealed class CloudFormationDialect : ITextDialect
{
    private static readonly HashSet<string> OwnExtensions = new(TemplateDiscovery.CandidateExtensions, StringComparer.OrdinalIgnoreCase);

    public string Id => DialectIds.CloudFormation;

    public IReadOnlyList<string> Extensions => TemplateDiscovery.CandidateExtensions;

    /// <summary>Every YAML/JSON/template file left, and any file named on the command line; reading tells templates from other files.</summary>
    public IReadOnlyList<InputUnit> Claim(IReadOnlyList<DiscoveredFile> files) =>
        files.Where(f => f.ExplicitlyNamed || OwnExtensions.Contains(Path.GetExtension(f.FullPath)))
            .Select(f => new InputUnit(this, f.DisplayPath, [f]))
            .ToList();

    public UnitResult Read(InputUnit unit, ReadOptions options)
    {
        var file = unit.Main;
        var (document, skipped) = TemplateLoader.LoadOne(file);
        if (document is null)
        {
            return UnitResult.NotAnInput(skipped!);
        }

        var baseDirectory = Path.GetDirectoryName(file.FullPath);
        Diagnostic? failure = null;
        var architecture = document.Root is null ? null : BuildGuarded(document, baseDirectory, options.ScanRoot ?? baseDirectory, out failure);
        IReadOnlyList<Diagnostic> diagnostics = architecture?.Diagnostics ?? document.Diagnostics;
        if (failure is not null)
        {
            diagnostics = [.. diagnostics, failure];
        }

        return new UnitResult(architecture, diagnostics);
    }

    /// <summary>A template given as text: read when it has a Resources section; no local file it names is read.</summary>
    public UnitResult? ReadDocument(TemplateDocument document, ReadOptions options)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (!document.IsTemplate)
        {
            return null;
        }

        var architecture = BuildGuarded(document, null, null, out var failure);
        return new UnitResult(architecture, failure is null ? architecture!.Diagnostics : [.. document.Diagnostics, failure]);
    }

    /// <summary>Builds the architecture of template text (tests, benchmarks, tools).</summary>
    public static Architecture FromText(string text, string displayPath = "template.yaml", string? format = null) =>
        ArchitectureBuilder.Build(TemplateReader.ReadText(text, displayPath, format));

    /// <summary>
    /// Builds one architecture; a failure outside any single resource (which the builder already contains) becomes an
    /// error diagnostic on the file (and no architecture), so nothing escapes a scan and the other templates are still assessed.
    /// </summary>
    internal static Architecture? BuildGuarded(TemplateDocument document, string? baseDirectory, string? scanRoot, out Diagnostic? failure)
    {
        failure = null;
        try
        {
            return ArchitectureBuilder.Build(document, baseDirectory, scanRoot);
        }
#pragma warning disable CA1031 // Deliberately broad: reported as a diagnostic, never rethrown.
        catch (Exception ex) when (ex is not OutOfMemoryException)
#pragma warning restore CA1031
        {
            failure = new Diagnostic(DiagnosticCodes.Structure, DiagnosticLevel.Error,
                $"fitcheck could not model this template ({ex.GetType().Name}: {ex.Message}); it is not assessed. Please report it with the template.",
                SourceSpan.FileStart(document.Path));
            return null;
        }
    }
}
