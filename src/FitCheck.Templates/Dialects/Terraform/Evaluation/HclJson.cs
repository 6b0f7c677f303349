using System.Globalization;
using System.Text;
using System.Text.Json;
using FitCheck.Model;
using FitCheck.Templates.Dialects.Terraform.Hcl;
using FitCheck.Templates.Reading;

namespace FitCheck.Templates.Dialects.Terraform.Evaluation;

/// <summary><c>jsonencode</c> and <c>jsondecode</c>: the encoded value is kept as the string's structure, so a policy or a state machine definition written with <c>jsonencode</c> keeps its shape, positions and references.</summary>
internal static class HclJson
{
    public static HclValue Encode(HclValue value, SourceSpan span)
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

    public static string Quote(string value)
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

    public static HclValue Decode(string text, SourceSpan span)
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
