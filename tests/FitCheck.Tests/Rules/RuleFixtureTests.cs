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
        // A housekeeping rule reports once per template: its finding lands on the first component and lists the others as
        // related locations, so every marked line is either the finding's or one of its related ones.
        var actual = result.Findings
            .SelectMany(f => f.FoldedCount > 0
                ? f.Related.Select(r => r.Location.Line).Prepend(f.Location.Line).Select(line => (f.Rule.Id, line))
                : [(f.Rule.Id, f.Location.Line)])
            .Order().ToList();
        Assert.Equal(fixture.ExpectedMarkers.Order().ToList(), actual);
    }
}
