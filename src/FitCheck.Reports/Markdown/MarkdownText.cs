using System.Text;

namespace FitCheck.Reports.Markdown;

/// <summary>Escaping for GitHub-flavoured Markdown. Text taken from a template must read as text: no emphasis, links,
/// headings, table cells or HTML it did not ask for.</summary>
public static class MarkdownText
{
    /// <summary>Inline text: HTML characters become entities, Markdown punctuation is backslash-escaped, line breaks
    /// become spaces (so the text stays in its table cell or list item).</summary>
    public static string Escape(string text)
    {
        var sb = new StringBuilder(text.Length + 8);
        foreach (var ch in text)
        {
            switch (ch)
            {
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '&': sb.Append("&amp;"); break;
                case '"': sb.Append("&quot;"); break;
                case '\r' or '\n' or '\t': sb.Append(' '); break;
                case '\\' or '`' or '*' or '_' or '{' or '}' or '[' or ']' or '(' or ')' or '#' or '!' or '|' or '~' or '@':
                    sb.Append('\\').Append(ch);
                    break;
                default:
                    if (Common.Sanitizer.IsBidiControl(ch))
                    {
                        sb.Append('\\').Append(Common.Sanitizer.Visible(ch));
                    }
                    else
                    {
                        sb.Append(char.IsControl(ch) ? ' ' : ch);
                    }

                    break;
            }
        }

        return sb.ToString();
    }

    /// <summary>Inline code: a backtick fence longer than any run of backticks inside, and no line breaks.
    /// Inside a table a pipe still ends the cell, so pipes are replaced with a look-alike.</summary>
    public static string Code(string text)
    {
        var flat = new string([.. text.Select(ch => ch == '|' ? '\u2502' : char.IsControl(ch) ? ' ' : ch)]);
        if (flat.Any(Common.Sanitizer.IsBidiControl))
        {
            flat = string.Concat(flat.Select(ch => Common.Sanitizer.IsBidiControl(ch) ? Common.Sanitizer.Visible(ch) : ch.ToString()));
        }

        var longest = 0;
        var run = 0;
        foreach (var ch in flat)
        {
            run = ch == '`' ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }

        var fence = new string('`', longest + 1);
        var pad = flat.StartsWith('`') || flat.EndsWith('`') ? " " : "";
        return fence + pad + flat + pad + fence;
    }

    /// <summary>Markdown cut to at most <paramref name="maxChars"/> characters for a comment: whole lines only, open
    /// <c>&lt;details&gt;</c> blocks closed, and <paramref name="note"/> (plain text) saying that it was cut.</summary>
    public static string Fit(string markdown, int maxChars, string note)
    {
        if (markdown.Length <= maxChars)
        {
            return markdown;
        }

        var tail = "\n_" + Escape(note) + "_\n";
        var room = Math.Max(0, maxChars - tail.Length - 200);
        var cut = markdown[..room];
        cut = cut[..Math.Max(0, cut.LastIndexOf('\n') + 1)];
        var open = CountOf(cut, "<details") - CountOf(cut, "</details>");
        var sb = new StringBuilder(cut);
        for (var i = 0; i < open; i++)
        {
            sb.Append("\n</details>\n");
        }

        return sb.Append(tail).ToString();
    }

    private static int CountOf(string text, string value)
    {
        var count = 0;
        for (var i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    /// <summary>A fenced code block whose fence is longer than any backtick run inside.</summary>
    public static string CodeBlock(string text, string language)
    {
        var longest = 2;
        var run = 0;
        foreach (var ch in text)
        {
            run = ch == '`' ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }

        var fence = new string('`', longest + 1);
        return fence + language + "\n" + text.TrimEnd() + "\n" + fence;
    }
}
