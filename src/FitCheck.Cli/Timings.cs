using System.Diagnostics;

namespace FitCheck.Cli;

/// <summary>
/// Stage times on standard error when <c>FITCHECK_TIMINGS=1</c> (for profiling; off by default and then free): for each
/// stage the milliseconds it took, the time since <c>Main</c> began, the bytes allocated, the garbage collections and
/// the time they paused the program.
/// </summary>
internal static class Timings
{
    private static readonly bool Enabled = Environment.GetEnvironmentVariable("FITCHECK_TIMINGS") == "1";
    private static readonly long Start = Stopwatch.GetTimestamp();
    private static long _last = Start;

    public static void Mark(string stage)
    {
        if (!Enabled)
        {
            return;
        }

        var now = Stopwatch.GetTimestamp();
        Console.Error.WriteLine(FormattableString.Invariant(
            $"fitcheck timings: {stage,-10} {Stopwatch.GetElapsedTime(_last, now).TotalMilliseconds,7:F1} ms   since Main {Stopwatch.GetElapsedTime(Start, now).TotalMilliseconds,7:F1} ms   allocated {GC.GetTotalAllocatedBytes() / 1048576.0,7:F1} MiB   GCs {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}   paused {GC.GetTotalPauseDuration().TotalMilliseconds,6:F1} ms"));
        _last = Stopwatch.GetTimestamp();
    }
}
