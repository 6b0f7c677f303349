namespace FitCheck.Tests.Cli;

/// <summary>Runs the command line in-process with captured standard output and error. Tests using it share the
/// "console" collection, so they never run in parallel with each other.</summary>
internal static class CliRunner
{
    private static readonly Lock Gate = new();

    public static (int Code, string Stdout, string Stderr) Run(params string[] args) => RunWithInput(null, args);

    /// <summary>Runs with <paramref name="stdin"/> as standard input (for <c>-</c>).</summary>
    public static (int Code, string Stdout, string Stderr) RunWithInput(string? stdin, params string[] args)
    {
        lock (Gate)
        {
            var originalIn = Console.In;
            var originalOut = Console.Out;
            var originalErr = Console.Error;
            if (stdin is not null)
            {
                Console.SetIn(new StringReader(stdin));
            }

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
                Console.SetIn(originalIn);
                Console.SetOut(originalOut);
                Console.SetError(originalErr);
            }
        }
    }
}

[CollectionDefinition("console", DisableParallelization = true)]
public sealed class ConsoleCollection;
