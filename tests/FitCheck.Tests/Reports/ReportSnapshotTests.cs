using FitCheck.Reports.Html;
using FitCheck.Reports.Json;
using FitCheck.Reports.Markdown;
using FitCheck.Reports.Sarif;
using FitCheck.Reports.Text;
using Spectre.Console;

namespace FitCheck.Tests.Reports;

/// <summary>Every assess format on the bundled example, against checked-in snapshots. New rules change these reports:
/// review the <c>.received.</c> file and accept with <c>FITCHECK_ACCEPT_SNAPSHOTS=1</c>.</summary>
public class ReportSnapshotTests
{
    [Fact]
    public void Json_OnExample_MatchesSnapshot() => Snapshot.Match(AssessmentJsonWriter.Write(ReportInputs.Example()), "orders-pipeline.json", "json");

    [Fact]
    public void Sarif_OnExample_MatchesSnapshot() => Snapshot.Match(SarifWriter.Write(ReportInputs.Example()), "orders-pipeline.sarif", "sarif");

    [Fact]
    public void Markdown_OnExample_MatchesSnapshot() => Snapshot.Match(AssessmentMarkdownWriter.Write(ReportInputs.Example()), "orders-pipeline.markdown", "md");

    [Fact]
    public void Html_OnExample_MatchesSnapshot() => Snapshot.Match(AssessmentHtmlWriter.Write(ReportInputs.Example()), "orders-pipeline.html", "html");

    /// <summary>Without a workload profile the HTML is the report it was before the analyses, plus one line saying what is missing.</summary>
    [Fact]
    public void Html_OnExampleWithoutProfile_MatchesSnapshot() =>
        Snapshot.Match(AssessmentHtmlWriter.Write(ReportInputs.ExampleWithoutProfile()), "orders-pipeline-no-profile.html", "html");

    [Fact]
    public void Markdown_OnExampleWithoutProfile_MatchesSnapshot() =>
        Snapshot.Match(AssessmentMarkdownWriter.Write(ReportInputs.ExampleWithoutProfile()), "orders-pipeline-no-profile.markdown", "md");

    [Fact]
    public void Text_OnExample_MatchesSnapshot() => Snapshot.Match(AssessmentTextWriter.Write(ReportInputs.Example()), "orders-pipeline.text", "txt");

    [Fact]
    public void ColourText_OnExample_MatchesSnapshot() =>
        Snapshot.Match(AssessmentConsoleWriter.Write(ReportInputs.Example(), new ConsoleStyle(ColorSystemSupport.Standard, 100, Links: false)), "orders-pipeline.text-colour", "txt");
}
