using FitCheck.Model;
using FitCheck.Templates.Reading;

namespace FitCheck.Tests.Workflow;

/// <summary>The GitHub Action and the pre-commit hook are valid YAML (read with the project's reader) and have the keys
/// their platforms require.</summary>
public sealed class CiFilesTests
{
    [Fact]
    public void ActionYml_IsACompositeActionThatAssessesToSarifAndUploadsIt()
    {
        var root = Read("action.yml");

        Assert.False(string.IsNullOrWhiteSpace(root["name"]?.Text), "action.yml needs a name");
        Assert.False(string.IsNullOrWhiteSpace(root["description"]?.Text), "action.yml needs a description");
        var runs = Assert.IsType<MappingNode>(root["runs"]);
        Assert.Equal("composite", runs["using"]?.Text);
        var steps = Assert.IsType<SequenceNode>(runs["steps"]).Items.Cast<MappingNode>().ToList();
        Assert.NotEmpty(steps);
        foreach (var step in steps)
        {
            // GitHub requires exactly one of run/uses per step, and a shell on every run step of a composite action.
            Assert.True(step.ContainsKey("run") ^ step.ContainsKey("uses"), $"step at line {step.Span.Line} needs exactly one of run and uses");
            if (step.ContainsKey("run"))
            {
                Assert.False(string.IsNullOrWhiteSpace(step["shell"]?.Text), $"run step at line {step.Span.Line} has no shell");
            }
        }

        var scripts = string.Join("\n", steps.Select(s => s["run"]?.Text).OfType<string>());
        Assert.Contains("dotnet tool install fitcheck", scripts, StringComparison.Ordinal);
        Assert.Contains("--format sarif", scripts, StringComparison.Ordinal);
        Assert.Contains(steps, s => s["uses"]?.Text?.StartsWith("github/codeql-action/upload-sarif@", StringComparison.Ordinal) == true);

        // Every input the steps read is declared, and every declared input has a description.
        var inputs = Assert.IsType<MappingNode>(root["inputs"]);
        foreach (var (key, value) in inputs.Pairs)
        {
            Assert.False(string.IsNullOrWhiteSpace(value["description"]?.Text), $"input {key.Value} has no description");
        }

        var text = File.ReadAllText(Path.Combine(RepoPaths.Root, "action.yml"));
        foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(text, @"inputs\.([a-z-]+)"))
        {
            Assert.True(inputs.ContainsKey(m.Groups[1].Value), $"action.yml reads undeclared input '{m.Groups[1].Value}'");
        }
    }

    [Fact]
    public void PreCommitHooks_DeclareTheFitcheckHook()
    {
        var path = Path.Combine(RepoPaths.Root, ".pre-commit-hooks.yaml");
        var document = TemplateReader.ReadFile(path, ".pre-commit-hooks.yaml");
        Assert.DoesNotContain(document.Diagnostics, d => d.Level != DiagnosticLevel.Info);
        var hooks = Assert.IsType<SequenceNode>(document.Root).Items.Cast<MappingNode>().ToList();

        var hook = Assert.Single(hooks, h => h["id"]?.Text == "fitcheck");
        foreach (var key in new[] { "id", "name", "entry", "language" })
        {
            Assert.False(string.IsNullOrWhiteSpace(hook[key]?.Text), $"the hook needs '{key}'");
        }

        Assert.StartsWith("fitcheck ", hook["entry"]!.Text, StringComparison.Ordinal);
        Assert.Contains(hook["language"]!.Text, new[] { "system", "dotnet" });
        Assert.True(hook.ContainsKey("files") || hook.ContainsKey("types") || hook.ContainsKey("types_or"), "the hook needs files or types");
        if (hook["files"]?.Text is { } files)
        {
            var regex = new System.Text.RegularExpressions.Regex(files);
            Assert.Matches(regex, "infra/template.yaml");
            Assert.Matches(regex, "cdk.out/Stack.template.json");
            Assert.DoesNotMatch(regex, "src/handler.py");
        }
    }

    private static MappingNode Read(string name)
    {
        var document = TemplateReader.ReadFile(Path.Combine(RepoPaths.Root, name), name);
        Assert.DoesNotContain(document.Diagnostics, d => d.Level != DiagnosticLevel.Info);
        return Assert.IsType<MappingNode>(document.Root);
    }
}
