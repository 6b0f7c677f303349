using System.Text;
using System.Text.RegularExpressions;
using FitCheck.Model;
using FitCheck.Rules;
using FitCheck.Templates.Dialects.Serverless;
using FitCheck.Templates.Reading;

namespace FitCheck.Tests.Serverless;

/// <summary>
/// serverless.yml rule fixtures: Fixtures/serverless/rules/&lt;RuleId&gt;/*.yml, with the expected findings marked on their
/// lines (<c># expect: ID</c>), as the CloudFormation fixtures are. A fixture without markers must stay clean.
/// </summary>
public partial class ServerlessRuleFixtureTests
{
    private static string Folder => Path.Combine(ServerlessFixtures.Folder, "rules");

    public static TheoryData<string> Paths()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(Folder, "*.yml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(Folder, file).Replace('\\', '/'));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Evaluate_WhenRunOnServerlessFixture_ReportsExactlyTheMarkedLines(string path)
    {
        var ruleId = path.Split('/')[0];
        var rule = BuiltInRules.All.Single(r => r.Info.Id == ruleId);
        var full = Path.Combine(Folder, path);
        var text = File.ReadAllText(full);
        var expected = text.Split('\n')
            .SelectMany((line, i) => Marker().Matches(line).Select(m => (m.Groups[1].Value, i + 1)))
            .Order()
            .ToList();

        var document = TemplateReader.Read(Encoding.UTF8.GetBytes(text), path, "yaml");
        var read = ServerlessReader.Read(document, null, Path.GetDirectoryName(full), Path.GetDirectoryName(full));
        var architecture = ServerlessArchitecture.Build(read);

        Assert.DoesNotContain(architecture.Diagnostics, d => d.Level != DiagnosticLevel.Info);
        var result = Analyzer.Run(architecture, [rule]);
        Assert.Empty(result.Diagnostics);
        var actual = result.Findings.Select(f => (f.Rule.Id, f.Location.Line)).Order().ToList();
        Assert.True(expected.SequenceEqual(actual),
            $"expected {string.Join(", ", expected)}; found {string.Join(" | ", result.Findings.Select(f => $"{f.Location}: {f.Message}"))}");
    }

    [Theory]
    [InlineData("FC5002/timeout-left-to-the-framework-default.yml", "timeout")]
    [InlineData("FC3001/tracing-left-out.yml", "tracing")]
    [InlineData("FC3006/log-retention-left-out.yml", "logRetentionInDays")]
    public void Fix_WhenFindingOnAServerlessFunction_SpeaksServerlessYml(string path, string property)
    {
        var full = Path.Combine(Folder, path);
        var read = ServerlessReader.ReadFile(full, path, null, Path.GetDirectoryName(full));
        var rule = BuiltInRules.All.Single(r => r.Info.Id == path.Split('/')[0]);

        var finding = Assert.Single(Analyzer.Run(ServerlessArchitecture.Build(read), [rule]).Findings);

        Assert.Contains("provider:", finding.Fix.Snippet, StringComparison.Ordinal);
        Assert.Contains(property + ":", finding.Fix.Snippet, StringComparison.Ordinal);
        Assert.Contains(property, finding.Fix.Remediation, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"#\s*expect:\s*(FC\d{4})")]
    private static partial Regex Marker();
}
