using System.Text;
using System.Text.Json;
using FitCheck.Assessing;
using FitCheck.Reports.Diff;
using FitCheck.Reports.Markdown;
using FitCheck.Reports.Sarif;
using FitCheck.Reports.Text;
using FitCheck.Reports.View;
using FitCheck.Rules;
using FitCheck.Templates.Scanning;

namespace FitCheck.Tests.Reports;

/// <summary>The one report view: ranking, the shared summary line, size limits, links, metadata, escaping.</summary>
public class ReportViewTests
{
    /// <summary>Many templates of three functions each: housekeeping findings are one per rule per template, so the
    /// number of findings grows with the number of templates.</summary>
    private static Assessment Many(int templates)
    {
        var architectures = new List<FitCheck.Model.Architecture>(templates);
        for (var t = 0; t < templates; t++)
        {
            var sb = new StringBuilder("Transform: AWS::Serverless-2016-10-31\nResources:\n");
            for (var i = 0; i < 3; i++)
            {
                sb.Append("  Function").Append(i).Append(":\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: a.b\n      Runtime: python3.12\n      CodeUri: src/\n");
            }

            architectures.Add(Scanner.FromText(sb.ToString(), $"big{t}/template.yaml"));
        }

        return Assessor.Assess(architectures, [], new AssessmentOptions());
    }

    [Fact]
    public void StartHere_RanksTheLiteralSecretFirst_ThenTheUnauthenticatedRoute_NeverTelemetry()
    {
        var view = new ReportView(ReportInputs.Example());

        // The example's literal PAYMENT_API_KEY is an error (Critical); the unauthenticated POST is a High warning.
        Assert.Equal(3, view.StartHere.Count);
        Assert.Equal(["FC2005", "FC2008"], view.StartHere.Take(2).Select(g => g.Rule.Id));
        Assert.DoesNotContain(view.StartHere, g => g.Rule.Section == Section.Observability);
    }

    [Fact]
    public void StartHere_FollowsTheSeverityModel_ForEveryRule()
    {
        // Within one severity: security by its score, then silent loss (state), then telemetry, then cost hints.
        var secrets = BuiltInRules.Find("FC2005")!.Info;
        var scoping = BuiltInRules.Find("FC2006")!.Info;
        var dlq = BuiltInRules.Find("FC1001")!.Info;
        var retention = BuiltInRules.Find("FC3006")!.Info;
        var arm = BuiltInRules.Find("FC5008")!.Info;
        Assert.True(StartHere.Risk(secrets) > StartHere.Risk(dlq));
        Assert.True(StartHere.Risk(dlq) > StartHere.Risk(scoping));
        Assert.True(StartHere.Risk(scoping) > StartHere.Risk(retention));
        Assert.True(StartHere.Risk(retention) > StartHere.Risk(arm));

        // Every enabled rule has a place: a security rule is ranked by the score it declares.
        Assert.All(BuiltInRules.All.Where(r => r.Info.Section == Section.Security), r => Assert.NotNull(r.Info.SecuritySeverity));
    }

    [Fact]
    public void PlainAndColourTerminalReports_ShareTheSummaryLine()
    {
        var assessment = ReportInputs.Example();
        var plain = AssessmentTextWriter.Write(assessment);
        var colour = AssessmentConsoleWriter.Write(assessment, new ConsoleStyle(Spectre.Console.ColorSystemSupport.Standard, 100, Links: false));
        var stripped = System.Text.RegularExpressions.Regex.Replace(colour, "\u001b\\[[0-9;]*m", "");

        Assert.Equal(plain, stripped);
        Assert.Contains(new ReportView(assessment).Summary + "\n", plain, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(AssessmentMarkdownWriter.DefaultMaxChars)]
    [InlineData(5_000)]
    public void Markdown_StaysUnderTheLimit_ForAnyInput(int limit)
    {
        var assessment = Many(700);
        Assert.True(assessment.Active.Count() > 2_000);

        var markdown = AssessmentMarkdownWriter.Write(assessment, null, limit);

        Assert.True(markdown.Length <= limit, $"{markdown.Length} > {limit}");
        Assert.StartsWith("## fitcheck design review", markdown, StringComparison.Ordinal);
        Assert.Contains("### Start here", markdown, StringComparison.Ordinal);
        Assert.Contains("left out to fit a comment", markdown, StringComparison.Ordinal);
        Assert.Equal(System.Text.RegularExpressions.Regex.Count(markdown, "<details"), System.Text.RegularExpressions.Regex.Count(markdown, "</details>"));
    }

    [Fact]
    public void Markdown_LinksGitHubBlobUrls_WhenRepositoryAndRevisionAreKnown()
    {
        var assessment = ReportInputs.Example();
        var metadata = new ReportMetadata(new DateTimeOffset(2026, 12, 7, 8, 0, 0, TimeSpan.Zero), "1.2.3", "4144b16aff53e1c2d3a4b5c6d7e8f90123456789", "https://github.com/acme/shop", "https://ci.example/report.html");

        var markdown = AssessmentMarkdownWriter.Write(assessment, metadata);

        var f = assessment.Active.First();
        Assert.Contains($"](https://github.com/acme/shop/blob/4144b16aff53e1c2d3a4b5c6d7e8f90123456789/{f.Location.File}#L{f.Location.Line})", markdown, StringComparison.Ordinal);
        Assert.Contains("generated 2026-12-07 08:00 UTC by fitcheck 1.2.3 at revision 4144b16aff53", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryHumanReport_CarriesTimeVersionAndRevision()
    {
        var assessment = ReportInputs.Example();
        var metadata = new ReportMetadata(new DateTimeOffset(2026, 12, 7, 8, 0, 0, TimeSpan.Zero), "1.2.3", "abcdef0123456789abcdef0123456789abcdef01");
        var line = "generated 2026-12-07 08:00 UTC by fitcheck 1.2.3 at revision abcdef012345";

        Assert.Contains(line, AssessmentTextWriter.Write(assessment, metadata), StringComparison.Ordinal);
        Assert.Contains(line, AssessmentMarkdownWriter.Write(assessment, metadata), StringComparison.Ordinal);
        Assert.Contains(line, FitCheck.Reports.Html.AssessmentHtmlWriter.Write(assessment, metadata), StringComparison.Ordinal);
    }

    [Fact]
    public void Html_LeadsWithVerdictCostAndFit_ThenStartHere()
    {
        var html = FitCheck.Reports.Html.AssessmentHtmlWriter.Write(ReportInputs.Example());

        var verdict = html.IndexOf("id=\"verdict\"", StringComparison.Ordinal);
        var cost = html.IndexOf("<strong>Cost:</strong>", StringComparison.Ordinal);
        var fit = html.IndexOf("<strong>Workload fit:</strong>", StringComparison.Ordinal);
        var start = html.IndexOf("id=\"start-here\"", StringComparison.Ordinal);
        var findings = html.IndexOf("class=\"review\"", StringComparison.Ordinal);
        Assert.True(verdict > 0 && cost > verdict && fit > cost && start > fit && findings > start, $"{verdict} {cost} {fit} {start} {findings}");
    }

    [Fact]
    public void GitRevision_IsReadFromFiles()
    {
        var dir = Directory.CreateTempSubdirectory("fitcheck-git");
        try
        {
            var git = Directory.CreateDirectory(Path.Combine(dir.FullName, ".git"));
            Directory.CreateDirectory(Path.Combine(git.FullName, "refs", "heads"));
            File.WriteAllText(Path.Combine(git.FullName, "HEAD"), "ref: refs/heads/main\n");
            File.WriteAllText(Path.Combine(git.FullName, "packed-refs"), "# pack-refs with: peeled\n0123456789abcdef0123456789abcdef01234567 refs/heads/main\n");
            var sub = Directory.CreateDirectory(Path.Combine(dir.FullName, "infra"));

            Assert.Equal("0123456789abcdef0123456789abcdef01234567", GitRevision.Read(sub.FullName));
            File.WriteAllText(Path.Combine(git.FullName, "refs", "heads", "main"), "89abcdef0123456789abcdef0123456789abcdef\n");
            Assert.Equal("89abcdef0123456789abcdef0123456789abcdef", GitRevision.Read(sub.FullName));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Sarif_CarriesSecuritySeverityAndBaselineState()
    {
        var assessment = ReportInputs.Example();
        var first = assessment.Active.First();
        var sarif = JsonDocument.Parse(SarifWriter.Write(assessment with { Existing = new HashSet<Finding>([first]) })).RootElement.GetProperty("runs")[0];

        var rules = sarif.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().ToList();
        var fc2008 = rules.Single(r => r.GetProperty("id").GetString() == "FC2008");
        // FC2008 (an unauthenticated route) is a high security-severity: GitHub ranks 7.0 and above as High.
        Assert.Equal("7.0", fc2008.GetProperty("properties").GetProperty("security-severity").GetString());
        Assert.DoesNotContain(rules.Where(r => r.GetProperty("properties").GetProperty("section").GetString() != "security"),
            r => r.GetProperty("properties").TryGetProperty("security-severity", out _));
        var states = sarif.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("baselineState").GetString()).ToList();
        Assert.Single(states, s => s == "unchanged");
        Assert.Contains("new", states);
    }

    [Fact]
    public void JsonAndSarif_StreamToAStream_AsTheyWriteStrings()
    {
        var assessment = ReportInputs.Example();
        using var json = new MemoryStream();
        using var sarif = new MemoryStream();
        FitCheck.Reports.Json.AssessmentJsonWriter.Write(assessment, json);
        SarifWriter.Write(assessment, sarif);

        Assert.Equal(FitCheck.Reports.Json.AssessmentJsonWriter.Write(assessment), Encoding.UTF8.GetString(json.ToArray()));
        Assert.Equal(SarifWriter.Write(assessment), Encoding.UTF8.GetString(sarif.ToArray()));
    }

    [Theory]
    [InlineData("<img src=x onerror=alert(1)>", "<img")]
    [InlineData("</table><details open><h1>Approved by security</h1>", "<h1>")]
    [InlineData("![pixel](https://evil.example/p.png)", "![pixel](")]
    [InlineData("[click](https://evil.example)", "[click](")]
    [InlineData("@org/team", " @org")]
    [InlineData("a\\|b", "a\\|b")]
    [InlineData("line\rbreak", "\r")]
    [InlineData("rtl\u202Eevil", "\u202E")]
    public void Markdown_OneEscapingRoutine_KeepsTemplateTextAsText(string hostile, string mustNotAppear)
    {
        var escaped = MarkdownText.Escape(hostile);
        Assert.DoesNotContain(mustNotAppear, " " + escaped, StringComparison.Ordinal);
    }

    [Fact]
    public void DiffMarkdown_EscapesTemplateNamesAsAssessDoes()
    {
        var before = Scanner.FromText("Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n", "t.yaml");
        var after = Scanner.FromText("Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n  \"Img<img src=x>@org/team\":\n    Type: AWS::SQS::Queue\n", "t.yaml");
        var options = new AssessmentOptions();
        var diff = FitCheck.Assessing.Diffing.DesignDiff.Compare(Assessor.Assess([before], [], options), Assessor.Assess([after], [], options), null);

        var markdown = DiffWriter.Markdown(diff);

        Assert.Contains("Img&lt;img src=x&gt;\\@org/team", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", markdown, StringComparison.Ordinal);
    }
}

public class MachineReportMetadataTests
{
    [Fact]
    public void JsonAndSarif_SayWhenAndAtWhichRevision_WhenRunFromTheCommandLine()
    {
        var assessment = ReportInputs.Example();
        var metadata = new ReportMetadata(new DateTimeOffset(2026, 12, 7, 8, 0, 0, TimeSpan.Zero), "1.2.3", "abcdef0123456789abcdef0123456789abcdef01", "https://github.com/acme/shop");
        using var json = new MemoryStream();
        using var sarif = new MemoryStream();

        FitCheck.Reports.Json.AssessmentJsonWriter.Write(assessment, json, metadata);
        SarifWriter.Write(assessment, sarif, metadata);

        var generated = JsonDocument.Parse(json.ToArray()).RootElement.GetProperty("generated");
        Assert.Equal("2026-12-07T08:00:00Z", generated.GetProperty("at").GetString());
        Assert.Equal("abcdef0123456789abcdef0123456789abcdef01", generated.GetProperty("revision").GetString());
        var run = JsonDocument.Parse(sarif.ToArray()).RootElement.GetProperty("runs")[0];
        Assert.Equal("2026-12-07T08:00:00Z", run.GetProperty("invocations")[0].GetProperty("endTimeUtc").GetString());
        Assert.Equal("abcdef0123456789abcdef0123456789abcdef01", run.GetProperty("versionControlProvenance")[0].GetProperty("revisionId").GetString());
    }
}

public class MarkdownFitTests
{
    [Fact]
    public void Fit_CutsWholeLines_ClosesDetails_AndSaysSo()
    {
        var long_ = "## title\n\n<details><summary>x</summary>\n\n" + string.Concat(Enumerable.Repeat("- a line of the review\n", 5_000));

        var fitted = MarkdownText.Fit(long_, 10_000, "cut to fit");

        Assert.True(fitted.Length <= 10_000);
        Assert.EndsWith("_cut to fit_\n", fitted, StringComparison.Ordinal);
        Assert.Contains("</details>", fitted, StringComparison.Ordinal);
        Assert.Equal("short", MarkdownText.Fit("short", 10_000, "cut"));
    }
}
