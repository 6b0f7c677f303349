using FitCheck.Model;
using FitCheck.Templates.Discovery;
using FitCheck.Templates.Mapping;
using FitCheck.Templates.Reading;

namespace FitCheck.Templates.Scanning;

/// <summary>The result of reading everything under the given paths.</summary>
/// <param name="Architectures">One per template that could be read, in path order.</param>
/// <param name="Diagnostics">Input problems: unreadable files, syntax errors, refused paths; in path order.</param>
/// <param name="Skipped">Files looked at and skipped because they are not templates (for verbose output).</param>
public sealed record ScanResult(IReadOnlyList<Architecture> Architectures, IReadOnlyList<Diagnostic> Diagnostics, IReadOnlyList<Diagnostic> Skipped)
{
    /// <summary>True when some input could not be read (exit code 2).</summary>
    public bool HasInputErrors => Diagnostics.Any(d => d.Level == DiagnosticLevel.Error);
}

/// <summary>Discovers, reads and maps templates: paths in, architectures out.</summary>
public static class Scanner
{
    /// <param name="exclude">Glob patterns (<c>**</c>, <c>*</c>, <c>?</c>) over display paths; matching files are not read.</param>
    public static ScanResult Scan(IReadOnlyList<string> paths, string? workingDirectory = null, IReadOnlyList<string>? exclude = null)
    {
        var found = TemplateDiscovery.Find(paths, workingDirectory);
        if (exclude is { Count: > 0 })
        {
            var patterns = exclude.Select(Glob.ToRegex).ToList();
            found = found with { Files = found.Files.Where(f => !patterns.Any(p => p.IsMatch(f.DisplayPath))).ToList() };
        }

        var documents = TemplateLoader.Load(found, out var skipped);
        var fullPaths = found.Files.ToDictionary(f => f.DisplayPath, f => f.FullPath, StringComparer.Ordinal);
        var scanRoot = ScanRoot(paths, workingDirectory);

        var architectures = new Architecture?[documents.Count];
        Parallel.For(0, documents.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            var document = documents[i];
            var baseDirectory = fullPaths.TryGetValue(document.Path, out var full) ? Path.GetDirectoryName(full) : null;
            architectures[i] = document.Root is null ? null : ArchitectureBuilder.Build(document, baseDirectory, scanRoot ?? baseDirectory);
        });

        var diagnostics = new List<Diagnostic>(found.Diagnostics);
        for (var i = 0; i < documents.Count; i++)
        {
            diagnostics.AddRange(architectures[i]?.Diagnostics ?? documents[i].Diagnostics);
        }

        return new ScanResult(architectures.OfType<Architecture>().ToList(), diagnostics, skipped);
    }

    /// <summary>Builds the architecture of template text (tests, benchmarks, tools).</summary>
    public static Architecture FromText(string text, string displayPath = "template.yaml", string? format = null) =>
        ArchitectureBuilder.Build(TemplateReader.ReadText(text, displayPath, format));

    // Local files (DefinitionUri) are read only under the folder that was asked for: the common folder of the paths.
    private static string? ScanRoot(IReadOnlyList<string> paths, string? workingDirectory)
    {
        var cwd = workingDirectory ?? Directory.GetCurrentDirectory();
        var folders = paths.Select(p => Path.GetFullPath(Path.Combine(cwd, p)))
            .Select(p => Directory.Exists(p) ? p : Path.GetDirectoryName(p) ?? p)
            .ToList();
        if (folders.Count == 0)
        {
            return null;
        }

        var common = folders[0];
        foreach (var folder in folders.Skip(1))
        {
            while (!folder.StartsWith(common, StringComparison.Ordinal))
            {
                common = Path.GetDirectoryName(common) ?? "/";
            }
        }

        return common;
    }
}
