using System.Text;
using System.Text.Json;
using FitCheck.Assessing;
using FitCheck.Model;
using FitCheck.Reports.Common;
using FitCheck.Rules;

namespace FitCheck.Reports.Sarif;

/// <summary>SARIF 2.1.0 for code scanning (GitHub, Azure DevOps, IDE viewers). Written with <see cref="Utf8JsonWriter"/>, no
/// reflection, so it works under Native AOT. Paths are relative URIs under the <c>%SRCROOT%</c> base id (the folder
/// fitcheck ran from); suppressed findings are results with an in-source suppression and its reason, never dropped.</summary>
public static class SarifWriter
{
    public const string SchemaUri = "https://json.schemastore.org/sarif-2.1.0.json";
    public const string SourceRoot = "%SRCROOT%";
    public const string InformationUri = "https://github.com/fitcheck/fitcheck";

    /// <summary>The key of our fingerprint in <c>partialFingerprints</c>: rule, template, resource and message without numbers,
    /// so a finding keeps its identity when unrelated lines move.</summary>
    public const string FingerprintKey = "fitcheck/v1";

    public static string Write(Assessment assessment)
    {
        using var stream = new MemoryStream();
        Write(assessment, stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Streams the log into <paramref name="stream"/>, flushing as it goes (memory stays bounded by one result,
    /// not the whole log).</summary>
    public static void Write(Assessment assessment, Stream stream) => Write(assessment, stream, null);

    /// <summary>Streams the log; with <paramref name="metadata"/> that has a time, the invocation carries
    /// <c>endTimeUtc</c>, and the run <c>versionControlProvenance</c> when the repository URL and revision are known.</summary>
    public static void Write(Assessment assessment, Stream stream, View.ReportMetadata? metadata)
    {
        var rules = assessment.RulesRun.Concat(assessment.Findings.Select(f => f.Rule))
            .DistinctBy(r => r.Id, StringComparer.Ordinal)
            .OrderBy(r => r.Id, StringComparer.Ordinal)
            .ToList();
        var ruleIndex = rules.Select((r, i) => (r.Id, i)).ToDictionary(p => p.Id, p => p.i, StringComparer.Ordinal);

        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("$schema", SchemaUri);
            json.WriteString("version", "2.1.0");
            json.WriteStartArray("runs");
            json.WriteStartObject();

            json.WriteStartObject("tool");
            json.WriteStartObject("driver");
            json.WriteString("name", Assessment.ToolName);
            json.WriteString("version", assessment.ToolVersion);
            json.WriteString("semanticVersion", assessment.ToolVersion);
            json.WriteString("informationUri", InformationUri);
            json.WriteStartArray("rules");
            foreach (var rule in rules)
            {
                WriteRule(json, rule);
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();

            json.WriteStartObject("originalUriBaseIds");
            json.WriteStartObject(SourceRoot);
            Message(json, "description", "The folder fitcheck was run from; result paths are relative to it.");
            json.WriteEndObject();
            json.WriteEndObject();

            json.WriteStartArray("artifacts");
            foreach (var a in assessment.Architectures)
            {
                json.WriteStartObject();
                ArtifactLocation(json, a.Template.Path, "location");
                json.WriteString("sourceLanguage", a.Template.Format);
                json.WriteStartArray("roles");
                json.WriteStringValue("analysisTarget");
                json.WriteEndArray();
                json.WriteEndObject();
                if (json.BytesPending > FlushBytes)
                {
                    json.Flush();
                }
            }

            json.WriteEndArray();

            json.WriteStartArray("results");
            foreach (var f in assessment.Findings)
            {
                WriteResult(json, f, ruleIndex[f.Rule.Id], assessment.HasBaseline ? (assessment.IsExisting(f) ? "unchanged" : "new") : null);
                if (json.BytesPending > FlushBytes)
                {
                    json.Flush();
                }
            }

            json.WriteEndArray();

            json.WriteStartArray("invocations");
            json.WriteStartObject();
            json.WriteBoolean("executionSuccessful", !assessment.HasInputErrors);
            if (metadata?.GeneratedAt is { } at)
            {
                json.WriteString("endTimeUtc", at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture));
            }

            json.WriteStartArray("toolExecutionNotifications");
            foreach (var d in assessment.Diagnostics.Where(d => d.Level != DiagnosticLevel.Info))
            {
                json.WriteStartObject();
                json.WriteStartObject("descriptor");
                json.WriteString("id", d.Code);
                json.WriteEndObject();
                json.WriteString("level", d.Level == DiagnosticLevel.Error ? "error" : "warning");
                Message(json, "message", d.Message);
                json.WriteStartArray("locations");
                Location(json, d.Location, null, null);
                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();

            if (metadata is { RepositoryUrl: { } repository, Revision: { } revisionId } && Uri.TryCreate(repository, UriKind.Absolute, out _))
            {
                json.WriteStartArray("versionControlProvenance");
                json.WriteStartObject();
                json.WriteString("repositoryUri", repository);
                json.WriteString("revisionId", revisionId);
                json.WriteStartObject("mappedTo");
                json.WriteString("uriBaseId", SourceRoot);
                json.WriteEndObject();
                json.WriteEndObject();
                json.WriteEndArray();
            }

            json.WriteString("columnKind", "utf16CodeUnits");
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }

        stream.WriteByte((byte)'\n');
    }

    private const int FlushBytes = 1 << 16;

    /// <summary>SARIF's result levels are our severities.</summary>
    public static string Level(Severity severity) => severity switch
    {
        Severity.Error => "error",
        Severity.Warning => "warning",
        _ => "note",
    };

    private static void WriteRule(Utf8JsonWriter json, RuleInfo rule)
    {
        json.WriteStartObject();
        json.WriteString("id", rule.Id);
        json.WriteString("name", rule.Slug);
        Message(json, "shortDescription", rule.Title);
        Message(json, "fullDescription", rule.Rationale);
        json.WriteStartObject("help");
        json.WriteString("text", HelpText(rule));
        json.WriteString("markdown", HelpMarkdown(rule));
        json.WriteEndObject();
        json.WriteString("helpUri", rule.HelpUri);
        json.WriteStartObject("defaultConfiguration");
        json.WriteString("level", Level(rule.Severity));
        json.WriteEndObject();
        json.WriteStartObject("properties");
        json.WriteStartArray("tags");
        json.WriteStringValue(rule.Section.Id());
        if (!string.IsNullOrWhiteSpace(rule.Pillar) && !string.Equals(rule.Pillar, rule.Section.Id(), StringComparison.OrdinalIgnoreCase))
        {
            json.WriteStringValue(rule.Pillar);
        }

        json.WriteEndArray();
        json.WriteString("section", rule.Section.Id());
        json.WriteString("pillar", rule.Pillar);
        if (rule.SecuritySeverity is { } score)
        {
            // GitHub code scanning reads this string to rank security alerts Critical (9.0+), High (7.0+), Medium (4.0+), Low.
            json.WriteString("security-severity", score.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture));
        }

        json.WriteStartArray("equivalents");
        foreach (var e in rule.Equivalents)
        {
            json.WriteStringValue(e);
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static string HelpText(RuleInfo rule)
    {
        var sb = new StringBuilder();
        sb.Append(rule.Rationale).Append("\n\nFix: ").Append(rule.Remediation);
        if (!string.IsNullOrWhiteSpace(rule.Snippet))
        {
            sb.Append("\n\n").Append(rule.Snippet.TrimEnd());
        }

        if (rule.Equivalents.Count > 0)
        {
            sb.Append("\n\nSame check in other tools: ").Append(string.Join(", ", rule.Equivalents));
        }

        sb.Append("\n\n").Append(rule.HelpUri);
        return sb.ToString();
    }

    private static string HelpMarkdown(RuleInfo rule)
    {
        var sb = new StringBuilder();
        sb.Append("**").Append(Markdown.MarkdownText.Escape(rule.Title)).Append("**\n\n")
          .Append(Markdown.MarkdownText.Escape(rule.Rationale)).Append("\n\n**Fix:** ").Append(Markdown.MarkdownText.Escape(rule.Remediation));
        if (!string.IsNullOrWhiteSpace(rule.Snippet))
        {
            sb.Append("\n\n").Append(Markdown.MarkdownText.CodeBlock(rule.Snippet, "yaml"));
        }

        if (rule.Equivalents.Count > 0)
        {
            sb.Append("\n\nSame check in other tools: ").Append(string.Join(", ", rule.Equivalents.Select(Markdown.MarkdownText.Code)));
        }

        sb.Append("\n\n[").Append(rule.Id).Append(" documentation](").Append(rule.HelpUri).Append(')');
        return sb.ToString();
    }

    private static void WriteResult(Utf8JsonWriter json, Finding f, int index, string? baselineState)
    {
        json.WriteStartObject();
        json.WriteString("ruleId", f.Rule.Id);
        json.WriteNumber("ruleIndex", index);
        json.WriteString("level", Level(f.Severity));
        if (baselineState is not null && !f.IsSuppressed)
        {
            json.WriteString("baselineState", baselineState);
        }

        Message(json, "message", f.Message);
        json.WriteStartArray("locations");
        Location(json, f.Location, null, f.Resource);
        json.WriteEndArray();
        if (f.Related.Count > 0)
        {
            json.WriteStartArray("relatedLocations");
            var id = 1;
            foreach (var r in f.Related)
            {
                Location(json, r.Location, (id++, r.Message), null);
            }

            json.WriteEndArray();
        }

        json.WriteStartObject("partialFingerprints");
        json.WriteString(FingerprintKey, f.Fingerprint);
        json.WriteEndObject();

        if (f.SuppressedBy is { } s)
        {
            json.WriteStartArray("suppressions");
            json.WriteStartObject();
            json.WriteString("kind", "inSource");
            json.WriteString("status", "accepted");
            json.WriteString("justification", string.IsNullOrWhiteSpace(s.Reason) ? $"Suppressed with {s.Vocabulary} id {s.RuleId} (no reason given)." : s.Reason);
            Location(json, s.Span, null, null, "location");
            json.WriteStartObject("properties");
            json.WriteString("rule", s.RuleId);
            json.WriteString("vocabulary", s.Vocabulary);
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndArray();
        }

        json.WriteStartObject("properties");
        json.WriteString("section", f.Rule.Section.Id());
        json.WriteString("resource", f.Resource.LogicalId);
        json.WriteString("resourceType", f.Resource.Type);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    // A location object: physicalLocation (artifact + region), an optional id and message (related locations), an optional
    // logical location (the resource). Written as an array element, or as a named property when propertyName is given.
    private static void Location(Utf8JsonWriter json, SourceSpan span, (int Id, string Message)? related, Component? resource, string? propertyName = null)
    {
        if (propertyName is null)
        {
            json.WriteStartObject();
        }
        else
        {
            json.WriteStartObject(propertyName);
        }

        if (related is { } r)
        {
            json.WriteNumber("id", r.Id);
            Message(json, "message", r.Message);
        }

        json.WriteStartObject("physicalLocation");
        ArtifactLocation(json, span.File);
        json.WriteStartObject("region");
        var line = Math.Max(1, span.Line);
        var column = Math.Max(1, span.Column);
        json.WriteNumber("startLine", line);
        json.WriteNumber("startColumn", column);
        if (span.EndLine > line || (span.EndLine == line && span.EndColumn > column))
        {
            json.WriteNumber("endLine", span.EndLine);
            json.WriteNumber("endColumn", span.EndColumn);
        }

        json.WriteEndObject();
        json.WriteEndObject();

        if (resource is not null)
        {
            json.WriteStartArray("logicalLocations");
            json.WriteStartObject();
            json.WriteString("name", resource.LogicalId);
            json.WriteString("fullyQualifiedName", $"{resource.Template.Path}#{resource.LogicalId}");
            json.WriteString("kind", "resource");
            json.WriteEndObject();
            json.WriteEndArray();
        }

        json.WriteEndObject();
    }

    private static void ArtifactLocation(Utf8JsonWriter json, string path, string propertyName = "artifactLocation")
    {
        json.WriteStartObject(propertyName);
        if (Path.IsPathRooted(path))
        {
            // A path outside the folder fitcheck ran from: an absolute file URI, no base id.
            json.WriteString("uri", new Uri(Path.GetFullPath(path)).AbsoluteUri);
        }
        else
        {
            json.WriteString("uri", ReportFacts.RelativeUri(path));
            json.WriteString("uriBaseId", SourceRoot);
        }

        json.WriteEndObject();
    }

    private static void Message(Utf8JsonWriter json, string name, string text)
    {
        json.WriteStartObject(name);
        json.WriteString("text", text);
        json.WriteEndObject();
    }
}
