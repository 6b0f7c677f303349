using System.Buffers;
using System.Text;
using FitCheck.Model;
using FitCheck.Templates.Files;

namespace FitCheck.Templates.Reading;

/// <summary>Turns the bytes of a file into a <see cref="TemplateDocument"/>: encoding checks, then YAML or JSON.</summary>
public static class TemplateReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Reads a file from disk (a regular file only, bounded by <see cref="ReaderLimits.MaxFileBytes"/>).
    /// Never throws: I/O and limit problems become diagnostics.</summary>
    /// <param name="what">What the file is, for the messages: template, config file, workload profile.</param>
    public static TemplateDocument ReadFile(string fullPath, string displayPath, string what = "template")
    {
        // The bytes go to a pooled array: the tree keeps strings, never the bytes, so the array is returned after the read.
        var content = UserFile.Read(fullPath, ReaderLimits.MaxFileBytes, what, prefix: false, ArrayPool<byte>.Shared, out var length);
        if (content.Bytes is not { } bytes)
        {
            return Fail(displayPath, FormatOf(fullPath, []), content.Code, content.Error!);
        }

        try
        {
            var segment = new ArraySegment<byte>(bytes, 0, length);
            return Read(segment, displayPath, FormatOf(fullPath, segment));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    /// <summary>Reads template text given as bytes. <paramref name="format"/> is <c>yaml</c> or <c>json</c>.</summary>
    public static TemplateDocument Read(byte[] bytes, string displayPath, string format) => Read(new ArraySegment<byte>(bytes), displayPath, format);

    private static TemplateDocument Read(ArraySegment<byte> bytes, string displayPath, string format)
    {
        var diagnostics = new List<Diagnostic>();
        if (!TryDecode(bytes, displayPath, diagnostics, out var text, out var utf8))
        {
            return new TemplateDocument(displayPath, format, null, diagnostics);
        }

        if (IsBlank(utf8, ref text))
        {
            diagnostics.Add(new Diagnostic(DiagnosticCodes.Structure, DiagnosticLevel.Error, "the file is empty", SourceSpan.FileStart(displayPath)));
            return new TemplateDocument(displayPath, format, null, diagnostics);
        }

        TemplateNode? root;
        try
        {
            root = format == "json"
                ? JsonTemplateReader.Read(utf8, displayPath, diagnostics)
                : FastYamlReader.TryRead(utf8, displayPath, diagnostics, out var fast) ? fast // YamlDotNet reads what the fast reader leaves.
                : YamlTemplateReader.Read(text ?? StrictUtf8.GetString(utf8.AsSpan()), displayPath, diagnostics);
        }
#pragma warning disable CA1031 // The readers turn every known failure into a diagnostic; this net keeps "never throws" for the rest.
        catch (Exception ex) when (ex is not OutOfMemoryException)
#pragma warning restore CA1031
        {
            diagnostics.Add(new Diagnostic(DiagnosticCodes.Syntax, DiagnosticLevel.Error,
                $"the file could not be read ({ex.GetType().Name}: {ex.Message})", SourceSpan.FileStart(displayPath)));
            return new TemplateDocument(displayPath, format, null, diagnostics);
        }

        if (root is ScalarNode { IsNull: true })
        {
            root = null; // "---" alone, or "null": a document with nothing in it.
        }

        if (root is null && !diagnostics.Exists(d => d.Level == DiagnosticLevel.Error))
        {
            // Only comments, or only a document marker: nothing to read.
            diagnostics.Add(new Diagnostic(DiagnosticCodes.Structure, DiagnosticLevel.Error,
                "the file holds no content (only comments or document markers)", SourceSpan.FileStart(displayPath)));
        }

        return new TemplateDocument(displayPath, format, root, diagnostics);
    }

    /// <summary>Reads template text (tests and tools that already hold a string).</summary>
    public static TemplateDocument ReadText(string text, string displayPath, string? format = null) =>
        Read(Encoding.UTF8.GetBytes(text), displayPath, format ?? (text.TrimStart().StartsWith('{') ? "json" : "yaml"));

    /// <summary>JSON for <c>.json</c>, YAML for <c>.yaml/.yml</c>; other extensions (<c>.template</c>) by their first character.</summary>
    public static string FormatOf(string path, byte[] bytes) => FormatOf(path, new ArraySegment<byte>(bytes));

    private static string FormatOf(string path, ArraySegment<byte> bytes)
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

        foreach (var b in bytes.AsSpan(0, Math.Min(bytes.Count, 4096)))
        {
            // Whitespace, the UTF-8 byte order mark, and the UTF-16 ones with the zero half of each ASCII character.
            if (b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or 0xEF or 0xBB or 0xBF or 0xFF or 0xFE or 0)
            {
                continue;
            }

            return b == (byte)'{' ? "json" : "yaml";
        }

        return "yaml";
    }

    /// <summary>True when the text is empty or only white space (as <see cref="string.IsNullOrWhiteSpace"/> says); decodes
    /// <paramref name="text"/> only when a non-ASCII character must be looked at.</summary>
    private static bool IsBlank(ArraySegment<byte> utf8, ref string? text)
    {
        if (text is not null)
        {
            return string.IsNullOrWhiteSpace(text);
        }

        foreach (var b in utf8)
        {
            if (b >= 0x80)
            {
                text = StrictUtf8.GetString(utf8.AsSpan());
                return string.IsNullOrWhiteSpace(text);
            }

            if (!char.IsWhiteSpace((char)b))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Checks the encoding and gives the UTF-8 bytes without a byte order mark. The text is decoded only for
    /// UTF-16 (<paramref name="text"/> is null for UTF-8: the fast reader and the JSON reader read the bytes, and the text
    /// is decoded when YamlDotNet needs it).</summary>
    private static bool TryDecode(ArraySegment<byte> bytes, string path, List<Diagnostic> diagnostics, out string? text, out ArraySegment<byte> utf8)
    {
        text = null;
        utf8 = bytes;
        try
        {
            if (bytes.Count >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)))
            {
                // UTF-16 with a byte order mark: decode strictly, then continue in UTF-8.
                var bigEndian = bytes[0] == 0xFE;
                try
                {
                    text = new UnicodeEncoding(bigEndian, byteOrderMark: true, throwOnInvalidBytes: true).GetString(bytes.AsSpan(2));
                }
                catch (DecoderFallbackException ex)
                {
                    // Count the lines of the valid part before the bad code unit (a 0x0A byte is not always a line feed in UTF-16).
                    var valid = Math.Clamp(ex.Index, 0, bytes.Count - 2) & ~1;
                    var line = 1 + new UnicodeEncoding(bigEndian, byteOrderMark: false).GetString(bytes.AsSpan(2, valid)).AsSpan().Count('\n');
                    diagnostics.Add(new Diagnostic(DiagnosticCodes.Encoding, DiagnosticLevel.Error,
                        "the file is not valid UTF-16: unpaired surrogate or odd length", new SourceSpan(path, line, 1, line, 1)));
                    return false;
                }

                utf8 = Encoding.UTF8.GetBytes(text);
                return CheckText(text, path, diagnostics);
            }

            var offset = bytes.Count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
            var nul = bytes.AsSpan(offset).IndexOf((byte)0);
            if (nul >= 0)
            {
                var line = LineOf(bytes, offset + nul);
                diagnostics.Add(new Diagnostic(DiagnosticCodes.Encoding, DiagnosticLevel.Error,
                    "the file holds NUL bytes: it is binary, or UTF-16 without a byte order mark; templates are UTF-8 text",
                    new SourceSpan(path, line, 1, line, 1)));
                return false;
            }

            utf8 = bytes[offset..];
            if (!System.Text.Unicode.Utf8.IsValid(utf8))
            {
                text = StrictUtf8.GetString(utf8.AsSpan()); // Throws at the first invalid sequence, to say where (below).
            }

            // Valid UTF-8 without a NUL byte holds no NUL character: nothing more to check.
            return true;
        }
        catch (DecoderFallbackException ex)
        {
            // The index is into the decoded bytes, after the byte order mark.
            var line = ex.Index >= 0 ? LineOf(utf8, ex.Index) : 1;
            diagnostics.Add(new Diagnostic(DiagnosticCodes.Encoding, DiagnosticLevel.Error,
                "the file is not valid UTF-8: invalid byte sequence", new SourceSpan(path, line, 1, line, 1)));
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

    private static int LineOf(ArraySegment<byte> bytes, int offset) => 1 + bytes.AsSpan(0, Math.Min(offset, bytes.Count)).Count((byte)'\n');

    private static TemplateDocument Fail(string path, string format, string code, string message) =>
        new(path, format, null, [new Diagnostic(code, DiagnosticLevel.Error, message, SourceSpan.FileStart(path))]);
}
