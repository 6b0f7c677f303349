using System.Text.Json;
using FitCheck.Model;

namespace FitCheck.Reports.Graph;

/// <summary>The stable graph contract: <c>{"components":[...],"edges":[...]}</c>.</summary>
public static class GraphJsonWriter
{
    public static string Write(IReadOnlyList<Architecture> architectures, IReadOnlyList<Diagnostic> diagnostics)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteNumber("schemaVersion", 1);
            json.WriteStartArray("templates");
            foreach (var a in architectures)
            {
                json.WriteStartObject();
                json.WriteString("path", a.Template.Path);
                json.WriteString("format", a.Template.Format);
                json.WriteBoolean("sam", a.Template.IsSam);
                json.WriteNumber("resources", a.Template.ResourceCount);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("components");
            foreach (var a in architectures)
            {
                foreach (var c in a.Components)
                {
                    json.WriteStartObject();
                    json.WriteString("id", c.LogicalId);
                    json.WriteString("kind", c.Kind.Name());
                    json.WriteString("type", c.Type);
                    json.WriteString("template", a.Template.Path);
                    if (c.ImpliedBy is not null)
                    {
                        json.WriteString("impliedBy", c.ImpliedBy.LogicalId);
                    }

                    Location(json, c.Span);
                    json.WriteEndObject();
                }
            }

            json.WriteEndArray();
            json.WriteStartArray("edges");
            foreach (var a in architectures)
            {
                foreach (var f in a.Flows)
                {
                    json.WriteStartObject();
                    json.WriteString("from", f.From.LogicalId);
                    json.WriteString("to", f.To.LogicalId);
                    json.WriteString("kind", f.Kind.Name());
                    json.WriteString("template", a.Template.Path);
                    json.WriteString("via", f.Via);
                    Location(json, f.Span);
                    json.WriteEndObject();
                }
            }

            json.WriteEndArray();
            Diagnostics(json, diagnostics);
            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    internal static void Location(Utf8JsonWriter json, SourceSpan span)
    {
        json.WriteStartObject("location");
        json.WriteString("path", span.File);
        json.WriteNumber("line", span.Line);
        json.WriteNumber("column", span.Column);
        json.WriteEndObject();
    }

    internal static void Diagnostics(Utf8JsonWriter json, IReadOnlyList<Diagnostic> diagnostics)
    {
        json.WriteStartArray("diagnostics");
        foreach (var d in diagnostics)
        {
            json.WriteStartObject();
            json.WriteString("code", d.Code);
            json.WriteString("level", d.Level.ToString().ToLowerInvariant());
            json.WriteString("message", d.Message);
            Location(json, d.Location);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }
}
