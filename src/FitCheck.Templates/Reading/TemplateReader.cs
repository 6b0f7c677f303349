using System.Text;
using FitCheck.Model;

namespace FitCheck.Templates.Reading;

/// <summary>Turns the bytes of a file into a <see cref="TemplateDocument"/>: encoding checks, then YAML or JSON.</summary>
public static class TemplateReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Reads a file from disk. Never throws: I/O and limit problems become diagnostics.</summary>
    public static TemplateDocument ReadFile(string fullPath, string displayPath)
    {
        byte[] bytes;
        try
        {
            var info = new FileInfo(fullPath);
            if (info.Length > ReaderLimits.MaxFileBytes)
            {
                return Fail(displayPath, FormatOf(fullPath, []), DiagnosticCodes.Limit,
                    $"the file is {info.Length / (1024 * 1024)} MB; fitcheck reads templates up to {ReaderLimits.MaxFileBytes / (1024 * 1024)} MB (CloudFormation itself accepts 1 MB)");
            }

            bytes = File.ReadAllBytes(fullPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Fail(displayPath, FormatOf(fullPath, []), DiagnosticCodes.Unreadable, "cannot read the file: " + ex.Message);
        }

        return Read(bytes, displayPath, FormatOf(fullPath, bytes));
    }

    /// <summary>Reads template text given as bytes. <paramref name="format"/> is <c>yaml</c> or <c>json</c>.</summary>
    public static TemplateDocument Read(byte[] bytes, string displayPath, string format)
    {
        var diagnostics = new List<Diagnostic>();
        if (!TryDecode(bytes, displayPath, diagnostics, out var text, out var utf8))
        {
            return new TemplateDocument(displayPath, format, null, diagnostics);
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            diagnostics.Add(new Diagnostic(DiagnosticCodes.Structure, DiagnosticLevel.Error, "the file is empty", SourceSpan.FileStart(displayPath)));
            return new TemplateDocument(displayPath, format, null, diagnostics);
        }

        var root = format == "json"
            ? JsonTemplateReader.Read(utf8, displayPath, diagnostics)
            : YamlTemplateReader.Read(text, displayPath, diagnostics);
        return new TemplateDocument(displayPath, format, root, diagnostics);
    }

    /// <summary>Reads template text (tests and tools that already hold a string).</summary>
    public static TemplateDocument ReadText(string text, string displayPath, string? format = null) =>
        Read(Encoding.UTF8.GetBytes(text), displayPath, format ?? (text.TrimStart().StartsWith('{') ? "json" : "yaml"));

    /// <summary>JSON for <c>.json</c>, YAML for <c>.yaml/.yml</c>; other extensions (<c>.template</c>) by their first character.</summary>
    public static string FormatOf(string path, byte[] bytes)
    {
        var ext = Path.GetExtension(path).ToLowerInvariant();
        if (ext == ".json")
        {
            return "json";
        }

        if (ext is ".yaml" or ".yml")
        {
            return "yaml";
        }

        foreach (var b in bytes.AsSpan(0, Math.Min(bytes.Length, 4096)))
        {
            if (b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or 0xEF or 0xBB or 0xBF)
            {
                continue;
            }

            return b == (byte)'{' ? "json" : "yaml";
        }

        return "yaml";
    }

    private static bool TryDecode(byte[] bytes, string path, List<Diagnostic> diagnostics, out string text, out byte[] utf8)
    {
        text = "";
        utf8 = bytes;
        try
        {
            if (bytes.Length >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)))
            {
                // UTF-16 with a byte order mark: decode strictly, then continue in UTF-8.
                var encoding = bytes[0] == 0xFF
                    ? new UnicodeEncoding(bigEndian: false, byteOrderMark: true, throwOnInvalidBytes: true)
                    : new UnicodeEncoding(bigEndian: true, byteOrderMark: true, throwOnInvalidBytes: true);
                text = encoding.GetString(bytes, 2, bytes.Length - 2);
                utf8 = Encoding.UTF8.GetBytes(text);
                return CheckText(text, path, diagnostics);
            }

            var offset = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
            var nul = Array.IndexOf(bytes, (byte)0, offset);
            if (nul >= 0)
            {
                var line = LineOf(bytes, nul);
                diagnostics.Add(new Diagnostic(DiagnosticCodes.Encoding, DiagnosticLevel.Error,
                    "the file holds NUL bytes: it is binary, or UTF-16 without a byte order mark; templates are UTF-8 text",
                    new SourceSpan(path, line, 1, line, 1)));
                return false;
            }

            text = StrictUtf8.GetString(bytes, offset, bytes.Length - offset);
            utf8 = offset == 0 ? bytes : bytes[offset..];
            return CheckText(text, path, diagnostics);
        }
        catch (DecoderFallbackException ex)
        {
            var line = ex.Index >= 0 ? LineOf(bytes, ex.Index) : 1;
            diagnostics.Add(new Diagnostic(DiagnosticCodes.Encoding, DiagnosticLevel.Error,
                "the file is not valid UTF-8 (or UTF-16): invalid byte sequence", new SourceSpan(path, line, 1, line, 1)));
            return false;
        }
        catch (ArgumentException)
        {
            diagnostics.Add(new Diagnostic(DiagnosticCodes.Encoding, DiagnosticLevel.Error,
                "the file is not valid text", SourceSpan.FileStart(path)));
            return false;
        }
    }

    private static bool CheckText(string text, string path, List<Diagnostic> diagnostics)
    {
        var nul = text.IndexOf('\0', StringComparison.Ordinal);
        if (nul < 0)
        {
            return true;
        }

        var line = 1 + text.AsSpan(0, nul).Count('\n');
        diagnostics.Add(new Diagnostic(DiagnosticCodes.Encoding, DiagnosticLevel.Error,
            "the file holds NUL characters: it is binary, not a template", new SourceSpan(path, line, 1, line, 1)));
        return false;
    }

    private static int LineOf(byte[] bytes, int offset) => 1 + bytes.AsSpan(0, Math.Min(offset, bytes.Length)).Count((byte)'\n');

    private static TemplateDocument Fail(string path, string format, string code, string message) =>
        new(path, format, null, [new Diagnostic(code, DiagnosticLevel.Error, message, SourceSpan.FileStart(path))]);
}
