using System.Text;
using FitCheck.Model;
using FitCheck.Templates.Files;
using FitCheck.Templates.Reading;

namespace FitCheck.Templates.Discovery;

/// <summary>Reads discovered files and keeps the templates.</summary>
public static class TemplateLoader
{
    /// <summary>From this many files on, files are read in parallel.</summary>
    private const int ParallelThreshold = 8;

    /// <summary>
    /// Reads every discovered file, in the order of <paramref name="found"/>, and keeps:
    /// the documents that are templates; and the documents that could not be read when the file was named explicitly
    /// or its text looks like a template (they keep their error diagnostics, so the user learns why).
    /// Every other file is skipped, with an informational <see cref="DiagnosticCodes.NotATemplate"/> diagnostic in
    /// <paramref name="skipped"/> (for verbose output). Never throws for problems with the files.
    /// </summary>
    public static IReadOnlyList<TemplateDocument> Load(DiscoveryResult found, out IReadOnlyList<Diagnostic> skipped)
    {
        ArgumentNullException.ThrowIfNull(found);
        var files = found.Files;
        var results = new (TemplateDocument? Kept, Diagnostic? Skipped)[files.Count];
        if (files.Count >= ParallelThreshold && Environment.ProcessorCount > 1)
        {
            Parallel.For(0, files.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
                i => results[i] = LoadOne(files[i]));
        }
        else
        {
            for (var i = 0; i < files.Count; i++)
            {
                results[i] = LoadOne(files[i]);
            }
        }

        var kept = new List<TemplateDocument>(files.Count);
        var notTemplates = new List<Diagnostic>();
        foreach (var (document, diagnostic) in results)
        {
            if (document is not null)
            {
                kept.Add(document);
            }

            if (diagnostic is not null)
            {
                notTemplates.Add(diagnostic);
            }
        }

        skipped = notTemplates;
        return kept;
    }

    /// <summary>Reads one discovered file: the document when it is kept (see <see cref="Load"/>), else why it was skipped.</summary>
    internal static (TemplateDocument? Kept, Diagnostic? Skipped) LoadOne(DiscoveredFile file)
    {
        var document = TemplateReader.ReadFile(file.FullPath, file.DisplayPath);
        if (document.IsTemplate)
        {
            return (document, null);
        }

        // A file that is not a regular file (a named pipe, a device) or cannot be opened is kept whatever its text: it
        // has a template's name, and the user learns why it was not read.
        if (document.Failed && (file.ExplicitlyNamed || document.Diagnostics.Any(d => d.Code == DiagnosticCodes.Unreadable) || LooksLikeTemplateFile(file.FullPath)))
        {
            return (document, null);
        }

        // A template whose Resources is a list or a string: kept, so the mapper reports the section with its line.
        if (document.Root?["Resources"] is not null and not MappingNode and not ScalarNode { IsNull: true }
            && (file.ExplicitlyNamed || LooksLikeTemplateFile(file.FullPath)))
        {
            return (document, null);
        }

        var why = document.Failed
            ? "it could not be read and does not look like one (" + (document.Diagnostics.FirstOrDefault(d => d.Level == DiagnosticLevel.Error)?.Message ?? "no content") + ")"
            : "it has no Resources section with typed resources";
        return (null, new Diagnostic(DiagnosticCodes.NotATemplate, DiagnosticLevel.Info,
            $"not a template, skipped: {why}", SourceSpan.FileStart(file.DisplayPath)));
    }

    /// <summary>
    /// True when the text, read leniently, mentions <c>AWSTemplateFormatVersion</c> or an <c>AWS::</c> type, or has
    /// <c>Resources</c> as a top-level YAML key or a JSON key.
    /// </summary>
    internal static bool LooksLikeTemplateFile(string fullPath) =>
        UserFile.Read(fullPath, ReaderLimits.MaxFileBytes, prefix: true).Bytes is { } bytes && LooksLikeTemplateText(LenientText(bytes));

    internal static bool LooksLikeTemplateText(string text)
    {
        if (text.Contains("AWSTemplateFormatVersion", StringComparison.Ordinal) || text.Contains("AWS::", StringComparison.Ordinal))
        {
            return true;
        }

        foreach (var line in text.AsSpan().EnumerateLines())
        {
            // YAML: "Resources:" at the start of a line (top level).
            if (line.StartsWith("Resources", StringComparison.Ordinal) && line["Resources".Length..].TrimStart().StartsWith(':'))
            {
                return true;
            }

            // JSON: a "Resources" key anywhere (the nesting of broken JSON cannot be trusted).
            var at = line.IndexOf("\"Resources\"", StringComparison.Ordinal);
            if (at >= 0 && line[(at + "\"Resources\"".Length)..].TrimStart().StartsWith(':'))
            {
                return true;
            }
        }

        return false;
    }

    private static string LenientText(byte[] bytes)
    {
        if (bytes.Length >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE)
        {
            return Encoding.Unicode.GetString(bytes, 2, bytes.Length - 2);
        }

        if (bytes.Length >= 2 && bytes[0] == 0xFE && bytes[1] == 0xFF)
        {
            return Encoding.BigEndianUnicode.GetString(bytes, 2, bytes.Length - 2);
        }

        return Encoding.UTF8.GetString(bytes);
    }
}
