using System.CommandLine;
using FitCheck.Analysis.Cost;
using FitCheck.Reports.Analyses;
using FitCheck.Reports.Common;
using FitCheck.Templates.Profiles;

namespace FitCheck.Cli.Commands;

/// <summary><c>fitcheck cost PATH --profile FILE</c>: the monthly cost table alone.</summary>
internal static class CostCommand
{
    public static Command Create()
    {
        var paths = CommonOptions.Paths();
        var profile = ProfileOption.Create();
        var format = CommonOptions.Format(["text", "json"], "Output format: text (amounts rounded to the cent) or json (exact amounts).");
        var freeTier = new Option<bool>("--free-tier") { Description = "Subtract the monthly free tier (off by default: it belongs to an account, not an application)." };
        var output = CommonOptions.Output();
        var config = CommonOptions.Config();
        var allowEmpty = CommonOptions.AllowEmpty();
        var inputValues = new InputValueOptions();
        var command = new Command("cost", "Estimate the monthly cost of the templates from a workload profile, per component and in total.")
        {
            paths, profile, format, freeTier, output, config, allowEmpty,
        };
        inputValues.AddTo(command);
        command.SetAction(parse =>
        {
            if (inputValues.Read(parse) is not { } input)
            {
                return (int)ExitCode.InputError;
            }

            var given = parse.GetValue(paths)!;
            var exclude = new List<string>();
            if (!AssessSetup.Configure(parse.GetValue(config), given, null, new Assessing.AssessmentOptions(), exclude))
            {
                return (int)ExitCode.InputError;
            }

            var profilePath = ProfileOption.Locate(parse.GetValue(profile), given);
            if (profilePath is null)
            {
                Console.Error.WriteLine($"fitcheck: cost needs a workload profile (traffic and function durations): give --profile FILE, or keep {WorkloadProfileReader.DefaultName} in the scanned folder ('fitcheck init' writes a commented one)");
                return (int)ExitCode.InputError;
            }

            if (!ProfileOption.TryLoad(profilePath, out var workload))
            {
                return (int)ExitCode.InputError;
            }

            var target = new OutputTarget(parse.GetValue(format)!, parse.GetValue(output)?.FullName);
            var scan = InputScan.Run(given, exclude, parse.GetValue(allowEmpty), verbose: false, input);
            if (scan is null || !Output.RefusesInputs([target], AssessCommand.InputFiles(scan.Architectures, given, profilePath)))
            {
                return (int)ExitCode.InputError;
            }

            Output.Diagnostics(scan.Diagnostics, verbose: false);
            var estimate = CostEstimator.Estimate(scan.Architectures, workload, parse.GetValue(freeTier));
            Output.Diagnostics(estimate.Diagnostics, verbose: false);
            var text = target.Format == "json" ? AnalysesJsonWriter.WriteCost(estimate) : Sanitizer.Text(AnalysesTextWriter.WriteCost(estimate));
            if (!Output.Write(target, text))
            {
                return (int)ExitCode.InputError;
            }

            return (int)(scan.HasInputErrors ? ExitCode.InputError : ExitCode.Success);
        });
        return command;
    }
}
