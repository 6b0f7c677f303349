using System.Text.Json;

namespace FitCheck.Tests.Cli;

[Collection("console")]
public class GraphCommandTests
{
    [Fact]
    public void Graph_WhenJsonOnTheExample_ShowsThePathFromEntryPointToLastConsumer()
    {
        var (code, stdout, _) = CliRunner.Run("graph", Path.Combine(RepoPaths.Root, "examples", "orders-pipeline"), "--format", "json");

        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(stdout);
        var edges = doc.RootElement.GetProperty("edges").EnumerateArray()
            .Select(e => (e.GetProperty("from").GetString(), e.GetProperty("kind").GetString(), e.GetProperty("to").GetString()))
            .ToHashSet();
        Assert.Contains(("OrdersApi", "invokes", "PlaceOrderFunction"), edges);
        Assert.Contains(("PlaceOrderFunction", "publishes", "OrdersQueue"), edges);
        Assert.Contains(("OrdersQueue", "triggers", "StoreOrderFunction"), edges);
        Assert.Contains(("StoreOrderFunction", "writes", "OrdersTable"), edges);
        Assert.Contains(("StoreOrderFunction", "triggers", "FulfilmentWorkflow"), edges);
        Assert.Contains(("FulfilmentWorkflow", "invokes", "ChargeFunction"), edges);
        Assert.Contains(("OrdersQueue", "dead-letter", "OrdersDeadLetterQueue"), edges);

        var component = doc.RootElement.GetProperty("components").EnumerateArray().First(c => c.GetProperty("id").GetString() == "OrdersQueue");
        Assert.Equal("queue", component.GetProperty("kind").GetString());
        Assert.Equal(37, component.GetProperty("location").GetProperty("line").GetInt32());
    }

    [Fact]
    public void Graph_WhenOneFileIsBroken_StillReadsTheOthersAndExitsWithTwo()
    {
        var dir = Directory.CreateTempSubdirectory("fitcheck-graph");
        try
        {
            File.Copy(Path.Combine(RepoPaths.Root, "examples", "orders-pipeline", "template.yaml"), Path.Combine(dir.FullName, "good.yaml"));
            File.WriteAllText(Path.Combine(dir.FullName, "bad.yaml"), "Resources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties: [unclosed\n");

            var (code, stdout, stderr) = CliRunner.Run("graph", dir.FullName, "--format", "json");

            Assert.Equal(2, code);
            Assert.Contains("PlaceOrderFunction", stdout, StringComparison.Ordinal);
            Assert.Contains("bad.yaml:", stderr, StringComparison.Ordinal);
            Assert.Contains("FC0001", stderr, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Graph_WhenMermaid_DrawsFailurePathsDotted()
    {
        var (code, stdout, _) = CliRunner.Run("graph", Path.Combine(RepoPaths.Root, "examples", "orders-pipeline"), "--format", "mermaid");

        Assert.Equal(0, code);
        Assert.StartsWith("flowchart LR", stdout, StringComparison.Ordinal);
        Assert.Contains("-.->|dead-letter|", stdout, StringComparison.Ordinal);
        Assert.Contains("-->|invokes|", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_WhenUnknownOption_ExitsWithTwo()
    {
        var (code, _, stderr) = CliRunner.Run("graph", ".", "--format", "xml");

        Assert.Equal(2, code);
        Assert.Contains("xml", stderr, StringComparison.Ordinal);
    }
}
