using FitCheck.Assessing;
using FitCheck.Model;
using FitCheck.Templates.Discovery;
using FitCheck.Templates.Dialects.CloudFormation;
using FitCheck.Templates.Reading;

namespace FitCheck.Bench;

/// <summary>The input of the benchmarks: the shared corpus when it is there, else the repository's example.</summary>
internal static class Corpus
{
    /// <summary>FITCHECK_BENCH_PATH, else ../shared/corpus beside the repository, else examples/.</summary>
    public static string Locate()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("FITCHECK_BENCH_PATH");
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            return Path.GetFullPath(fromEnvironment);
        }

        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "fitcheck.slnx")))
        {
            dir = dir.Parent;
        }

        var root = dir?.FullName ?? Directory.GetCurrentDirectory();
        var corpus = Path.GetFullPath(Path.Combine(root, "..", "shared", "corpus"));
        return Directory.Exists(corpus) ? corpus : Path.Combine(root, "examples");
    }

    /// <summary>The files to read and their bytes, read once so the read stage measures parsing, not the disk.</summary>
    public static List<(DiscoveredFile File, byte[] Bytes)> LoadBytes(string path)
    {
        var found = TemplateDiscovery.Find([path]);
        return found.Files.Select(f => (f, File.ReadAllBytes(f.FullPath))).ToList();
    }

    public static List<TemplateDocument> Read(List<(DiscoveredFile File, byte[] Bytes)> files) =>
        files.Select(f => TemplateReader.Read(f.Bytes, f.File.DisplayPath, TemplateReader.FormatOf(f.File.FullPath, f.Bytes)))
            .Where(d => d.IsTemplate)
            .ToList();

    public static List<Architecture> Map(List<TemplateDocument> documents) =>
        documents.Select(d => ArchitectureBuilder.Build(d)).ToList();

    public static Assessment Assess(List<Architecture> architectures) =>
        Assessor.Assess(architectures, [], new AssessmentOptions());
}
