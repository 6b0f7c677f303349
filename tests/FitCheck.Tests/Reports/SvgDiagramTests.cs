using System.Globalization;
using System.Text.RegularExpressions;
using FitCheck.Reports.Html;
using FitCheck.Rules;
using FitCheck.Templates.Scanning;

namespace FitCheck.Tests.Reports;

/// <summary>The diagram reads: no flow is drawn through a box, every flow is labelled with its kind, names are whole.</summary>
public partial class SvgDiagramTests
{
    [GeneratedRegex(@"<rect x=""(?<x>[\d.]+)"" y=""(?<y>[\d.]+)"" width=""(?<w>[\d.]+)"" height=""(?<h>[\d.]+)""")]
    private static partial Regex Rect();

    [GeneratedRegex(@"<path class=""edge[^""]*"" d=""(?<d>M[^""]+)""")]
    private static partial Regex Edge();

    // A queue feeds a chain of four functions through queues; the first function also writes straight to the last
    // queue (a flow that skips layers) and the last function publishes back to the first queue (a flow backwards).
    private const string Template = """
        Transform: AWS::Serverless-2016-10-31
        Resources:
          First:
            Type: AWS::SQS::Queue
          Second:
            Type: AWS::SQS::Queue
          Third:
            Type: AWS::SQS::Queue
          AVeryLongFunctionNameThatDoesNotFitOnOneLineOfTheBox:
            Type: AWS::Serverless::Function
            Properties:
              Handler: a.b
              Runtime: python3.12
              CodeUri: src/
              Policies:
                - SQSSendMessagePolicy: { QueueName: !GetAtt Second.QueueName }
                - SQSSendMessagePolicy: { QueueName: !GetAtt Third.QueueName }
              Events:
                In: { Type: SQS, Properties: { Queue: !GetAtt First.Arn } }
          Middle:
            Type: AWS::Serverless::Function
            Properties:
              Handler: a.b
              Runtime: python3.12
              CodeUri: src/
              Policies:
                - SQSSendMessagePolicy: { QueueName: !GetAtt Third.QueueName }
              Events:
                In: { Type: SQS, Properties: { Queue: !GetAtt Second.Arn } }
          Last:
            Type: AWS::Serverless::Function
            Properties:
              Handler: a.b
              Runtime: python3.12
              CodeUri: src/
              Policies:
                - SQSSendMessagePolicy: { QueueName: !GetAtt First.QueueName }
              Events:
                In: { Type: SQS, Properties: { Queue: !GetAtt Third.Arn } }
        """;

    [Fact]
    public void Flows_AreNeverDrawnThroughABox_AndAreLabelled()
    {
        var architecture = Scanner.FromText(Template);
        var svg = SvgDiagram.Write(architecture, "t", new Dictionary<FitCheck.Model.Component, Severity>());

        var boxes = Rect().Matches(svg).Select(m => (X: D(m, "x"), Y: D(m, "y"), W: D(m, "w"), H: D(m, "h"))).ToList();
        var edges = Edge().Matches(svg).Select(m => m.Groups["d"].Value).ToList();
        Assert.True(edges.Count >= 6, svg);
        Assert.Contains(edges, d => d.Contains(" V", StringComparison.Ordinal)); // some flow is routed around the boxes
        foreach (var d in edges.Where(d => !d.Contains('C', StringComparison.Ordinal) && !d.Contains('h', StringComparison.Ordinal)))
        {
            foreach (var (x1, y1, x2, y2) in Segments(d))
            {
                foreach (var b in boxes)
                {
                    var crosses = Math.Max(x1, x2) > b.X + 1 && Math.Min(x1, x2) < b.X + b.W - 1 && Math.Max(y1, y2) > b.Y + 1 && Math.Min(y1, y2) < b.Y + b.H - 1;
                    Assert.False(crosses, $"segment {x1},{y1} to {x2},{y2} of {d} crosses the box at {b}");
                }
            }
        }

        Assert.Equal(edges.Count, Regex.Count(svg, "<text class=\"edge-label"));
        // The long name is whole, over two lines of the box.
        Assert.Contains(">AVeryLongFunctionName</tspan>", svg, StringComparison.Ordinal);
        Assert.Contains("ThatDoesNotFitOnOneLine", svg, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Short", 1)]
    [InlineData("EventRuleBlueBankCatchAll", 2)]
    [InlineData("AVeryLongFunctionNameThatDoesNotFitOnOneLineOfTheBoxNorOnTwoLinesOfItAtAll", 3)]
    public void Names_WrapAtWordBoundaries(string name, int lines)
    {
        var wrapped = SvgDiagram.Wrap(name);

        Assert.Equal(lines, wrapped.Count);
        Assert.All(wrapped, l => Assert.True(l.Length <= SvgDiagram.LineChars));
        if (lines < SvgDiagram.MaxLines)
        {
            Assert.Equal(name, string.Concat(wrapped));
        }
    }

    private static double D(Match m, string group) => double.Parse(m.Groups[group].Value, CultureInfo.InvariantCulture);

    // The straight segments of an M/H/V path.
    private static IEnumerable<(double X1, double Y1, double X2, double Y2)> Segments(string d)
    {
        double x = 0, y = 0;
        foreach (Match c in Regex.Matches(d, @"([MHV])([-\d.]+)(?:,([-\d.]+))?"))
        {
            var v = double.Parse(c.Groups[2].Value, CultureInfo.InvariantCulture);
            switch (c.Groups[1].Value)
            {
                case "M":
                    (x, y) = (v, double.Parse(c.Groups[3].Value, CultureInfo.InvariantCulture));
                    break;
                case "H":
                    yield return (x, y, v, y);
                    x = v;
                    break;
                default:
                    yield return (x, y, x, v);
                    y = v;
                    break;
            }
        }
    }
}
