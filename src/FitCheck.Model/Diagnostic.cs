namespace FitCheck.Model;

/// <summary>How bad a diagnostic about the input is.</summary>
public enum DiagnosticLevel
{
    /// <summary>The file could not be read; it was not assessed.</summary>
    Error,
    /// <summary>The file was read, but part of it was ignored or is suspicious.</summary>
    Warning,
    /// <summary>Informational (verbose mode).</summary>
    Info,
}

/// <summary>A problem with the input itself (syntax, encoding, limits), not a design finding.</summary>
/// <param name="Code">Stable code, such as <c>FC0001</c> (syntax error).</param>
public sealed record Diagnostic(string Code, DiagnosticLevel Level, string Message, SourceSpan Location)
{
    public override string ToString() => $"{Location}: {Level.ToString().ToLowerInvariant()} {Code}: {Message}";
}

/// <summary>The codes of input diagnostics.</summary>
public static class DiagnosticCodes
{
    public const string Syntax = "FC0001";
    public const string RuleFailed = "FC0002";
    public const string DuplicateKey = "FC0003";
    public const string Encoding = "FC0004";
    public const string Limit = "FC0005";
    public const string Structure = "FC0006";
    public const string Unreadable = "FC0007";
    public const string OutsideRoot = "FC0008";
    public const string NotATemplate = "FC0009";
    public const string Config = "FC0010";
    public const string Profile = "FC0011";
    /// <summary>A local file a template refers to is missing, or matches only when letter case is ignored.</summary>
    public const string MissingFile = "FC0012";
}
