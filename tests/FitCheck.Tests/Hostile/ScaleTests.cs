using System.Globalization;
using System.Text;
using FitCheck.Model;
using FitCheck.Templates.Reading;
using Xunit.Abstractions;

namespace FitCheck.Tests.Hostile;

/// <summary>
/// Inputs that make work grow faster than their size, each run through the command line as a bounded run
/// (<see cref="BoundedRun"/>): scaled so that the linear algorithm ends in a tenth of the bound and the quadratic or
/// exponential one it replaced could not end within it.
/// </summary>
public sealed class ScaleTests(ITestOutputHelper output)
{
    [Fact]
    public void Many_duplicate_keys_are_found_in_linear_time()
    {
        // 100,000 keys written twice: finding each first occurrence by a scan from the start was 5 billion comparisons.
        const int keys = 100_000;
        using var workspace = new Workspace();
        var text = new StringBuilder("Resources:\n  Queue:\n    Type: AWS::SQS::Queue\nMetadata:\n");
        for (var pass = 0; pass < 2; pass++)
        {
            for (var i = 0; i < keys; i++)
            {
                text.Append(CultureInfo.InvariantCulture, $"  Key{i}: {pass}\n");
            }
        }

        var path = workspace.Write("dups/template.yaml", text.ToString());

        var run = BoundedRun.Fitcheck(workspace.Root, "assess", path, "--format", "sarif", "-o", Path.Combine(workspace.Root, "out.sarif"), "--fail-on", "never");

        Assert.True(run.ExitCode == 0, run.ToString());
        output.WriteLine($"{keys:N0} duplicate keys ({text.Length / 1024} KB) read within the bound");
    }

    [Fact]
    public void A_pathological_exclude_glob_does_not_backtrack()
    {
        // "*a*a*...*b" against a long name of a's: a backtracking matcher tries every way to split the name (C(60, 24)).
        using var workspace = new Workspace();
        var folder = Path.Combine(workspace.Root, "glob");
        var pattern = string.Concat(Enumerable.Repeat("*a", 24)) + "*b";
        workspace.Write("glob/.fitcheck.yml", $"exclude:\n  - '{pattern}'\n");
        var name = new string('a', 60) + ".yaml";
        workspace.Write("glob/" + name, Workspace.GoodTemplate);

        var run = BoundedRun.Fitcheck(folder, "assess", ".", "--format", "json", "--fail-on", "never");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains(name, run.Stdout, StringComparison.Ordinal); // Not excluded: the pattern ends in b.
    }

    [Fact]
    public void A_long_chain_of_queues_and_functions_is_assessed_in_linear_time()
    {
        // Queue -> function -> next queue, each queue with a dead-letter queue and an alarm, each function with a log
        // group: rules that asked "which alarms watch this" or "which log group is this function's" scanned every
        // component for every component.
        const int stages = 800;
        using var workspace = new Workspace();
        var path = workspace.Write("chain/template.yaml", Chain(stages));

        var run = BoundedRun.Fitcheck(workspace.Root, "assess", path, "--format", "json", "-o", Path.Combine(workspace.Root, "chain.json"), "--fail-on", "never");

        Assert.True(run.ExitCode == 0, run.ToString());
        output.WriteLine($"{stages:N0} stages ({stages * 5:N0} resources) assessed within the bound");
    }

    [Fact]
    public void A_baseline_or_template_of_hundreds_of_megabytes_is_refused_without_reading_it()
    {
        using var workspace = new Workspace();
        var baseline = Path.Combine(workspace.Root, "huge.baseline.json");
        var template = Path.Combine(workspace.Root, "huge", "template.yaml");
        Directory.CreateDirectory(Path.GetDirectoryName(template)!);
        foreach (var file in new[] { baseline, template })
        {
            using var stream = File.Create(file);
            stream.Write("Resources:\n"u8);
            stream.SetLength(300L * 1024 * 1024); // Sparse: no disk written, but 300 MB to read.
        }

        var run = BoundedRun.Fitcheck(workspace.Root, "assess", workspace.GoodPath, "--baseline", baseline);
        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("MB", run.Stderr, StringComparison.Ordinal);

        var scan = BoundedRun.Fitcheck(workspace.Root, "assess", workspace.Root, "--format", "json", "--fail-on", "never");
        Assert.True(scan.ExitCode == 2, scan.ToString());
        Assert.Contains(DiagnosticCodes.Limit, scan.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void The_node_budget_counts_nodes_not_subtree_sizes()
    {
        // 20,000 functions (about 3.8 MB) have some 500,000 nodes: under the budget, though the sum of every node's
        // subtree size is over 2,000,000.
        var text = new StringBuilder("Transform: AWS::Serverless-2016-10-31\nResources:\n");
        for (var i = 0; text.Length < 3_800_000; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"""
                  Function{i}:
                    Type: AWS::Serverless::Function
                    Properties:
                      Runtime: python3.12
                      Handler: app.handler
                      CodeUri: src/
                      MemorySize: 512
                      Timeout: 30
                      Environment:
                        Variables:
                          TABLE: !Ref Table
                          STAGE: prod
                      Tags:
                        team: orders

                """);
        }

        var document = TemplateReader.ReadText(text.ToString(), "big.yaml", "yaml");

        Assert.DoesNotContain(document.Diagnostics, d => d.Code == DiagnosticCodes.Limit);
        Assert.NotNull(document.Root);
    }

    private static string Chain(int stages)
    {
        var text = new StringBuilder("Transform: AWS::Serverless-2016-10-31\nResources:\n");
        for (var i = 0; i < stages; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $$"""
                  Queue{{i}}:
                    Type: AWS::SQS::Queue
                    Properties:
                      RedrivePolicy:
                        deadLetterTargetArn: !GetAtt Dead{{i}}.Arn
                        maxReceiveCount: 3
                  Dead{{i}}:
                    Type: AWS::SQS::Queue
                  Backlog{{i}}:
                    Type: AWS::CloudWatch::Alarm
                    Properties:
                      Namespace: AWS/SQS
                      MetricName: ApproximateAgeOfOldestMessage
                      Dimensions:
                        - Name: QueueName
                          Value: !GetAtt Queue{{i}}.QueueName
                  Logs{{i}}:
                    Type: AWS::Logs::LogGroup
                    Properties:
                      LogGroupName: !Join ['', ['/aws/lambda/', !Ref Stage{{i}}]]
                  Stage{{i}}:
                    Type: AWS::Serverless::Function
                    Properties:
                      Runtime: python3.12
                      Handler: app.handler
                      CodeUri: src/
                      Events:
                        Work:
                          Type: SQS
                          Properties:
                            Queue: !GetAtt Queue{{i}}.Arn

                """);
            if (i + 1 < stages)
            {
                text.Append(CultureInfo.InvariantCulture, $$"""
                          Policies:
                            - SQSSendMessagePolicy:
                                QueueName: !GetAtt Queue{{i + 1}}.QueueName
                          Environment:
                            Variables:
                              NEXT: !Ref Queue{{i + 1}}

                    """);
            }
        }

        return text.ToString();
    }
}
