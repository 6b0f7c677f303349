using FitCheck.Model;
using FitCheck.Rules;

namespace FitCheck.Analysis.Assessing;

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
        var fit = WorkloadFit.WorkloadFitAnalysis.Analyse(architectures, options.Profile);
        return assessment with
        {
            Profile = options.Profile,
            Fit = fit,
            Patterns = architectures.Select(Rules.Analyses.Patterns.Analyse).ToList(),
            FailurePaths = architectures.Select(Rules.Analyses.FailurePaths.Analyse).ToList(),
            RetryAmplification = architectures.Select(Rules.Analyses.RetryAmplification.Analyse).ToList(),
            Cost = Cost.CostEstimator.Estimate(architectures, options.Profile, options.FreeTier, options.RetryThreshold ?? Cost.CostEstimator.DefaultRetryThreshold),
            Alternatives = Alternatives.AlternativesAnalysis.Analyse(architectures, options.Profile, fit),
        };
    }
}
