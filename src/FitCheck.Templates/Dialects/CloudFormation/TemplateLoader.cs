using System.Text;
using FitCheck.Model;
using FitCheck.Templates.Discovery;
using FitCheck.Templates.Files;
using FitCheck.Templates.Reading;

namespace FitCheck.Templates.Dialects.CloudFormation;

/// <summary>Which discovered YAML/JSON files the CloudFormation dialect reads as templates.</summary>
public static class TemplateLoader
{
    /// <summary>Reads one discovered file: the document when it is kept (a template; or a file that could not be read when it was named
    /// explicitly or its text looks like a template, so the user learns why), else why it was skipped (an informational
    /// <see cref="DiagnosticCodes.NotATemplate"/> diagnostic, for verbose output). Never throws for problems with the file.</summary>
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
