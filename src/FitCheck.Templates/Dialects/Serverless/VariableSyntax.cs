using System.Globalization;
using System.Text;

namespace FitCheck.Templates.Dialects.Serverless;

/// <summary>A piece of a string value: literal text, or a <c>${...}</c> variable.</summary>
internal abstract record VariablePart;

/// <summary>Text copied as written (CloudFormation's own <c>${AWS::Region}</c> placeholders included).</summary>
internal sealed record TextPart(string Text) : VariablePart;

/// <summary>A <c>${source:address, fallback, ...}</c> variable: its sources in order, and the text as written.</summary>
internal sealed record VariableReference(IReadOnlyList<VariableSource> Sources, string Written) : VariablePart;

/// <summary>One source of a variable: a typed source (<c>self:x</c>, <c>file(p):k</c>) or a literal fallback (<c>'dev'</c>, <c>10</c>).</summary>
/// <param name="Type">The source type (<c>self</c>, <c>opt</c>, <c>file</c>...); null for a literal.</param>
/// <param name="Parameters">The arguments in parentheses (<c>file(./x.yml)</c>), each possibly holding variables.</param>
/// <param name="Address">What follows the colon, possibly holding variables; null when there is none.</param>
/// <param name="Literal">The literal's value as text, for a literal source.</param>
/// <param name="LiteralIsString">True when the literal was quoted (a string), false for numbers, booleans and null.</param>
internal sealed record VariableSource(string? Type, IReadOnlyList<IReadOnlyList<VariablePart>>? Parameters,
    IReadOnlyList<VariablePart>? Address, string? Literal, bool LiteralIsString)
{
    public bool IsLiteral => Type is null;
}

/// <summary>Thrown for a variable the framework itself would reject; the value becomes unknown with a diagnostic.</summary>
internal sealed class VariableSyntaxException(string message) : Exception(message);

/// <summary>
/// Parses the Serverless Framework's variable syntax inside a string. As the framework does, <c>${</c> followed by
/// something that is not a lowercase source type and a colon or parenthesis (<c>${AWS::Region}</c>, <c>${stage}</c>) is
/// not a variable and stays as text: it belongs to CloudFormation's <c>Fn::Sub</c>.
/// </summary>
internal static class VariableSyntax
{
    /// <summary>True when the text may hold a variable (a cheap test before parsing).</summary>
    public static bool MayHoldVariable(string text) => text.Contains("${", StringComparison.Ordinal);

    /// <summary>The parts of <paramref name="text"/>; one <see cref="TextPart"/> when it holds no variable.</summary>
    /// <exception cref="VariableSyntaxException">When a variable is malformed in a way the framework rejects.</exception>
    public static IReadOnlyList<VariablePart> Parse(string text)
    {
        var at = 0;
        return ParseText(text, ref at, stopAt: null);
    }

    /// <summary>Parses text up to one of <paramref name="stopAt"/> (outside nested variables) or the end.</summary>
    private static List<VariablePart> ParseText(string s, ref int at, string? stopAt)
    {
        var parts = new List<VariablePart>();
        var text = new StringBuilder();
        while (at < s.Length)
        {
            var c = s[at];
            if (stopAt is not null && stopAt.Contains(c, StringComparison.Ordinal))
            {
                break;
            }

            if (c == '\\' && at + 1 < s.Length && stopAt is null)
            {
                // An escaped character is never the start of a variable.
                text.Append(c).Append(s[at + 1]);
                at += 2;
                continue;
            }

            if (c == '$' && at + 1 < s.Length && s[at + 1] == '{')
            {
                var start = at;
                var variable = TryParseVariable(s, ref at, nested: stopAt is not null);
                if (variable is not null)
                {
                    if (text.Length > 0)
                    {
                        parts.Add(new TextPart(text.ToString()));
                        text.Clear();
                    }

                    parts.Add(variable);
                    continue;
                }

                // Not a variable: keep "${" as text and go on (a variable may still follow inside it).
                at = start + 2;
                text.Append("${");
                continue;
            }

            text.Append(c);
            at++;
        }

        if (text.Length > 0 || parts.Count == 0)
        {
            parts.Add(new TextPart(text.ToString()));
        }

        return parts;
    }

    /// <summary>
    /// Parses the variable that starts at <paramref name="at"/> (at its <c>$</c>). Returns null, with <paramref name="at"/>
    /// unchanged, when the text is not a variable of the framework. Inside another variable (<paramref name="nested"/>) a
    /// malformed variable is an error, as in the framework.
    /// </summary>
    private static VariableReference? TryParseVariable(string s, ref int at, bool nested)
    {
        var start = at;
        var i = at + 2;
        if (i >= s.Length || s[i] is < 'a' or > 'z')
        {
            return nested ? throw Invalid("variable type", s, i) : null;
        }

        var typeStart = i;
        while (i < s.Length && IsTypeChar(s[i]))
        {
            i++;
        }

        if (i >= s.Length || s[i] is not (':' or '('))
        {
            return nested ? throw Invalid("variable type", s, typeStart) : null;
        }

        // ${aws::x} is not a variable either (the framework treats "type::" as foreign text).
        if (s[i] == ':' && i + 1 < s.Length && s[i + 1] == ':')
        {
            return nested ? throw Invalid("variable address", s, i) : null;
        }

        i = typeStart;
        var sources = new List<VariableSource>();
        var first = true;
        while (true)
        {
            if (!first)
            {
                i = SkipSpaces(s, i);
            }

            var source = ParseSource(s, ref i, first);
            first = false;
            sources.Add(source);
            i = SkipSpaces(s, i);
            if (i >= s.Length)
            {
                throw new VariableSyntaxException($"missing closing '}}' of the variable that starts at character {start + 1} of \"{Clip(s)}\"");
            }

            if (s[i] == '}')
            {
                i++;
                break;
            }

            if (s[i] == ',')
            {
                if (source.IsLiteral && source.LiteralIsString)
                {
                    throw Invalid("variable source (a quoted fallback must be the last one)", s, i);
                }

                i++;
                continue;
            }

            throw Invalid("variable", s, i);
        }

        at = i;
        return new VariableReference(sources, s[start..i]);
    }

    private static VariableSource ParseSource(string s, ref int i, bool first)
    {
        if (i >= s.Length)
        {
            throw new VariableSyntaxException($"missing closing '}}' in \"{Clip(s)}\"");
        }

        if (!first && s[i] is '"' or '\'')
        {
            var literal = ReadQuoted(s, ref i);
            return new VariableSource(null, null, null, literal, LiteralIsString: true);
        }

        var typeStart = i;
        while (i < s.Length && IsTypeChar(s[i]))
        {
            i++;
        }

        if (i == typeStart)
        {
            throw Invalid("variable source", s, i);
        }

        var word = s[typeStart..i];
        var next = SkipSpaces(s, i);
        if (next < s.Length && s[next] is ':' or '(' && word[0] is >= 'a' and <= 'z' && !word.Contains('.', StringComparison.Ordinal))
        {
            i = next;
            IReadOnlyList<IReadOnlyList<VariablePart>>? parameters = null;
            if (s[i] == '(')
            {
                i++;
                parameters = ParseParameters(s, ref i);
                i = SkipSpaces(s, i);
                if (i >= s.Length || s[i] is not (':' or '}' or ','))
                {
                    throw Invalid("variable address", s, i);
                }

                if (s[i] != ':')
                {
                    return new VariableSource(word, parameters, null, null, false);
                }
            }

            i++; // The colon.
            i = SkipSpaces(s, i);
            if (i < s.Length && s[i] is '"' or '\'')
            {
                var quoted = ReadQuoted(s, ref i);
                return new VariableSource(word, parameters, [new TextPart(quoted)], null, false);
            }

            if (i < s.Length && s[i] is '}' or ',')
            {
                return new VariableSource(word, parameters, null, null, false);
            }

            var address = ParseText(s, ref i, stopAt: "},:");
            if (i < s.Length && s[i] == ':')
            {
                throw Invalid("variable address", s, i);
            }

            return new VariableSource(word, parameters, Trim(address), null, false);
        }

        if (first)
        {
            throw Invalid("variable source", s, typeStart);
        }

        // A literal fallback: a number, true, false or null. The framework rejects other bare words; they are kept as text.
        i = next;
        return new VariableSource(null, null, null, word, LiteralIsString: !IsPlainLiteral(word));
    }

    private static List<IReadOnlyList<VariablePart>> ParseParameters(string s, ref int i)
    {
        var parameters = new List<IReadOnlyList<VariablePart>>();
        while (true)
        {
            i = SkipSpaces(s, i);
            if (i >= s.Length)
            {
                throw new VariableSyntaxException($"missing ')' in \"{Clip(s)}\"");
            }

            if (s[i] == ')')
            {
                i++;
                return parameters;
            }

            if (s[i] is '"' or '\'')
            {
                parameters.Add([new TextPart(ReadQuoted(s, ref i))]);
            }
            else
            {
                var parameter = ParseText(s, ref i, stopAt: "),}");
                if (i < s.Length && s[i] == '}')
                {
                    throw Invalid("variable parameter", s, i);
                }

                parameters.Add(Trim(parameter));
            }

            i = SkipSpaces(s, i);
            if (i < s.Length && s[i] == ',')
            {
                i++;
            }
        }
    }

    private static string ReadQuoted(string s, ref int i)
    {
        var quote = s[i];
        var sb = new StringBuilder();
        i++;
        while (i < s.Length && s[i] != quote)
        {
            if (quote == '"' && s[i] == '\\' && i + 1 < s.Length)
            {
                i++;
                sb.Append(s[i] switch { 'n' => '\n', 't' => '\t', 'r' => '\r', var other => other });
            }
            else
            {
                sb.Append(s[i]);
            }

            i++;
        }

        if (i >= s.Length)
        {
            throw new VariableSyntaxException($"unterminated string in \"{Clip(s)}\"");
        }

        i++;
        return sb.ToString();
    }

    private static List<VariablePart> Trim(List<VariablePart> parts)
    {
        if (parts is [TextPart only])
        {
            return [new TextPart(only.Text.Trim())];
        }

        if (parts.Count > 0 && parts[0] is TextPart head)
        {
            parts[0] = new TextPart(head.Text.TrimStart());
        }

        if (parts.Count > 0 && parts[^1] is TextPart tail)
        {
            parts[^1] = new TextPart(tail.Text.TrimEnd());
        }

        return parts;
    }

    private static bool IsPlainLiteral(string word) =>
        word is "true" or "false" or "null" || double.TryParse(word, NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    private static bool IsTypeChar(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '.';

    private static int SkipSpaces(string s, int i)
    {
        while (i < s.Length && s[i] == ' ')
        {
            i++;
        }

        return i;
    }

    private static VariableSyntaxException Invalid(string what, string s, int index) =>
        new($"invalid {what} at character {Math.Min(index, s.Length) + 1} of \"{Clip(s)}\"");

    private static string Clip(string s) => s.Length <= 120 ? s : s[..117] + "...";
}
