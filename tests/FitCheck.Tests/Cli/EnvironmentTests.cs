namespace FitCheck.Tests.Cli;

/// <summary>What the environment can do to a run: a standard output that fails is exit code 2 with one line; a failure
/// inside fitcheck is exit code 3, never 1 (the code of a failed review).</summary>
[Collection("console")]
public class EnvironmentTests
{
    private static readonly string Example = Path.Combine(RepoPaths.Root, "examples", "orders-pipeline", "template.yaml");

    private static (int Code, string Stderr) RunWithStdout(TextWriter stdout, params string[] args)
    {
        var (originalOut, originalErr) = (Console.Out, Console.Error);
        using var stderr = new StringWriter();
        Console.SetOut(stdout);
        Console.SetError(stderr);
        try
        {
            return (FitCheck.Cli.Program.Run(args), stderr.ToString());
        }
        finally
        {
            Console.SetOut(originalOut);
            Console.SetError(originalErr);
        }
    }

    [Theory]
    [InlineData("text")]
    [InlineData("json")]
    [InlineData("sarif")]
    public void StandardOutputOnAFullDisk_IsExitCodeTwoWithOneLine(string format)
    {
        using var full = new FailingWriter(() => new IOException("No space left on device"));

        var (code, stderr) = RunWithStdout(full, "assess", Example, "-f", format, "--fail-on", "never");

        Assert.Equal(2, code);
        Assert.Single(stderr.Trim().Split('\n'));
        Assert.Contains("No space left on device", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void AFailureInsideFitcheck_IsExitCodeThree()
    {
        using var broken = new FailingWriter(() => new InvalidOperationException("a bug"));

        var (code, stderr) = RunWithStdout(broken, "assess", Example, "--fail-on", "never");

        Assert.Equal(3, code);
        Assert.Contains("internal error", stderr, StringComparison.Ordinal);
        Assert.Contains("not a finding", stderr, StringComparison.Ordinal);
    }

    private sealed class FailingWriter(Func<Exception> failure) : StringWriter
    {
        public override void Write(char value) => throw failure();

        public override void Write(string? value) => throw failure();

        public override void Write(char[] buffer, int index, int count) => throw failure();

        public override void Flush() => throw failure();
    }
}
