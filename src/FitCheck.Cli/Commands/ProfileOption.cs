using System.CommandLine;
using FitCheck.Model;
using FitCheck.Templates.Profiles;

namespace FitCheck.Cli.Commands;

/// <summary><c>--profile FILE</c>, and finding <c>fitcheck.workload.yml</c> at the scan root.</summary>
internal static class ProfileOption
{
    public static Option<string?> Create() => new("--profile")
    {
        HelpName = "FILE",
        Description = $"Workload profile (traffic, durations, sessions) for the design analyses and cost (default: {WorkloadProfileReader.DefaultName} in a scanned folder).",
    };

    public static string? Locate(string? explicitPath, IReadOnlyList<string> paths)
    {
        if (explicitPath is not null)
        {
            return explicitPath;
        }

        return paths.Where(Directory.Exists).Select(folder => Path.Combine(folder, WorkloadProfileReader.DefaultName)).FirstOrDefault(File.Exists);
    }

    /// <summary>Reads the profile; prints its errors (with lines) and returns false when it is invalid or missing.</summary>
    public static bool TryLoad(string? path, out WorkloadProfile? profile)
    {
        profile = null;
        if (path is null)
        {
            return true;
        }

        if (!File.Exists(path))
        {
            Console.Error.WriteLine($"{path}: error {DiagnosticCodes.Profile}: workload profile not found");
            return false;
        }

        var result = WorkloadProfileReader.ReadFile(Path.GetFullPath(path), path.Replace('\\', '/'));
        if (result.Failed)
        {
            Output.Diagnostics(result.Errors, verbose: true);
            return false;
        }

        profile = result.Profile;
        return true;
    }
}
