using System.Text.RegularExpressions;
using FitCheck.Reports.Graph;
using FitCheck.Reports.Html;
using FitCheck.Rules;
using FitCheck.Templates.Profiles;

namespace FitCheck.Tests.Reports;

public partial class HtmlTests
{
    [GeneratedRegex(@"<(?<tag>[a-zA-Z][a-zA-Z0-9]*)(?<attrs>[^>]*)>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"\s(?<name>[a-zA-Z-:]+)=")]
    private static partial Regex Attribute();

    [Fact]
    public void Write_OnHostileTemplate_WritesOnlyItsOwnTagsAndAttributes()
    {
        var html = AssessmentHtmlWriter.Write(ReportInputs.Hostile());

        var tags = Tag().Matches(html).Select(m => m.Groups["tag"].Value.ToLowerInvariant()).ToHashSet();
        var allowed = new HashSet<string>(["html", "head", "meta", "title", "style", "body", "header", "main", "footer", "section", "h1", "h2", "h3",
            "p", "a", "span", "strong", "table", "thead", "tbody", "tr", "th", "td", "ol", "ul", "li", "figure", "figcaption", "div", "code", "pre",
            "br", "small", "details", "summary", "article", "svg", "defs", "marker", "path", "g", "rect", "text", "tspan", "tfoot"]);
        Assert.Empty(tags.Except(allowed));
        var attributes = Tag().Matches(html).SelectMany(m => Attribute().Matches(m.Groups["attrs"].Value).Select(a => a.Groups["name"].Value.ToLowerInvariant())).ToHashSet();
        Assert.DoesNotContain(attributes, a => a.StartsWith("on", StringComparison.Ordinal));
        Assert.DoesNotContain("javascript:", string.Concat(Regex.Matches(html, "href=\"[^\"]*\"").Select(m => m.Value)), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;window.__pwned=&#39;bucket&#39;&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("default-src &#39;none&#39;".Replace("&#39;", "'", StringComparison.Ordinal), html, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_OnExample_HasEverySectionAndADiagramWithAFailureEdge()
    {
        var assessment = ReportInputs.Example();
        var html = AssessmentHtmlWriter.Write(assessment);

        foreach (var section in SectionNames.All)
        {
            Assert.Contains($"<section class=\"review\" id=\"section-{section.Id()}\" data-section=\"{section.Id()}\">", html, StringComparison.Ordinal);
        }

        var architecture = assessment.Architectures.Single();
        Assert.Equal(MermaidWriter.DrawnComponents(architecture).Count, Regex.Count(html, "<g class=\"node "));
        Assert.Contains("<path class=\"edge k-dead-letter failure\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org/2000/svg", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain(" src=", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_OnHostileTemplateWithProfile_EscapesTheAnalysesToo()
    {
        var profile = WorkloadProfileReader.ReadText("traffic:\n  requestsPerMonth: 1000000\nfunctions:\n  averageDurationMs: 100\n", "profile.yml");
        Assert.False(profile.Failed);
        var assessment = ReportInputs.Assess(ReportInputs.HostilePath, profile: profile.Profile);
        Assert.NotNull(assessment.FailurePaths);
        var html = AssessmentHtmlWriter.Write(assessment);

        Assert.Contains("id=\"failure-paths\"", html, StringComparison.Ordinal);
        // Every hop's name is in the page, escaped exactly as HtmlText escapes it, and no raw markup from a logical id got through.
        foreach (var hop in assessment.FailurePaths!.SelectMany(f => f.Hops))
        {
            Assert.Contains(HtmlText.Escape(hop.Name), html, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        var tags = Tag().Matches(html).Select(m => m.Groups["tag"].Value.ToLowerInvariant()).ToHashSet();
        Assert.DoesNotContain("script", tags);
        Assert.DoesNotContain("b", tags);
        Assert.DoesNotContain(Tag().Matches(html).SelectMany(m => Attribute().Matches(m.Groups["attrs"].Value)), a => a.Groups["name"].Value.StartsWith("on", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Write_OnExampleWithProfile_HasTheAnalysesSections()
    {
        var assessment = ReportInputs.Example();
        Assert.NotNull(assessment.Profile);
        var html = AssessmentHtmlWriter.Write(assessment);

        foreach (var id in new[] { "workload-fit", "failure-paths", "retry-amplification", "cost-estimate", "alternatives" })
        {
            Assert.Contains($"<section class=\"analysis\" id=\"{id}\">", html, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("id=\"no-profile\"", html, StringComparison.Ordinal);
        Assert.Contains($"<span class=\"fit {assessment.Fit!.VerdictName}\">", html, StringComparison.Ordinal);
        var hops = assessment.FailurePaths!.SelectMany(f => f.Hops).ToList();
        Assert.Equal(hops.Count, Regex.Count(html, "<tr class=\"hop"));
        Assert.Equal(hops.Count(h => h.DropsSilently), Regex.Count(html, "<tr class=\"hop drops\">"));
        var cost = assessment.Cost!;
        Assert.NotEmpty(cost.Items);
        var costTable = html[html.IndexOf("<table class=\"cost\">", StringComparison.Ordinal)..];
        costTable = costTable[..costTable.IndexOf("</table>", StringComparison.Ordinal)];
        Assert.Equal(cost.Items.Count, Regex.Count(costTable, "<tr><td><code>"));
        Assert.Contains(HtmlText.Escape(FitCheck.Analysis.Cost.CostMath.Money(cost.MonthlyTotal)), costTable, StringComparison.Ordinal);
        foreach (var p in assessment.RetryAmplification!.SelectMany(r => r.Paths))
        {
            Assert.Contains(HtmlText.Escape(p.Expression), html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Write_WithoutProfile_SaysWhatIsMissingInsteadOfEmptyTables()
    {
        var html = AssessmentHtmlWriter.Write(ReportInputs.ExampleWithoutProfile());

        Assert.Contains("<p class=\"meta\" id=\"no-profile\">No workload profile: run <code>fitcheck init</code> and pass <code>--profile</code>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("class=\"analysis\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<table class=\"cost\">", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Layout_PutsSourcesLeftAndEveryForwardEdgeOneLayerOrMoreRight()
    {
        // api -> fn -> queue -> worker -> table, queue -> dlq, worker -> fn (a cycle), an isolated node.
        (int, int)[] edges = [(0, 1), (1, 2), (2, 3), (3, 4), (2, 5), (3, 1)];
        var (layer, row) = LayeredLayout.Arrange(7, edges);

        Assert.Equal([0, 1, 2, 3, 4, 3, 0], layer);
        foreach (var (from, to) in edges.Where(e => e != (3, 1)))
        {
            Assert.True(layer[to] > layer[from], $"{from}->{to}");
        }

        // No two nodes share a place.
        Assert.Equal(7, Enumerable.Range(0, 7).Select(i => (layer[i], row[i])).Distinct().Count());
    }

    [Fact]
    public void Layout_OfALongChain_DoesNotRecurseDeeply()
    {
        var edges = Enumerable.Range(0, 20000).Select(i => (i, i + 1)).ToList();
        var (layer, _) = LayeredLayout.Arrange(20001, edges);
        Assert.Equal(20000, layer[^1]);
    }

    [Fact]
    public void Layout_OrdersALayerByItsPredecessors()
    {
        // Two sources, each with one consumer; the consumers are declared in the opposite order.
        var (_, row) = LayeredLayout.Arrange(4, [(0, 3), (1, 2)]);
        Assert.True(row[0] < row[1]);
        Assert.True(row[3] < row[2], "the consumer of the first source comes first");
    }
}
