using System.Text;
using System.Text.RegularExpressions;

namespace FitCheck.Templates.Scanning;

/// <summary>Path patterns: <c>**</c> any folders, <c>*</c> any characters but '/', <c>?</c> one character.</summary>
/// <remarks>
/// Patterns come from a <c>.fitcheck.yml</c> that may itself be hostile (one in a pull request that <c>diff --git</c>
/// reads): <c>a*a*a*a*...b</c> makes a backtracking matcher take exponential time. The regular expression runs on .NET's
/// non-backtracking engine, whose time is linear in the path whatever the pattern, and patterns are bounded in length.
/// </remarks>
public static class Glob
{
    /// <summary>The longest pattern accepted; real ones are a few dozen characters.</summary>
    public const int MaxPatternLength = 1024;

    /// <exception cref="ArgumentException">The pattern is longer than <see cref="MaxPatternLength"/>.</exception>
    public static Regex ToRegex(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        if (pattern.Length > MaxPatternLength)
        {
            throw new ArgumentException($"a path pattern is at most {MaxPatternLength} characters long", nameof(pattern));
        }

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
        return new Regex(sb.ToString(), RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);
    }
}
