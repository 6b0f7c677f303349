using System.Text.RegularExpressions;
using FitCheck.Templates.Dialects.Terraform;

namespace FitCheck.Tests.Terraform;

/// <summary>
/// Fixtures under Fixtures/terraform/diagnostics/&lt;case&gt;/: each folder is a root module whose expected diagnostics
/// are marked on their lines with <c># expect: FC0xxx</c> (an HCL comment). The load must give exactly those, at those lines.
/// </summary>
public sealed partial class TerraformDiagnosticFixtureTests
{
    private static string Folder => Path.Combine(RepoPaths.Fixtures, "terraform", "diagnostics");

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var dir in Directory.EnumerateDirectories(Folder).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(dir));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Diagnostics_are_exactly_the_marked_lines(string name)
    {
        var root = Path.Combine(Folder, name);
        var expected = new List<string>();
        foreach (var file in Directory.EnumerateFiles(root, "*.tf", SearchOption.AllDirectories))
        {
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                foreach (Match m in Marker().Matches(lines[i]))
                {
                    expected.Add($"{Path.GetRelativePath(root, file).Replace('\\', '/')}:{i + 1} {m.Groups[1].Value}");
                }
            }
        }

        var project = TerraformLoader.Load(root, new TerraformLoadOptions(root));
        var actual = project.Diagnostics.Select(d => $"{d.Location.File}:{d.Location.Line} {d.Code}").ToList();
        Assert.NotEmpty(expected);
        Assert.True(expected.Order(StringComparer.Ordinal).SequenceEqual(actual.Order(StringComparer.Ordinal)),
            $"expected:\n  {string.Join("\n  ", expected.Order(StringComparer.Ordinal))}\nactual:\n  {string.Join("\n  ", project.Diagnostics.Select(d => d.ToString()))}");
    }

    [Fact]
    public void After_a_syntax_error_the_other_blocks_are_still_read()
    {
        var root = Path.Combine(Folder, "syntax");
        var project = TerraformLoader.Load(root, new TerraformLoadOptions(root));
        Assert.NotNull(project.Find("aws_sqs_queue.fine"));
    }

    [Fact]
    public void Unreadable_files_leave_the_value_unknown()
    {
        var root = Path.Combine(Folder, "outside");
        var project = TerraformLoader.Load(root, new TerraformLoadOptions(root));
        Assert.IsType<FitCheck.Templates.Dialects.Terraform.Hcl.HclUnknown>(project.Find("aws_sfn_state_machine.escape")!["definition"]);
        Assert.Equal(ModuleSourceKind.Local, Assert.Single(project.ModuleCalls).Kind);
        Assert.Equal("outside the folder being assessed", project.ModuleCalls[0].Note);
    }

    [GeneratedRegex(@"#\s*expect:\s*(FC\d{4})")]
    private static partial Regex Marker();
}
