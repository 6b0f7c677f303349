using FitCheck.Model;
using FitCheck.Rules;
using FitCheck.Rules.State;
using FitCheck.Templates.Scanning;

namespace FitCheck.Tests.Rules;

public class AnalyzerTests
{
    private const string Template = """
        Transform: AWS::Serverless-2016-10-31
        Resources:
          Uploads:
            Type: AWS::S3::Bucket
          Thumbs:
            Type: AWS::Serverless::Function
            Properties:
              Handler: app.handler
              Runtime: python3.12
              Events:
                Upload:
                  Type: S3
                  Properties:
                    Bucket: !Ref Uploads
                    Events: s3:ObjectCreated:*
        """;

    /// <summary>A rule that fails, as a rule with a bug would.</summary>
    private sealed class ThrowingRule : IRule
    {
        public RuleInfo Info { get; } = new("FC1999", "throws", "Throws", Section.State, Severity.Error, "r", "f", "s", [], "reliability");

        public IEnumerable<Finding> Evaluate(Architecture architecture) => throw new InvalidOperationException("broken rule");
    }

    [Fact]
    public void Run_WhenARuleThrows_ReportsADiagnosticForThatRuleAndRunsTheOthers()
    {
        var architecture = Scanner.FromText(Template, "t.yaml");

        var result = Analyzer.Run(architecture, [new ThrowingRule(), new AsyncFunctionsHaveFailureDestination()]);

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(DiagnosticCodes.RuleFailed, diagnostic.Code);
        Assert.Contains("FC1999", diagnostic.Message, StringComparison.Ordinal);
        Assert.Equal("t.yaml", diagnostic.Location.File);
        Assert.Equal("FC1001", Assert.Single(result.Findings).Rule.Id);
    }

    [Fact]
    public void Run_WhenSeverityIsOverridden_UsesTheOverride()
    {
        var architecture = Scanner.FromText(Template, "t.yaml");

        var result = Analyzer.Run(architecture, [new AsyncFunctionsHaveFailureDestination()], _ => Severity.Error);

        Assert.Equal(Severity.Error, Assert.Single(result.Findings).Severity);
    }
}
