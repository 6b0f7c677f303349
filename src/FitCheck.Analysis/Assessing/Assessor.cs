using FitCheck.Model;
using FitCheck.Rules;

namespace FitCheck.Analysis.Assessing;

/// <summary>Runs the selected rules over every architecture (in parallel, results in a deterministic order).</summary>
public static class Assessor
{
    public static Assessment Assess(IReadOnlyList<Architecture> architectures, IReadOnlyList<Diagnostic> inputDiagnostics, AssessmentOptions options)
    {
        var rules = options.SelectRules(BuiltInRules.All);
        var results = new AnalysisResult[architectures.Count];
        Parallel.For(0, architectures.Count, i => results[i] = Analyzer.Run(architectures[i], rules, options.SeverityOf));

        var findings = new List<Finding>();
        var diagnostics = new List<Diagnostic>(inputDiagnostics);
        foreach (var result in results)
        {
            findings.AddRange(result.Findings);
            diagnostics.AddRange(result.Diagnostics);
        }

        return new Assessment(architectures, findings, diagnostics, rules.Select(r => r.Info).ToList(), options.FailOn);
    }
}
