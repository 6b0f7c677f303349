using FitCheck.Assessing;
using FitCheck.Model;
using FitCheck.Rules;
using System.Text.RegularExpressions;
using FitCheck.Templates.Scanning;
using Xunit.Abstractions;

namespace FitCheck.Tests.Serverless;

/// <summary>Findings on a serverless.yml service speak serverless.yml: its keys, provider and unnamed events in messages,
/// serverless.yml in fixes; CloudFormation words only for what the user wrote under resources.Resources.</summary>
public sealed partial class ServerlessWordsTests(ITestOutputHelper output)
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

    [Fact]
    public void Corpus_WhenPresent_FindingsOnFunctionsAndEventsSpeakServerlessYml()
    {
        if (RepoPaths.Corpus is not { } corpus || !Directory.Exists(Path.Combine(corpus, "serverless-framework")))
        {
            output.WriteLine("skipped: ../shared/corpus/serverless-framework not found beside the repository");
            return;
        }

        var scan = Scanner.Scan([Path.Combine(corpus, "serverless-framework")]);
        var findings = Assessor.Assess(scan.Architectures, scan.Diagnostics, new AssessmentOptions()).Active
            .Where(f => f.Resource.IsServerlessShorthand())
            .ToList();
        var words = new[] { "Globals", "FunctionResponseTypes", "BatchSize", "MaximumRetryAttempts", "MaximumRecordAgeInSeconds", "MaximumConcurrency",
            "AutoPublishAlias", "DeploymentPreference", "Architectures", "Tracing: Active", "MemorySize", "AuthType" };
        var wrong = findings
            .SelectMany(f => words.Where(w => f.Message.Contains(w, StringComparison.Ordinal)).Select(w => $"{f.Rule.Id} '{w}': {f.Message}"))
            .Concat(findings.Where(f => SamEventName().IsMatch(f.Message)).Select(f => $"{f.Rule.Id} SAM event name: {f.Message}"))
            .ToList();

        output.WriteLine($"{findings.Count} findings on serverless.yml functions, events and APIs of the corpus checked");
        Assert.True(findings.Count > 300, $"only {findings.Count} findings");
        Assert.True(wrong.Count == 0, string.Join("\n", wrong.Take(10)));
        Assert.All(findings, f => Assert.DoesNotContain("AWS::Serverless::", f.Fix.Snippet, StringComparison.Ordinal));
    }

    /// <summary>The framework's generated event names ("event Sqs1", "Stream2") that no serverless.yml shows.</summary>
    [GeneratedRegex(@"\bevent (Sqs|Stream|Sns|S3|Http|HttpApi|Schedule|EventBridge|Websocket)\d+\b")]
    private static partial Regex SamEventName();
}
