using System.Text.RegularExpressions;
using System.Xml.Linq;
using Xunit;

namespace FitCheck.Tests.Workflow;

/// <summary>The seam holds: what reads the model never speaks a dialect's words, and the projects depend only downwards.</summary>
public sealed partial class LayoutTests
{
    private static readonly string[] ModelReaders = ["FitCheck.Rules", "FitCheck.Analysis", "FitCheck.Assessing", "FitCheck.Reports"];

    [Fact]
    public void Rules_analyses_and_reports_compare_no_CloudFormation_type_string()
    {
        var offences = new List<string>();
        foreach (var project in ModelReaders)
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "src", project), "*.cs", SearchOption.AllDirectories)
                         .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
            {
                var lines = File.ReadAllLines(file);
                for (var i = 0; i < lines.Length; i++)
                {
                    if (TypeComparison().IsMatch(lines[i]))
                    {
                        offences.Add($"{Path.GetRelativePath(RepoPaths.Root, file)}:{i + 1}: {lines[i].Trim()}");
                    }
                }
            }
        }

        Assert.True(offences.Count == 0, "Compare the typed model (Kind, Service, EventSourceKind...), not a type string:\n" + string.Join('\n', offences));
    }

    [Fact]
    public void Analyses_depend_on_the_model_only_and_rules_on_nothing_above_them()
    {
        Assert.Equal(["FitCheck.Model"], References("FitCheck.Analysis"));
        Assert.Equal(["FitCheck.Analysis", "FitCheck.Model"], References("FitCheck.Rules"));
        Assert.DoesNotContain("FitCheck.Templates", References("FitCheck.Assessing"));
    }

    private static List<string> References(string project) =>
        XDocument.Load(Path.Combine(RepoPaths.Root, "src", project, project + ".csproj"))
            .Descendants("ProjectReference")
            .Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value.Replace('\\', '/')))
            .Order(StringComparer.Ordinal)
            .ToList();

    // A comparison or a test against an "AWS::..." literal (doc comments and message texts are not comparisons).
    [GeneratedRegex("""(==|!=|StartsWith\(|Contains\(|EndsWith\(|Equals\(|case |is )\s*"AWS::""")]
    private static partial Regex TypeComparison();
}
