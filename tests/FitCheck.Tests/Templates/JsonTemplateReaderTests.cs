using System.Text;
using FitCheck.Model;
using FitCheck.Templates.Reading;
using Xunit;
using static FitCheck.Tests.Templates.TemplateTrees;

namespace FitCheck.Tests.Templates;

public class JsonTemplateReaderTests
{
    // The JSON-schema package's root namespace 'Json' hides the imported TemplateTrees.Json; this keeps the short name.
    private static TemplateDocument Json(string text) => TemplateTrees.Json(text);

    private const string Queue = """
        {
          "AWSTemplateFormatVersion": "2010-09-09",
          "Resources": {
            "MyQueue": {
              "Type": "AWS::SQS::Queue",
              "Properties": { "VisibilityTimeout": 60, "Fifo": true, "Tags": null }
            }
          }
        }
        """;

    [Fact]
    public void Spans_are_one_based_lines_and_columns_of_keys_and_values()
    {
        var doc = Json(Queue);
        Clean(doc);
        var root = Root(doc);
        Assert.Equal((1, 1, 9, 2), (root.Span.Line, root.Span.Column, root.Span.EndLine, root.Span.EndColumn));

        var key = root.KeyNode("Resources")!;
        Assert.Equal((3, 3, 3, 14), (key.Span.Line, key.Span.Column, key.Span.EndLine, key.Span.EndColumn));

        var queue = (MappingNode)root["Resources"]!["MyQueue"]!;
        Assert.Equal((4, 16), (queue.Span.Line, queue.Span.Column));
        var type = queue["Type"]!;
        Assert.Equal((5, 15, 5, 32), (type.Span.Line, type.Span.Column, type.Span.EndLine, type.Span.EndColumn));

        var timeout = Assert.IsType<ScalarNode>(queue["Properties"]!["VisibilityTimeout"]);
        Assert.Equal((6, 44, 6, 46), (timeout.Span.Line, timeout.Span.Column, timeout.Span.EndLine, timeout.Span.EndColumn));
        Assert.Equal("t.json", timeout.Span.File);
    }

    [Fact]
    public void Numbers_booleans_and_null_are_unquoted_text()
    {
        var properties = Root(Json(Queue))["Resources"]!["MyQueue"]!["Properties"]!;
        var timeout = Assert.IsType<ScalarNode>(properties["VisibilityTimeout"]);
        Assert.Equal("60", timeout.Value);
        Assert.False(timeout.IsQuoted);
        Assert.Equal("true", properties["Fifo"]!.Text);
        Assert.True(((ScalarNode)properties["Tags"]!).IsNull);
        Assert.True(((ScalarNode)Root(Json(Queue))["AWSTemplateFormatVersion"]!).IsQuoted);
        Assert.Equal("1.5e3", Json("[1.5e3]").Root is SequenceNode s ? s.Items[0].Text : null);
    }

    [Fact]
    public void Long_form_intrinsics_are_intrinsic_nodes()
    {
        var doc = Json("""
            {
              "A": {"Ref": "X"},
              "B": {"Fn::Sub": ["${P}", {"P": {"Fn::GetAtt": "Fn.Arn"}}]},
              "C": {"Ref": "X", "Other": 1},
              "D": {"Fn::ForEach::Items": ["x", [], {}]},
              "E": {"Condition": "IsProd"}
            }
            """);
        Clean(doc);
        var root = Root(doc);
        Assert.Equal("Ref", Assert.IsType<IntrinsicNode>(root["A"]).Name);
        var sub = Assert.IsType<IntrinsicNode>(root["B"]);
        Assert.Equal("Fn::Sub", sub.Name);
        var getAtt = Assert.IsType<IntrinsicNode>(sub.Argument is SequenceNode s ? s.Items[1]["P"] : null);
        Assert.Equal(["Fn", "Arn"], Assert.IsType<SequenceNode>(getAtt.Argument).Items.Select(i => i.Text));
        Assert.IsType<MappingNode>(root["C"]);
        Assert.IsType<MappingNode>(root["D"]);
        Assert.IsType<MappingNode>(root["E"]);
    }

    [Fact]
    public void GetAtt_long_form_matches_the_yaml_short_form()
    {
        AssertSameTree(Root(Yaml("V: !GetAtt Fn.Arn")), Root(Json("""{"V": {"Fn::GetAtt": ["Fn", "Arn"]}}""")));
        AssertSameTree(Root(Yaml("V: !GetAtt Fn.Arn")), Root(Json("""{"V": {"Fn::GetAtt": "Fn.Arn"}}""")));
    }

    [Fact]
    public void Duplicate_keys_warn_at_the_second_key_and_the_last_value_wins()
    {
        var doc = Json("""
            {
              "Resources": {
                "A": { "Type": "AWS::SQS::Queue" },
                "B": { "Type": "AWS::SNS::Topic" },
                "A": { "Type": "AWS::S3::Bucket" }
              }
            }
            """);
        var warning = Single(doc, DiagnosticCodes.DuplicateKey);
        Assert.Equal(DiagnosticLevel.Warning, warning.Level);
        Assert.Equal((5, 5), (warning.Location.Line, warning.Location.Column));
        Assert.Contains("line 3", warning.Message, StringComparison.Ordinal);
        var resources = (MappingNode)Root(doc)["Resources"]!;
        Assert.Equal("AWS::S3::Bucket", resources["A"]!["Type"]!.Text);
        Assert.Equal(2, resources.Count);
        Assert.False(doc.Failed);
    }

    [Fact]
    public void Unclosed_brace_is_a_syntax_error_at_the_end()
    {
        var doc = Json("{\n  \"Resources\": {\n    \"A\": {\"Type\": \"AWS::SQS::Queue\"}\n");
        var error = Single(doc, DiagnosticCodes.Syntax);
        Assert.Equal(DiagnosticLevel.Error, error.Level);
        Assert.Equal((3, 37), (error.Location.Line, error.Location.Column));
        Assert.StartsWith("JSON syntax error: ", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber", error.Message, StringComparison.Ordinal);
        Assert.Null(doc.Root);
    }

    [Fact]
    public void Comments_are_a_syntax_error_with_their_position()
    {
        var doc = Json("{\n  \"A\": 1, // one\n  \"B\": 2\n}\n");
        var error = Single(doc, DiagnosticCodes.Syntax);
        Assert.Equal((2, 11), (error.Location.Line, error.Location.Column));
        Assert.Null(doc.Root);
    }

    [Fact]
    public void Trailing_commas_are_a_syntax_error_with_their_position()
    {
        var doc = Json("{\n  \"A\": [1, 2,],\n  \"B\": 2\n}\n");
        var error = Single(doc, DiagnosticCodes.Syntax);
        Assert.Equal(2, error.Location.Line);
        Assert.InRange(error.Location.Column, 13, 14);
        Assert.Null(doc.Root);
    }

    [Fact]
    public void Syntax_error_columns_count_characters_not_bytes()
    {
        var doc = Json("{\"é€\": x}");
        var error = Single(doc, DiagnosticCodes.Syntax);
        Assert.Equal((1, 8), (error.Location.Line, error.Location.Column));
    }

    [Theory]
    [InlineData("{\"a\": 1} {\"b\": 2}")]
    [InlineData("{\"a\" 1}")]
    [InlineData("{'a': 1}")]
    [InlineData("[1 2]")]
    [InlineData("{\"a\": tru}")]
    [InlineData("{\"a\": \"\\ud800\"}")]
    [InlineData("{\"\\udc00\": 1}")]
    [InlineData("{\"a\": \"\\q\"}")]
    [InlineData("{\"a\": \"line\nbreak\"}")]
    [InlineData("{\"a\": 01}")]
    [InlineData("{\"a\": NaN}")]
    [InlineData("}")]
    public void Bad_json_is_a_syntax_error_never_an_exception(string text)
    {
        var doc = Json(text);
        var error = Single(doc, DiagnosticCodes.Syntax);
        Assert.Equal(DiagnosticLevel.Error, error.Level);
        Assert.DoesNotContain("could not be read (", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, error.Location.Line);
        Assert.Null(doc.Root);
    }

    public static TheoryData<string, string> DeepDocuments => new()
    {
        { "arrays", new string('[', 10_000) + new string(']', 10_000) },
        { "objects", string.Concat(Enumerable.Repeat("{\"a\":", 10_000)) + "1" + new string('}', 10_000) },
        { "unclosed", new string('[', 10_000) },
    };

    [Theory]
    [MemberData(nameof(DeepDocuments))]
    public void Deep_nesting_is_a_limit_error_not_a_stack_overflow(string kind, string text)
    {
        var doc = Json(text);
        var error = Single(doc, DiagnosticCodes.Limit);
        Assert.True(error.Level == DiagnosticLevel.Error, kind);
        Assert.Equal(1, error.Location.Line);
        Assert.Contains(ReaderLimits.MaxDepth.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message, StringComparison.Ordinal);
        Assert.Null(doc.Root);
    }

    [Fact]
    public void Nesting_up_to_the_limit_is_read()
    {
        var depth = ReaderLimits.MaxDepth;
        Clean(Json(new string('[', depth) + "1" + new string(']', depth)));
    }

    [Fact]
    public void Too_many_nodes_is_a_limit_error()
    {
        var text = new StringBuilder("[");
        text.Insert(1, "0,", (int)ReaderLimits.MaxExpandedNodes + 1).Append("0]");
        var doc = Json(text.ToString());
        Single(doc, DiagnosticCodes.Limit);
        Assert.Null(doc.Root);
    }

    [Fact]
    public void Non_ascii_text_keeps_columns_in_characters()
    {
        var doc = Json("{\"d\": \"é€😀\", \"k\": 1}\n");
        Clean(doc);
        var root = Root(doc);
        Assert.Equal("é€😀", root["d"]!.Text);
        Assert.Equal((1, 15), (root.KeyNode("k")!.Span.Line, root.KeyNode("k")!.Span.Column));

        // The same line in YAML flow style gives the same column: both count UTF-16 code units.
        var yaml = Root(Yaml("{\"d\": \"é€😀\", \"k\": 1}\n"));
        Assert.Equal((1, 15), (yaml.KeyNode("k")!.Span.Line, yaml.KeyNode("k")!.Span.Column));
    }

    [Fact]
    public void Crlf_line_endings_keep_lines()
    {
        var doc = Json(Queue.Replace("\n", "\r\n", StringComparison.Ordinal));
        Clean(doc);
        AssertSameTree(Json(Queue).Root, doc.Root);
        var timeout = Root(doc)["Resources"]!["MyQueue"]!["Properties"]!["VisibilityTimeout"]!;
        Assert.Equal((6, 44), (timeout.Span.Line, timeout.Span.Column));
    }

    [Fact]
    public void Escapes_are_decoded()
    {
        var root = Root(Json("{\"a\\u0062\": \"\\u00e9\\n\\\"\"}"));
        Assert.Equal("é\n\"", root["ab"]!.Text);
    }
}
