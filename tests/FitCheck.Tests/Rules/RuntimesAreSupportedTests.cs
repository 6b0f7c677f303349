using FitCheck.Rules;
using FitCheck.Rules.Delivery;
using FitCheck.Templates.Dialects.CloudFormation;
using FitCheck.Templates.Reading;

namespace FitCheck.Tests.Rules;

/// <summary>FC6005 grades a runtime by the date it is judged on: a note six to twelve months ahead of deprecation, a warning
/// within six months of it, once deprecated and once Lambda blocks creating functions, an error only once Lambda blocks updates.</summary>
public class RuntimesAreSupportedTests
{
    private const string Template = """
        Transform: AWS::Serverless-2016-10-31
        Resources:
          Blocked:
            Type: AWS::Serverless::Function
            Properties: { Handler: app.handler, Runtime: nodejs16.x }
          Deprecated:
            Type: AWS::Serverless::Function
            Properties: { Handler: App::App.Function::Handler, Runtime: dotnet8 }
          DeprecatingSoon:
            Type: AWS::Serverless::Function
            Properties: { Handler: app.handler, Runtime: ruby3.3 }
          DeprecatingThisYear:
            Type: AWS::Serverless::Function
            Properties: { Handler: app.handler, Runtime: python3.11 }
          Current:
            Type: AWS::Serverless::Function
            Properties: { Handler: app.handler, Runtime: python3.13 }
          Unknown:
            Type: AWS::Serverless::Function
            Properties: { Handler: app.handler, Runtime: python4.0 }
        """;

    [Fact]
    public void Evaluate_OnTheTableDate_GradesEachRuntime()
    {
        var severities = SeveritiesAsOf(RuntimeLifecycle.TableDate);

        Assert.Equal(Severity.Error, severities["Blocked"]);
        Assert.Equal(Severity.Warning, severities["Deprecated"]);
        Assert.Equal(Severity.Warning, severities["DeprecatingSoon"]);
        Assert.Equal(Severity.Note, severities["DeprecatingThisYear"]);
        Assert.False(severities.ContainsKey("Current"));
        Assert.False(severities.ContainsKey("Unknown"));
    }

    [Fact]
    public void Evaluate_AfterTheCreateBlock_StaysAWarningUntilTheUpdateBlock()
    {
        Assert.Equal(Severity.Warning, SeveritiesAsOf(new DateOnly(2026, 12, 10))["Deprecated"]);
        Assert.Equal(Severity.Error, SeveritiesAsOf(new DateOnly(2027, 1, 11))["Deprecated"]);
    }

    [Fact]
    public void Evaluate_BeforeDeprecation_WarnsWithinSixMonthsAndNotesWithinAYear()
    {
        var severities = SeveritiesAsOf(new DateOnly(2024, 1, 1));

        Assert.Equal(Severity.Warning, severities["Blocked"]); // nodejs16.x: deprecated 2024-06-12, 163 days later
        Assert.False(severities.ContainsKey("Deprecated"));
        Assert.False(severities.ContainsKey("DeprecatingSoon"));
    }

    /// <summary>The severity a rule lowers per finding survives the run when the config sets none for it.</summary>
    [Fact]
    public void Evaluate_ThroughAnAssessmentWithoutOverrides_KeepsTheLoweredSeverity()
    {
        var architecture = ArchitectureBuilder.Build(TemplateReader.ReadText(Template, "runtimes.yaml"));
        var result = Analyzer.Run(architecture, [new RuntimesAreSupported(RuntimeLifecycle.TableDate)], rule => rule.Severity);
        Assert.Equal(Severity.Note, result.Findings.Single(f => f.Resource.LogicalId == "DeprecatingThisYear").Severity);
    }

    private static Dictionary<string, Severity> SeveritiesAsOf(DateOnly date)
    {
        var architecture = ArchitectureBuilder.Build(TemplateReader.ReadText(Template, "runtimes.yaml"));
        return Analyzer.Run(architecture, [new RuntimesAreSupported(date)]).Findings.ToDictionary(f => f.Resource.LogicalId, f => f.Severity);
    }
}
