using System.Text;
using FitCheck.Model;
using FitCheck.Templates.Scanning;

namespace FitCheck.Tests.Hostile;

/// <summary>YAML that used to be refused, silent or reported in the wrong place, run through the command line.</summary>
public sealed class YamlEdgeTests
{
    [Fact]
    public void A_small_deep_template_without_aliases_is_not_taken_for_an_alias_bomb()
    {
        // 10,000 values 220 levels down: 10,220 nodes, though the sum of every node's subtree size is over 2,000,000.
        using var workspace = new Workspace();
        var deep = new StringBuilder("Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n    Metadata:\n      Deep: ");
        deep.Append('[', 220).Append(string.Join(',', Enumerable.Repeat("1", 10_000))).Append(']', 220).Append('\n');
        var path = workspace.Write("deep/template.yaml", deep.ToString());

        var run = HostileCli.Assess(workspace, workspace.Root);

        Assert.True(deep.Length < 25_000);
        Assert.True(run.Assessed(path), run.ToString());
        Assert.DoesNotContain(run.DiagnosticsOf(path), d => d.Code == DiagnosticCodes.Limit);
    }

    [Fact]
    public void Merge_keys_are_read_as_yaml_1_1_defines_them()
    {
        using var workspace = new Workspace();
        var path = workspace.Write("merge/template.yaml", """
            Transform: AWS::Serverless-2016-10-31
            Metadata:
              Defaults: &defaults
                Runtime: python3.12
                Handler: app.handler
                MemorySize: 1024
              Small: &small
                MemorySize: 128
                Timeout: 10
            Resources:
              Base: &queue
                Type: AWS::SQS::Queue
              Copy:
                <<: *queue
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  <<: [*defaults, *small]
                  MemorySize: 256
                  CodeUri: src/
              Odd:
                Type: AWS::SQS::Queue
                Properties:
                  <<: not-a-mapping
            """);

        var run = HostileCli.Assess(workspace, path);

        Assert.True(run.Assessed(path), run.ToString());
        Assert.DoesNotContain(run.DiagnosticsOf(path), d => d.Message.Contains("has no Type", StringComparison.Ordinal));
        Assert.Contains(run.DiagnosticsOf(path), d => d.Line == 24 && d.Message.Contains("merge key", StringComparison.Ordinal));

        var architecture = Scanner.FromText(File.ReadAllText(path));
        Assert.IsType<Queue>(architecture.Find("Copy"));
        var worker = Assert.IsType<Function>(architecture.Find("Worker"));
        Assert.Equal(256, worker.MemoryMb.Value); // Written in the mapping: wins over both merged ones.
        Assert.Equal("python3.12", worker.Runtime.Value);
        Assert.Equal(10, worker.TimeoutSeconds.Value); // Only in the second merged mapping.
    }

    [Fact]
    public void A_warning_about_an_alias_used_as_a_key_points_at_the_alias()
    {
        using var workspace = new Workspace();
        var path = workspace.Write("alias-key/template.yaml", """
            Metadata:
              Anchors:
                - &pair [a, b]
                - &name Queue
              Table:
                ? *pair
                : value
                Queue: 1
                ? *name
                : 2
            Resources:
              Queue:
                Type: AWS::SQS::Queue
            """);

        var run = HostileCli.Assess(workspace, path);

        Assert.True(run.Assessed(path), run.ToString());
        Assert.Contains(run.DiagnosticsOf(path), d => d.Line == 6 && d.Message.Contains("not a plain value", StringComparison.Ordinal));
        Assert.Contains(run.DiagnosticsOf(path), d => d.Line == 9 && d.Code == DiagnosticCodes.DuplicateKey);
        Assert.DoesNotContain(run.DiagnosticsOf(path), d => d.Line is 3 or 4);
    }

    [Fact]
    public void Duplicate_key_warnings_stop_at_the_limit_with_a_count()
    {
        using var workspace = new Workspace();
        var text = new StringBuilder("Resources:\n  Queue:\n    Type: AWS::SQS::Queue\nMetadata:\n");
        for (var pass = 0; pass < 2; pass++)
        {
            for (var i = 0; i < 500; i++)
            {
                text.Append(System.Globalization.CultureInfo.InvariantCulture, $"  Key{i}: {pass}\n");
            }
        }

        var path = workspace.Write("dups/template.yaml", text.ToString());

        var run = HostileCli.Assess(workspace, path);

        var duplicates = run.DiagnosticsOf(path).Where(d => d.Code == DiagnosticCodes.DuplicateKey).ToList();
        Assert.Equal(101, duplicates.Count);
        Assert.Contains(duplicates, d => d.Message.Contains("400 more duplicate keys", StringComparison.Ordinal));
    }

    [Fact]
    public void A_malformed_definition_string_is_a_warning_on_its_line()
    {
        using var workspace = new Workspace();
        var path = workspace.Write("sfn/template.yaml", """
            Resources:
              Broken:
                Type: AWS::StepFunctions::StateMachine
                Properties:
                  RoleArn: arn:aws:iam::123456789012:role/flow
                  DefinitionString: '{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}'
              Substituted:
                Type: AWS::StepFunctions::StateMachine
                Properties:
                  RoleArn: arn:aws:iam::123456789012:role/flow
                  DefinitionString: !Sub '{"StartAt": "A", "States": {"A": {"Type": "Wait", "Seconds": ${Delay}, "End": true}}}'
            """);

        var run = HostileCli.Assess(workspace, path);

        Assert.True(run.Assessed(path), run.ToString());
        var warnings = run.DiagnosticsOf(path).Where(d => d.Message.Contains("DefinitionString", StringComparison.Ordinal)).ToList();
        Assert.Single(warnings); // Not the one whose only hole is a Fn::Sub placeholder standing for a number.
        Assert.Equal(6, warnings[0].Line);
    }

    [Fact]
    public void Composite_alarms_that_name_each_other_end()
    {
        using var workspace = new Workspace();
        var path = workspace.Write("alarms/template.yaml", """
            Transform: AWS::Serverless-2016-10-31
            Resources:
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  Runtime: python3.12
                  Handler: app.handler
                  CodeUri: src/
                  AutoPublishAlias: live
                  DeploymentPreference:
                    Type: Canary10Percent5Minutes
                    Alarms:
                      - !Ref First
              First:
                Type: AWS::CloudWatch::CompositeAlarm
                Properties:
                  AlarmRule: !Sub ALARM(${Second})
              Second:
                Type: AWS::CloudWatch::CompositeAlarm
                Properties:
                  AlarmRule: !Sub ALARM(${First})
            """);

        var run = HostileCli.Assess(workspace, path);

        Assert.True(run.Assessed(path), run.ToString());
        Assert.NotEqual(2, run.ExitCode);
    }
}
