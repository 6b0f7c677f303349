using System.Text.RegularExpressions;
using FitCheck.Reports.Text;
using FitCheck.Rules;
using Spectre.Console;

namespace FitCheck.Tests.Reports;

public partial class ConsoleTextTests
{
    [GeneratedRegex("\u001b\\[[0-9;]*m")]
    private static partial Regex Sgr();

    [Fact]
    public void Write_WithoutColour_IsThePlainReport()
    {
        var assessment = ReportInputs.Example();
        var plain = AssessmentConsoleWriter.Write(assessment, ConsoleStyle.Plain);

        Assert.Equal(AssessmentTextWriter.Write(assessment), plain);
        Assert.DoesNotContain('\u001b', plain);
    }

    [Fact]
    public void Write_WithColour_ColoursSeveritiesAndKeepsLocationsFirst()
    {
        var assessment = ReportInputs.Example();
        var coloured = AssessmentConsoleWriter.Write(assessment, new ConsoleStyle(ColorSystemSupport.TrueColor, 160, Links: true));

        Assert.Contains('\u001b', coloured);
        Assert.Contains("\u001b]8;", coloured, StringComparison.Ordinal); // rule ids are hyperlinks
        var lines = Sgr().Replace(Regex.Replace(coloured, "\u001b]8;[^\u001b]*\u001b\\\\", ""), "").Split('\n');
        foreach (var f in assessment.Active)
        {
            Assert.Contains(lines, l => l == $"{f.Location}: {f.Severity.Name()} {f.Rule.Id} [{f.Resource.LogicalId}] {f.Message}");
        }

        Assert.Contains(lines, l => Regex.IsMatch(l, @"^(passes|fails|incomplete): 1 template, "));
    }

    [Fact]
    public void Write_WithColour_EscapesMarkupInTemplateStrings()
    {
        var coloured = AssessmentConsoleWriter.Write(ReportInputs.Hostile(), new ConsoleStyle(ColorSystemSupport.Standard, 200, Links: false));
        Assert.Contains("<script>window.__pwned='bucket'</script>", Sgr().Replace(coloured, ""), StringComparison.Ordinal);
    }
}
