using FitCheck.Model;
using FitCheck.Reports.Markdown;
using FitCheck.Rules;
using FitCheck.Templates.Scanning;

namespace FitCheck.Tests.Reports;

public partial class MarkdownTests
{
    // A code span: a run of backticks, then anything up to the same run (CommonMark: its content is literal text).
    [System.Text.RegularExpressions.GeneratedRegex(@"(?<fence>`+)(?!`).*?(?<!`)\k<fence>(?!`)")]
    private static partial System.Text.RegularExpressions.Regex CodeSpan();

    [Fact]
    public void Write_OnHostileTemplate_EscapesEveryTemplateString()
    {
        var full = AssessmentMarkdownWriter.Write(ReportInputs.Hostile());
        Assert.Contains("`Fn\"><img src=x onerror=window.__pwned='fn'>`", full, StringComparison.Ordinal);
        // Outside code spans (literal by definition) and the Mermaid block (checked by its grammar), no markup survives.
        var markdown = CodeSpan().Replace(System.Text.RegularExpressions.Regex.Replace(full, "```mermaid\n.*?```\n", "", System.Text.RegularExpressions.RegexOptions.Singleline), "");

        Assert.DoesNotContain("<script", markdown, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", markdown, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<svg", markdown, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("</svg", markdown, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b onmouseover", markdown, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("](javascript:", markdown, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;window.\\_\\_pwned", markdown, StringComparison.Ordinal);
        // The suppression reason is listed, escaped (pipes and brackets cannot leave their list item).
        Assert.Contains("&lt;b onmouseover=&quot;window.\\_\\_pwned='reason'&quot;&gt;replayed&lt;/b&gt;", markdown, StringComparison.Ordinal);
        Assert.Contains("\\| \\`x\\` \\[y\\]\\(javascript:z\\)", full, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_OnExample_HasVerdictSectionTableActionsAndLineLinks()
    {
        var assessment = ReportInputs.Example();
        var markdown = AssessmentMarkdownWriter.Write(assessment);
        var lines = markdown.Split('\n');

        Assert.StartsWith("## fitcheck design review", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.Contains("**Passes: ", StringComparison.Ordinal) || l.Contains("**Fails: ", StringComparison.Ordinal));
        foreach (var section in SectionNames.All)
        {
            Assert.Contains(lines, l => l.StartsWith("| ", StringComparison.Ordinal) && l.Contains(section.Title(), StringComparison.Ordinal));
        }

        foreach (var f in assessment.Active)
        {
            // Without a repository URL and revision, locations are plain file:line:column (relative links break in a comment).
            Assert.Contains($"`{f.Location}`", markdown, StringComparison.Ordinal);
            Assert.Contains($"[{f.Rule.Id}]({f.Rule.HelpUri})", markdown, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Write_OnExampleWithProfile_HasFitLineCostSummaryAndSilentDropsInDetails()
    {
        var assessment = ReportInputs.Example();
        var markdown = AssessmentMarkdownWriter.Write(assessment);
        var lines = markdown.Split('\n');

        Assert.Contains(lines, l => l.StartsWith($"**Workload fit: {assessment.Fit!.VerdictName}**", StringComparison.Ordinal));
        var open = Array.FindIndex(lines, l => l.StartsWith("<details><summary><b>Design analyses</b>", StringComparison.Ordinal));
        Assert.True(open >= 0, "the analyses are in a collapsible block");
        var close = Array.FindIndex(lines, open, l => l == "</details>");
        var block = lines[open..close];
        var cost = assessment.Cost!;
        var rows = block.Where(l => l.StartsWith("| `", StringComparison.Ordinal)).ToList();
        Assert.Equal(Math.Min(cost.Items.Count, 10), rows.Count);
        var top = cost.Items.MaxBy(i => i.Monthly)!;
        Assert.StartsWith($"| `{top.Component.LogicalId}` | {top.Service} |", rows[0], StringComparison.Ordinal);
        Assert.Contains($"| **Total** | | **{MarkdownText.Escape(FitCheck.Analysis.Cost.CostMath.Money(cost.MonthlyTotal))}** |", block);
        var silent = assessment.FailurePaths!.SelectMany(f => f.SilentDrops).ToList();
        Assert.Equal(silent.Count, block.Count(l => l.StartsWith("- `", StringComparison.Ordinal) && l.Contains("it is dropped", StringComparison.Ordinal)));
        Assert.DoesNotContain("No workload profile", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_OnHostileTemplateWithProfile_EscapesTheAnalyses()
    {
        var profile = FitCheck.Templates.Profiles.WorkloadProfileReader.ReadText("traffic:\n  requestsPerMonth: 1000000\nfunctions:\n  averageDurationMs: 100\n", "profile.yml");
        var assessment = ReportInputs.Assess(ReportInputs.HostilePath, profile: profile.Profile);
        var markdown = AssessmentMarkdownWriter.Write(assessment);

        var open = markdown.IndexOf("<details><summary><b>Design analyses</b>", StringComparison.Ordinal);
        Assert.True(open >= 0, "the hostile template has priced components");
        var block = markdown[open..markdown.IndexOf("</details>", open, StringComparison.Ordinal)];
        Assert.DoesNotContain("<script", block, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b ", block, StringComparison.Ordinal);
        foreach (var line in block.Split('\n').Where(l => l.StartsWith("| `", StringComparison.Ordinal)))
        {
            Assert.Equal(4, System.Text.RegularExpressions.Regex.Count(line, @"(?<!\\)\|")); // three cells: no unescaped pipe from a name
        }
    }

    [Fact]
    public void Write_WithoutProfile_SaysWhatIsMissing()
    {
        var markdown = AssessmentMarkdownWriter.Write(ReportInputs.ExampleWithoutProfile());

        Assert.Contains("_No workload profile: run `fitcheck init` and pass `--profile`", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("Design analyses", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("Workload fit:", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_WithHundredsOfFindings_StaysShortWithCountsAndClosedDetails()
    {
        var yaml = "Resources:\n" + string.Concat(Enumerable.Range(0, 300).Select(i => $"  Fn{i}:\n    Type: AWS::Lambda::Function\n"));
        var architecture = Scanner.FromText(yaml, "big.yaml");
        var warn = ReportInputs.Rule("FC9101", Section.Observability, Severity.Warning, "Functions have an alarm");
        var error = ReportInputs.Rule("FC9102", Section.Security, Severity.Error, "Functions have least privilege");
        var findings = architecture.Components.SelectMany(c => new[]
        {
            ReportInputs.Finding(warn, c, c.Span.Line, $"{c.LogicalId} has no alarm"),
            ReportInputs.Finding(error, c, c.Span.Line, $"{c.LogicalId} may do anything"),
        }).ToList();

        var markdown = AssessmentMarkdownWriter.Write(ReportInputs.With(architecture, findings));

        Assert.True(markdown.Length < 65536, $"GitHub comments hold 65536 characters; the report has {markdown.Length}");
        Assert.Contains("| [Security](#fitcheck-security) | 300 | · | · | · |", markdown, StringComparison.Ordinal);
        Assert.Contains("… and 275 more", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("<details open>", markdown, StringComparison.Ordinal);
        Assert.Contains("The diagram is left out: 300 components", markdown, StringComparison.Ordinal);
        // Worst first: the error section comes before the warning section.
        Assert.True(markdown.IndexOf("<summary><b>Security</b>", StringComparison.Ordinal) < markdown.IndexOf("<summary><b>Observability</b>", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("a|b", "a\\|b")]
    [InlineData("<b>x</b>", "&lt;b&gt;x&lt;/b&gt;")]
    [InlineData("[t](javascript:x)", "\\[t\\]\\(javascript:x\\)")]
    [InlineData("*a* _b_ `c` #1 @team", "\\*a\\* \\_b\\_ \\`c\\` \\#1 \\@team")]
    [InlineData("two\nlines", "two lines")]
    public void Escape_MakesTextLiteral(string text, string expected) => Assert.Equal(expected, MarkdownText.Escape(text));

    [Theory]
    [InlineData("a`b", "``a`b``")]
    [InlineData("`x`", "`` `x` ``")]
    [InlineData("p|q", "`p\u2502q`")]
    public void Code_FencesBackticksAndPipes(string text, string expected) => Assert.Equal(expected, MarkdownText.Code(text));
}
