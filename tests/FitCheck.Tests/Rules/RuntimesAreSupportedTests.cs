using FitCheck.Rules;
using FitCheck.Rules.Delivery;
using FitCheck.Templates.Dialects.CloudFormation;
using FitCheck.Templates.Reading;

namespace FitCheck.Tests.Rules;

/// <summary>FC6005 grades a runtime by the date it is judged on: note ahead of deprecation, warning once deprecated,
/// error once Lambda blocks creating functions on it.</summary>
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
          Current:
            Type: AWS::Serverless::Function
            Properties: { Handler: app.handler, Runtime: python3.11 }
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
        Assert.Equal(Severity.Note, severities["DeprecatingSoon"]);
        Assert.False(severities.ContainsKey("Current"));
        Assert.False(severities.ContainsKey("Unknown"));
    }

    [Fact]
    public void Evaluate_AfterTheCreateBlock_RaisesToError()
    {
        var severities = SeveritiesAsOf(new DateOnly(2026, 12, 10));

        Assert.Equal(Severity.Error, severities["Deprecated"]);
    }

    [Fact]
    public void Evaluate_BeforeDeprecation_NotesOnlyWhatIsWithinTheNoticePeriod()
    {
        var severities = SeveritiesAsOf(new DateOnly(2024, 1, 1));

        Assert.Equal(Severity.Note, severities["Blocked"]);
        Assert.False(severities.ContainsKey("Deprecated"));
        Assert.False(severities.ContainsKey("DeprecatingSoon"));
    }

    private static Dictionary<string, Severity> SeveritiesAsOf(DateOnly date)
    {
        var architecture = ArchitectureBuilder.Build(TemplateReader.ReadText(Template, "runtimes.yaml"));
        return Analyzer.Run(architecture, [new RuntimesAreSupported(date)]).Findings.ToDictionary(f => f.Resource.LogicalId, f => f.Severity);
    }
}
