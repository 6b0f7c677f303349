using FitCheck.Assessing;
using FitCheck.Templates.Scanning;

namespace FitCheck.Tests.Terraform;

/// <summary>Rules on Terraform input: what the twin mapping hands the rules must say what the .tf files say.</summary>
public sealed class TerraformRuleTests
{
    private static readonly string Fixtures = Path.Combine(AppContext.BaseDirectory, "Fixtures", "terraform", "rules");

    [Fact]
    public void StageAccessLogs_WithADestination_AreNotReportedMissing()
    {
        var scan = Scanner.Scan([Path.Combine(Fixtures, "stage-access-logs")]);
        var assessment = Assessor.Assess(scan.Architectures, scan.Diagnostics, new AssessmentOptions());

        var fc3009 = assessment.Active.Where(f => f.Rule.Id == "FC3009").ToList();
        // The orders stage writes access logs to a log group (destination_arn): only the admin API, with none, is reported.
        var finding = Assert.Single(fc3009);
        Assert.Equal("aws_apigatewayv2_api.admin", finding.Resource.LogicalId);
    }
}

/// <summary>The recall rules read what the Terraform twins of IoT rules, pipes, connections, Cognito clients and AppSync APIs carry.</summary>
public sealed class TerraformRecallRuleTests
{
    private static readonly string Fixtures = Path.Combine(AppContext.BaseDirectory, "Fixtures", "terraform", "rules");

    [Theory]
    [InlineData("FC1018", "aws_iot_topic_rule.no_error_action")]
    [InlineData("FC1009", "aws_sqs_queue.shipments")]
    [InlineData("FC1019", "aws_pipes_pipe.orders")]
    [InlineData("FC2005", "aws_cloudwatch_event_connection.partner")]
    [InlineData("FC2014", "aws_appsync_graphql_api.orders")]
    [InlineData("FC2015", "aws_cognito_user_pool_client.app")]
    [InlineData("FC5012", "aws_appsync_graphql_api.orders")]
    public void Rule_OnTerraformInput_ReportsOnlyTheResourceThatLacksTheSetting(string ruleId, string resource)
    {
        var scan = Scanner.Scan([Path.Combine(Fixtures, "recall")]);
        var assessment = Assessor.Assess(scan.Architectures, scan.Diagnostics, new AssessmentOptions());

        var finding = Assert.Single(assessment.Active, f => f.Rule.Id == ruleId);
        Assert.Equal(resource, finding.Resource.LogicalId);
        Assert.Equal(FitCheck.Rules.FixWords.Terraform, FitCheck.Rules.FixWords.Of(finding.Resource));
        // The fix speaks Terraform: the rule's own Terraform text, naming the resource type the finding is on.
        Assert.Equal(finding.Rule.Fixes[FitCheck.Rules.FixWords.Terraform].Remediation, finding.Fix.Remediation);
        Assert.Contains(resource.Split('.')[0], finding.Fix.Snippet, StringComparison.Ordinal);
    }
}
