using System.Diagnostics;
using System.Text;
using FitCheck.Model;
using FitCheck.Templates.Reading;
using Xunit;
using static FitCheck.Tests.Templates.TemplateTrees;

namespace FitCheck.Tests.Templates;

public class YamlTemplateReaderTests
{
    // The JSON-schema package's root namespace 'Json' hides the imported TemplateTrees.Json; this keeps the short name.
    private static TemplateDocument Json(string text) => TemplateTrees.Json(text);

    private const string Queue = """
        AWSTemplateFormatVersion: 2010-09-09
        Resources:
          MyQueue:
            Type: AWS::SQS::Queue
            Properties:
              VisibilityTimeout: 60
        """;

    [Fact]
    public void Spans_are_one_based_lines_and_columns_of_keys_and_values()
    {
        var doc = Yaml(Queue);
        Clean(doc);
        var root = Root(doc);

        var resourcesKey = root.KeyNode("Resources")!;
        Assert.Equal((2, 1), (resourcesKey.Span.Line, resourcesKey.Span.Column));
        Assert.Equal((2, 10), (resourcesKey.Span.EndLine, resourcesKey.Span.EndColumn));

        var resources = (MappingNode)root["Resources"]!;
        var queueKey = resources.KeyNode("MyQueue")!;
        Assert.Equal((3, 3), (queueKey.Span.Line, queueKey.Span.Column));

        var queue = (MappingNode)resources["MyQueue"]!;
        Assert.Equal((4, 5), (queue.Span.Line, queue.Span.Column));
        var type = queue["Type"]!;
        Assert.Equal("AWS::SQS::Queue", type.Text);
        Assert.Equal((4, 11, 4, 26), (type.Span.Line, type.Span.Column, type.Span.EndLine, type.Span.EndColumn));

        var timeout = queue["Properties"]!["VisibilityTimeout"]!;
        Assert.Equal((6, 26), (timeout.Span.Line, timeout.Span.Column));
        Assert.Equal("t.yaml", timeout.Span.File);
    }

    [Fact]
    public void Unquoted_dates_stay_strings()
    {
        var root = Root(Yaml(Queue + "\nOutputs:\n  V:\n    Value: 2012-10-17\n"));
        var version = Assert.IsType<ScalarNode>(root["AWSTemplateFormatVersion"]);
        Assert.Equal("2010-09-09", version.Value);
        Assert.False(version.IsQuoted);
        Assert.Equal("2012-10-17", root["Outputs"]!["V"]!["Value"]!.Text);
    }

    [Fact]
    public void Scalars_are_not_converted_and_quoting_is_recorded()
    {
        var root = Root(Yaml("a: 0x1F\nb: 'yes'\nc: yes\nd: ~\ne:\nf: |\n  text\n"));
        Assert.Equal("0x1F", root["a"]!.Text);
        Assert.True(((ScalarNode)root["b"]!).IsQuoted);
        Assert.False(((ScalarNode)root["c"]!).IsQuoted);
        Assert.True(((ScalarNode)root["d"]!).IsNull);
        Assert.True(((ScalarNode)root["e"]!).IsNull);
        Assert.Equal("text\n", root["f"]!.Text);
    }

    public static TheoryData<string, string, string> ShortForms => new()
    {
        { "!Ref", "Ref", "MyBucket" },
        { "!GetAtt", "Fn::GetAtt", "MyFunction.Arn" },
        { "!GetAtt", "Fn::GetAtt", "[MyFunction, Arn]" },
        { "!Sub", "Fn::Sub", "'arn:${AWS::Partition}:s3:::${Bucket}/*'" },
        { "!Sub", "Fn::Sub", "['${A}-x', {A: !Ref B}]" },
        { "!Join", "Fn::Join", "['', [a, !Ref B]]" },
        { "!Select", "Fn::Select", "[0, !GetAZs '']" },
        { "!Split", "Fn::Split", "[',', 'a,b']" },
        { "!If", "Fn::If", "[IsProd, 5, !Ref AWS::NoValue]" },
        { "!Equals", "Fn::Equals", "[!Ref Env, prod]" },
        { "!And", "Fn::And", "[!Condition A, !Condition B]" },
        { "!Or", "Fn::Or", "[!Condition A, !Condition B]" },
        { "!Not", "Fn::Not", "[!Condition A]" },
        { "!FindInMap", "Fn::FindInMap", "[Map, !Ref AWS::Region, Key]" },
        { "!Base64", "Fn::Base64", "'#!/bin/sh'" },
        { "!Cidr", "Fn::Cidr", "[10.0.0.0/16, 4, 8]" },
        { "!GetAZs", "Fn::GetAZs", "''" },
        { "!ImportValue", "Fn::ImportValue", "shared-vpc-id" },
        { "!Condition", "Condition", "IsProd" },
        { "!Transform", "Fn::Transform", "{Name: AWS::Include, Parameters: {Location: 's3://b/k'}}" },
        { "!ToJsonString", "Fn::ToJsonString", "{a: 1}" },
        { "!Length", "Fn::Length", "[1, 2]" },
    };

    [Theory]
    [MemberData(nameof(ShortForms))]
    public void Short_form_tags_become_intrinsics_with_the_long_name(string tag, string longName, string argument)
    {
        var doc = Yaml($"Value: {tag} {argument}\n");
        Clean(doc);
        var node = Assert.IsType<IntrinsicNode>(Root(doc)["Value"]);
        Assert.Equal(longName, node.Name);
        Assert.Equal((1, 8), (node.Span.Line, node.Span.Column));
    }

    [Fact]
    public void Tags_on_block_collections_and_block_scalars_are_read()
    {
        var doc = Yaml("""
            A: !Sub |
              echo ${X}
            B: !Join
              - ''
              - - a
                - !Ref C
            D: !GetAZs
              Ref: AWS::Region
            """);
        Clean(doc);
        var root = Root(doc);
        var sub = Assert.IsType<IntrinsicNode>(root["A"]);
        Assert.Equal("echo ${X}\n", sub.Argument.Text);
        var join = Assert.IsType<IntrinsicNode>(root["B"]);
        var parts = Assert.IsType<SequenceNode>(join.Argument);
        var inner = Assert.IsType<SequenceNode>(parts.Items[1]);
        Assert.Equal("Ref", Assert.IsType<IntrinsicNode>(inner.Items[1]).Name);
        var azs = Assert.IsType<IntrinsicNode>(root["D"]);
        Assert.Equal("Ref", Assert.IsType<IntrinsicNode>(azs.Argument).Name);
    }

    [Fact]
    public void GetAtt_dotted_list_and_long_forms_have_one_shape()
    {
        var dotted = Root(Yaml("V: !GetAtt Fn.Arn\n"))["V"];
        var list = Root(Yaml("V: !GetAtt [Fn, Arn]\n"))["V"];
        var longForm = Root(Yaml("V:\n  Fn::GetAtt: [Fn, Arn]\n"))["V"];
        var longDotted = Root(Yaml("V: {Fn::GetAtt: Fn.Arn}\n"))["V"];
        var json = Root(Json("""{"V": {"Fn::GetAtt": ["Fn", "Arn"]}}"""))["V"];

        var shape = Assert.IsType<IntrinsicNode>(dotted);
        Assert.Equal("Fn::GetAtt", shape.Name);
        Assert.Equal(["Fn", "Arn"], Assert.IsType<SequenceNode>(shape.Argument).Items.Select(i => i.Text));
        AssertSameTree(dotted, list);
        AssertSameTree(dotted, longForm);
        AssertSameTree(dotted, longDotted);
        AssertSameTree(dotted, json);

        // Only the first dot splits, as in CloudFormation: nested attributes keep theirs.
        var nested = Assert.IsType<IntrinsicNode>(Root(Yaml("V: !GetAtt Db.Endpoint.Address\n"))["V"]);
        Assert.Equal(["Db", "Endpoint.Address"], Assert.IsType<SequenceNode>(nested.Argument).Items.Select(i => i.Text));
    }

    [Fact]
    public void Long_form_single_key_mappings_are_intrinsics()
    {
        var root = Root(Yaml("A:\n  Ref: X\nB:\n  Fn::Sub: x\nC:\n  Ref: X\n  Other: y\nD:\n  Fn::ForEach::Topics: [x, [], {}]\n"));
        Assert.Equal("Ref", Assert.IsType<IntrinsicNode>(root["A"]).Name);
        Assert.Equal("Fn::Sub", Assert.IsType<IntrinsicNode>(root["B"]).Name);
        Assert.IsType<MappingNode>(root["C"]);
        Assert.IsType<MappingNode>(root["D"]);
    }

    [Fact]
    public void Unknown_tag_is_a_warning_and_the_value_is_kept()
    {
        var doc = Yaml("A: !Foo bar\nB: !!str 5\nC: !Ref X\n");
        var warning = Single(doc, DiagnosticCodes.Structure);
        Assert.Equal(DiagnosticLevel.Warning, warning.Level);
        Assert.Contains("!Foo", warning.Message, StringComparison.Ordinal);
        Assert.Equal(1, warning.Location.Line);
        var root = Root(doc);
        Assert.Equal("bar", Assert.IsType<ScalarNode>(root["A"]).Value);
        Assert.Equal("5", Assert.IsType<ScalarNode>(root["B"]).Value);
        Assert.False(doc.Failed);
    }

    [Fact]
    public void Crlf_line_endings_give_the_same_tree_and_lines()
    {
        var lf = Yaml(Queue);
        var crlf = Yaml(Queue.Replace("\n", "\r\n", StringComparison.Ordinal));
        Clean(crlf);
        AssertSameTree(lf.Root, crlf.Root);
        var timeout = Root(crlf)["Resources"]!["MyQueue"]!["Properties"]!["VisibilityTimeout"]!;
        Assert.Equal((6, 26), (timeout.Span.Line, timeout.Span.Column));
        Assert.Equal("60", timeout.Text);
    }

    [Fact]
    public void A_leading_document_marker_is_accepted()
    {
        var doc = Yaml("---\n" + Queue);
        Clean(doc);
        AssertSameTree(Yaml(Queue).Root, doc.Root);
        Assert.Equal(3, Root(doc).KeyNode("Resources")!.Span.Line);
    }

    [Fact]
    public void A_second_document_is_ignored_with_a_warning()
    {
        var doc = Yaml("a: 1\n---\nb: 2\n");
        var warning = Single(doc, DiagnosticCodes.Structure);
        Assert.Equal(2, warning.Location.Line);
        Assert.Equal(["a"], Root(doc).Entries.Select(e => e.Key.Value));
    }

    [Fact]
    public void Non_ascii_text_keeps_positions_right()
    {
        var doc = Yaml("Description: Café ☕ für Ünïcode 😀\nNext: {ä: 1, b: 2}\n");
        Clean(doc);
        var root = Root(doc);
        Assert.Equal("Café ☕ für Ünïcode 😀", root["Description"]!.Text);
        var next = (MappingNode)root["Next"]!;
        Assert.Equal((2, 8), (next.KeyNode("ä")!.Span.Line, next.KeyNode("ä")!.Span.Column));
        Assert.Equal((2, 14), (next.KeyNode("b")!.Span.Line, next.KeyNode("b")!.Span.Column));
    }

    [Fact]
    public void Duplicate_keys_warn_at_the_second_key_and_the_last_value_wins()
    {
        var doc = Yaml("""
            Resources:
              A:
                Type: AWS::SQS::Queue
              B:
                Type: AWS::SNS::Topic
              A:
                Type: AWS::S3::Bucket
            """);
        var warning = Single(doc, DiagnosticCodes.DuplicateKey);
        Assert.Equal(DiagnosticLevel.Warning, warning.Level);
        Assert.Equal((6, 3), (warning.Location.Line, warning.Location.Column));
        Assert.Contains("line 2", warning.Message, StringComparison.Ordinal);
        var resources = (MappingNode)Root(doc)["Resources"]!;
        Assert.Equal("AWS::S3::Bucket", resources["A"]!["Type"]!.Text);
        Assert.Equal(2, resources.Count);
        Assert.Equal(3, resources.Entries.Count);
        Assert.Equal(["B", "A"], resources.Pairs.Select(p => p.Key.Value));
        Assert.False(doc.Failed);
    }

    [Fact]
    public void Bad_indentation_reports_its_line()
    {
        var doc = Yaml("""
            AWSTemplateFormatVersion: '2010-09-09'
            Resources:
              Queue:
                Type: AWS::SQS::Queue
                Properties:
                  QueueName: orders
                 DelaySeconds: 5
            """);
        var error = Single(doc, DiagnosticCodes.Syntax);
        Assert.Equal(DiagnosticLevel.Error, error.Level);
        Assert.Equal(7, error.Location.Line);
        Assert.StartsWith("YAML syntax error: ", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("(Line:", error.Message, StringComparison.Ordinal);
        Assert.Null(doc.Root);
        Assert.True(doc.Failed);
    }

    [Theory]
    [InlineData("a: [1, 2\nb: 3\n", 1)] // YamlDotNet throws InvalidOperationException here; reported after the last event read.
    [InlineData("a: b: c\n", 1)]
    [InlineData("a: 'unterminated\nb: c\n", 1)] // Unclosed: where the quote opens.
    [InlineData("a: 1\n\tb: 2\n", 2)] // Where the tab is, not where the scalar starts.
    [InlineData("a:\n  - x\n  y: 1\n", 3)]
    [InlineData("a: *nowhere\n", 1)]
    [InlineData("a: {b: 1\n\n\n", 1)] // At the end of the text: on the last line, not after it.
    [InlineData("Resources:\n  Mapping:curc\n    Type: AWS::ApiGateway::BasePathMapping\n", 2)] // The key missing ': ', not the line after.
    public void Syntax_errors_are_diagnostics_with_a_line(string text, int line)
    {
        var doc = Yaml(text);
        var error = Single(doc, DiagnosticCodes.Syntax);
        Assert.Equal(line, error.Location.Line);
        Assert.Null(doc.Root);
    }

    [Theory]
    [InlineData("{")]
    [InlineData("]")]
    [InlineData("&a")]
    [InlineData("!")]
    [InlineData("? [a, b]\n: c\n")]
    [InlineData("? a\n")]
    [InlineData("*a")]
    [InlineData("a: &x [1, *x]\n")]
    [InlineData("%YAML 1.3\n---\na: b\n")]
    [InlineData("%TAG ! tag:example.com,2000:\n--- !foo\na: b\n")]
    [InlineData("a: !<tag:yaml.org,2002:str> b\n")]
    [InlineData("- a\nb: c\n")]
    [InlineData("a: |\n bad\n  worse\n x: y\n")]
    [InlineData("\"\\x\": 1\n")]
    [InlineData("a:\n- b\n-c: d\n  e\n")]
    [InlineData("...\n")]
    [InlineData("a: b\n...\nc: d\n")]
    [InlineData("[a, b]: c\n")]
    [InlineData("{a: 1}: 2\n")]
    [InlineData("!Ref")]
    [InlineData("x: !Ref\n")]
    public void Odd_input_never_throws(string text)
    {
        var doc = Yaml(text);
        Assert.DoesNotContain(doc.Diagnostics, d => d.Message.StartsWith("the file could not be read (", StringComparison.Ordinal));
        Assert.True(doc.Root is not null || doc.Diagnostics.Any(d => d.Level == DiagnosticLevel.Error));
    }

    [Fact]
    public void Scanner_errors_point_at_the_problem_and_name_the_line_the_value_starts_on()
    {
        var error = Single(Yaml("a: 1\n\tb: 2\n"), DiagnosticCodes.Syntax);
        Assert.Equal((2, 1), (error.Location.Line, error.Location.Column));
        Assert.EndsWith("(in the value that starts at line 1)", error.Message, StringComparison.Ordinal);

        var parser = Single(Yaml("Description: 'quoted' and more\nB: 1\n"), DiagnosticCodes.Syntax);
        Assert.Equal((1, 23), (parser.Location.Line, parser.Location.Column));
        Assert.DoesNotContain("starts at line", parser.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Error_at_the_end_of_the_text_is_placed_after_its_last_character()
    {
        var error = Single(Yaml("a: {b: 1\n\n"), DiagnosticCodes.Syntax);
        Assert.Equal((1, 9), (error.Location.Line, error.Location.Column));
    }

    [Fact]
    public void Literal_block_whose_first_line_holds_only_spaces_is_read()
    {
        // YamlDotNet rejects this ("found extra spaces in first line"); YAML, PyYAML and CloudFormation accept it.
        var doc = Yaml("A: 1\nB: !Sub |\n   \n    {\n      \"k\": \"${A}\"\n    }\nC: 3\n");
        Clean(doc);
        var root = Root(doc);
        Assert.Equal("\n{\n  \"k\": \"${A}\"\n}\n", Assert.IsType<IntrinsicNode>(root["B"]).Argument.Text);
        Assert.Equal((7, 4), (root["C"]!.Span.Line, root["C"]!.Span.Column));

        // More spaces than the content's indentation is a real error (YAML test W9L4) and stays one.
        Single(Yaml("B: |\n      \n  text\n"), DiagnosticCodes.Syntax);
    }

    [Theory]
    [InlineData("a: |\n   \n    x\n", "a: |\n\n    x\n")]
    [InlineData("- |- # note\r\n  \r\n   \r\n    x\r\n", "- |- # note\r\n\r\n\r\n    x\r\n")]
    [InlineData("a: >2\n  \n  x\n", "a: >2\n\n  x\n")]
    [InlineData("a: |\n        \n    x\n", null)]
    [InlineData("a: b|\n  \n  x\n", null)]
    [InlineData("a: x\n  \n", null)]
    public void Blank_leading_space_lines_only_touches_block_scalars(string text, string? expected) =>
        Assert.Equal(expected, FitCheck.Templates.Reading.YamlTemplateReader.BlankLeadingSpaceLines(text));

    [Fact]
    public void Anchors_and_aliases_share_the_value()
    {
        var doc = Yaml("Base: &base {Runtime: python3.12}\nA: *base\n");
        Clean(doc);
        var root = Root(doc);
        Assert.Same(root["Base"], root["A"]);
    }

    [Fact]
    public void Billion_laughs_stops_quickly_with_a_limit_error()
    {
        var text = new StringBuilder("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (var c = 'b'; c <= 'z'; c++)
        {
            var prev = (char)(c - 1);
            text.Append(c).Append(": &").Append(c).Append(" [")
                .AppendJoin(", ", Enumerable.Repeat("*" + prev, 9)).Append("]\n");
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        var watch = Stopwatch.StartNew();
        var doc = Yaml(text.ToString());
        watch.Stop();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        var error = Single(doc, DiagnosticCodes.Limit);
        Assert.Equal(DiagnosticLevel.Error, error.Level);
        Assert.Null(doc.Root);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
        Assert.True(allocated < 64L * 1024 * 1024, $"allocated {allocated:N0} bytes");
    }

    public static TheoryData<string, string> DeepDocuments => new()
    {
        { "flow sequences", new string('[', 10_000) + new string(']', 10_000) },
        { "flow mappings", string.Concat(Enumerable.Repeat("{a: ", 10_000)) + "1" + new string('}', 10_000) },
        { "block sequences", string.Concat(Enumerable.Repeat("- ", 10_000)) + "x\n" },
        { "block mappings", string.Concat(Enumerable.Range(0, 300).Select(i => new string(' ', i) + "a:\n")) + new string(' ', 300) + "b\n" },
    };

    [Theory]
    [MemberData(nameof(DeepDocuments))]
    public void Deep_nesting_is_a_limit_error_not_a_stack_overflow(string kind, string text)
    {
        var doc = Yaml(text);
        var error = Single(doc, DiagnosticCodes.Limit);
        Assert.True(error.Level == DiagnosticLevel.Error, kind);
        Assert.Null(doc.Root);
    }

    [Fact]
    public void Nesting_up_to_the_limit_is_read()
    {
        var depth = ReaderLimits.MaxDepth;
        var doc = Yaml(new string('[', depth) + "x" + new string(']', depth));
        Clean(doc);
    }
}
