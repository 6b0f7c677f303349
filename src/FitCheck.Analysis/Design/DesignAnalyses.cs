using System.Runtime.CompilerServices;
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
    private static readonly ConditionalWeakTable<Architecture, DesignAnalyses> Cache = new();

    private readonly Lazy<FailurePathsResult> _failurePaths;
    private readonly Lazy<RetryAmplificationResult> _retryAmplification;
    private readonly Lazy<PatternMap> _patterns;
    private readonly Lazy<IReadOnlyList<Evidence>> _fitEvidence;

    private DesignAnalyses(Architecture architecture)
    {
        _failurePaths = new(() => Design.FailurePaths.Compute(architecture));
        _retryAmplification = new(() => Design.RetryAmplification.Compute(architecture));
        _patterns = new(() => Design.Patterns.Compute(architecture));
        _fitEvidence = new(() => Design.FitEvidence.Compute(architecture));
    }

    /// <summary>The analyses of <paramref name="architecture"/>: the same instance for the same architecture.</summary>
    public static DesignAnalyses Of(Architecture architecture)
    {
        ArgumentNullException.ThrowIfNull(architecture);
        return Cache.GetValue(architecture, a => new DesignAnalyses(a));
    }

    /// <summary>Where each failure goes: retries, then a dead-letter queue, a destination, a Catch, or nowhere.</summary>
    public FailurePathsResult FailurePaths => _failurePaths.Value;

    /// <summary>Worst-case invocations per incoming event, path by path.</summary>
    public RetryAmplificationResult RetryAmplification => _retryAmplification.Value;

    /// <summary>Which pattern each flow follows.</summary>
    public PatternMap Patterns => _patterns.Value;

    /// <summary>What the template says about workload fit, before a profile weighs it.</summary>
    public IReadOnlyList<Evidence> FitEvidence => _fitEvidence.Value;
}
