using FitCheck.Model;
using FitCheck.Templates.Dialects.CloudFormation;
using FitCheck.Templates.Profiles;
using FitCheck.Templates.Reading;

namespace FitCheck.Tests.Analysis;

/// <summary>Loads the templates and workload profiles under Fixtures/Analysis.</summary>
internal static class AnalysisFixtures
{
    public static string Folder => Path.Combine(RepoPaths.Fixtures, "Analysis");

    public static Architecture Template(string name)
    {
        var full = Path.Combine(Folder, name);
        var document = TemplateReader.ReadFile(full, name);
        Assert.False(document.Failed, string.Join("; ", document.Diagnostics));
        return ArchitectureBuilder.Build(document, Folder, Folder);
    }

    public static WorkloadProfile Profile(string name)
    {
        var result = WorkloadProfileReader.ReadFile(Path.Combine(Folder, name), name);
        Assert.True(result.Errors.Count == 0, string.Join("; ", result.Errors));
        return result.Profile!;
    }

    public static WorkloadProfile ProfileText(string text)
    {
        var result = WorkloadProfileReader.ReadText(text, "profile.yml");
        Assert.True(result.Errors.Count == 0, string.Join("; ", result.Errors));
        return result.Profile!;
    }
}
