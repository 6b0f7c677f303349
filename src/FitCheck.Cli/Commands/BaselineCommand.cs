using System.CommandLine;
using FitCheck.Analysis.Assessing;
using FitCheck.Analysis.Baselines;
using FitCheck.Cli.Configuration;
using FitCheck.Templates.Scanning;

namespace FitCheck.Cli.Commands;

/// <summary><c>fitcheck baseline PATH... [--output FILE]</c>: records today's findings so <c>assess --baseline</c> reports
/// them as existing and fails only on new ones.</summary>
internal static class BaselineCommand
{
    public const string DefaultFile = ".fitcheck-baseline.json";

    public static Command Create()
    {
        var paths = CommonOptions.Paths();
        var output = new Option<FileInfo?>("--output", "-o") { Description = $"Where to write the baseline (default: {DefaultFile} in the current folder)." };
        var config = new Option<string?>("--config", "-c") { Description = $"Config file (default: {ConfigFile.DefaultName} in the scanned folder or the current one)." };
        var command = new Command("baseline",
            "Record the current findings; 'assess --baseline FILE' then reports them as existing and fails only on new ones. " +
            "Run it from the folder you run assess from (findings are matched by rule, template path, resource and message, not by line).")
        {
            paths, output, config,
        };
        command.SetAction(parse =>
        {
            var given = parse.GetValue(paths)!;
            var options = new AssessmentOptions();
            var exclude = new List<string>();
            if (!AssessSetup.Configure(parse.GetValue(config), given, null, options, exclude))
            {
                return (int)ExitCode.InputError;
            }

            var scan = Scanner.Scan(given, exclude: exclude);
            var assessment = Assessor.Assess(scan.Architectures, scan.Diagnostics, options);
            Output.Diagnostics(assessment.Diagnostics, verbose: false);
            var baseline = Baseline.From(assessment);
            var file = parse.GetValue(output) ?? new FileInfo(DefaultFile);
            if (!Output.Write(baseline.ToJson(), file))
            {
                return (int)ExitCode.InputError;
            }

            Console.Error.WriteLine($"fitcheck: wrote {baseline.Entries.Count} finding{(baseline.Entries.Count == 1 ? "" : "s")} to {file}");

            // As assess: the readable templates are recorded, and the unreadable ones make the exit code 2.
            return (int)(assessment.HasInputErrors ? ExitCode.InputError : ExitCode.Success);
        });
        return command;
    }
}
