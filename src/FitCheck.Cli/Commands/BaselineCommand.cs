using System.CommandLine;
using FitCheck.Assessing;
using FitCheck.Assessing.Baselines;
using FitCheck.Cli.Configuration;

namespace FitCheck.Cli.Commands;

/// <summary><c>fitcheck baseline PATH... [--output FILE]</c>: records today's findings so <c>assess --baseline</c> reports
/// them as existing and fails only on new ones.</summary>
internal static class BaselineCommand
{
    public const string DefaultFile = ".fitcheck-baseline.json";

    public static Command Create()
    {
        var paths = CommonOptions.Paths();
        var output = new Option<FileInfo?>("--output", "-o") { Description = $"Where to write the baseline (default: {DefaultFile} in the current folder); never over an input.", HelpName = "FILE" };
        var config = CommonOptions.Config();
        var allowEmpty = CommonOptions.AllowEmpty();
        var inputValues = new InputValueOptions();
        var command = new Command("baseline",
            "Record the current findings; 'assess --baseline FILE' then reports them as existing and fails only on new ones. " +
            "Run it from the folder you run assess from (findings are matched by rule, template path, resource and message, not by line).")
        {
            paths, output, config, allowEmpty,
        };
        inputValues.AddTo(command);
        command.SetAction(parse =>
        {
            if (inputValues.Read(parse) is not { } input)
            {
                return (int)ExitCode.InputError;
            }

            var given = parse.GetValue(paths)!;
            var options = new AssessmentOptions();
            var exclude = new List<string>();
            if (!AssessSetup.Configure(parse.GetValue(config), given, null, options, exclude))
            {
                return (int)ExitCode.InputError;
            }

            var scan = InputScan.Run(given, exclude, parse.GetValue(allowEmpty), verbose: false, input);
            var file = parse.GetValue(output) ?? new FileInfo(DefaultFile);
            var target = new OutputTarget("json", file.FullName);
            if (scan is null || !Output.RefusesInputs([target], AssessCommand.InputFiles(scan.Architectures, given, ConfigFile.Locate(parse.GetValue(config), given))))
            {
                return (int)ExitCode.InputError;
            }

            var assessment = Assessor.Assess(scan.Architectures, scan.Diagnostics, options);
            Output.Diagnostics(assessment.Diagnostics, verbose: false);
            var baseline = Baseline.From(assessment);
            if (!Output.Write(target, baseline.ToJson()))
            {
                return (int)ExitCode.InputError;
            }

            Console.Error.WriteLine($"fitcheck: wrote {baseline.Entries.Count} finding{(baseline.Entries.Count == 1 ? "" : "s")} to {Reports.Common.Sanitizer.Line(file.ToString())}");

            // As assess: the readable templates are recorded, and the unreadable ones make the exit code 2.
            return (int)(assessment.HasInputErrors ? ExitCode.InputError : ExitCode.Success);
        });
        return command;
    }
}
