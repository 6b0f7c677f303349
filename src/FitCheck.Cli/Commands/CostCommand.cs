using System.CommandLine;
using FitCheck.Analysis.Cost;
using FitCheck.Model;
using FitCheck.Reports.Analyses;
using FitCheck.Templates.Scanning;

namespace FitCheck.Cli.Commands;

/// <summary><c>fitcheck cost PATH --profile FILE</c>: the monthly cost table alone.</summary>
internal static class CostCommand
{
    public static Command Create()
    {
        var paths = CommonOptions.Paths();
        var profile = ProfileOption.Create();
        var format = new Option<string>("--format", "-f") { Description = "Output format: text or json.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var freeTier = new Option<bool>("--free-tier") { Description = "Subtract the monthly free tier (off by default: it belongs to an account, not an application)." };
        var output = CommonOptions.Output();
        var command = new Command("cost", "Estimate the monthly cost of the templates from a workload profile, per component and in total.")
        {
            paths, profile, format, freeTier, output,
        };
        command.SetAction(parse =>
        {
            var given = parse.GetValue(paths)!;
            if (!ProfileOption.TryLoad(ProfileOption.Locate(parse.GetValue(profile), given), out var workload))
            {
                return (int)ExitCode.InputError;
            }

            var scan = Scanner.Scan(given);
            Output.Diagnostics(scan.Diagnostics, verbose: false);
            var estimate = CostEstimator.Estimate(scan.Architectures, workload, parse.GetValue(freeTier));
            Output.Diagnostics(estimate.Diagnostics, verbose: false);
            var text = parse.GetValue(format) == "json" ? AnalysesJsonWriter.WriteCost(estimate) : AnalysesTextWriter.WriteCost(estimate);
            if (!Output.Write(text, parse.GetValue(output)))
            {
                return (int)ExitCode.InputError;
            }

            return (int)(scan.Diagnostics.Any(d => d.Level == DiagnosticLevel.Error) ? ExitCode.InputError : ExitCode.Success);
        });
        return command;
    }
}
