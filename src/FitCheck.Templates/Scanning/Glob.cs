using System.Text;
using System.Text.RegularExpressions;

namespace FitCheck.Templates.Scanning;

/// <summary>Path patterns: <c>**</c> any folders, <c>*</c> any characters but '/', <c>?</c> one character.</summary>
public static class Glob
{
    public static Regex ToRegex(string pattern)
    {
        var sb = new StringBuilder("^(?:.*/)?");
        if (pattern.StartsWith('/'))
        {
            sb.Clear().Append('^');
            pattern = pattern[1..];
        }

        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '*' && i + 1 < pattern.Length && pattern[i + 1] == '*')
            {
                sb.Append(".*");
                i++;
                if (i + 1 < pattern.Length && pattern[i + 1] == '/')
                {
                    i++;
                    sb.Append("/?");
                }
            }
            else if (c == '*')
            {
                sb.Append("[^/]*");
            }
            else if (c == '?')
            {
                sb.Append("[^/]");
            }
            else
            {
                sb.Append(Regex.Escape(c.ToString()));
            }
        }

        sb.Append("(?:/.*)?$");
        return new Regex(sb.ToString(), RegexOptions.CultureInvariant);
    }
}
