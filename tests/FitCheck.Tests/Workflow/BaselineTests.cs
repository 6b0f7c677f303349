using System.Text.Json;
using FitCheck.Tests.Cli;

namespace FitCheck.Tests.Workflow;

/// <summary>Adopting fitcheck on an existing codebase: a baseline keeps today's findings quiet through unrelated edits,
/// and a new finding still fails the run.</summary>
[Collection("console")]
public sealed class BaselineTests : IDisposable
{
    private const string Header = "AWSTemplateFormatVersion: '2010-09-09'\nTransform: AWS::Serverless-2016-10-31\n";

    // An S3-triggered function without a failure destination: FC1001 (a warning) finds it.
    private const string Indexer = """
          IndexFunction:
            Type: AWS::Serverless::Function
            Properties:
              Runtime: python3.12
              Handler: index.handler
              CodeUri: src/
              Timeout: 20
              Events:
                Upload:
                  Type: S3
                  Properties:
                    Bucket: !Ref Receipts
                    Events: s3:ObjectCreated:*
          Receipts:
            Type: AWS::S3::Bucket

        """;

    private const string Archiver = """
          ArchiveFunction:
            Type: AWS::Serverless::Function
            Properties:
              Runtime: python3.12
              Handler: archive.handler
              CodeUri: src/
              Events:
                Nightly:
                  Type: Schedule
                  Properties:
                    Schedule: rate(1 day)

        """;

    private const string Unrelated = """
          # A table added above the function: every line below moves down.
          AuditTable:
            Type: AWS::DynamoDB::Table
            Properties:
              BillingMode: PAY_PER_REQUEST
              AttributeDefinitions:
                - AttributeName: id
                  AttributeType: S
              KeySchema:
                - AttributeName: id
                  KeyType: HASH

        """;

    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("fitcheck-baseline");

    // Only the state section runs, so the catalog growing elsewhere does not change what this test counts.
    public BaselineTests() => File.WriteAllText(Path.Combine(_dir.FullName, ".fitcheck.yml"),
        "sections:\n  workload-fit: off\n  pattern: off\n  observability: off\n  security: off\n  delivery: off\n  cost: off\n  alternatives: off\n");

    public void Dispose() => _dir.Delete(recursive: true);

    private string Template => Path.Combine(_dir.FullName, "template.yaml");

    private string BaselineFile => Path.Combine(_dir.FullName, "baseline.json");

    [Fact]
    public void Baseline_KeepsAFindingQuietAfterLinesAreInsertedAboveIt_AndANewOneStillFails()
    {
        File.WriteAllText(Template, Header + "Resources:\n" + Indexer);
        var (written, _, writeErr) = CliRunner.Run("baseline", _dir.FullName, "--output", BaselineFile);
        Assert.True(written == 0, writeErr);
        Assert.Contains("wrote 1 finding", writeErr, StringComparison.Ordinal);

        using (var baseline = JsonDocument.Parse(File.ReadAllText(BaselineFile)))
        {
            Assert.Equal(1, baseline.RootElement.GetProperty("schemaVersion").GetInt32());
            var entry = Assert.Single(baseline.RootElement.GetProperty("findings").EnumerateArray());
            Assert.Equal("FC1001", entry.GetProperty("ruleId").GetString());
            Assert.Equal("IndexFunction", entry.GetProperty("resource").GetString());
            Assert.EndsWith("template.yaml", entry.GetProperty("template").GetString(), StringComparison.Ordinal);
            Assert.False(string.IsNullOrEmpty(entry.GetProperty("fingerprint").GetString()));
        }

        // Without the baseline the finding fails a --fail-on warning run.
        Assert.Equal(1, CliRunner.Run("assess", _dir.FullName, "--fail-on", "warning").Code);

        // Unrelated edits: a description and a table above the function, and its timeout changed.
        File.WriteAllText(Template, Header + "Description: Receipts.\n# Indexes receipts.\nResources:\n" + Unrelated + Indexer.Replace("Timeout: 20", "Timeout: 30", StringComparison.Ordinal));
        var (quiet, quietOut, _) = CliRunner.Run("assess", _dir.FullName, "--fail-on", "warning", "--baseline", BaselineFile, "--format", "json");
        Assert.Equal(0, quiet);
        using (var report = JsonDocument.Parse(quietOut))
        {
            var finding = Assert.Single(report.RootElement.GetProperty("findings").EnumerateArray());
            Assert.Equal("IndexFunction", finding.GetProperty("resource").GetString());
            Assert.True(finding.GetProperty("location").GetProperty("line").GetInt32() > 14, "the finding should have moved down from line 4");
            Assert.Equal("existing", finding.GetProperty("baseline").GetString());
            Assert.Equal(0, report.RootElement.GetProperty("summary").GetProperty("new").GetInt32());
            Assert.Equal(1, report.RootElement.GetProperty("summary").GetProperty("existing").GetInt32());
            Assert.False(report.RootElement.GetProperty("summary").GetProperty("failed").GetBoolean());
        }

        // A new asynchronous function without a destination is a new finding: the run fails, and the text marks which is which.
        File.WriteAllText(Template, Header + "Resources:\n" + Unrelated + Indexer + Archiver);
        var (failed, text, _) = CliRunner.Run("assess", _dir.FullName, "--fail-on", "warning", "--baseline", BaselineFile);
        Assert.Equal(1, failed);
        var lines = text.Split('\n');
        Assert.Contains(lines, l => l.Contains("[IndexFunction] (existing)", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("[ArchiveFunction]", StringComparison.Ordinal) && !l.Contains("(existing)", StringComparison.Ordinal));
        // ArchiveFunction brings one new finding: no failure destination (FC1001). Its schedule's missing target DLQ is the same
        // root cause, left to FC1001 (FC1008 does not repeat it for a function of the template).
        Assert.Contains("(1 new, 1 existing in the baseline)", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Assess_WhenTheBaselineIsNotOne_ExitsWithTwo()
    {
        File.WriteAllText(Template, Header + "Resources:\n" + Indexer);
        File.WriteAllText(BaselineFile, "{\"findings\": []}");

        var (code, _, stderr) = CliRunner.Run("assess", _dir.FullName, "--baseline", BaselineFile);

        Assert.Equal(2, code);
        Assert.Contains("not a fitcheck baseline", stderr, StringComparison.Ordinal);
    }
}
