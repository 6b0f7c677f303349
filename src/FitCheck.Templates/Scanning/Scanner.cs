using FitCheck.Model;
using FitCheck.Templates.Discovery;
using FitCheck.Templates.Dialects;
using FitCheck.Templates.Dialects.CloudFormation;

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

/// <summary>Discovers inputs, lets each dialect claim its units, and reads and maps them: paths in, architectures out.</summary>
public static class Scanner
{
    /// <param name="exclude">Glob patterns (<c>**</c>, <c>*</c>, <c>?</c>) over display paths; matching files are not read.</param>
    /// <param name="input">Stage, region and values the user supplied for the inputs (the scan root is computed here).</param>
    public static ScanResult Scan(IReadOnlyList<string> paths, string? workingDirectory = null, IReadOnlyList<string>? exclude = null, ReadOptions? input = null) =>
        Scan(paths, DialectRegistry.All, workingDirectory, exclude, input);

    /// <summary>Scans with the given dialects, asked in order (tests, tools).</summary>
    public static ScanResult Scan(IReadOnlyList<string> paths, IReadOnlyList<IDialect> dialects, string? workingDirectory = null, IReadOnlyList<string>? exclude = null, ReadOptions? input = null)
    {
        ArgumentNullException.ThrowIfNull(dialects);
        var extensions = dialects.SelectMany(d => d.Extensions).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var found = TemplateDiscovery.Find(paths, workingDirectory, extensions);
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

        var (units, unclaimed) = Claim(found.Files, dialects);
        var options = (input ?? new ReadOptions(null)) with { ScanRoot = ScanRoot(paths, workingDirectory) };

        // Each unit is read and mapped in one step on whichever core is free, so its node trees are garbage as soon as
        // its architecture is built (memory stays near one unit per core); results keep the order of the units.
        var results = new UnitResult[units.Count];
        Parallel.For(0, units.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
            i => results[i] = ReadGuarded(units[i], options));

        var diagnostics = new List<Diagnostic>(found.Diagnostics);
        var architectures = new List<Architecture>(units.Count);
        var skipped = new List<Diagnostic>(unclaimed);
        foreach (var result in results)
        {
            diagnostics.AddRange(result.Diagnostics);
            if (result.Architecture is not null)
            {
                architectures.Add(result.Architecture);
            }

            if (result.Skipped is not null)
            {
                skipped.Add(result.Skipped);
            }
        }

        return new ScanResult(architectures, diagnostics, skipped);
    }

    /// <summary>
    /// Asks each dialect in order to claim units among the files no earlier dialect took. Units come back in the order
    /// of their main file's display path; files nobody claims are skipped with an informational diagnostic.
    /// </summary>
    internal static (List<InputUnit> Units, List<Diagnostic> Unclaimed) Claim(IReadOnlyList<DiscoveredFile> files, IReadOnlyList<IDialect> dialects)
    {
        var remaining = files.ToList();
        var units = new List<InputUnit>();
        foreach (var dialect in dialects)
        {
            if (remaining.Count == 0)
            {
                break;
            }

            var offered = remaining.Select(f => f.FullPath).ToHashSet(StringComparer.Ordinal);
            var claimed = new HashSet<string>(StringComparer.Ordinal);
            foreach (var unit in dialect.Claim(remaining))
            {
                // A file belongs to one unit: a dialect that lists a file twice, or one not offered, loses it.
                var own = unit.Files.Where(f => offered.Contains(f.FullPath) && claimed.Add(f.FullPath)).ToList();
                if (own.Count > 0)
                {
                    units.Add(own.Count == unit.Files.Count ? unit : unit with { Files = own });
                }
            }

            remaining.RemoveAll(f => claimed.Contains(f.FullPath));
        }

        units.Sort((a, b) => string.CompareOrdinal(a.Main.DisplayPath, b.Main.DisplayPath));
        var unclaimed = remaining.Select(f => new Diagnostic(DiagnosticCodes.NotATemplate, DiagnosticLevel.Info,
            "not an input fitcheck reads, skipped: no input format claims it", SourceSpan.FileStart(f.DisplayPath))).ToList();
        return (units, unclaimed);
    }

    private static UnitResult ReadGuarded(InputUnit unit, ReadOptions options)
    {
        try
        {
            return unit.Dialect.Read(unit, options);
        }
#pragma warning disable CA1031 // Deliberately broad: reported as a diagnostic, never rethrown.
        catch (Exception ex) when (ex is not OutOfMemoryException)
#pragma warning restore CA1031
        {
            return new UnitResult(null, [new Diagnostic(DiagnosticCodes.Structure, DiagnosticLevel.Error,
                $"fitcheck could not read this input ({ex.GetType().Name}: {ex.Message}); it is not assessed. Please report it with the input.",
                SourceSpan.FileStart(unit.DisplayPath))]);
        }
    }

    /// <summary>
    /// Reads one document given as text (standard input): each dialect that reads text (<see cref="ITextDialect"/>) is
    /// asked in <see cref="DialectRegistry.All"/> order, and the first that recognises the document reads it. No other
    /// file is read for it. A document no dialect recognises is an error naming what fitcheck reads.
    /// </summary>
    /// <param name="describedAs">How messages name the input ("standard input").</param>
    /// <param name="whatFitcheckReads">Said when no dialect recognises the document.</param>
    public static ScanResult ScanText(string text, string displayName, ReadOptions? input = null, string? describedAs = null, string whatFitcheckReads = "")
    {
        ArgumentNullException.ThrowIfNull(text);
        var document = Reading.TemplateReader.ReadText(text, displayName);
        if (document.Root is null)
        {
            return new ScanResult([], document.Diagnostics, []);
        }

        var options = (input ?? new ReadOptions(null)) with { ScanRoot = null };
        foreach (var dialect in DialectRegistry.All.OfType<ITextDialect>())
        {
            UnitResult? result;
            try
            {
                result = dialect.ReadDocument(document, options);
            }
#pragma warning disable CA1031 // Deliberately broad: reported as a diagnostic, never rethrown.
            catch (Exception ex) when (ex is not OutOfMemoryException)
#pragma warning restore CA1031
            {
                result = new UnitResult(null, [.. document.Diagnostics, new Diagnostic(DiagnosticCodes.Structure, DiagnosticLevel.Error,
                    $"fitcheck could not read this input ({ex.GetType().Name}: {ex.Message}); it is not assessed. Please report it with the input.",
                    SourceSpan.FileStart(displayName))]);
            }

            if (result is not null)
            {
                return new ScanResult(result.Architecture is { } a ? [a] : [], result.Diagnostics, []);
            }
        }

        return new ScanResult([], [.. document.Diagnostics, new Diagnostic(DiagnosticCodes.NotATemplate, DiagnosticLevel.Error,
            $"{describedAs ?? displayName} is not a template{(whatFitcheckReads.Length > 0 ? "; " + whatFitcheckReads : "")}", SourceSpan.FileStart(displayName))], []);
    }

    /// <summary>Builds the architecture of CloudFormation/SAM template text (tests, benchmarks, tools).</summary>
    public static Architecture FromText(string text, string displayPath = "template.yaml", string? format = null) =>
        CloudFormationDialect.FromText(text, displayPath, format);

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
