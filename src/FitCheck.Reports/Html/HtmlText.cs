using System.Text;

namespace FitCheck.Reports.Html;

/// <summary>HTML escaping for text and attribute values (double-quoted). Valid in HTML and in inline SVG alike.</summary>
public static class HtmlText
{
    public static string Escape(string text)
    {
        var sb = new StringBuilder(text.Length + 16);
        Append(sb, text);
        return sb.ToString();
    }

    /// <summary>Appends <paramref name="text"/> escaped: <c>&amp; &lt; &gt; " '</c> become entities, other control
    /// characters (which HTML forbids) become spaces.</summary>
    public static StringBuilder Append(StringBuilder sb, string text)
    {
        foreach (var ch in text)
        {
            switch (ch)
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '"': sb.Append("&quot;"); break;
                case '\'': sb.Append("&#39;"); break;
                case '\n' or '\t': sb.Append(ch); break;
                case '\r': break;
                default:
                    if (Common.Sanitizer.IsBidiControl(ch))
                    {
                        sb.Append(Common.Sanitizer.Visible(ch));
                    }
                    else
                    {
                        sb.Append(char.IsControl(ch) || ch is '\uFFFE' or '\uFFFF' ? ' ' : ch);
                    }

                    break;
            }
        }

        return sb;
    }
}
