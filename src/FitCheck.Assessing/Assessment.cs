using FitCheck.Model;
using FitCheck.Rules;

namespace FitCheck.Assessing;

/// <summary>Everything one run found: the architectures read, the findings (suppressed ones included), input diagnostics.
/// Reports are pure functions of this record.</summary>
public sealed record Assessment(
    IReadOnlyList<Architecture> Architectures,
    IReadOnlyList<Finding> Findings,
    IReadOnlyList<Diagnostic> Diagnostics,
    IReadOnlyList<RuleInfo> RulesRun,
    Severity? FailOn)
{
    public const string ToolName = "fitcheck";

    /// <summary>The tool version, from the assembly (normalised in snapshot tests).</summary>
    public string ToolVersion { get; init; } = typeof(Assessment).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    public IEnumerable<Finding> Active => Findings.Where(f => !f.IsSuppressed);

    public IEnumerable<Finding> Suppressed => Findings.Where(f => f.IsSuppressed);

    /// <summary>True when some input could not be read.</summary>
    public bool HasInputErrors => Diagnostics.Any(d => d.Level == DiagnosticLevel.Error);

    /// <summary>True when an active finding that is not in the baseline is at or above the fail-on severity.</summary>
    public bool Fails => FailOn is { } threshold && New.Any(f => f.Severity >= threshold);

    /// <summary>Active findings the baseline already holds (reported as existing; they never fail the run); null when no
    /// baseline was given. Compared by reference.</summary>
    public IReadOnlySet<Finding>? Existing { get; init; }

    /// <summary>True when the run was compared with a baseline.</summary>
    public bool HasBaseline => Existing is not null;

    public bool IsExisting(Finding finding) => Existing?.Contains(finding) == true;

    /// <summary>Active findings not in the baseline (all active findings when there is none).</summary>
    public IEnumerable<Finding> New => Active.Where(f => !IsExisting(f));

    public int Count(Severity severity) => Active.Count(f => f.Severity == severity);

    public int Count(Section section) => Active.Count(f => f.Rule.Section == section);

    // ---- Design analyses: set by the Assessor when they run (a workload profile was given, or analyses were asked for) ----

    /// <summary>The workload profile the analyses used, when one was given.</summary>
    public WorkloadProfile? Profile { get; init; }

    public Analysis.WorkloadFit.FitResult? Fit { get; init; }

    public IReadOnlyList<Analysis.Design.PatternMap>? Patterns { get; init; }

    public IReadOnlyList<Analysis.Design.FailurePathsResult>? FailurePaths { get; init; }

    public IReadOnlyList<Analysis.Design.RetryAmplificationResult>? RetryAmplification { get; init; }

    public Analysis.Cost.CostEstimate? Cost { get; init; }

    public Analysis.Alternatives.AlternativesResult? Alternatives { get; init; }
}
