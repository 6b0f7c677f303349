using System.CommandLine;
using FitCheck.Reports.Common;
using FitCheck.Cli.Commands;

namespace FitCheck.Cli;

/// <summary>The fitcheck command line.</summary>
public static class Program
{
    public static int Main(string[] args)
    {
        Timings.Mark("start");
        var code = Run(args);
        Timings.Mark("end");
        return code;
    }

    /// <summary>Runs the command line; used by tests too. Nothing escapes: an I/O failure (a closed or full standard
    /// output, a deleted working folder) is exit code 2 with one line, any other exception is exit code 3, an internal
    /// error that never reads as a verdict on the templates.</summary>
    public static int Run(string[] args)
    {
        try
        {
            return RunCommandLine(args);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Fail(ExitCode.InputError, $"fitcheck: i/o error: {Sanitizer.Line(ex.Message)}");
        }
#pragma warning disable CA1031 // The last guard: an internal error gets its own exit code and one readable line.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return Fail(ExitCode.InternalError,
                $"fitcheck: internal error ({ex.GetType().Name}: {Sanitizer.Line(ex.Message)}); this is a bug in fitcheck, not a finding. Please report it with the command line.");
        }
    }

    public static RootCommand BuildRoot()
    {
        var root = new RootCommand("fitcheck: serverless design assessment for AWS SAM and CloudFormation templates. " +
            "It reads templates only: it never runs, fetches or uploads anything. " +
            "Exit codes: 0 clean, 1 findings at or above --fail-on, 2 input or usage error, 3 internal error.");
        root.Subcommands.Add(AssessCommand.Create());
        root.Subcommands.Add(GraphCommand.Create());
        root.Subcommands.Add(RulesCommand.Create());
        root.Subcommands.Add(RulesCommand.Explain());
        root.Subcommands.Add(BaselineCommand.Create());
        root.Subcommands.Add(DiffCommand.Create());
        VersionCommand.Replace(root);
        root.Subcommands.Add(CostCommand.Create());
        root.Subcommands.Add(InitCommand.Create());
        root.Subcommands.Add(new Command("help", "Show help for fitcheck or one command: fitcheck help assess."));
        root.Subcommands.Add(new Command("version", "Show the version (same as --version, -V)."));
        return root;
    }

    private static int RunCommandLine(string[] args)
    {
        var root = BuildRoot();
        args = CommandLineChecks.Rewrite(args);
        var parse = root.Parse(args);
        Timings.Mark("parse");
        var errors = CommandLineChecks.Errors(parse, root);
        if (errors.Count > 0)
        {
            foreach (var error in errors)
            {
                Console.Error.WriteLine("fitcheck: " + Sanitizer.Line(error));
            }

            var command = parse.CommandResult.Command;
            Console.Error.WriteLine(command == root ? "Try 'fitcheck --help'." : $"Try 'fitcheck {command.Name} --help'.");
            return (int)ExitCode.InputError;
        }

        return parse.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
    }

    private static int Fail(ExitCode code, string line)
    {
        try
        {
            Console.Error.WriteLine(line);
        }
        catch (IOException)
        {
            // standard error is gone too: the exit code is all that is left
        }

        return (int)code;
    }
}
