using System.Globalization;
using System.Text;
using System.Text.Json;
using FitCheck.Model;
using FitCheck.Templates.Dialects.Terraform.Hcl;
using FitCheck.Templates.Reading;

namespace FitCheck.Templates.Dialects.Terraform.Evaluation;

/// <summary><c>jsonencode</c> and <c>jsondecode</c>: the encoded value is kept as the string's structure, so a policy or a state machine definition written with <c>jsonencode</c> keeps its shape, positions and references.</summary>
public static class HclJson
{
    internal static HclValue Encode(HclValue value, SourceSpan span)
    {
        var references = value.AllReferences().Distinct().ToList();
        if (!value.IsWhollyKnown)
        {
            return new HclUnknown { Structure = value, References = references, Span = span };
        }

        var text = new StringBuilder();
        Write(value, text, span);
        return new HclString(text.ToString()) { Structure = value, References = references };
    }

    private static void Write(HclValue value, StringBuilder text, SourceSpan span)
    {
        EvaluationBudget.CheckString(text.Length, span);
        switch (value)
        {
            case HclNull:
                text.Append("null");
                break;
            case HclBool b:
                text.Append(b.Value ? "true" : "false");
                break;
            case HclNumber n:
                text.Append(HclNumber.Format(n.Value));
                break;
            case HclString s:
                text.Append(Quote(s.Value));
                break;
            case HclList l:
                text.Append('[');
                for (var i = 0; i < l.Items.Count; i++)
                {
                    if (i > 0)
                    {
                        text.Append(',');
                    }

                    Write(l.Items[i], text, span);
                }

                text.Append(']');
                break;
            case HclMap m:
                text.Append('{');
                var first = true;
                foreach (var (k, v) in m.Entries)
                {
                    if (!first)
                    {
                        text.Append(',');
                    }

                    first = false;
                    text.Append(Quote(k)).Append(':');
                    Write(v, text, span);
                }

                text.Append('}');
                break;
        }
    }

    internal static string Quote(string value)
    {
        var text = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                case '<': text.Append("\\u003c"); break;
                case '>': text.Append("\\u003e"); break;
                case '&': text.Append("\\u0026"); break;
                default:
                    if (c < ' ')
                    {
                        text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        text.Append(c);
                    }

                    break;
            }
        }

        return text.Append('"').ToString();
    }

    /// <summary>
    /// The structure of a value that holds a JSON document (a policy, a state machine definition, a redrive policy):
    /// what <c>jsonencode</c> encoded, the decoded text of a known string, or the decoded partial text of a template whose
    /// unknown parts become unknown values with their references. Null when there is no JSON structure to read.
    /// </summary>
    public static HclValue? Structure(HclValue? value)
    {
        try
        {
            return value switch
            {
                HclString { Structure: { } s } => s,
                HclUnknown { Structure: { } s } => s,
                HclString s when s.Value.TrimStart().StartsWith('{') || s.Value.TrimStart().StartsWith('[') => Decode(s.Value, s.Span ?? SourceSpan.FileStart("")) with { References = s.References },
                HclUnknown { PartialText: { } text } u => DecodePartial(text, u.References, u.Span ?? SourceSpan.FileStart("")),
                _ => null,
            };
        }
        catch (EvaluationException)
        {
            return null;
        }
        catch (EvaluationLimitException)
        {
            return null;
        }
    }

    /// <summary>Decodes the partial text of a template; strings holding a <c>${reference}</c> placeholder become unknown values with that reference.</summary>
    public static HclValue? DecodePartial(string text, IReadOnlyList<HclReference> references, SourceSpan span)
    {
        HclValue decoded;
        try
        {
            decoded = Decode(text, span);
        }
        catch (EvaluationException)
        {
            return null;
        }

        return Restore(decoded, references);
    }

    private static HclValue Restore(HclValue value, IReadOnlyList<HclReference> references) => value switch
    {
        HclString s when s.Value.Contains("${", StringComparison.Ordinal) =>
            new HclUnknown { References = [.. references.Where(r => s.Value.Contains(r.Placeholder, StringComparison.Ordinal))], Span = s.Span, PartialText = s.Value },
        HclList l => l with { Items = [.. l.Items.Select(i => Restore(i, references))] },
        HclMap m => m with { Entries = new SortedDictionary<string, HclValue>(m.Entries.ToDictionary(e => e.Key, e => Restore(e.Value, references)), StringComparer.Ordinal) },
        _ => value,
    };

    /// <summary>Decodes JSON text. When the text is laid out line for line in the .tf file (a heredoc, whose span holds
    /// one line more than the text above and below), each value keeps the line it is written on and its column in the
    /// text; otherwise every value has the span of the whole string.</summary>
    internal static HclValue Decode(string text, SourceSpan span)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var lineStarts = LineStarts(bytes, span);
        try
        {
            var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { MaxDepth = ReaderLimits.MaxDepth });
            if (!reader.Read())
            {
                throw new JsonException("the text holds no JSON value");
            }

            var count = 0;
            var value = Convert(ref reader, bytes, lineStarts, span, ref count);
            if (reader.Read())
            {
                throw new JsonException("more than one JSON value");
            }

            return value;
        }
        catch (JsonException ex)
        {
            throw new EvaluationException("jsondecode(): " + ex.Message.Split(" LineNumber", 2)[0], span);
        }
    }

    /// <summary>The byte offset where each line of the text starts, when the text's lines are the file's lines from the
    /// line after the span's first (a heredoc: <c>&lt;&lt;EOT</c>, the text's lines, then the closing marker); else null.</summary>
    private static int[]? LineStarts(byte[] bytes, SourceSpan span)
    {
        var newlines = bytes.AsSpan().Count((byte)'\n');
        if (newlines == 0 || span.EndLine - span.Line - 1 != newlines || bytes[^1] != (byte)'\n')
        {
            return null;
        }

        var starts = new int[newlines];
        var line = 0;
        starts[line++] = 0;
        for (var i = 0; i < bytes.Length - 1 && line < newlines; i++)
        {
            if (bytes[i] == (byte)'\n')
            {
                starts[line++] = i + 1;
            }
        }

        return starts;
    }

    private static SourceSpan SpanAt(int offset, byte[] bytes, int[]? lineStarts, SourceSpan span)
    {
        if (lineStarts is null)
        {
            return span;
        }

        var index = Array.BinarySearch(lineStarts, offset);
        var line = index >= 0 ? index : ~index - 1;
        var column = Encoding.UTF8.GetCharCount(bytes, lineStarts[line], offset - lineStarts[line]) + 1;
        var fileLine = span.Line + 1 + line;
        return new SourceSpan(span.File, fileLine, column, fileLine, column);
    }

    private static HclValue Convert(ref Utf8JsonReader reader, byte[] bytes, int[]? lineStarts, SourceSpan span, ref int count)
    {
        EvaluationBudget.CheckSize(++count, span);
        var at = SpanAt((int)reader.TokenStartIndex, bytes, lineStarts, span);
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                var entries = new SortedDictionary<string, HclValue>(StringComparer.Ordinal);
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var name = reader.GetString() ?? "";
                    reader.Read();
                    entries[name] = Convert(ref reader, bytes, lineStarts, span, ref count);
                }

                return new HclMap(entries) { Span = at };
            case JsonTokenType.StartArray:
                var items = new List<HclValue>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    items.Add(Convert(ref reader, bytes, lineStarts, span, ref count));
                }

                return new HclList(items) { Span = at };
            case JsonTokenType.String:
                return new HclString(reader.GetString() ?? "") { Span = at };
            case JsonTokenType.Number:
                return new HclNumber(reader.GetDouble()) { Span = at };
            case JsonTokenType.True:
                return HclValue.True;
            case JsonTokenType.False:
                return HclValue.False;
            default:
                return HclValue.Null;
        }
    }
}
