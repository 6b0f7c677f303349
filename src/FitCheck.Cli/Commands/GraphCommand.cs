using System.CommandLine;
using FitCheck.Reports.Common;
using FitCheck.Reports.Graph;

namespace FitCheck.Cli.Commands;

/// <summary><c>fitcheck graph PATH...</c>: the architecture as text, JSON or Mermaid.</summary>
internal static class GraphCommand
{
    public static Command Create()
    {
        var paths = CommonOptions.Paths();
        var format = CommonOptions.Format(["text", "json", "mermaid"], "Output format: text, json or mermaid.");
        var output = CommonOptions.Output();
        var verbose = CommonOptions.Verbose();
        var config = CommonOptions.Config();
        var allowEmpty = CommonOptions.AllowEmpty();
        var inputValues = new InputValueOptions();

        var command = new Command("graph", "Print the architecture the templates describe: components and the flows between them.")
        {
            paths, format, output, verbose, config, allowEmpty,
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

            var target = new OutputTarget(parse.GetValue(format)!, parse.GetValue(output)?.FullName);
            var scan = InputScan.Run(given, exclude, parse.GetValue(allowEmpty), parse.GetValue(verbose), input);
            Timings.Mark("scan");
            if (scan is null || !Output.RefusesInputs([target], AssessCommand.InputFiles(scan.Architectures, given)))
            {
                return (int)ExitCode.InputError;
            }

            var text = target.Format switch
            {
                "json" => GraphJsonWriter.Write(scan.Architectures, scan.Diagnostics),
                "mermaid" => MermaidWriter.Write(scan.Architectures),
                _ => Sanitizer.Text(GraphTextWriter.Write(scan.Architectures, [])),
            };
            Output.Diagnostics(scan.Diagnostics, parse.GetValue(verbose));
            if (!Output.Write(target, text))
            {
                return (int)ExitCode.InputError;
            }

            Timings.Mark("write");

            return (int)(scan.HasInputErrors ? ExitCode.InputError : ExitCode.Success);
        });
        return command;
    }
}
