using FitCheck.Assessing;
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

/// <summary><c>--stage</c> and <c>--var</c> choose the values a serverless.yml resolves to, as the framework's CLI would.</summary>
public sealed class ServerlessCommandLineTests
{
    [Fact]
    public void Stage_AndVar_ChooseTheResolvedValues()
    {
        var folder = Directory.CreateTempSubdirectory("fitcheck-sls-stage");
        try
        {
            File.WriteAllText(Path.Combine(folder.FullName, "serverless.yml"), """
                service: shop
                custom:
                  timeout:
                    dev: 10
                    prod: 900
                provider:
                  name: aws
                  runtime: nodejs22.x
                  timeout: ${self:custom.timeout.${sls:stage}}
                  environment:
                    PAYMENT_API_KEY: ${env:PAYMENT_API_KEY, ''}
                functions:
                  create:
                    handler: create.handler
                """);

            var prod = FitCheck.Tests.Cli.CliRunner.Run("assess", folder.FullName, "--fail-on", "never", "--stage", "prod", "--var", "PAYMENT_API_KEY=sk_live_4eC39HqLyjWDarjtT1zdp7dc");
            var dev = FitCheck.Tests.Cli.CliRunner.Run("assess", folder.FullName, "--fail-on", "never");
            var bad = FitCheck.Tests.Cli.CliRunner.Run("assess", folder.FullName, "--var", "NOEQUALS");

            // prod: the 900 s timeout of that stage (FC5003) and the key given on the command line, deployed as plain text (FC2005).
            Assert.Equal(0, prod.Code);
            Assert.Contains("FC5003", prod.Stdout, StringComparison.Ordinal);
            Assert.Contains("FC2005", prod.Stdout, StringComparison.Ordinal);
            // dev (the framework's default stage): 10 s, and ${env:...} without --var is its empty default, not the process environment.
            Assert.Equal(0, dev.Code);
            Assert.DoesNotContain("FC5003", dev.Stdout, StringComparison.Ordinal);
            Assert.DoesNotContain("FC2005", dev.Stdout, StringComparison.Ordinal);
            Assert.Equal(2, bad.Code);
            Assert.Contains("--var takes NAME=VALUE", bad.Stderr, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
