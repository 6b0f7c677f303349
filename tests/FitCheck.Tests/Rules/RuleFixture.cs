using System.Text.RegularExpressions;
using FitCheck.Model;
using FitCheck.Rules;
using FitCheck.Templates.Dialects.CloudFormation;
using FitCheck.Templates.Reading;

namespace FitCheck.Tests.Rules;

/// <summary>A rule fixture: a small template under Fixtures/Rules/&lt;RuleId&gt;/ whose expected findings are marked
/// on their own lines with <c># expect: ID</c> (YAML). A fixture without markers must stay clean.</summary>
internal sealed partial class RuleFixture
{
    private RuleFixture(string path, IRule rule, Architecture architecture, IReadOnlyList<(string, int)> expected)
    {
        Path = path;
        Rule = rule;
        Architecture = architecture;
        ExpectedMarkers = expected;
    }

    public string Path { get; }
    public IRule Rule { get; }
    public Architecture Architecture { get; }
    public IReadOnlyList<(string RuleId, int Line)> ExpectedMarkers { get; }

    public static string Folder => System.IO.Path.Combine(RepoPaths.Fixtures, "Rules");

    /// <summary>Every fixture, as "RULEID/file.yaml".</summary>
    public static TheoryData<string> Paths()
    {
        var data = new TheoryData<string>();
        if (!Directory.Exists(Folder))
        {
            return data;
        }

        foreach (var file in Directory.EnumerateFiles(Folder, "*.*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            data.Add(System.IO.Path.GetRelativePath(Folder, file).Replace('\\', '/'));
        }

        return data;
    }

    public static RuleFixture Load(string relative)
    {
        var ruleId = relative.Split('/')[0];
        var rule = BuiltInRules.All.FirstOrDefault(r => r.Info.Id == ruleId)
            ?? throw new InvalidOperationException($"fixture folder {ruleId} names no rule in BuiltInRules.All");
        var full = System.IO.Path.Combine(Folder, relative);
        var text = File.ReadAllText(full);
        var expected = new List<(string, int)>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            foreach (Match m in Marker().Matches(lines[i]))
            {
                expected.Add((m.Groups[1].Value, i + 1));
            }
        }

        var document = TemplateReader.ReadText(text, relative, relative.EndsWith(".json", StringComparison.Ordinal) ? "json" : "yaml");
        var architecture = ArchitectureBuilder.Build(document, System.IO.Path.GetDirectoryName(full), System.IO.Path.GetDirectoryName(full));
        return new RuleFixture(relative, rule, architecture, expected);
    }

    [GeneratedRegex(@"#\s*expect:\s*(FC\d{4})")]
    private static partial Regex Marker();
}
