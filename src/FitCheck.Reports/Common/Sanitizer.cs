using System.Globalization;
using System.Text;

namespace FitCheck.Reports.Common;

/// <summary>The one sanitiser for text a template chose (resource, event and target names, paths, messages that quote
/// them) on its way to a terminal: control characters (C0, DEL, C1: ESC and OSC sequences among them) and bidirectional
/// overrides and isolates (U+202E...) are shown escaped (<c>\e</c>, <c>\x07</c>, <c>\u202E</c>), so a name can neither
/// move the cursor, erase a line, open a hyperlink nor reorder what is read. Markdown and HTML use
/// <see cref="IsBidiControl"/> through their own escaping.</summary>
public static class Sanitizer
{
    /// <summary>One line: every control character escaped, line breaks included.</summary>
    public static string Line(string? text) => Escape(text ?? "", keepNewlines: false);

    /// <summary>A block of report text: line breaks kept, every other control character and bidi control escaped.</summary>
    public static string Text(string text) => Escape(text, keepNewlines: true);

    /// <summary>True for the characters that reorder how text is displayed: LRE, RLE, PDF, LRO, RLO, LRI, RLI, FSI,
    /// PDI, LRM, RLM and ALM.</summary>
    public static bool IsBidiControl(char ch) => ch is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069') or '\u200E' or '\u200F' or '\u061C';

    /// <summary>The visible form of a bidi control: <c>\u202E</c>.</summary>
    public static string Visible(char ch) => "\\u" + ((int)ch).ToString("X4", CultureInfo.InvariantCulture);

    private static string Escape(string text, bool keepNewlines)
    {
        var clean = true;
        foreach (var ch in text)
        {
            if (NeedsEscape(ch, keepNewlines))
            {
                clean = false;
                break;
            }
        }

        if (clean)
        {
            return text;
        }

        var sb = new StringBuilder(text.Length + 16);
        foreach (var ch in text)
        {
            if (!NeedsEscape(ch, keepNewlines))
            {
                sb.Append(ch);
                continue;
            }

            switch (ch)
            {
                case '\u001b': sb.Append("\\e"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    sb.Append(ch < '\u0100' ? "\\x" + ((int)ch).ToString("X2", CultureInfo.InvariantCulture) : Visible(ch));
                    break;
            }
        }

        return sb.ToString();
    }

    private static bool NeedsEscape(char ch, bool keepNewlines) =>
        (ch == '\n' && !keepNewlines) || (ch != '\n' && char.IsControl(ch)) || IsBidiControl(ch);
}
