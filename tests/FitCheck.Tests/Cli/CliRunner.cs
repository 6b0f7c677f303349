namespace FitCheck.Tests.Cli;

/// <summary>Runs the command line in-process with captured standard output and error. Tests using it share the
/// "console" collection, so they never run in parallel with each other.</summary>
internal static class CliRunner
{
    private static readonly Lock Gate = new();

    public static (int Code, string Stdout, string Stderr) Run(params string[] args)
    {
        lock (Gate)
        {
            var originalOut = Console.Out;
            var originalErr = Console.Error;
            using var stdout = new StringWriter();
            using var stderr = new StringWriter();
            Console.SetOut(stdout);
            Console.SetError(stderr);
            try
            {
                var code = FitCheck.Cli.Program.Run(args);
                return (code, stdout.ToString(), stderr.ToString());
            }
            finally
            {
                Console.SetOut(originalOut);
                Console.SetError(originalErr);
            }
        }
    }
}

[CollectionDefinition("console", DisableParallelization = true)]
public sealed class ConsoleCollection;
