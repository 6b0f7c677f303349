using FitCheck.Analysis.Assessing;
using FitCheck.Reports.Html;
using FitCheck.Reports.Markdown;
using FitCheck.Templates.Scanning;

namespace FitCheck.Tests.Serverless;

/// <summary>The reports give the fix in the words of the input: a serverless.yml service is told what to write in
/// serverless.yml, not in SAM.</summary>
public sealed class ServerlessReportWordsTests
{
    private static readonly string Service = Path.Combine(AppContext.BaseDirectory, "Fixtures", "serverless", "rules", "FC3006", "log-retention-left-out.yml");

    [Fact]
    public void MarkdownAndHtml_GiveTheServerlessFix_ForAServerlessService()
    {
        // The framework reads a service from serverless.yml: the fixture is copied under that name.
        var folder = Directory.CreateTempSubdirectory("fitcheck-sls-words");
        try
        {
            File.Copy(Service, Path.Combine(folder.FullName, "serverless.yml"));
            Check(Scanner.Scan([folder.FullName]));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static void Check(ScanResult scan)
    {
        var assessment = Assessor.Assess(scan.Architectures, scan.Diagnostics, new AssessmentOptions());
        Assert.Contains(assessment.Active, f => f.Rule.Id == "FC3006");

        var markdown = AssessmentMarkdownWriter.Write(assessment);
        var html = AssessmentHtmlWriter.Write(assessment);

        Assert.Contains("logRetentionInDays under provider", markdown, StringComparison.Ordinal);
        Assert.Contains("logRetentionInDays under provider", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Declare an AWS::Logs::LogGroup named /aws/lambda/", markdown, StringComparison.Ordinal);
    }
}
