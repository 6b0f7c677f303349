using System.Diagnostics;
using System.Globalization;

namespace FitCheck.Tests.Hostile;

/// <summary>What one bounded run of fitcheck gave.</summary>
internal sealed record BoundedResult(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\nstdout: {Truncate(Stdout)}\nstderr: {Truncate(Stderr)}";

    private static string Truncate(string text) => text.Length > 2000 ? text[..2000] + "..." : text;
}

/// <summary>
/// Runs fitcheck as its own process with a bound on time and on memory (the runtime's hard limit on the managed heap),
/// and fails when it crosses either. A bounded run is not a timing: the input is scaled so that a linear algorithm ends
/// in a tenth of the bound and a quadratic one cannot end within it, so the test tells the two apart on a slow or busy
/// machine and never fails because a fast path took a few milliseconds more.
/// </summary>
internal static class BoundedRun
{
    /// <summary>The time bound of every bounded run.</summary>
    public static readonly TimeSpan TimeBound = TimeSpan.FromSeconds(30);

    /// <summary>The managed heap bound of every bounded run (256 MB): reading a 200 MB file whole cannot fit in it.</summary>
    public const long HeapBound = 256L * 1024 * 1024;

    public static BoundedResult Fitcheck(string workingDirectory, params string[] args) => Fitcheck(workingDirectory, null, args);

    /// <param name="environment">Variables to set (or, with a null value, to remove) for the run.</param>
    public static BoundedResult Fitcheck(string workingDirectory, IReadOnlyDictionary<string, string?>? environment, params string[] args)
    {
        using var process = Start(workingDirectory, environment, args);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeBound))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            Assert.Fail($"fitcheck {string.Join(' ', args)} did not end within the bound of {TimeBound.TotalSeconds} s (work that grows faster than the input?)");
        }

        process.WaitForExit();
        var result = new BoundedResult(process.ExitCode, stdout.Result, stderr.Result);
        Assert.False(result.Stderr.Contains("OutOfMemory", StringComparison.Ordinal),
            $"fitcheck {string.Join(' ', args)} ran out of its {HeapBound / (1024 * 1024)} MB heap bound\n{result}");
        Assert.True(result.ExitCode is 0 or 1 or 2, $"fitcheck {string.Join(' ', args)} crashed\n{result}");
        return result;
    }

    /// <summary>Starts fitcheck with the heap bound and redirected output; the caller bounds the time.</summary>
    public static Process Start(string workingDirectory, IReadOnlyDictionary<string, string?>? environment, params string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "fitcheck.dll"));
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["DOTNET_GCHeapHardLimit"] = "0x" + HeapBound.ToString("X", CultureInfo.InvariantCulture);
        start.Environment["NO_COLOR"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        return Process.Start(start)!;
    }
}
