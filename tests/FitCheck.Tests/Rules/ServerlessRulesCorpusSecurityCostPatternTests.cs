using FitCheck.Rules;
using FitCheck.Templates.Dialects.CloudFormation;
using FitCheck.Templates.Reading;
using Xunit.Abstractions;

namespace FitCheck.Tests.Rules;

/// <summary>The serverless-rules fixtures for the security, cost and pattern rules: a .fail file gives a finding of the
/// equivalent fitcheck rule on the resource it is about, a .pass file gives none, except where fitcheck deliberately
/// disagrees (documented under "Where the peers differ" on the rule's page).</summary>
public sealed class ServerlessRulesCorpusSecurityCostPatternTests(ITestOutputHelper output)
{
    private static string Folder => Path.Combine(RepoPaths.Root, "..", "shared", "corpus", "serverless-rules");

    [Theory]
    // ES1005 / ES1006: memory and timeout left at the Lambda defaults.
    [InlineData("es1005.fail.yaml", "FC5001", "Function")]
    [InlineData("es1005.pass.yaml", "FC5001", null)]
    [InlineData("es1006.fail.yaml", "FC5002", "Function")]
    [InlineData("es1006.pass.yaml", "FC5002", null)]
    // ES2003: default stage throttling.
    [InlineData("es2003-http-missing.fail.yaml", "FC5010", "Api")]
    [InlineData("es2003-http-nothrottle.fail.yaml", "FC5010", "Api")]
    [InlineData("es2003-http.pass.yaml", "FC5010", null)]
    [InlineData("es2003-rest-missing.fail.yaml", "FC5010", "Api")]
    [InlineData("es2003-rest-nodefault.fail.yaml", "FC5010", "Api")]
    [InlineData("es2003-rest-nothrottle.fail.yaml", "FC5010", "Api")]
    [InlineData("es2003-rest.pass.yaml", "FC5010", null)]
    // WS1002: fitcheck flags three or more kinds of event source, not two principals (FC4004 "Where the peers differ").
    [InlineData("ws1002-permissions.fail.yaml", "FC4004", null)]
    [InlineData("ws1002-sam.fail.yaml", "FC4004", null)]
    [InlineData("ws1002-sub-principal.pass.yaml", "FC4004", null)]
    [InlineData("ws1002.pass.yaml", "FC4004", null)]
    // WS1003: '*' anywhere is flagged; 's3:*' scoped to one bucket's objects is not (FC2001 "Where the peers differ").
    [InlineData("ws1003-fullstar.fail.yaml", "FC2001", "Function")]
    [InlineData("ws1003.fail.yaml", "FC2001", null)]
    [InlineData("ws1003-substar.pass.yaml", "FC2001", null)]
    [InlineData("ws1003.pass.yaml", "FC2001", null)]
    public void Fixture_GivesFitchecksExpectedOutcome(string file, string ruleId, string? expectedResource)
    {
        if (!Directory.Exists(Folder))
        {
            output.WriteLine("skipped: corpus not found at " + Folder);
            return;
        }

        var path = Path.Combine(Folder, "templates", file);
        var rule = BuiltInRules.Find(ruleId) ?? throw new InvalidOperationException(ruleId + " is not registered");
        var architecture = ArchitectureBuilder.Build(TemplateReader.ReadFile(path, file), Path.GetDirectoryName(path), Path.GetDirectoryName(path));
        var result = Analyzer.Run(architecture, [rule]);

        Assert.Empty(result.Diagnostics);
        var findings = result.Findings.ToList();
        foreach (var finding in findings)
        {
            output.WriteLine($"{finding.Rule.Id} {finding.Resource.LogicalId} line {finding.Location.Line}: {finding.Message}");
        }

        if (expectedResource is null)
        {
            Assert.Empty(findings);
        }
        else
        {
            Assert.Contains(findings, f => f.Resource.LogicalId == expectedResource || f.Resource.ImpliedBy?.LogicalId == expectedResource);
        }
    }
}
