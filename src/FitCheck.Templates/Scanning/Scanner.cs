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
            // A file named on the command line and excluded by the config is not read, but never dropped silently.
            var patterns = exclude.Select(p => (Pattern: p, Regex: Glob.ToRegex(p))).ToList();
            var kept = new List<DiscoveredFile>(found.Files.Count);
            var excluded = new List<Diagnostic>();
            foreach (var f in found.Files)
            {
                var hit = patterns.FirstOrDefault(p => p.Regex.IsMatch(f.DisplayPath));
                if (hit.Pattern is null)
                {
                    kept.Add(f);
                }
                else if (f.ExplicitlyNamed)
                {
                    excluded.Add(new Diagnostic(DiagnosticCodes.Config, DiagnosticLevel.Warning,
                        $"named on the command line, but the config's exclude pattern '{hit.Pattern}' matches it: not assessed", SourceSpan.FileStart(f.DisplayPath)));
                }
            }

            found = found with { Files = kept, Diagnostics = [.. found.Diagnostics, .. excluded] };
        }

        var files = found.Files;
        var scanRoot = ScanRoot(paths, workingDirectory);

        // Each file is read and mapped in one step on whichever core is free, so its node tree is garbage as soon as
        // its architecture is built (memory stays near one tree per core); results keep the order of the files.
        var results = new (Architecture? Architecture, IReadOnlyList<Diagnostic> Diagnostics, Diagnostic? Skipped)[files.Count];
        Parallel.For(0, files.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            var (document, skippedFile) = TemplateLoader.LoadOne(files[i]);
            if (document is null)
            {
                results[i] = (null, [], skippedFile);
                return;
            }

            var baseDirectory = Path.GetDirectoryName(files[i].FullPath);
            Diagnostic? failure = null;
            var architecture = document.Root is null ? null : BuildGuarded(document, baseDirectory, scanRoot ?? baseDirectory, out failure);
            IReadOnlyList<Diagnostic> fileDiagnostics = architecture?.Diagnostics ?? document.Diagnostics;
            if (failure is not null)
            {
                fileDiagnostics = [.. fileDiagnostics, failure];
            }

            results[i] = (architecture, fileDiagnostics, null);
        });

        var diagnostics = new List<Diagnostic>(found.Diagnostics);
        var architectures = new List<Architecture>(files.Count);
        var skipped = new List<Diagnostic>();
        foreach (var (architecture, fileDiagnostics, skippedFile) in results)
        {
            diagnostics.AddRange(fileDiagnostics);
            if (architecture is not null)
            {
                architectures.Add(architecture);
            }

            if (skippedFile is not null)
            {
                skipped.Add(skippedFile);
            }
        }

        return new ScanResult(architectures, diagnostics, skipped);
    }

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
