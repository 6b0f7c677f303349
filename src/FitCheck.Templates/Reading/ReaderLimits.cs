using FitCheck.Model;

namespace FitCheck.Templates.Reading;

/// <summary>Bounds that keep hostile input from exhausting time or memory.</summary>
public static class ReaderLimits
{
    /// <summary>CloudFormation accepts template bodies up to 1 MB; SAM sources are larger before packaging, but ten times that is no template.</summary>
    public const long MaxFileBytes = 10 * 1024 * 1024;

    /// <summary>Deeper than any real template (Step Functions definitions nest a few dozen levels at most).</summary>
    public const int MaxDepth = 256;

    /// <summary>Nodes after alias expansion; the largest corpus templates have a few thousand.</summary>
    public const long MaxExpandedNodes = 2_000_000;

    /// <summary>Duplicate-key warnings listed per file; the rest are counted in one last warning, so a file of
    /// 100,000 duplicates does not become 100,000 diagnostics.</summary>
    public const int MaxDuplicateKeyWarnings = 100;

    /// <summary>The warning that stands for the duplicate keys not listed, or null when all were.</summary>
    internal static Diagnostic? MoreDuplicates(string path, int duplicates) => duplicates <= MaxDuplicateKeyWarnings
        ? null
        : new Diagnostic(DiagnosticCodes.DuplicateKey, DiagnosticLevel.Warning,
            $"{duplicates - MaxDuplicateKeyWarnings:N0} more duplicate keys are not listed ({duplicates:N0} in all); the last value of each is used",
            SourceSpan.FileStart(path));
}

/// <summary>Thrown inside the readers when a limit is crossed; always turned into a diagnostic.</summary>
internal sealed class LimitExceededException(string message, SourceSpan location) : Exception(message)
{
    public SourceSpan Location { get; } = location;
}
