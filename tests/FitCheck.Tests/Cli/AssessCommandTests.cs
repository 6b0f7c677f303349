using System.Text.Json;

namespace FitCheck.Tests.Cli;

[Collection("console")]
public class AssessCommandTests
{
    private static readonly string Example = Path.Combine(RepoPaths.Root, "examples", "orders-pipeline", "template.yaml");

    private static JsonElement Summary(string json) => JsonDocument.Parse(json).RootElement.GetProperty("summary").Clone();

    [Fact]
    public void Assess_WhenFailOnWarningAndWarningsExist_ExitsWithOne()
    {
        var (code, stdout, _) = CliRunner.Run("assess", Example, "--format", "json", "--fail-on", "warning");

        Assert.Equal(1, code);
        Assert.True(Summary(stdout).GetProperty("warning").GetInt32() > 0);
        Assert.True(Summary(stdout).GetProperty("failed").GetBoolean());
    }

    [Fact]
    public void Assess_WhenFailOnNever_ExitsWithZeroWhateverItFinds()
    {
        var (code, stdout, _) = CliRunner.Run("assess", Example, "--format", "json", "--fail-on", "never");

        Assert.Equal(0, code);
        Assert.True(Summary(stdout).GetProperty("findings").GetInt32() > 0);
    }

    [Fact]
    public void Assess_WhenOneRuleIsAskedFor_ReportsOnlyThatRule()
    {
        var (_, stdout, _) = CliRunner.Run("assess", Example, "--format", "json", "--rule", "ES1007");

        var ids = JsonDocument.Parse(stdout).RootElement.GetProperty("findings").EnumerateArray()
            .Select(f => f.GetProperty("ruleId").GetString()).Distinct().ToList();
        Assert.Equal(["FC1001"], ids);
    }

    [Fact]
    public void Assess_WhenOneSectionIsAskedFor_ReportsOnlyThatSection()
    {
        var (_, stdout, _) = CliRunner.Run("assess", Example, "--format", "json", "--section", "security");

        var sections = JsonDocument.Parse(stdout).RootElement.GetProperty("findings").EnumerateArray()
            .Select(f => f.GetProperty("section").GetString()).Distinct().ToList();
        Assert.Equal(["security"], sections);
    }

    [Fact]
    public void Assess_WhenUnknownRule_ExitsWithTwo()
    {
        var (code, _, stderr) = CliRunner.Run("assess", Example, "--rule", "FC9999");

        Assert.Equal(2, code);
        Assert.Contains("unknown rule 'FC9999'", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Assess_WhenPathDoesNotExist_ExitsWithTwoAndNamesIt()
    {
        var (code, _, stderr) = CliRunner.Run("assess", "no-such-folder", "--format", "json");

        Assert.Equal(2, code);
        Assert.Contains("no-such-folder", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_WhenPeerId_PrintsTheEquivalentRule()
    {
        var (code, stdout, _) = CliRunner.Run("explain", "CKV_AWS_116");

        Assert.Equal(0, code);
        Assert.StartsWith("FC1001: ", stdout, StringComparison.Ordinal);
        Assert.Contains("Why", stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("assess")]
    [InlineData("graph")]
    [InlineData("rules")]
    [InlineData("explain")]
    [InlineData("baseline")]
    [InlineData("diff")]
    [InlineData("cost")]
    [InlineData("init")]
    public void Help_IsAvailableOnEveryCommand(string command)
    {
        var (code, stdout, _) = CliRunner.Run(command, "--help");

        Assert.Equal(0, code);
        Assert.Contains("Usage:", stdout, StringComparison.Ordinal);
    }
}
