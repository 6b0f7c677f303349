extern alias JsonSchemaNet;

using System.Text.Json;
using System.Text.Json.Nodes;
using FitCheck.Assessing;
using FitCheck.Model;
using FitCheck.Reports.Sarif;
using FitCheck.Rules;
using FitCheck.Templates.Scanning;
using JsonSchemaNet::Json.Schema;

namespace FitCheck.Tests.Reports;

public class SarifTests
{
    private static readonly Lazy<JsonSchema> Schema = new(LoadSchema);

    // The OASIS schema declares draft-04, which JsonSchema.Net does not implement; the schema uses no keyword whose meaning
    // changed after draft-04 (no boolean exclusiveMinimum/Maximum; its only "id" is the top-level one, and every $ref is
    // local), so it is evaluated as draft-07 without its id.
    private static JsonSchema LoadSchema()
    {
        var node = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Fixtures, "Sarif", "sarif-schema-2.1.0.json")))!.AsObject();
        node["$schema"] = "http://json-schema.org/draft-07/schema#";
        node.Remove("id");
        return JsonSchema.FromText(node.ToJsonString());
    }

    private static void AssertValid(string sarif)
    {
        using var document = JsonDocument.Parse(sarif);
        var result = Schema.Value.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        var errors = (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key}: {e.Value}"))
            .ToList();
        Assert.True(result.IsValid, "SARIF does not validate against the 2.1.0 schema:\n" + string.Join('\n', errors.Where(e => !e.Contains("required: Required properties", StringComparison.Ordinal)).Take(20)));
    }

    [Fact]
    public void Write_OnExample_ValidatesAgainstTheSchema() => AssertValid(SarifWriter.Write(ReportInputs.Example()));

    [Fact]
    public void Write_WithBaselineTimeAndRevision_Validates()
    {
        var assessment = ReportInputs.Example();
        assessment = assessment with { Existing = new HashSet<FitCheck.Rules.Finding>(assessment.Active.Take(3)) };
        var metadata = new FitCheck.Reports.View.ReportMetadata(DateTimeOffset.UnixEpoch, "1.2.3", "abcdef0123456789abcdef0123456789abcdef01", "https://github.com/acme/shop");
        using var stream = new MemoryStream();
        SarifWriter.Write(assessment, stream, metadata);

        AssertValid(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }

    [Fact]
    public void Write_OnHostileTemplate_ValidatesAndKeepsSuppressionReasons()
    {
        var assessment = ReportInputs.Hostile();
        var sarif = SarifWriter.Write(assessment);
        AssertValid(sarif);

        var results = JsonNode.Parse(sarif)!["runs"]![0]!["results"]!.AsArray();
        Assert.Equal(assessment.Findings.Count, results.Count);
        var suppressed = results.Single(r => r!["suppressions"] is not null)!;
        var suppression = suppressed["suppressions"]![0]!;
        Assert.Equal("inSource", suppression["kind"]!.GetValue<string>());
        Assert.Equal(assessment.Suppressed.Single().SuppressedBy!.Reason, suppression["justification"]!.GetValue<string>());
        Assert.Equal("Quiet", suppressed["properties"]!["resource"]!.GetValue<string>());
    }

    [Fact]
    public void Write_WithRelatedLocationsDiagnosticsAndOddPaths_Validates()
    {
        var architecture = Scanner.FromText("Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n  Fn:\n    Type: AWS::Lambda::Function\n", "dir with space/t (1).yaml");
        var queue = architecture.Find("Queue")!;
        var fn = architecture.Find("Fn")!;
        var rule = ReportInputs.Rule("FC9001", Section.Observability, Severity.Error);
        var finding = ReportInputs.Finding(rule, queue, 2, "Queue has no alarm") with
        {
            Related = [new RelatedLocation(fn.Span, "consumer Fn"), new RelatedLocation(new SourceSpan("/abs/other.yaml", 7, 1, 0, 0), "elsewhere")],
        };
        var diagnostics = new[] { new Diagnostic(DiagnosticCodes.Syntax, DiagnosticLevel.Error, "bad: <x>", new SourceSpan("broken.yaml", 3, 9, 3, 9)) };
        var sarif = SarifWriter.Write(ReportInputs.With(architecture, [finding], diagnostics));
        AssertValid(sarif);

        var run = JsonNode.Parse(sarif)!["runs"]![0]!;
        var result = run["results"]![0]!;
        Assert.Equal("dir%20with%20space/t%20%281%29.yaml", result["locations"]![0]!["physicalLocation"]!["artifactLocation"]!["uri"]!.GetValue<string>());
        var related = result["relatedLocations"]!.AsArray();
        Assert.Equal([1, 2], related.Select(r => r!["id"]!.GetValue<int>()));
        Assert.Equal("file:///abs/other.yaml", related[1]!["physicalLocation"]!["artifactLocation"]!["uri"]!.GetValue<string>());
        Assert.Null(related[1]!["physicalLocation"]!["region"]!["endLine"]);
        Assert.False(run["invocations"]![0]!["executionSuccessful"]!.GetValue<bool>());
        Assert.Equal("FC0001", run["invocations"]![0]!["toolExecutionNotifications"]![0]!["descriptor"]!["id"]!.GetValue<string>());
    }

    /// <summary>What GitHub code scanning requires of an upload (tool.driver.name, a relative artifact URI and a start line on
    /// every result, rules that match the results), and the descriptor fields it shows.</summary>
    [Fact]
    public void Write_OnExample_MeetsCodeScanningRequirements()
    {
        var assessment = ReportInputs.Example();
        var run = JsonNode.Parse(SarifWriter.Write(assessment))!["runs"]![0]!;
        var driver = run["tool"]!["driver"]!;
        Assert.Equal("fitcheck", driver["name"]!.GetValue<string>());
        var rules = driver["rules"]!.AsArray();
        Assert.Equal(assessment.RulesRun.Select(r => r.Id).Order(StringComparer.Ordinal), rules.Select(r => r!["id"]!.GetValue<string>()));
        foreach (var rule in rules)
        {
            var info = assessment.RulesRun.Single(r => r.Id == rule!["id"]!.GetValue<string>());
            Assert.Equal(info.Slug, rule!["name"]!.GetValue<string>());
            Assert.Equal(info.Title, rule["shortDescription"]!["text"]!.GetValue<string>());
            Assert.Equal(info.Rationale, rule["fullDescription"]!["text"]!.GetValue<string>());
            Assert.Contains(info.Remediation, rule["help"]!["text"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.Contains("```yaml", rule["help"]!["markdown"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.Equal(info.HelpUri, rule["helpUri"]!.GetValue<string>());
            Assert.Contains(info.Section.Id(), rule["properties"]!["tags"]!.AsArray().Select(t => t!.GetValue<string>()));
            Assert.Equal(info.Equivalents, rule["properties"]!["equivalents"]!.AsArray().Select(t => t!.GetValue<string>()));
        }

        var results = run["results"]!.AsArray();
        Assert.Equal(assessment.Findings.Count, results.Count);
        Assert.NotEmpty(results);
        foreach (var (result, finding) in results.Zip(assessment.Findings))
        {
            Assert.Equal(finding.Rule.Id, rules[result!["ruleIndex"]!.GetValue<int>()]!["id"]!.GetValue<string>());
            var physical = result["locations"]![0]!["physicalLocation"]!;
            var uri = physical["artifactLocation"]!["uri"]!.GetValue<string>();
            Assert.False(Uri.TryCreate(uri, UriKind.Absolute, out _), $"{uri} should be relative to %SRCROOT%");
            Assert.Equal("%SRCROOT%", physical["artifactLocation"]!["uriBaseId"]!.GetValue<string>());
            Assert.Equal(finding.Location.Line, physical["region"]!["startLine"]!.GetValue<int>());
            Assert.Equal(finding.Location.Column, physical["region"]!["startColumn"]!.GetValue<int>());
            Assert.Equal(finding.Fingerprint, result["partialFingerprints"]![SarifWriter.FingerprintKey]!.GetValue<string>());
            Assert.Equal(finding.Related.Count, result["relatedLocations"]?.AsArray().Count ?? 0);
        }
    }

    [Fact]
    public void PartialFingerprints_WhenUnrelatedLinesMove_StayTheSame()
    {
        var text = File.ReadAllText(Path.Combine(RepoPaths.Root, "examples", "orders-pipeline", "template.yaml"));
        var moved = "# A comment added above everything.\n" + text.Replace("Resources:\n", "Resources:\n  Unrelated:\n    Type: AWS::SNS::Topic\n\n", StringComparison.Ordinal);

        var before = Results(text);
        var after = Results(moved);

        Assert.NotEmpty(before);
        Assert.Equal(before.Select(r => r.Fingerprint), after.Select(r => r.Fingerprint));
        Assert.All(before.Zip(after), p => Assert.Equal(p.First.Line + 4, p.Second.Line));
    }

    private static List<(string Fingerprint, int Line)> Results(string template)
    {
        var assessment = Assessor.Assess([Scanner.FromText(template)], [], new AssessmentOptions());
        return JsonNode.Parse(SarifWriter.Write(assessment))!["runs"]![0]!["results"]!.AsArray()
            .Select(r => (r!["partialFingerprints"]![SarifWriter.FingerprintKey]!.GetValue<string>(),
                          r["locations"]![0]!["physicalLocation"]!["region"]!["startLine"]!.GetValue<int>()))
            .OrderBy(r => r.Item1, StringComparer.Ordinal)
            .ToList();
    }
}
