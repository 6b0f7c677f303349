extern alias JsonSchemaNet;

using System.Text.Json;
using FitCheck.Cli.Configuration;
using FitCheck.Tests.Cli;
using JsonSchemaNet::Json.Schema;

namespace FitCheck.Tests.Workflow;

/// <summary>The config file: errors name their line (exit code 2), and the JSON schema editors use agrees with the reader.</summary>
[Collection("console")]
public sealed class ConfigFileTests : IDisposable
{
    private static readonly Lazy<JsonSchema> Schema = new(() =>
        JsonSchema.FromText(File.ReadAllText(Path.Combine(RepoPaths.Root, "schemas", "fitcheck.config.schema.json"))));

    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("fitcheck-config");

    public void Dispose() => _dir.Delete(recursive: true);

    [Theory]
    [InlineData("failOn: warning\nexclude:\n  - \"**/test/**\"\nwhatever: 1\n", 4, "unknown key 'whatever'")]
    [InlineData("failOn: warning\nrules:\n  FC1001: severe\n", 3, "rule FC1001: expected off, on, error, warning or note")]
    [InlineData("failOn: sometimes\n", 1, "failOn must be error, warning, note or never")]
    [InlineData("rules:\n  FC1001: off\n  FC9999: warning\n", 3, "unknown rule 'FC9999'")]
    [InlineData("sections:\n  cost: off\n  speed: off\n", 3, "unknown section 'speed'")]
    [InlineData("failOn: note\nretryThreshold: 0\n", 2, "retryThreshold must be a whole number of at least 1")]
    public void Assess_WhenTheConfigIsWrong_ExitsWithTwoAndNamesTheLine(string config, int line, string message)
    {
        var path = Path.Combine(_dir.FullName, ".fitcheck.yml");
        File.WriteAllText(path, config);

        var (code, _, stderr) = CliRunner.Run("assess", Path.Combine(RepoPaths.Root, "examples", "orders-pipeline"), "--config", path);

        Assert.Equal(2, code);
        Assert.Contains($".fitcheck.yml:{line}:", stderr, StringComparison.Ordinal);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Assess_WhenTheConfigIsInTheScannedFolder_AppliesIt()
    {
        File.Copy(Path.Combine(RepoPaths.Root, "examples", "orders-pipeline", "template.yaml"), Path.Combine(_dir.FullName, "template.yaml"));
        File.WriteAllText(Path.Combine(_dir.FullName, ".fitcheck.yml"), "failOn: never\nsections:\n  state: off\n");

        var (code, stdout, _) = CliRunner.Run("assess", _dir.FullName, "--format", "json");

        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(stdout);
        Assert.Equal("never", doc.RootElement.GetProperty("summary").GetProperty("failOn").GetString());
        Assert.Equal(0, doc.RootElement.GetProperty("summary").GetProperty("sections").GetProperty("state").GetInt32());
    }

    public static TheoryData<string> ValidConfigs() =>
    [
        "failOn: warning\nexclude:\n  - \"**/test/**\"\nrules:\n  FC1001: off\nsections:\n  cost: off\n",
        "failOn: never\n",
        "rules:\n  FC1001: note\n  async-functions-have-failure-destination: on\nsections:\n  workload-fit: on\n  security: true\n",
        "rules:\n  FC1001:\n    severity: error\n",
        "# nothing but a comment\n{}\n",
    ];

    [Theory]
    [MemberData(nameof(ValidConfigs))]
    public void Schema_AcceptsWhatTheReaderAccepts(string yaml)
    {
        var config = ConfigFile.LoadText(yaml);
        Assert.Empty(config.Errors);

        var result = Schema.Value.Evaluate(ToElement(yaml), new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.True(result.IsValid, Describe(result));
    }

    public static TheoryData<string> InvalidConfigs() =>
    [
        "failOn: sometimes\n",
        "failOn: warning\nwhatever: 1\n",
        "exclude: \"**/test/**\"\n",
        "rules:\n  FC1001: severe\n",
        "sections:\n  speed: off\n",
        "sections:\n  cost: error\n",
        "rules: [FC1001]\n",
    ];

    [Theory]
    [MemberData(nameof(InvalidConfigs))]
    public void Schema_RejectsWhatTheReaderRejects(string yaml)
    {
        var config = ConfigFile.LoadText(yaml);
        Assert.NotEmpty(config.Errors);

        var result = Schema.Value.Evaluate(ToElement(yaml), new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.False(result.IsValid, $"the schema accepted a config the reader rejects ({config.Errors[0].Message})");
    }

    [Fact]
    public void Schema_AcceptsTheConfigsShownInTheDocs()
    {
        var checkedAny = 0;
        foreach (var doc in new[] { "README.md", "docs/configuration.md", "docs/getting-started.md" })
        {
            var path = Path.Combine(RepoPaths.Root, doc);
            Assert.True(File.Exists(path), $"{doc} is missing");
            foreach (var yaml in ConfigBlocks(File.ReadAllText(path)))
            {
                Assert.Empty(ConfigFile.LoadText(yaml).Errors);
                var result = Schema.Value.Evaluate(ToElement(yaml), new EvaluationOptions { OutputFormat = OutputFormat.List });
                Assert.True(result.IsValid, $"{doc}: {Describe(result)}\n{yaml}");
                checkedAny++;
            }
        }

        Assert.True(checkedAny >= 2, "expected config examples (```yaml blocks starting with '# .fitcheck.yml' or 'failOn:') in the docs");
    }

    // ```yaml blocks that are config files: they start with "# .fitcheck.yml" or "failOn:".
    private static IEnumerable<string> ConfigBlocks(string markdown)
    {
        var parts = markdown.Split("```yaml\n");
        foreach (var part in parts.Skip(1))
        {
            var block = part[..part.IndexOf("```", StringComparison.Ordinal)];
            if (block.StartsWith("# .fitcheck.yml", StringComparison.Ordinal) || block.StartsWith("failOn:", StringComparison.Ordinal))
            {
                yield return block;
            }
        }
    }

    private static JsonElement ToElement(string yaml) =>
        JsonDocument.Parse(YamlAsJson.Read(yaml)?.ToJsonString() ?? "null").RootElement.Clone();

    private static string Describe(EvaluationResults result) =>
        string.Join("; ", (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")));

    [Fact]
    public void Assess_WhenTheConfigRaisesTheRetryThreshold_Fc5901GoesQuiet()
    {
        // Retries that multiply across two hops (S3 to a function, a queue to another): FC5901's own finding, 15 runs.
        File.Copy(Path.Combine(RepoPaths.Root, "tests", "FitCheck.Tests", "Fixtures", "Rules", "FC5901", "retries-multiply-across-two-hops.yaml"),
            Path.Combine(_dir.FullName, "template.yaml"));

        List<string> Messages()
        {
            var (_, stdout, _) = CliRunner.Run("assess", _dir.FullName, "--format", "json", "--rule", "FC5901");
            return JsonDocument.Parse(stdout).RootElement.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("message").GetString()!).ToList();
        }

        var atDefault = Messages();
        File.WriteAllText(Path.Combine(_dir.FullName, ".fitcheck.yml"), "retryThreshold: 100000\n");
        var raised = Messages();

        // Bounded amplification falls below the raised threshold; an unbounded path stays above any threshold.
        Assert.True(atDefault.Count > raised.Count, "the template amplifies retries beyond the default threshold of 10");
        Assert.All(raised, m => Assert.Contains("unbounded", m, StringComparison.Ordinal));
    }
}
