using FitCheck.Model;
using FitCheck.Analysis.Design;
using FitCheck.Rules;

namespace FitCheck.Assessing;

/// <summary>Runs the selected rules over every architecture (in parallel, results in a deterministic order).</summary>
public static class Assessor
{
    public static Assessment Assess(IReadOnlyList<Architecture> architectures, IReadOnlyList<Diagnostic> inputDiagnostics, AssessmentOptions options)
    {
        var rules = options.SelectRules(BuiltInRules.All)
            .Select(r => r is Rules.Cost.RetryAmplificationWithinBounds && options.RetryThreshold is { } t ? new Rules.Cost.RetryAmplificationWithinBounds(t) : r)
            .ToList();
        var results = new AnalysisResult[architectures.Count];
        Parallel.For(0, architectures.Count, i => results[i] = Analyzer.Run(architectures[i], rules, options.SeverityOf));

        var findings = new List<Finding>();
        var diagnostics = new List<Diagnostic>(inputDiagnostics);
        foreach (var result in results)
        {
            findings.AddRange(result.Findings);
            diagnostics.AddRange(result.Diagnostics);
        }

        var assessment = new Assessment(architectures, findings, diagnostics, rules.Select(r => r.Info).ToList(), options.FailOn);
        return options.RunAnalyses || options.Profile is not null ? WithAnalyses(assessment, options) : assessment;
    }

    /// <summary>Runs the design analyses over the architectures and attaches their results.</summary>
    public static Assessment WithAnalyses(Assessment assessment, AssessmentOptions options)
    {
        var architectures = assessment.Architectures;
        var diagnostics = new List<Diagnostic>(assessment.Diagnostics);
        var fit = Guard("workload fit", () => Analysis.WorkloadFit.WorkloadFitAnalysis.Analyse(architectures, options.Profile), diagnostics);
        var cost = Guard("cost", () => Analysis.Cost.CostEstimator.Estimate(architectures, options.Profile, options.FreeTier,
            options.RetryThreshold ?? Analysis.Cost.CostEstimator.DefaultRetryThreshold), diagnostics);
        diagnostics.AddRange(cost?.Diagnostics ?? []);
        return assessment with
        {
            Diagnostics = diagnostics,
            Profile = options.Profile,
            Fit = fit,
            Patterns = Guard("pattern map", () => architectures.Select(a => DesignAnalyses.Of(a).Patterns).ToList(), diagnostics),
            FailurePaths = Guard("failure paths", () => architectures.Select(a => DesignAnalyses.Of(a).FailurePaths).ToList(), diagnostics),
            RetryAmplification = Guard("retry amplification", () => architectures.Select(a => DesignAnalyses.Of(a).RetryAmplification).ToList(), diagnostics),
            Cost = cost,
            Alternatives = Guard("alternatives", () => Analysis.Alternatives.AlternativesAnalysis.Analyse(architectures, options.Profile, fit), diagnostics),
        };
    }

    // An analysis that fails leaves its section out and says so; it never stops the run.
    private static T? Guard<T>(string name, Func<T> analyse, List<Diagnostic> diagnostics) where T : class
    {
        try
        {
            return analyse();
        }
#pragma warning disable CA1031 // Like a failing rule, a failing analysis becomes a diagnostic.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            diagnostics.Add(new Diagnostic(DiagnosticCodes.RuleFailed, DiagnosticLevel.Warning,
                $"the {name} analysis failed and was left out: {ex.GetType().Name}: {ex.Message}", SourceSpan.FileStart(".")));
            return null;
        }
    }
}
