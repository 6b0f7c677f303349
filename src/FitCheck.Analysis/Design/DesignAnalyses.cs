using FitCheck.Model;

namespace FitCheck.Analysis.Design;

/// <summary>
/// The design analyses of one architecture (one template), each computed once, on first use, and shared by every rule and
/// report that reads it: the rules FC1901 and FC5901, the cost estimate and the assessment all get the same result.
/// An <see cref="Architecture"/> is immutable once built, so the results stay valid for its lifetime; they are held beside it
/// and collected with it.
/// </summary>
public sealed class DesignAnalyses
{
    /// <summary>Where an architecture keeps its analyses (<see cref="Architecture.Derived{T}"/>): no weak table, whose
    /// handles every collection would have to trace.</summary>
    private static readonly object Key = new();

    private readonly Architecture _architecture;
    private readonly Lock _gate = new();
    private FailurePathsResult? _failurePaths;
    private RetryAmplificationResult? _retryAmplification;
    private PatternMap? _patterns;
    private IReadOnlyList<Evidence>? _fitEvidence;

    private DesignAnalyses(Architecture architecture) => _architecture = architecture;

    /// <summary>The analyses of <paramref name="architecture"/>: the same instance for the same architecture.</summary>
    public static DesignAnalyses Of(Architecture architecture)
    {
        ArgumentNullException.ThrowIfNull(architecture);
        return architecture.Derived(Key, static a => new DesignAnalyses(a));
    }

    /// <summary>Where each failure goes: retries, then a dead-letter queue, a destination, a Catch, or nowhere.</summary>
    public FailurePathsResult FailurePaths => Volatile.Read(ref _failurePaths) ?? Once(ref _failurePaths, Design.FailurePaths.Compute);

    /// <summary>Worst-case invocations per incoming event, path by path.</summary>
    public RetryAmplificationResult RetryAmplification => Volatile.Read(ref _retryAmplification) ?? Once(ref _retryAmplification, Design.RetryAmplification.Compute);

    /// <summary>Which pattern each flow follows.</summary>
    public PatternMap Patterns => Volatile.Read(ref _patterns) ?? Once(ref _patterns, Design.Patterns.Compute);

    /// <summary>What the template says about workload fit, before a profile weighs it.</summary>
    public IReadOnlyList<Evidence> FitEvidence => Volatile.Read(ref _fitEvidence) ?? Once(ref _fitEvidence, Design.FitEvidence.Compute);

    /// <summary>Computes an analysis once: a second thread asking meanwhile waits for the first one's result.</summary>
    private T Once<T>(ref T? field, Func<Architecture, T> compute) where T : class
    {
        lock (_gate)
        {
            if (field is null)
            {
                Volatile.Write(ref field, compute(_architecture));
            }

            return field!;
        }
    }
}
