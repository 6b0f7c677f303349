using System.Text.Json;
using FitCheck.Assessing;
using FitCheck.Model;
using FitCheck.Reports.Graph;
using FitCheck.Rules;

namespace FitCheck.Reports.Json;

/// <summary>The documented JSON contract of <c>fitcheck assess</c> (schemaVersion 1).</summary>
public static class AssessmentJsonWriter
{
    public static string Write(Assessment assessment)
    {
        using var stream = new MemoryStream();
        Write(assessment, stream);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private const int FlushBytes = 1 << 16;

    /// <summary>Streams the document into <paramref name="stream"/>, flushing as it goes.</summary>
    public static void Write(Assessment assessment, Stream stream) => Write(assessment, stream, null);

    /// <summary>Streams the document; with <paramref name="metadata"/> that has a time, a <c>generated</c> object says
    /// when, and at which git revision (tests and snapshots pass none, so the document is a function of its input).</summary>
    public static void Write(Assessment assessment, Stream stream, View.ReportMetadata? metadata)
    {
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteNumber("schemaVersion", 1);
            json.WriteStartObject("tool");
            json.WriteString("name", Assessment.ToolName);
            json.WriteString("version", assessment.ToolVersion);
            json.WriteEndObject();
            if (metadata?.GeneratedAt is { } at)
            {
                json.WriteStartObject("generated");
                json.WriteString("at", at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture));
                if (metadata.Revision is { } revision)
                {
                    json.WriteString("revision", revision);
                }

                json.WriteEndObject();
            }

            json.WriteStartArray("templates");
            foreach (var a in assessment.Architectures)
            {
                json.WriteStartObject();
                json.WriteString("path", a.Template.Path);
                json.WriteString("format", a.Template.Format);
                json.WriteBoolean("sam", a.Template.IsSam);
                json.WriteNumber("resources", a.Template.ResourceCount);
                json.WriteNumber("components", a.Components.Count);
                json.WriteNumber("flows", a.Flows.Count);
                json.WriteEndObject();
            }

            json.WriteEndArray();

            json.WriteStartArray("findings");
            foreach (var f in assessment.Active)
            {
                WriteFinding(json, f, assessment.HasBaseline ? (assessment.IsExisting(f) ? "existing" : "new") : null);
                if (json.BytesPending > FlushBytes)
                {
                    json.Flush();
                }
            }

            json.WriteEndArray();

            json.WriteStartArray("suppressed");
            foreach (var f in assessment.Suppressed)
            {
                WriteFinding(json, f, null);
                if (json.BytesPending > FlushBytes)
                {
                    json.Flush();
                }
            }

            json.WriteEndArray();
            GraphJsonWriter.Diagnostics(json, assessment.Diagnostics);
            Analyses.AnalysesJsonWriter.Write(json, assessment);

            json.WriteStartObject("summary");
            json.WriteNumber("templates", assessment.Architectures.Count);
            json.WriteNumber("findings", assessment.Active.Count());
            json.WriteNumber("suppressed", assessment.Suppressed.Count());
            json.WriteNumber("error", assessment.Count(Severity.Error));
            json.WriteNumber("warning", assessment.Count(Severity.Warning));
            json.WriteNumber("note", assessment.Count(Severity.Note));
            json.WriteStartObject("sections");
            foreach (var section in SectionNames.All)
            {
                json.WriteNumber(section.Id(), assessment.Count(section));
            }

            json.WriteEndObject();
            if (assessment.HasBaseline)
            {
                json.WriteNumber("new", assessment.New.Count());
                json.WriteNumber("existing", assessment.Existing!.Count);
            }

            json.WriteString("failOn", assessment.FailOn?.Name() ?? "never");
            json.WriteBoolean("failed", assessment.Fails);
            json.WriteNumber("inputErrors", assessment.Diagnostics.Count(d => d.Level == DiagnosticLevel.Error));
            json.WriteEndObject();
            json.WriteEndObject();
        }

        stream.WriteByte((byte)'\n');
    }

    /// <param name="baseline">new or existing when the run was compared with a baseline; null otherwise.</param>
    private static void WriteFinding(Utf8JsonWriter json, Finding f, string? baseline)
    {
        json.WriteStartObject();
        json.WriteString("ruleId", f.Rule.Id);
        json.WriteString("slug", f.Rule.Slug);
        json.WriteString("section", f.Rule.Section.Id());
        json.WriteString("severity", f.Severity.Name());
        json.WriteString("message", f.Message);
        json.WriteString("resource", f.Resource.LogicalId);
        json.WriteString("resourceType", f.Resource.Type);
        GraphJsonWriter.Location(json, f.Location);
        json.WriteStartArray("related");
        foreach (var r in f.Related)
        {
            json.WriteStartObject();
            json.WriteString("message", r.Message);
            GraphJsonWriter.Location(json, r.Location);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteString("fingerprint", f.Fingerprint);
        json.WriteString("helpUri", f.Rule.HelpUri);
        if (baseline is not null)
        {
            json.WriteString("baseline", baseline);
        }

        if (f.SuppressedBy is { } s)
        {
            json.WriteStartObject("suppression");
            json.WriteString("rule", s.RuleId);
            json.WriteString("vocabulary", s.Vocabulary);
            json.WriteString("reason", s.Reason ?? "");
            GraphJsonWriter.Location(json, s.Span);
            json.WriteEndObject();
        }

        json.WriteEndObject();
    }
}
