using FitCheck.Rules;
using FitCheck.Templates.Dialects.CloudFormation;
using FitCheck.Templates.Reading;
using Xunit.Abstractions;

namespace FitCheck.Tests.Rules;

/// <summary>The serverless-rules test templates for the state rules: a .fail template must give a finding of the
/// equivalent fitcheck rule on the resource it is about, a .pass template none.</summary>
public class ServerlessRulesCorpusStateTests(ITestOutputHelper output)
{
    private static string Folder => Path.Combine(RepoPaths.Root, "..", "shared", "corpus", "serverless-rules", "templates");

    [Theory]
    [InlineData("es1001-missing.fail.yaml", "FC1002", "EventSourceMapping")]
    [InlineData("es1001.pass.yaml", "FC1002", "")]
    [InlineData("es1007.fail.yaml", "FC1001", "CloudWatchEventFunction,EventBridgeRuleFunction,IoTRuleFunction,S3Function,ScheduleFunction,SNSFunction")]
    [InlineData("es1007.pass.yaml", "FC1001", "")]
    [InlineData("es4000-missing.fail.yaml", "FC1008", "Rule")]
    [InlineData("es4000-partial.fail.yaml", "FC1008", "Rule")]
    [InlineData("es4000.pass.yaml", "FC1008", "")]
    [InlineData("es6000.fail.yaml", "FC1005", "Queue")]
    [InlineData("es6000.pass.yaml", "FC1005", "")]
    [InlineData("es6000-multiple.pass.yaml", "FC1005", "")]
    [InlineData("es7000.fail.yaml", "FC1007", "Subscription")]
    [InlineData("es7000.pass.yaml", "FC1007", "")]
    public void Fixture_GivesTheExpectedOutcome(string file, string ruleId, string resources)
    {
        var path = Path.Combine(Folder, file);
        if (!File.Exists(path))
        {
            output.WriteLine($"skipped: corpus not found ({file})");
            return;
        }

        var document = TemplateReader.ReadFile(path, file);
        var architecture = ArchitectureBuilder.Build(document);
        var rule = BuiltInRules.Find(ruleId)!;
        var result = Analyzer.Run(architecture, [rule]);
        Assert.Empty(result.Diagnostics);
        foreach (var f in result.Findings)
        {
            output.WriteLine($"{f.Location.Line}: {f.Rule.Id} {f.Resource.LogicalId}: {f.Message}");
        }

        var found = result.Findings.Select(f => f.Resource.LogicalId).ToHashSet(StringComparer.Ordinal);
        if (file.EndsWith(".pass.yaml", StringComparison.Ordinal))
        {
            Assert.Empty(result.Findings);
        }
        else
        {
            Assert.All(resources.Split(','), r => Assert.Contains(r, found));
        }
    }
}
