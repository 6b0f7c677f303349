using System.Text.Json;

namespace FitCheck.Tests.Reports;

/// <summary><c>fitcheck assess --format X --output FILE</c> reaches each writer.</summary>
public class AssessFormatTests
{
    [Theory]
    [InlineData("sarif")]
    [InlineData("markdown")]
    [InlineData("html")]
    [InlineData("json")]
    [InlineData("text")]
    public void Assess_WithFormat_WritesThatReport(string format)
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("fitcheck-format-").FullName, "report");
        var code = FitCheck.Cli.Program.Run(["assess", Path.Combine(RepoPaths.Root, "examples", "orders-pipeline"), "--format", format, "--output", file]);

        Assert.InRange(code, 0, 1);
        var text = File.ReadAllText(file);
        switch (format)
        {
            case "sarif":
                Assert.Equal("2.1.0", JsonDocument.Parse(text).RootElement.GetProperty("version").GetString());
                break;
            case "json":
                Assert.Equal(1, JsonDocument.Parse(text).RootElement.GetProperty("schemaVersion").GetInt32());
                break;
            case "markdown":
                Assert.StartsWith("## fitcheck design review\n", text, StringComparison.Ordinal);
                break;
            case "html":
                Assert.StartsWith("<!DOCTYPE html>", text, StringComparison.Ordinal);
                break;
            default:
                Assert.DoesNotContain('\u001b', text); // written to a file: no colour
                Assert.Contains("1 template, ", text, StringComparison.Ordinal);
                break;
        }
    }
}
