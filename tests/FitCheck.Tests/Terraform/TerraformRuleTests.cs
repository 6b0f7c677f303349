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
