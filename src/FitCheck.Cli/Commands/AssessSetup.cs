using FitCheck.Assessing;
using FitCheck.Assessing.Baselines;
using FitCheck.Cli.Configuration;
using FitCheck.Rules;
using FitCheck.Templates.Files;

namespace FitCheck.Cli.Commands;

/// <summary>The config handling shared by the commands that assess (baseline, diff): the config file found or given,
/// then --fail-on from the command line over it. Errors go to standard error.</summary>
internal static class AssessSetup
{
    /// <returns>False after printing the config's errors (exit code 2).</returns>
    public static bool Configure(string? configPath, IReadOnlyList<string> paths, string? failOnText, AssessmentOptions options, List<string> exclude)
    {
        var located = ConfigFile.Locate(configPath, paths);
        if (located is not null)
        {
            var file = ConfigFile.Load(located);
            if (file.Errors.Count > 0)
            {
                Output.Diagnostics(file.Errors, verbose: true);
                return false;
            }

            file.Apply(options, failOnText is not null);
            exclude.AddRange(file.Exclude);
        }

        if (failOnText is not null)
        {
            options.FailOn = failOnText == "never" ? null : SectionNames.ParseSeverity(failOnText);
        }

        return true;
    }

    /// <summary>Reads a baseline file; prints why and returns null when it cannot.</summary>
    public static Baseline? LoadBaseline(FileInfo file)
    {
        var content = UserFile.Read(file.FullName, Baseline.MaxBytes, "baseline");
        if (content.Bytes is not { } bytes)
        {
            Console.Error.WriteLine($"fitcheck: cannot read baseline {file.FullName}: {content.Error}");
            return null;
        }

        var baseline = Baseline.Parse(bytes, out var error);
        if (baseline is null)
        {
            Console.Error.WriteLine($"fitcheck: {file.FullName}: {error}");
        }

        return baseline;
    }
}
