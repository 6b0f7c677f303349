using System.Text;
using System.Text.Json;
using FitCheck.Assessing;
using FitCheck.Rules;

namespace FitCheck.Assessing.Baselines;

/// <summary>One finding a team has accepted for now.</summary>
public sealed record BaselineEntry(string RuleId, string Template, string Resource, string Fingerprint, string Message);

/// <summary>The findings of an existing codebase, written by <c>fitcheck baseline</c> and read by <c>assess --baseline</c>:
/// findings found in it are reported as existing and never fail the run, so only new ones do.</summary>
/// <remarks>A finding matches an entry by its fingerprint (rule, template path, resource, message without numbers; see
/// <see cref="Analyzer.Fingerprint"/>), never by line. Matching counts: a baseline entry answers for one finding, so a
/// second finding with the same fingerprint is new.</remarks>
public sealed record Baseline(string ToolVersion, string RulesDate, IReadOnlyList<BaselineEntry> Entries)
{
    public const int SchemaVersion = 1;

    /// <summary>The largest baseline read: about 50,000 findings, far more than any codebase should carry.</summary>
    public const long MaxBytes = 16 * 1024 * 1024;

    /// <summary>The baseline of an assessment: its active findings (suppressed ones need no baseline).</summary>
    public static Baseline From(Assessment assessment) => new(assessment.ToolVersion, CatalogInfo.Date,
        assessment.Active.Select(f => new BaselineEntry(f.Rule.Id, f.Resource.Template.Path, f.Resource.LogicalId, f.Fingerprint, f.Message)).ToList());

    /// <summary>The active findings of <paramref name="assessment"/> this baseline holds.</summary>
    public IReadOnlySet<Finding> Match(Assessment assessment)
    {
        var remaining = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var e in Entries)
        {
            remaining[e.Fingerprint] = remaining.GetValueOrDefault(e.Fingerprint) + 1;
        }

        var existing = new HashSet<Finding>(ReferenceEqualityComparer.Instance);
        foreach (var f in assessment.Active)
        {
            if (remaining.TryGetValue(f.Fingerprint, out var left) && left > 0)
            {
                remaining[f.Fingerprint] = left - 1;
                existing.Add(f);
            }
        }

        return existing;
    }

    public string ToJson()
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteNumber("schemaVersion", SchemaVersion);
            json.WriteStartObject("tool");
            json.WriteString("name", Assessment.ToolName);
            json.WriteString("version", ToolVersion);
            json.WriteString("rules", RulesDate);
            json.WriteEndObject();
            json.WriteStartArray("findings");
            foreach (var e in Entries)
            {
                json.WriteStartObject();
                json.WriteString("ruleId", e.RuleId);
                json.WriteString("template", e.Template);
                json.WriteString("resource", e.Resource);
                json.WriteString("fingerprint", e.Fingerprint);
                json.WriteString("message", e.Message);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    /// <summary>Reads a baseline; returns null with an error message when the text is not one.</summary>
    public static Baseline? Parse(string text, out string? error) => Parse(Encoding.UTF8.GetBytes(text), out error);

    /// <summary>Reads a baseline from its UTF-8 bytes; returns null with an error message when they are not one.</summary>
    public static Baseline? Parse(ReadOnlyMemory<byte> utf8, out string? error)
    {
        error = null;
        if (utf8.Length > MaxBytes)
        {
            error = $"the baseline is over {MaxBytes / (1024 * 1024)} MB; fitcheck reads baselines up to that size";
            return null;
        }

        if (utf8.Span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            utf8 = utf8[3..]; // A byte order mark, as editors on Windows write.
        }

        try
        {
            using var doc = JsonDocument.Parse(utf8, new JsonDocumentOptions { MaxDepth = 64 });
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("schemaVersion", out var version) || version.ValueKind != JsonValueKind.Number)
            {
                error = "not a fitcheck baseline (no schemaVersion)";
                return null;
            }

            if (version.GetInt32() != SchemaVersion)
            {
                error = $"baseline schemaVersion {version.GetInt32()} is not supported (expected {SchemaVersion}); write it again with 'fitcheck baseline'";
                return null;
            }

            if (!root.TryGetProperty("findings", out var findings) || findings.ValueKind != JsonValueKind.Array)
            {
                error = "the baseline has no findings array";
                return null;
            }

            var entries = new List<BaselineEntry>();
            var index = 0;
            foreach (var f in findings.EnumerateArray())
            {
                var fingerprint = Text(f, "fingerprint");
                if (string.IsNullOrEmpty(fingerprint))
                {
                    error = $"finding {index} of the baseline has no fingerprint";
                    return null;
                }

                entries.Add(new BaselineEntry(Text(f, "ruleId"), Text(f, "template"), Text(f, "resource"), fingerprint, Text(f, "message")));
                index++;
            }

            var tool = root.TryGetProperty("tool", out var t) && t.ValueKind == JsonValueKind.Object ? t : default;
            return new Baseline(tool.ValueKind == JsonValueKind.Object ? Text(tool, "version") : "",
                tool.ValueKind == JsonValueKind.Object ? Text(tool, "rules") : "", entries);
        }
        catch (JsonException ex)
        {
            error = $"the baseline is not valid JSON: {ex.Message}";
            return null;
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException)
        {
            error = $"the baseline is malformed: {ex.Message}";
            return null;
        }
    }

    private static string Text(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() ?? "" : "";
}
