using FitCheck.Rules;
using FitCheck.Rules.State;
using FitCheck.Templates.Scanning;

namespace FitCheck.Tests.Rules;

/// <summary>Suppressions in Metadata, in fitcheck's vocabulary and in the ones users of cfn-lint, checkov and cdk-nag
/// already write: the finding is kept, marked suppressed, with its reason.</summary>
public class SuppressionTests
{
    private const string Function = """
          Thumbs:
            Type: AWS::Serverless::Function
        {0}
            Properties:
              Handler: app.handler
              Runtime: python3.12
              Events:
                Upload:
                  Type: S3
                  Properties:
                    Bucket: !Ref Uploads
                    Events: s3:ObjectCreated:*
          Uploads:
            Type: AWS::S3::Bucket
        """;

    private static AnalysisResult Run(string metadata, string templateMetadata = "")
    {
        var text = "Transform: AWS::Serverless-2016-10-31\n" + templateMetadata + "Resources:\n" + Function.Replace("{0}", metadata, StringComparison.Ordinal);
        return Analyzer.Run(Scanner.FromText(text), [new AsyncFunctionsHaveFailureDestination()]);
    }

    [Theory]
    [InlineData("fitcheck", "    Metadata:\n      fitcheck:\n        ignore:\n          - rule: FC1001\n            reason: Replayed from the bucket nightly.", "Replayed from the bucket nightly.")]
    [InlineData("fitcheck", "    Metadata:\n      fitcheck:\n        ignore:\n          - rule: async-functions-have-failure-destination\n            reason: By slug.", "By slug.")]
    [InlineData("cfn-lint", "    Metadata:\n      cfn-lint:\n        config:\n          ignore_checks: [ES1007]", "cfn-lint ignore_checks")]
    [InlineData("checkov", "    Metadata:\n      checkov:\n        skip:\n          - id: CKV_AWS_116\n            comment: Handled by the platform team.", "Handled by the platform team.")]
    [InlineData("cdk-nag", "    Metadata:\n      cdk_nag:\n        rules_to_suppress:\n          - id: Serverless-LambdaDLQ\n            reason: Accepted risk.", "Accepted risk.")]
    public void Run_WhenMetadataSuppressesTheRule_KeepsTheFindingWithItsReason(string vocabulary, string metadata, string reason)
    {
        var result = Run(metadata);

        var finding = Assert.Single(result.Findings);
        Assert.True(finding.IsSuppressed);
        Assert.Equal(vocabulary, finding.SuppressedBy!.Vocabulary);
        Assert.Equal(reason, finding.SuppressedBy.Reason);
        Assert.Empty(result.Active);
    }

    [Fact]
    public void Run_WhenTheTemplateMetadataSuppressesTheRule_AppliesToEveryResource()
    {
        var result = Run("", "Metadata:\n  fitcheck:\n    ignore:\n      - rule: FC1001\n        reason: Whole template.\n");

        Assert.True(Assert.Single(result.Findings).IsSuppressed);
    }

    [Fact]
    public void Run_WhenAnotherRuleIsSuppressed_TheFindingStaysActive()
    {
        var result = Run("    Metadata:\n      fitcheck:\n        ignore:\n          - rule: FC1005\n            reason: Not this one.");

        Assert.Single(result.Active);
    }
}
