using FitCheck.Assessing;
using FitCheck.Rules;
using FitCheck.Templates.Scanning;
using Xunit.Abstractions;

namespace FitCheck.Tests.Terraform;

/// <summary>Findings on Terraform input speak Terraform: messages name the AWS provider's arguments and fixes are HCL,
/// although the mapping reads Terraform through CloudFormation twins.</summary>
public sealed class TerraformWordsTests(ITestOutputHelper output)
{
    private static readonly string Module = Path.Combine(AppContext.BaseDirectory, "Fixtures", "terraform", "words");

    /// <summary>CloudFormation and SAM words that must not reach a Terraform user.</summary>
    private static readonly string[] CloudFormationWords =
    [
        "Globals", "FunctionResponseTypes", "BatchSize", "MaximumRetryAttempts", "MaximumRecordAgeInSeconds", "VisibilityTimeout",
        "RetentionInDays", "AlarmActions", "TracingEnabled", "Tracing: Active", "!GetAtt", "!Ref", "StreamArn", "Timeout ",
    ];

    /// <summary>True when <paramref name="message"/> uses <paramref name="word"/> as a word (not inside an ARN such as
    /// ...:cloudwatch:enableAlarmActions).</summary>
    private static bool Names(string message, string word) =>
        System.Text.RegularExpressions.Regex.IsMatch(message, "(?<![A-Za-z:])" + System.Text.RegularExpressions.Regex.Escape(word.Trim()) + (word.EndsWith(' ') ? " " : "(?![A-Za-z])"));

    private static IReadOnlyList<Finding> Findings()
    {
        var scan = Scanner.Scan([Module]);
        Assert.DoesNotContain(scan.Diagnostics, d => d.Level == FitCheck.Model.DiagnosticLevel.Error);
        return [.. Assessor.Assess(scan.Architectures, scan.Diagnostics, new AssessmentOptions()).Active];
    }

    [Fact]
    public void SqsMapping_WithoutPartialBatchResponse_IsToldTheArgumentToSet()
    {
        var finding = Assert.Single(Findings(), f => f.Rule.Id == "FC1006");

        Assert.Equal("aws_lambda_event_source_mapping.orders", finding.Resource.LogicalId);
        Assert.Contains("reads batches from aws_sqs_queue.orders.arn (batch_size 10) without function_response_types = [\"ReportBatchItemFailures\"]",
            finding.Message, StringComparison.Ordinal);
        Assert.StartsWith("Set function_response_types = [\"ReportBatchItemFailures\"] on the aws_lambda_event_source_mapping", finding.Fix.Remediation, StringComparison.Ordinal);
        Assert.Contains("resource \"aws_lambda_event_source_mapping\"", finding.Fix.Snippet, StringComparison.Ordinal);
    }

    [Fact]
    public void StreamMapping_WithUnboundedRetries_NamesTheMappingsArguments()
    {
        var finding = Assert.Single(Findings(), f => f.Rule.Id == "FC1003");

        Assert.Contains("from aws_dynamodb_table.orders.stream_arn until the records expire: maximum_retry_attempts defaults to -1 and maximum_record_age_in_seconds defaults to -1",
            finding.Message, StringComparison.Ordinal);
        Assert.Contains("maximum_retry_attempts        = 3", finding.Fix.Snippet, StringComparison.Ordinal);
    }

    [Fact]
    public void Tracing_VisibilityTimeout_Retention_AndAlarmActions_AreTheProvidersArguments()
    {
        var findings = Findings();

        var tracing = Assert.Single(findings, f => f.Rule.Id == "FC3001");
        Assert.Contains("tracing_config.mode of aws_lambda_function.worker defaults to Disabled: requests are not traced; add tracing_config { mode = \"Active\" }.",
            tracing.Message, StringComparison.Ordinal);
        Assert.Contains("tracing_config {\n    mode = \"Active\"\n  }", tracing.Fix.Snippet, StringComparison.Ordinal);

        var visibility = Assert.Single(findings, f => f.Rule.Id == "FC1009");
        Assert.Contains("aws_sqs_queue.orders has visibility_timeout_seconds the default 30 s but its consumer aws_lambda_function.worker has timeout 15 s",
            visibility.Message, StringComparison.Ordinal);

        var retention = Assert.Single(findings, f => f.Rule.Id == "FC3007" && f.Resource.LogicalId == "aws_cloudwatch_log_group.audit");
        Assert.Contains("has no retention_in_days", retention.Message, StringComparison.Ordinal);
        Assert.Contains("retention_in_days = 30", retention.Fix.Snippet, StringComparison.Ordinal);

        var actions = Assert.Single(findings, f => f.Rule.Id == "FC3016");
        Assert.Equal("Alarm aws_cloudwatch_metric_alarm.worker_errors has no alarm_actions: when it fires, nobody is told.", actions.Message);
    }

    [Fact]
    public void NoFinding_SpeaksCloudFormation()
    {
        var findings = Findings();

        Assert.True(findings.Count >= 6, $"the fixture gives {findings.Count} findings");
        foreach (var finding in findings)
        {
            Assert.Equal(FixWords.Terraform, FixWords.Of(finding.Resource));
            foreach (var word in CloudFormationWords)
            {
                Assert.False(Names(finding.Message, word), $"{finding.Rule.Id}: '{word}' in \"{finding.Message}\"");
            }

            Assert.DoesNotContain("Type: AWS::", finding.Fix.Snippet, StringComparison.Ordinal);
            Assert.Matches("(resource|data|variable) \"", finding.Fix.Snippet);
        }
    }

    [Fact]
    public void Corpus_WhenPresent_NoFindingNamesACloudFormationProperty()
    {
        if (RepoPaths.Corpus is not { } corpus || !Directory.Exists(Path.Combine(corpus, "terraform")))
        {
            output.WriteLine("skipped: ../shared/corpus/terraform not found beside the repository");
            return;
        }

        var scan = Scanner.Scan([Path.Combine(corpus, "terraform")]);
        var findings = Assessor.Assess(scan.Architectures, scan.Diagnostics, new AssessmentOptions()).Active
            .Where(f => f.Resource.Template.Dialect == FitCheck.Model.DialectIds.Terraform)
            .ToList();
        var wrong = findings
            .SelectMany(f => CloudFormationWords.Where(w => Names(f.Message, w)).Select(w => $"{f.Rule.Id} '{w}': {f.Message}"))
            .ToList();

        output.WriteLine($"{findings.Count} findings on the Terraform corpus checked");
        Assert.True(findings.Count > 300, $"only {findings.Count} findings");
        Assert.True(wrong.Count == 0, string.Join("\n", wrong.Take(10)));
        Assert.All(findings, f => Assert.Matches("(resource|data|variable) \"", f.Fix.Snippet));
    }
}
