using FitCheck.Analysis.Assessing;
using FitCheck.Rules;
using FitCheck.Templates.Scanning;

namespace FitCheck.Tests.Serverless;

/// <summary>Findings on a serverless.yml service speak serverless.yml: its keys, provider and unnamed events in messages,
/// serverless.yml in fixes; CloudFormation words only for what the user wrote under resources.Resources.</summary>
public sealed class ServerlessWordsTests
{
    private static readonly string Service = Path.Combine(AppContext.BaseDirectory, "Fixtures", "serverless", "words");

    private static IReadOnlyList<Finding> Findings()
    {
        var scan = Scanner.Scan([Service]);
        return [.. Assessor.Assess(scan.Architectures, scan.Diagnostics, new AssessmentOptions()).Active];
    }

    [Fact]
    public void SqsEvent_WithoutPartialBatchResponse_IsToldTheKeyToSet()
    {
        var finding = Assert.Single(Findings(), f => f.Rule.Id == "FC1006");

        Assert.Equal("worker's sqs event reads batches from OrdersQueue (batchSize 10) without functionResponseType: ReportBatchItemFailures: " +
            "one failed message sends the whole batch back to the queue.", finding.Message);
        Assert.StartsWith("Set functionResponseType: ReportBatchItemFailures on the sqs event", finding.Fix.Remediation, StringComparison.Ordinal);
        Assert.Contains("      - sqs:", finding.Fix.Snippet, StringComparison.Ordinal);
    }

    [Fact]
    public void StreamEvent_AndProviderSettings_AreNamedAsWritten()
    {
        var findings = Findings();

        var retries = Assert.Single(findings, f => f.Rule.Id == "FC1003");
        Assert.Contains("worker's stream event retries a failing batch from OrdersTable until the records expire: maximumRetryAttempts defaults to -1 " +
            "and maximumRecordAgeInSeconds defaults to -1", retries.Message, StringComparison.Ordinal);
        Assert.Contains("maximumRetryAttempts: 3", retries.Fix.Snippet, StringComparison.Ordinal);

        var timeout = Assert.Single(findings, f => f.Rule.Id == "FC4002");
        Assert.Contains("api's timeout 60 s (inherited from provider) exceeds the integration timeout", timeout.Message, StringComparison.Ordinal);
        Assert.Contains("timeout: 25", timeout.Fix.Snippet, StringComparison.Ordinal);

        var tracing = Assert.Single(findings, f => f.Rule.Id == "FC3001");
        Assert.Contains("set provider.tracing.lambda: true", tracing.Message, StringComparison.Ordinal);
        Assert.Contains("tracing:\n    lambda: true", tracing.Fix.Snippet, StringComparison.Ordinal);
    }

    [Fact]
    public void NoFinding_OnAFunctionOrItsEvents_SpeaksSam()
    {
        var findings = Findings();

        Assert.True(findings.Count >= 5, $"the service gives {findings.Count} findings");
        foreach (var finding in findings)
        {
            Assert.Equal(FixWords.Serverless, FixWords.Of(finding.Resource));
            foreach (var word in new[] { "Globals", "FunctionResponseTypes", "BatchSize", "MaximumRetryAttempts", "AutoPublishAlias", "Architectures:", "Tracing: Active", "Sqs1", "Stream1" })
            {
                Assert.False(finding.Message.Contains(word, StringComparison.Ordinal), $"{finding.Rule.Id}: '{word}' in \"{finding.Message}\"");
            }

            Assert.DoesNotContain("AWS::Serverless::", finding.Fix.Snippet, StringComparison.Ordinal);
            Assert.DoesNotContain("Globals:", finding.Fix.Snippet, StringComparison.Ordinal);
        }
    }
}
