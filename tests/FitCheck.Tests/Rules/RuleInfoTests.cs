using FitCheck.Rules;

namespace FitCheck.Tests.Rules;

/// <summary>Which ids written in a suppression mean a rule: its own id and slug, and other tools' ids for the same check.</summary>
public sealed class RuleInfoTests
{
    private static RuleInfo Rule(params string[] equivalents) => new(
        Id: "FC2099", Slug: "example-rule", Title: "Example", Section: Section.Security, Severity: Severity.Warning,
        Rationale: "Why.", Remediation: "How.", Snippet: "", Equivalents: equivalents, Pillar: "security");

    [Theory]
    [InlineData("FC2099")]
    [InlineData("fc2099")]
    [InlineData("example-rule")]
    [InlineData("EXAMPLE-RULE")]
    [InlineData("checkov:CKV_AWS_59")] // an equivalent as written
    [InlineData("CKV_AWS_59")] // without its tool
    [InlineData("ckv_aws_59")]
    [InlineData("cdk-nag:LambdaFunctionUrlAuth")]
    [InlineData("LambdaFunctionUrlAuth")]
    [InlineData("AwsSolutions-LambdaFunctionUrlAuth")] // a cdk-nag id with its pack's prefix
    [InlineData("awssolutions-lambdafunctionurlauth")]
    public void Answers_ItsIdsAndItsEquivalents(string id) =>
        Assert.True(Rule("checkov:CKV_AWS_59", "cdk-nag:LambdaFunctionUrlAuth").Answers(id));

    [Theory]
    [InlineData("FC2098")]
    [InlineData("CKV_AWS_5")]
    [InlineData("CKV_AWS_590")]
    [InlineData("AwsSolutions-")]
    [InlineData("AwsSolutions-LambdaFunctionUrlAut")]
    [InlineData("AwsSolutions-LambdaFunctionUrlAuthX")]
    [InlineData("AwsSolutionsXLambdaFunctionUrlAuth")]
    [InlineData("AwsSolutions-CKV_AWS_59")] // the pack's prefix goes with cdk-nag ids only
    [InlineData("")]
    public void Answers_NoOtherId(string id) =>
        Assert.False(Rule("checkov:CKV_AWS_59", "cdk-nag:LambdaFunctionUrlAuth").Answers(id));
}
