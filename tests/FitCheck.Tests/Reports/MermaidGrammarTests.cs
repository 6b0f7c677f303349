using System.Text.RegularExpressions;
using FitCheck.Model;
using FitCheck.Reports.Graph;
using FitCheck.Reports.Markdown;
using FitCheck.Templates.Scanning;

namespace FitCheck.Tests.Reports;

/// <summary>The Mermaid the reports write keeps to a small grammar that GitHub's Mermaid renders: every line must be one
/// of these forms, every edge must join declared nodes, and linkStyle must name existing edges.</summary>
public partial class MermaidGrammarTests
{
    // A label is quoted; inside it only entity codes (#name; or #123;) may carry special characters, and the only
    // markup is the <br/><small>kind</small> the writer adds itself.
    private const string Label = "\"(?:[^\"<>#&|`\\[\\]{}();%\\\\]|#[a-z]+;|#[0-9]+;|<br/><small>[a-z-]+</small>)*\"";
    private const string Shapes = @"(?:\[" + Label + @"\]|\[/" + Label + @"/\]|\[\(" + Label + @"\)\]|\(\[" + Label + @"\]\)|\{\{" + Label + @"\}\}|\[\[" + Label + @"\]\]|>" + Label + @"\])";

    [GeneratedRegex(@"^flowchart LR$")]
    private static partial Regex Header();

    [GeneratedRegex(@"^  subgraph (?<id>[A-Za-z0-9]+)\[" + Label + @"\]$")]
    private static partial Regex Subgraph();

    [GeneratedRegex(@"^  end$")]
    private static partial Regex End();

    [GeneratedRegex(@"^    (?<id>[A-Za-z0-9]+)" + Shapes + "$")]
    private static partial Regex Node();

    [GeneratedRegex(@"^    (?<from>[A-Za-z0-9]+) (?<arrow>-->|-\.->)\|(?<label>[a-z-]+)\| (?<to>[A-Za-z0-9]+)$")]
    private static partial Regex Edge();

    [GeneratedRegex(@"^    linkStyle (?<n>[0-9]+(?:,[0-9]+)*) stroke:#[0-9a-f]{6},stroke-width:[0-9]px,color:#[0-9a-f]{6}$")]
    private static partial Regex LinkStyle();

    [GeneratedRegex(@"^    classDef (?<name>[a-z]+) stroke:#[0-9a-f]{6},stroke-width:[0-9]px$")]
    private static partial Regex ClassDef();

    [GeneratedRegex(@"^    class (?<ids>[A-Za-z0-9]+(?:,[A-Za-z0-9]+)*) (?<name>[a-z]+)$")]
    private static partial Regex Class();

    [GeneratedRegex(@"```mermaid\n(?<body>.*?)```", RegexOptions.Singleline)]
    private static partial Regex MermaidBlock();

    /// <summary>Checks every line against the grammar; returns the edges so tests can assert on them.</summary>
    internal static List<(string From, string Arrow, string Label, string To)> Parse(string mermaid)
    {
        var lines = mermaid.TrimEnd('\n').Split('\n');
        Assert.Matches(Header(), lines[0]);
        var nodes = new HashSet<string>(StringComparer.Ordinal);
        var classes = new HashSet<string>(StringComparer.Ordinal);
        var edges = new List<(string, string, string, string)>();
        var depth = 0;
        foreach (var line in lines.Skip(1))
        {
            Match m;
            if ((m = Subgraph().Match(line)).Success)
            {
                Assert.True(nodes.Add(m.Groups["id"].Value), $"duplicate id in: {line}");
                depth++;
            }
            else if (End().IsMatch(line))
            {
                depth--;
                Assert.True(depth >= 0, "end without subgraph");
            }
            else if ((m = Node().Match(line)).Success)
            {
                Assert.True(nodes.Add(m.Groups["id"].Value), $"duplicate id in: {line}");
            }
            else if ((m = Edge().Match(line)).Success)
            {
                Assert.Contains(m.Groups["from"].Value, nodes);
                Assert.Contains(m.Groups["to"].Value, nodes);
                edges.Add((m.Groups["from"].Value, m.Groups["arrow"].Value, m.Groups["label"].Value, m.Groups["to"].Value));
            }
            else if ((m = LinkStyle().Match(line)).Success)
            {
                Assert.All(m.Groups["n"].Value.Split(','), n => Assert.InRange(int.Parse(n, System.Globalization.CultureInfo.InvariantCulture), 0, edges.Count - 1));
            }
            else if ((m = ClassDef().Match(line)).Success)
            {
                classes.Add(m.Groups["name"].Value);
            }
            else if ((m = Class().Match(line)).Success)
            {
                Assert.Contains(m.Groups["name"].Value, classes);
                Assert.All(m.Groups["ids"].Value.Split(','), id => Assert.Contains(id, nodes));
            }
            else
            {
                Assert.Fail($"line outside the Mermaid grammar: {line}");
            }
        }

        Assert.Equal(0, depth);
        return edges;
    }

    private static string BlockOf(string markdown) => MermaidBlock().Match(markdown) is { Success: true } m ? m.Groups["body"].Value : throw new Xunit.Sdk.XunitException("no mermaid block");

    [Fact]
    public void Markdown_OnExample_HasAMermaidBlockInTheGrammar_WithFailurePathsDotted()
    {
        var assessment = ReportInputs.Example();
        var edges = Parse(BlockOf(AssessmentMarkdownWriter.Write(assessment)));

        var architecture = assessment.Architectures.Single();
        var drawn = MermaidWriter.DrawnComponents(architecture);
        Assert.Equal(architecture.Flows.Count(f => drawn.Contains(f.From) && drawn.Contains(f.To)), edges.Count);
        Assert.Contains(edges, e => e.Label == "dead-letter");
        Assert.All(edges, e => Assert.Equal(e.Label is "dead-letter" or "on-failure" ? "-.->" : "-->", e.Arrow));
    }

    [Fact]
    public void Markdown_OnHostileTemplate_StaysInTheGrammar()
    {
        var markdown = AssessmentMarkdownWriter.Write(ReportInputs.Hostile());
        var edges = Parse(BlockOf(markdown));
        Assert.Contains(edges, e => e.Label == "dead-letter" && e.Arrow == "-.->");
    }

    [Fact]
    public void Write_SeveralTemplates_UsesSubgraphsAndDistinctIds()
    {
        var one = Scanner.FromText("Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n  Dlq:\n    Type: AWS::SQS::Queue\n", "a.yaml");
        var two = Scanner.FromText("Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n", "b|\"c\".yaml");
        var mermaid = MermaidWriter.Write([one, two], c => c.LogicalId == "Dlq" ? "warning" : null);
        Parse(mermaid);
        Assert.Contains("  subgraph t1[\"b#124;#quot;c#quot;.yaml\"]\n", mermaid, StringComparison.Ordinal);
        Assert.Contains("    class t0n1 warning\n", mermaid, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a\"b", "a#quot;b")]
    [InlineData("<script>", "#lt;script#gt;")]
    [InlineData("x]; click n0 call alert(1) %%", "x#93;#59; click n0 call alert#40;1#41; #37;#37;")]
    [InlineData("line\nbreak", "line break")]
    public void Escape_LeavesNoCharacterThatEndsALabel(string text, string expected) => Assert.Equal(expected, MermaidWriter.Escape(text));
}
