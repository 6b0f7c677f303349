using System.CommandLine;
using FitCheck.Cli.Commands;

namespace FitCheck.Cli;

/// <summary>The fitcheck command line.</summary>
public static class Program
{
    public static int Main(string[] args) => Run(args);

    /// <summary>Runs the command line; used by tests too.</summary>
    public static int Run(string[] args)
    {
        var root = new RootCommand("fitcheck: serverless design assessment for AWS SAM and CloudFormation templates. " +
            "It reads templates only: it never runs, fetches or uploads anything.");
        root.Subcommands.Add(AssessCommand.Create());
        root.Subcommands.Add(GraphCommand.Create());
        root.Subcommands.Add(RulesCommand.Create());
        root.Subcommands.Add(RulesCommand.Explain());
        root.Subcommands.Add(BaselineCommand.Create());
        root.Subcommands.Add(DiffCommand.Create());
        VersionCommand.Replace(root);
        root.Subcommands.Add(CostCommand.Create());
        root.Subcommands.Add(InitCommand.Create());

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                Console.Error.WriteLine("fitcheck: " + error.Message);
            }

            Console.Error.WriteLine("Try 'fitcheck --help'.");
            return (int)ExitCode.InputError;
        }

        return parse.Invoke();
    }
}
