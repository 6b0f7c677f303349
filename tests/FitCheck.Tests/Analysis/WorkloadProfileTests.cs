using System.Text.Json.Nodes;
using FitCheck.Cli.Commands;
using FitCheck.Templates.Profiles;
using FitCheck.Templates.Reading;

namespace FitCheck.Tests.Analysis;

public class WorkloadProfileTests
{
    private static readonly Lazy<JsonNode> Schema = new(() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "schemas", "fitcheck.workload.schema.json")))!);

    [Fact]
    public void ReadsEveryKey_WithItsLine()
    {
        var profile = AnalysisFixtures.Profile("rest-api.workload.yml");
        Assert.Equal("us-east-1", profile.Region!.Value);
        Assert.Equal(4m, profile.System.RequestsPerSecondAverage!.Value);
        Assert.Equal(5, profile.System.RequestsPerSecondAverage.Span.Line);
        Assert.Equal(40m, profile.System.RequestsPerSecondPeak!.Value);
        Assert.Equal(4m * 2_628_000m, profile.System.MonthlyRequests);
        Assert.Equal("bursty", profile.System.Shape!.Value);
        Assert.Equal(80m, profile.System.AverageDurationMs!.Value);
        Assert.Equal(250m, profile.System.P95DurationMs!.Value);
        Assert.Equal("none", profile.System.Sessions!.Value);
        Assert.False(profile.System.InMemoryCoordination!.Value);
        Assert.Equal(1m, profile.System.LogKbPerInvocation!.Value);
        Assert.Equal(3m, profile.Get("Orders", v => v.PayloadKb)!.Value);
        Assert.Equal(2m, profile.Get("GetOrder", v => v.PayloadKb)!.Value);
    }

    [Fact]
    public void UnknownKeysAndImpossibleValues_AreErrorsWithLines()
    {
        var result = WorkloadProfileReader.ReadFile(Path.Combine(AnalysisFixtures.Folder, "invalid.workload.yml"), "invalid.workload.yml");
        Assert.Null(result.Profile);
        var byLine = result.Errors.ToDictionary(e => e.Location.Line, e => e.Message);
        Assert.Contains("peak (10) is below the average (50)", byLine[5], StringComparison.Ordinal);
        Assert.Contains("shape must be one of: bursty, steady, scheduled", byLine[6], StringComparison.Ordinal);
        Assert.Contains("averageDurationMs cannot be negative", byLine[8], StringComparison.Ordinal);
        Assert.Contains("unknown key 'functions.memoryMB'", byLine[9], StringComparison.Ordinal);
        Assert.All(result.Errors, e => Assert.Equal("invalid.workload.yml", e.Location.File));
    }

    [Fact]
    public void BothTrafficForms_AreAnError()
    {
        var result = WorkloadProfileReader.ReadText("traffic:\n  requestsPerMonth: 100\n  requestsPerSecond:\n    average: 1\n", "p.yml");
        Assert.Single(result.Errors);
        Assert.Equal(4, result.Errors[0].Location.Line);
    }

    [Fact]
    public void ComponentOverrides_AreCheckedLikeTheTopLevel()
    {
        var result = WorkloadProfileReader.ReadText("components:\n  Api:\n    region: eu-west-1\n    traffic:\n      requestsPerMonth: -1\n", "p.yml");
        Assert.Equal([3, 5], result.Errors.Select(e => e.Location.Line).Order());
    }

    public static TheoryData<string> ValidProfiles() =>
    [
        "rest-api.workload.yml", "pipeline.workload.yml", "steady-200rps.workload.yml", "bursty-2rps.workload.yml", "http-api-10m.workload.yml",
    ];

    [Theory]
    [MemberData(nameof(ValidProfiles))]
    public void ExampleProfiles_ValidateAgainstTheSchema_AndTheReader(string name)
    {
        var text = File.ReadAllText(Path.Combine(AnalysisFixtures.Folder, name));
        Assert.Empty(WorkloadProfileReader.ReadText(text, name).Errors);
        var result = Evaluate(text);
        Assert.True(result.IsValid, $"{name} does not validate against the schema");
    }

    [Fact]
    public void StarterProfileFromInit_ValidatesAndReads()
    {
        Assert.Contains("# yaml-language-server: $schema=", InitCommand.StarterProfile, StringComparison.Ordinal);
        Assert.Empty(WorkloadProfileReader.ReadText(InitCommand.StarterProfile, "fitcheck.workload.yml").Errors);
        Assert.True(Evaluate(InitCommand.StarterProfile).IsValid);

        // Uncommenting the documented keys gives a profile both the reader and the schema accept.
        var uncommented = string.Join('\n', InitCommand.StarterProfile.Split('\n')
            .Where(l => !l.StartsWith("# yaml", StringComparison.Ordinal) && !l.StartsWith("# fitcheck", StringComparison.Ordinal)
                && !l.StartsWith("# Traffic", StringComparison.Ordinal) && !l.StartsWith("# Schedules", StringComparison.Ordinal)
                && !l.TrimStart().StartsWith("# #", StringComparison.Ordinal))
            .Select(l => l.StartsWith("# ", StringComparison.Ordinal) ? l[2..] : l));
        var read = WorkloadProfileReader.ReadText(uncommented, "uncommented.yml");
        Assert.True(read.Errors.Count == 0, string.Join("; ", read.Errors));
        Assert.Equal(4000m, read.Profile!.Get("ReportFunction", v => v.AverageDurationMs)!.Value);
        Assert.True(Evaluate(uncommented).IsValid);
    }

    [Fact]
    public void TheSchema_RejectsWhatTheReaderRejects()
    {
        var text = File.ReadAllText(Path.Combine(AnalysisFixtures.Folder, "invalid.workload.yml"));
        Assert.False(Evaluate(text).IsValid);
        Assert.False(Evaluate("traffic:\n  requestsPerMonth: 1\n  requestsPerSecond:\n    average: 1\n").IsValid);
        Assert.False(Evaluate("components:\n  Api:\n    region: us-east-1\n").IsValid);
    }

    private static SchemaSubset.Result Evaluate(string yaml)
    {
        var document = TemplateReader.ReadText(yaml, "profile.yml", "yaml");
        return SchemaSubset.Validate(Schema.Value, ToJson(document.Root!));
    }

    // YAML scalars stay text in the reader; the schema needs JSON types, as an editor's YAML language server would see them.
    private static JsonNode? ToJson(TemplateNode node) => node switch
    {
        MappingNode m => new JsonObject(m.Pairs.Select(p => KeyValuePair.Create(p.Key.Value, ToJson(p.Value)))),
        SequenceNode s => new JsonArray([.. s.Items.Select(ToJson)]),
        ScalarNode { IsQuoted: false, IsNull: true } => null,
        ScalarNode { IsQuoted: false } s when decimal.TryParse(s.Value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var d) => JsonValue.Create(d),
        ScalarNode { IsQuoted: false, Value: "true" or "false" } s => JsonValue.Create(s.Value == "true"),
        ScalarNode s => JsonValue.Create(s.Value),
        _ => JsonValue.Create(node.ToString()),
    };
}
