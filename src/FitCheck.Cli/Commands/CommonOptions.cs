using System.CommandLine;

namespace FitCheck.Cli.Commands;

internal static class CommonOptions
{
    public static Argument<string[]> Paths() => new("paths")
    {
        Description = "Template files or folders to scan (folders are searched for SAM and CloudFormation templates).",
        Arity = ArgumentArity.OneOrMore,
    };

    public static Option<FileInfo?> Output() => new("--output", "-o")
    {
        Description = "Write the report to this file instead of standard output.",
    };

    public static Option<bool> Verbose() => new("--verbose", "-v")
    {
        Description = "Also list the files that were skipped because they are not templates.",
    };
}
