using System.Globalization;
using System.Text;
using FitCheck.Model;
using Xunit.Abstractions;

namespace FitCheck.Tests.Hostile;

/// <summary>
/// Bad input, each case run through the command line beside a good template: the run ends, the bad file gets a
/// diagnostic naming it (and its line where there is one), unreadable input gives exit code 2, and the good template
/// is still assessed.
/// </summary>
public sealed class HostileInputTests(ITestOutputHelper output)
{
    private const int InputError = 2;

    private static void GoodStillAssessed(CliRun run, Workspace workspace) =>
        Assert.True(run.Assessed(workspace.GoodPath), "the good template beside the bad one was not assessed\n" + run);

    private static void UnreadableWithLine(CliRun run, string path, string code, int? line = null)
    {
        Assert.Equal(InputError, run.ExitCode);
        Assert.False(run.Assessed(path), $"{path} was assessed although it cannot be read");
        var diagnostic = run.DiagnosticsOf(path).FirstOrDefault(d => d.Code == code && d.Level == "error");
        Assert.True(diagnostic.Code == code, $"no {code} error for {path}\n{run}");
        Assert.True(diagnostic.Line >= 1 && diagnostic.Column >= 1);
        if (line is not null)
        {
            Assert.Equal(line, diagnostic.Line);
        }
    }

    private static void AssessedWithout(CliRun run, string path, string errorCode = "")
    {
        Assert.True(run.Assessed(path), $"{path} was not assessed\n{run}");
        Assert.NotEqual(InputError, run.ExitCode);
        Assert.DoesNotContain(run.DiagnosticsOf(path), d => d.Level == "error" && (errorCode.Length == 0 || d.Code == errorCode));
    }

    [Fact]
    public void Truncation_at_every_line_and_structural_point_is_read_or_reported()
    {
        using var workspace = new Workspace();
        var text = Workspace.GoodTemplate.Replace("\r\n", "\n", StringComparison.Ordinal);
        var cuts = new SortedSet<int>();
        for (var i = 0; i < text.Length; i++)
        {
            // The end of every line, and just after every character that opens or separates a YAML structure.
            if (text[i] == '\n' || (text[i] is ':' or '-' or '!' or '[' or '{' or ',' or '\'' or '"' or '>' or '|'))
            {
                cuts.Add(i + 1);
            }
        }

        cuts.Remove(text.Length);
        var files = new List<(string Path, string Text)>();
        foreach (var cut in cuts)
        {
            var truncated = text[..cut];
            files.Add((workspace.Write($"cut/{cut:D5}/template.yaml", truncated), truncated));
        }

        var run = HostileCli.Assess(workspace, workspace.Root);

        output.WriteLine($"{files.Count} truncations, exit code {run.ExitCode}");
        GoodStillAssessed(run, workspace);
        foreach (var (path, truncated) in files)
        {
            var hasResource = truncated.Contains("Type: AWS::", StringComparison.Ordinal);
            var reported = run.DiagnosticsOf(path).Any(d => d.Line >= 1 && d.Column >= 1);
            Assert.True(run.Assessed(path) || reported || !hasResource,
                $"{path} ({truncated.Length} characters) holds a resource but was neither assessed nor reported");
            if (!run.Assessed(path) && reported)
            {
                Assert.Equal(InputError, run.ExitCode);
            }
        }
    }

    [Fact]
    public void Tabs_in_indentation_are_a_syntax_error_on_their_line()
    {
        using var workspace = new Workspace();
        var bad = workspace.Write("tabs/template.yaml", "Resources:\n\tQueue:\n\t\tType: AWS::SQS::Queue\n");

        var run = HostileCli.Assess(workspace, workspace.Root);

        UnreadableWithLine(run, bad, DiagnosticCodes.Syntax, line: 2);
        GoodStillAssessed(run, workspace);
    }

    [Fact]
    public void Invalid_utf8_is_reported_on_its_line()
    {
        using var workspace = new Workspace();
        var bytes = Encoding.UTF8.GetBytes("Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: caf").Concat(new byte[] { 0xC3, 0x28, (byte)'\n' }).ToArray();
        var bad = workspace.Write("utf8/template.yaml", bytes);

        var run = HostileCli.Assess(workspace, workspace.Root);

        UnreadableWithLine(run, bad, DiagnosticCodes.Encoding, line: 5);
        GoodStillAssessed(run, workspace);
    }

    [Fact]
    public void Utf16_with_a_byte_order_mark_is_read_and_without_one_or_broken_is_reported()
    {
        using var workspace = new Workspace();
        var template = "Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n";
        var withBom = workspace.Write("utf16/template.yaml", [0xFF, 0xFE, .. Encoding.Unicode.GetBytes(template)]);
        var withoutBom = workspace.Write("utf16-nobom/template.yaml", Encoding.Unicode.GetBytes(template));
        var unpaired = workspace.Write("utf16-broken/template.yaml", [0xFF, 0xFE, .. Encoding.Unicode.GetBytes(template), 0x00, 0xD8, (byte)'x', 0x00]);

        var run = HostileCli.Assess(workspace, withBom, withoutBom, unpaired, workspace.GoodPath);

        Assert.True(run.Assessed(withBom), run.ToString());
        UnreadableWithLine(run, withoutBom, DiagnosticCodes.Encoding, line: 1);
        UnreadableWithLine(run, unpaired, DiagnosticCodes.Encoding, line: 4);
        GoodStillAssessed(run, workspace);
    }

    [Fact]
    public void A_binary_file_named_template_yaml_is_reported()
    {
        using var workspace = new Workspace();
        var bytes = new byte[64 * 1024];
        new Random(6).NextBytes(bytes);
        var bad = workspace.Write("binary/template.yaml", bytes);

        var run = HostileCli.Assess(workspace, bad, workspace.GoodPath);

        UnreadableWithLine(run, bad, DiagnosticCodes.Encoding);
        GoodStillAssessed(run, workspace);
    }

    [Fact]
    public void A_50_MB_template_is_refused_by_its_size()
    {
        using var workspace = new Workspace();
        var big = new StringBuilder("Resources:\n");
        for (var i = 0; big.Length < 50 * 1024 * 1024; i++)
        {
            big.Append(CultureInfo.InvariantCulture, $"  Queue{i}:\n    Type: AWS::SQS::Queue\n    Properties:\n      VisibilityTimeout: {i % 900}\n");
        }

        var bad = workspace.Write("big/template.yaml", big.ToString());

        var run = HostileCli.Assess(workspace, workspace.Root);

        UnreadableWithLine(run, bad, DiagnosticCodes.Limit);
        Assert.Contains(run.DiagnosticsOf(bad), d => d.Message.Contains("MB", StringComparison.Ordinal));
        GoodStillAssessed(run, workspace);
    }

    [Theory]
    [InlineData("flow-yaml/template.yaml", "Resources: {Q: {Type: AWS::SQS::Queue, Properties: {Tags: ", "[", "]", "}}}")]
    [InlineData("flow-map/template.yaml", "Resources: {Q: {Type: AWS::SQS::Queue, Properties: {Tags: ", "{a: ", "}", "}}}")]
    [InlineData("deep/template.json", "{\"Resources\": {\"Q\": {\"Type\": \"AWS::SQS::Queue\", \"Properties\": {\"Tags\": ", "[", "]", "}}}}")]
    public void Nesting_10000_deep_is_refused_at_the_limit(string name, string prefix, string open, string close, string suffix)
    {
        using var workspace = new Workspace();
        var text = prefix + string.Concat(Enumerable.Repeat(open, 10_000)) + "1" + string.Concat(Enumerable.Repeat(close, 10_000)) + suffix + "\n";
        var bad = workspace.Write(name, text);

        var run = HostileCli.Assess(workspace, workspace.Root);

        UnreadableWithLine(run, bad, DiagnosticCodes.Limit, line: 1);
        GoodStillAssessed(run, workspace);
    }

    [Fact]
    public void Block_nesting_beyond_the_limit_is_refused_at_its_line()
    {
        using var workspace = new Workspace();
        var text = new StringBuilder("Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n");
        for (var depth = 0; depth < 1000; depth++)
        {
            text.Append(' ', 6 + depth).Append("k:\n");
        }

        text.Append(' ', 1006).Append("v\n");
        var bad = workspace.Write("block/template.yaml", text.ToString());

        var run = HostileCli.Assess(workspace, workspace.Root);

        UnreadableWithLine(run, bad, DiagnosticCodes.Limit);
        GoodStillAssessed(run, workspace);
    }

    [Fact]
    public void The_billion_laughs_alias_bomb_stops_at_the_node_limit()
    {
        using var workspace = new Workspace();
        var text = new StringBuilder("Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Metadata:\n      l0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (var i = 1; i < 10; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"      l{i}: &a{i} [");
            text.AppendJoin(", ", Enumerable.Repeat($"*a{i - 1}", 10));
            text.Append("]\n");
        }

        var bad = workspace.Write("bomb/template.yaml", text.ToString());

        var run = HostileCli.Assess(workspace, workspace.Root);

        UnreadableWithLine(run, bad, DiagnosticCodes.Limit);
        GoodStillAssessed(run, workspace);
    }

    [Fact]
    public void Duplicate_keys_are_warnings_on_their_line_and_the_template_is_assessed()
    {
        using var workspace = new Workspace();
        var path = workspace.Write("dup/template.yaml", "Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n  Queue:\n    Type: AWS::SNS::Topic\n");

        var run = HostileCli.Assess(workspace, workspace.Root);

        AssessedWithout(run, path);
        Assert.Contains(run.DiagnosticsOf(path), d => d.Code == DiagnosticCodes.DuplicateKey && d.Line == 4);
        GoodStillAssessed(run, workspace);
    }

    [Theory]
    [InlineData("AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  - Type: AWS::SQS::Queue\n", 3)]
    [InlineData("AWSTemplateFormatVersion: '2010-09-09'\nResources: just a string\n", 2)]
    [InlineData("{\"AWSTemplateFormatVersion\": \"2010-09-09\",\n \"Resources\": [1, 2]}\n", 2)]
    public void Resources_that_is_not_a_mapping_is_reported_on_its_line(string text, int line)
    {
        using var workspace = new Workspace();
        var path = workspace.Write(text.StartsWith('{') ? "res/template.json" : "res/template.yaml", text);

        var run = HostileCli.Assess(workspace, workspace.Root);

        Assert.Contains(run.DiagnosticsOf(path), d => d.Level == "error" && d.Line == line && d.Message.Contains("Resources", StringComparison.Ordinal));
        Assert.Equal(InputError, run.ExitCode);
        GoodStillAssessed(run, workspace);
    }

    [Fact]
    public void Properties_as_a_scalar_is_a_warning_and_the_resource_is_still_modelled()
    {
        using var workspace = new Workspace();
        var path = workspace.Write("props/template.yaml",
            "Transform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties: oops\n  Queue:\n    Type: AWS::SQS::Queue\n    Properties: [1, 2]\n");

        var run = HostileCli.Assess(workspace, workspace.Root);

        AssessedWithout(run, path);
        Assert.Contains(run.DiagnosticsOf(path), d => d.Code == DiagnosticCodes.Structure && d.Line == 5);
        Assert.Contains(run.DiagnosticsOf(path), d => d.Code == DiagnosticCodes.Structure && d.Line == 8);
        GoodStillAssessed(run, workspace);
    }

    [Fact]
    public void Intrinsic_functions_with_the_wrong_arity_or_in_odd_places_do_not_stop_the_run()
    {
        using var workspace = new Workspace();
        var path = workspace.Write("intrinsics/template.yaml", """
            Transform: AWS::Serverless-2016-10-31
            Resources:
              Queue:
                Type: AWS::SQS::Queue
                Properties:
                  QueueName: !Join [","]
                  RedrivePolicy:
                    deadLetterTargetArn: !GetAtt []
                    maxReceiveCount: !Select [1]
              Topic:
                Type: AWS::SNS::Topic
                Properties:
                  TopicName: !Sub []
                  Subscription: !Ref
                  KmsMasterKeyId: !GetAtt [a, b, c, d]
              Fn:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: !Ref [Queue, Topic]
                  Runtime: !If [Cond]
                  Events: !Ref Queue
                  Policies: !Sub "${Queue}"
                  Environment: !Join
                  DeadLetterQueue: !GetAtt Queue
                  EventInvokeConfig:
                    DestinationConfig: !Split
              Rule:
                Type: AWS::Events::Rule
                Properties:
                  Targets: !GetAtt Fn.Arn
                  EventPattern: !Ref
              Mapping:
                Type: AWS::Lambda::EventSourceMapping
                Properties:
                  FunctionName: !Join ["", [!Ref Fn, !GetAtt [Queue]]]
                  EventSourceArn: {"Fn::GetAtt": "Queue"}
              Odd: !Ref Queue
              Typed:
                Type: !Ref Queue
            """);

        var run = HostileCli.Assess(workspace, workspace.Root);

        AssessedWithout(run, path);
        output.WriteLine(run.ToString());
        GoodStillAssessed(run, workspace);
    }

    [Fact]
    public void Circular_references_and_self_referencing_sub_end()
    {
        using var workspace = new Workspace();
        var path = workspace.Write("cycles/template.yaml", """
            Transform: AWS::Serverless-2016-10-31
            Resources:
              A:
                Type: AWS::Serverless::Function
                DependsOn: B
                Properties:
                  Handler: a.handler
                  Runtime: python3.12
                  Environment:
                    Variables:
                      NEXT: !GetAtt B.Arn
                      SELF: !Sub "${A.Arn}/${A}"
                  Events:
                    FromB:
                      Type: SQS
                      Properties:
                        Queue: !GetAtt B.Arn
              B:
                Type: AWS::SQS::Queue
                DependsOn: [A, B]
                Properties:
                  QueueName: !Sub "${B.QueueName}-${A}"
                  RedrivePolicy:
                    deadLetterTargetArn: !GetAtt B.Arn
              Chain:
                Type: AWS::SQS::Queue
                Properties:
                  QueueName: !Sub
                    - "${X}"
                    - X: !Sub ["${Y}", {Y: !Sub ["${X}", {X: !Ref Chain}]}]
            """);

        var run = HostileCli.Assess(workspace, workspace.Root);

        AssessedWithout(run, path);
        GoodStillAssessed(run, workspace);
    }

    [Fact]
    public void Unknown_resource_types_and_unknown_tags_are_read_with_a_warning()
    {
        using var workspace = new Workspace();
        var path = workspace.Write("unknown/template.yaml", "Resources:\n  Thing:\n    Type: AWS::Nothing::Here\n    Properties:\n      Name: !Frobnicate x\n  Custom:\n    Type: Custom::Mine\n  Vendor:\n    Type: Acme::Widget::Thing\n");

        var run = HostileCli.Assess(workspace, workspace.Root);

        AssessedWithout(run, path);
        Assert.Contains(run.DiagnosticsOf(path), d => d.Line == 5 && d.Message.Contains("!Frobnicate", StringComparison.Ordinal));
        GoodStillAssessed(run, workspace);
    }

    [Fact]
    public void Fn_ForEach_is_named_as_not_modelled()
    {
        using var workspace = new Workspace();
        var path = workspace.Write("foreach/template.yaml", """
            Transform: AWS::LanguageExtensions
            Resources:
              Fn::ForEach::Topics:
                - TopicName
                - [Orders, Refunds]
                - SNSTopic${TopicName}:
                    Type: AWS::SNS::Topic
              Queue:
                Type: AWS::SQS::Queue
            """);

        var run = HostileCli.Assess(workspace, workspace.Root);

        AssessedWithout(run, path);
        Assert.Contains(run.DiagnosticsOf(path), d => d.Line == 3 && d.Message.Contains("Fn::ForEach", StringComparison.Ordinal));
        GoodStillAssessed(run, workspace);
    }

    [Theory]
    [InlineData("{\n  // a comment\n  \"Resources\": {\"Q\": {\"Type\": \"AWS::SQS::Queue\"}}\n}\n", 2)]
    [InlineData("{\n  \"Resources\": {\"Q\": {\"Type\": \"AWS::SQS::Queue\"},\n  }\n}\n", 3)]
    public void Json_with_comments_or_trailing_commas_is_a_syntax_error_on_its_line(string text, int line)
    {
        using var workspace = new Workspace();
        var bad = workspace.Write("json/template.json", text);

        var run = HostileCli.Assess(workspace, workspace.Root);

        UnreadableWithLine(run, bad, DiagnosticCodes.Syntax, line);
        Assert.Contains(run.DiagnosticsOf(bad), d => d.Message.Contains("JSON allows no", StringComparison.Ordinal) || d.Message.Contains("(JSON allows none)", StringComparison.Ordinal));
        GoodStillAssessed(run, workspace);
    }

    [Fact]
    public void An_empty_file_named_on_the_command_line_is_an_input_error_and_one_found_in_a_folder_is_skipped()
    {
        using var workspace = new Workspace();
        var empty = workspace.Write("empty/template.yaml", "");

        var named = HostileCli.Assess(workspace, empty, workspace.GoodPath);
        var walked = HostileCli.Assess(workspace, workspace.Root);

        UnreadableWithLine(named, empty, DiagnosticCodes.Structure, line: 1);
        GoodStillAssessed(named, workspace);
        Assert.NotEqual(InputError, walked.ExitCode);
        GoodStillAssessed(walked, workspace);
    }

    [Fact]
    public void A_directory_symlink_loop_ends()
    {
        using var workspace = new Workspace();
        Directory.CreateDirectory(Path.Combine(workspace.Root, "loop", "inner"));
        Directory.CreateSymbolicLink(Path.Combine(workspace.Root, "loop", "inner", "back"), Path.Combine(workspace.Root, "loop"));
        Directory.CreateSymbolicLink(Path.Combine(workspace.Root, "loop", "self"), ".");

        var run = HostileCli.Assess(workspace, workspace.Root);

        Assert.NotEqual(InputError, run.ExitCode);
        Assert.Single(run.TemplatePaths);
        GoodStillAssessed(run, workspace);
    }

    [Fact]
    public void An_unreadable_file_is_an_input_error_unless_running_as_root()
    {
        using var workspace = new Workspace();
        var locked = workspace.Write("locked/template.yaml", "Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n");
        if (OperatingSystem.IsWindows())
        {
            output.WriteLine("Skipped: file modes are a Unix notion.");
            return;
        }

        File.SetUnixFileMode(locked, UnixFileMode.None);

        var run = HostileCli.Assess(workspace, workspace.Root);

        GoodStillAssessed(run, workspace);
        if (Environment.IsPrivilegedProcess)
        {
            // root reads files whatever their permissions, so the "unreadable" file is read: that is the truth here.
            output.WriteLine("Running as root, which ignores file permissions: the mode-000 file is readable, so the unreadable case is checked as readable.");
            Assert.True(run.Assessed(locked), run.ToString());
            return;
        }

        UnreadableWithLine(run, locked, DiagnosticCodes.Unreadable);
    }

    [Fact]
    public void A_definition_uri_outside_the_scanned_folder_is_refused()
    {
        using var workspace = new Workspace();
        var path = workspace.Write("sm/template.yaml", """
            Transform: AWS::Serverless-2016-10-31
            Resources:
              Flow:
                Type: AWS::Serverless::StateMachine
                Properties:
                  DefinitionUri: ../../../../../../../../etc/passwd
              Linked:
                Type: AWS::Serverless::StateMachine
                Properties:
                  DefinitionUri: statemachine/linked.asl.json
            """);
        var secret = workspace.Write("outside/secret.asl.json", "{\"StartAt\": \"Leak\", \"States\": {\"Leak\": {\"Type\": \"Pass\", \"End\": true}}}");
        Directory.CreateDirectory(Path.Combine(workspace.Root, "sm", "statemachine"));
        File.CreateSymbolicLink(Path.Combine(workspace.Root, "sm", "statemachine", "linked.asl.json"), secret);
        var neighbour = workspace.Write("sm/neighbour/template.yaml", Workspace.GoodTemplate);

        var run = HostileCli.Assess(workspace, Path.Combine(workspace.Root, "sm"));

        AssessedWithout(run, path);
        Assert.True(run.Assessed(neighbour), run.ToString());
        var refused = run.DiagnosticsOf(path).Where(d => d.Code == DiagnosticCodes.OutsideRoot).ToList();
        Assert.Contains(refused, d => d.Line == 6 && d.Message.Contains("etc/passwd", StringComparison.Ordinal));
        Assert.Contains(refused, d => d.Line == 10 && d.Message.Contains("linked.asl.json", StringComparison.Ordinal));
    }

    /// <summary>A DefinitionUri whose file exists only under another letter case (Order.asl.json for order.asl.json) works on
    /// macOS and Windows and breaks a Linux deployment: a diagnostic with its line, not a silent skip.</summary>
    [Fact]
    public void A_definition_uri_that_matches_only_ignoring_case_gets_a_diagnostic()
    {
        using var workspace = new Workspace();
        var path = workspace.Write("case/template.yaml", """
            Transform: AWS::Serverless-2016-10-31
            Resources:
              Flow:
                Type: AWS::Serverless::StateMachine
                Properties:
                  DefinitionUri: statemachine/order.asl.json
            """);
        workspace.Write("case/statemachine/Order.asl.json", "{\"StartAt\": \"Done\", \"States\": {\"Done\": {\"Type\": \"Pass\", \"End\": true}}}");

        var run = HostileCli.Assess(workspace, Path.Combine(workspace.Root, "case"));

        var missing = Assert.Single(run.DiagnosticsOf(path), d => d.Code == DiagnosticCodes.MissingFile);
        Assert.Equal(6, missing.Line);
        Assert.Contains("'Order.asl.json' only when letter case is ignored", missing.Message, StringComparison.Ordinal);
    }
}
