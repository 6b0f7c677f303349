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

    internal static HclValue Decode(string text, SourceSpan span)
    {
        try
        {
            using var document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = ReaderLimits.MaxDepth });
            var count = 0;
            return Convert(document.RootElement, span, ref count);
        }
        catch (JsonException ex)
        {
            throw new EvaluationException("jsondecode(): " + ex.Message.Split(" LineNumber", 2)[0], span);
        }
    }

    private static HclValue Convert(JsonElement element, SourceSpan span, ref int count)
    {
        EvaluationBudget.CheckSize(++count, span);
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var entries = new SortedDictionary<string, HclValue>(StringComparer.Ordinal);
                foreach (var p in element.EnumerateObject())
                {
                    entries[p.Name] = Convert(p.Value, span, ref count);
                }

                return new HclMap(entries) { Span = span };
            case JsonValueKind.Array:
                var items = new List<HclValue>();
                foreach (var i in element.EnumerateArray())
                {
                    items.Add(Convert(i, span, ref count));
                }

                return new HclList(items) { Span = span };
            case JsonValueKind.String:
                return new HclString(element.GetString() ?? "") { Span = span };
            case JsonValueKind.Number:
                return new HclNumber(element.GetDouble()) { Span = span };
            case JsonValueKind.True:
                return HclValue.True;
            case JsonValueKind.False:
                return HclValue.False;
            default:
                return HclValue.Null;
        }
    }
}
