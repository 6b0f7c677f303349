using FitCheck.Assessing;
using FitCheck.Templates.Scanning;
using Xunit.Abstractions;

namespace FitCheck.Tests.Analysis;

/// <summary>Every analysis runs on every serverless-patterns template without failing, and its numbers stay finite.</summary>
public class CorpusAnalysesTests(ITestOutputHelper output)
{
    [Fact]
    public void AnalysesRunOnTheServerlessPatternsCorpus()
    {
        if (RepoPaths.Corpus is not { } corpus || !Directory.Exists(Path.Combine(corpus, "serverless-patterns")))
        {
            output.WriteLine("skipped: corpus not found (expected ../shared/corpus/serverless-patterns beside the repository)");
            return;
        }

        var scan = Scanner.Scan([Path.Combine(corpus, "serverless-patterns")]);
        var profile = AnalysisFixtures.ProfileText("traffic:\n  requestsPerSecond:\n    average: 5\n    peak: 50\n  shape: bursty\nfunctions:\n  averageDurationMs: 150\nlogs:\n  kbPerInvocation: 1\n");
        var assessment = Assessor.Assess(scan.Architectures, scan.Diagnostics, new AssessmentOptions { Profile = profile, FailOn = null });

        Assert.DoesNotContain(assessment.Diagnostics, d => d.Message.Contains("analysis failed", StringComparison.Ordinal));
        Assert.NotNull(assessment.Fit);
        Assert.NotNull(assessment.Cost);
        Assert.NotNull(assessment.Alternatives);
        Assert.Equal(scan.Architectures.Count, assessment.FailurePaths!.Count);
        Assert.All(assessment.Cost.Items, i => Assert.True(i.Monthly >= 0m && !string.IsNullOrEmpty(i.Arithmetic), $"{i.Component.LogicalId}: {i.Monthly}"));
        Assert.All(assessment.RetryAmplification!.SelectMany(r => r.Paths), p => Assert.True(p.Factor is null or >= 1, p.Route));
        output.WriteLine($"{scan.Architectures.Count} templates; fit {assessment.Fit.VerdictName}; {assessment.Cost.Items.Count} cost items, " +
            $"{assessment.FailurePaths.Sum(f => f.Hops.Count)} failure hops ({assessment.FailurePaths.Sum(f => f.SilentDrops.Count())} silent drops), " +
            $"{assessment.RetryAmplification!.Sum(r => r.Paths.Count)} paths");
    }
}
