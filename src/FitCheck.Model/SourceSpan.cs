namespace FitCheck.Model;

/// <summary>A region of a template file. Lines and columns are 1-based, as in SARIF.</summary>
/// <param name="File">The path as the user sees it (relative to the scan root where possible).</param>
public sealed record SourceSpan(string File, int Line, int Column, int EndLine, int EndColumn)
{
    /// <summary>A span for a whole file, used when no finer position is known.</summary>
    public static SourceSpan FileStart(string file) => new(file, 1, 1, 1, 1);

    public override string ToString() => $"{File}:{Line}:{Column}";
}
