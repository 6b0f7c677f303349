using FitCheck.Rules;
using FitCheck.Templates.Dialects.CloudFormation;
using FitCheck.Templates.Reading;
using Xunit.Abstractions;

namespace FitCheck.Tests.Rules;

/// <summary>The serverless-rules test templates for the observability checks, run through the equivalent fitcheck rule:
/// a <c>.fail</c> template gives at least one finding on the resource it is about, a <c>.pass</c> template gives none.</summary>
public class ServerlessRulesCorpusObservabilityTests(ITestOutputHelper output)
{
    /// <summary>serverless-rules id → the fitcheck rule that answers it and the logical ids the fixtures are about.</summary>
    private static readonly Dictionary<string, (string RuleId, string[] Resources)> Equivalents = new(StringComparer.Ordinal)
    {
        ["ES2000"] = ("FC3009", ["Api"]),
        ["WS1000"] = ("FC3001", ["Function"]),
        ["WS1004"] = ("FC3006", ["Function", "LogGroup"]),
        ["WS2001"] = ("FC3010", ["Api"]),
        ["WS2002"] = ("FC3002", ["Api"]),
        ["WS3000"] = ("FC3003", ["GraphQLApi"]),
        ["WS5000"] = ("FC3004", ["StateMachine"]),
    };

    [Fact]
    public void EquivalentRules_GiveTheFixturesExpectedOutcome()
    {
        var folder = Path.Combine(RepoPaths.Root, "..", "shared", "corpus", "serverless-rules", "templates");
        if (!Directory.Exists(folder))
        {
            output.WriteLine("skipped: corpus not found (expected ../shared/corpus/serverless-rules beside the repository)");
            return;
        }

        var failures = new List<string>();
        var checkedCount = 0;
        foreach (var path in Directory.EnumerateFiles(folder, "*.yaml").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(path);
            var peerId = name.Split('-', '.')[0].ToUpperInvariant();
            if (!Equivalents.TryGetValue(peerId, out var equivalent))
            {
                continue;
            }

            var shouldFail = name.EndsWith(".fail.yaml", StringComparison.Ordinal);
            var rule = BuiltInRules.Find(equivalent.RuleId) ?? throw new InvalidOperationException($"{equivalent.RuleId} is not registered");
            Assert.Contains($"serverless-rules:{peerId}", rule.Info.Equivalents);

            var architecture = ArchitectureBuilder.Build(TemplateReader.ReadFile(path, name));
            var findings = Analyzer.Run(architecture, [rule]).Findings;
            var onResource = findings.Where(f => equivalent.Resources.Contains(f.Resource.LogicalId)).ToList();
            checkedCount++;
            output.WriteLine($"{name}: {peerId} -> {rule.Info.Id}: {findings.Count} finding(s){string.Concat(findings.Select(f => $"\n    {f.Resource.LogicalId}: {f.Message}"))}");

            if (shouldFail && onResource.Count == 0)
            {
                failures.Add($"{name}: expected {rule.Info.Id} on {string.Join(" or ", equivalent.Resources)}, got none");
            }
            else if (!shouldFail && findings.Count > 0)
            {
                failures.Add($"{name}: expected no {rule.Info.Id} finding, got: {string.Join("; ", findings.Select(f => f.Message))}");
            }
        }

        Assert.True(checkedCount >= 29, $"only {checkedCount} serverless-rules templates matched");
        Assert.Empty(failures);
    }
}
