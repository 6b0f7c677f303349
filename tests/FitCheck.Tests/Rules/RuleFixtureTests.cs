using FitCheck.Rules;

namespace FitCheck.Tests.Rules;

public class RuleFixtureTests
{
    [Theory]
    [MemberData(nameof(RuleFixture.Paths), MemberType = typeof(RuleFixture))]
    public void Evaluate_WhenRunOnFixture_ReportsExactlyTheMarkedLines(string path)
    {
        var fixture = RuleFixture.Load(path);

        Assert.DoesNotContain(fixture.Architecture.Diagnostics, d => d.Level == FitCheck.Model.DiagnosticLevel.Error);
        var result = Analyzer.Run(fixture.Architecture, [fixture.Rule]);

        Assert.Empty(result.Diagnostics);
        var actual = result.Findings.Select(f => (f.Rule.Id, f.Location.Line)).Order().ToList();
        Assert.Equal(fixture.ExpectedMarkers.Order().ToList(), actual);
    }
}
