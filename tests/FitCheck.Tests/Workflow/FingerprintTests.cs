using FitCheck.Assessing;
using FitCheck.Rules;
using FitCheck.Templates.Scanning;

namespace FitCheck.Tests.Workflow;

/// <summary>A finding's fingerprint is its identity for baselines, diffs and code scanning: it must survive unrelated edits
/// and still tell different findings apart.</summary>
public sealed class FingerprintTests
{
    private const string Function = """
          Indexer:
            Type: AWS::Serverless::Function
            Properties:
              Runtime: python3.12
              Handler: index.handler
              CodeUri: src/
              Events:
                Upload:
                  Type: S3
                  Properties:
                    Bucket: !Ref Receipts
          Receipts:
            Type: AWS::S3::Bucket

        """;

    [Fact]
    public void Fingerprint_IgnoresLinesInsertedAbove_ButNotTheResource()
    {
        var before = Only(Assess("Transform: AWS::Serverless-2016-10-31\nResources:\n" + Function));
        var after = Only(Assess("Transform: AWS::Serverless-2016-10-31\nDescription: moved\n\n# comment\nResources:\n  Other:\n    Type: AWS::SQS::Queue\n" + Function));
        var renamed = Only(Assess("Transform: AWS::Serverless-2016-10-31\nResources:\n" + Function.Replace("Indexer:", "Renamed:", StringComparison.Ordinal)));

        Assert.NotEqual(before.Location.Line, after.Location.Line);
        Assert.Equal(before.Fingerprint, after.Fingerprint);
        Assert.NotEqual(before.Fingerprint, renamed.Fingerprint);
        Assert.Matches("^[0-9a-f]{16}$", before.Fingerprint);
    }

    [Fact]
    public void Fingerprint_DropsNumbersInTheMessage_ButKeepsItsWords()
    {
        var a = Analyzer.Fingerprint("FC1001", "template.yaml", "Fn", "Fn times out after 30 s (line 12)");
        var b = Analyzer.Fingerprint("FC1001", "template.yaml", "Fn", "Fn times out after 900 s (line 48)");
        var other = Analyzer.Fingerprint("FC1001", "template.yaml", "Fn", "Fn retries 2 times");

        Assert.Equal(a, b);
        Assert.NotEqual(a, other);
        Assert.NotEqual(a, Analyzer.Fingerprint("FC1002", "template.yaml", "Fn", "Fn times out after 30 s (line 12)"));
        Assert.NotEqual(a, Analyzer.Fingerprint("FC1001", "other.yaml", "Fn", "Fn times out after 30 s (line 12)"));
    }

    private static Assessment Assess(string text) =>
        Assessor.Assess([Scanner.FromText(text)], [], new AssessmentOptions { OnlyRules = { "FC1001" } });

    private static Finding Only(Assessment assessment) => Assert.Single(assessment.Active);
}
