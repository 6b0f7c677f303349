using System.Text.RegularExpressions;
using FitCheck.Rules;
using FitCheck.Tests.Cli;

namespace FitCheck.Tests.Workflow;

[Collection("console")]
public sealed class VersionTests
{
    [Fact]
    public void Version_PrintsTheToolVersionAndTheCatalogsDateAndSize()
    {
        var (code, stdout, _) = CliRunner.Run("--version");

        Assert.Equal(0, code);
        var match = Regex.Match(stdout, @"^fitcheck (\d+\.\d+\.\d+) \(rules (\d{4}-\d{2}-\d{2}), (\d+) rules?\)\n$");
        Assert.True(match.Success, stdout);
        Assert.Equal(CatalogInfo.Date, match.Groups[2].Value);
        Assert.Equal(BuiltInRules.All.Count, int.Parse(match.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(DateOnly.TryParseExact(CatalogInfo.Date, "yyyy-MM-dd", out _), "CatalogInfo.Date is not a date");
    }
}
