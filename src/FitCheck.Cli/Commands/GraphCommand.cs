using System.CommandLine;
using FitCheck.Reports.Graph;
using FitCheck.Templates.Scanning;

namespace FitCheck.Cli.Commands;

/// <summary><c>fitcheck graph PATH...</c>: the architecture as text, JSON or Mermaid.</summary>
internal static class GraphCommand
{
    public static Command Create()
    {
        var paths = CommonOptions.Paths();
        var format = new Option<string>("--format", "-f")
        {
            Description = "Output format: text, json or mermaid.",
            DefaultValueFactory = _ => "text",
        };
        format.AcceptOnlyFromAmong("text", "json", "mermaid");
        var output = CommonOptions.Output();
        var verbose = CommonOptions.Verbose();

        var command = new Command("graph", "Print the architecture the templates describe: components and the flows between them.")
        {
            paths, format, output, verbose,
        };
        command.SetAction(parse =>
        {
            var scan = Scanner.Scan(parse.GetValue(paths)!);
            var text = parse.GetValue(format) switch
            {
                "json" => GraphJsonWriter.Write(scan.Architectures, scan.Diagnostics),
                "mermaid" => MermaidWriter.Write(scan.Architectures),
                _ => GraphTextWriter.Write(scan.Architectures, []),
            };
            Output.Diagnostics(parse.GetValue(verbose) ? [.. scan.Diagnostics, .. scan.Skipped] : scan.Diagnostics, parse.GetValue(verbose));
            if (!Output.Write(text, parse.GetValue(output)))
            {
                return (int)ExitCode.InputError;
            }

            return (int)(scan.HasInputErrors ? ExitCode.InputError : ExitCode.Success);
        });
        return command;
    }
}
