using System.Text;
using FitCheck.Model;
using FitCheck.Templates.Reading;
using Xunit;
using static FitCheck.Tests.Templates.TemplateTrees;

namespace FitCheck.Tests.Templates;

public sealed class TemplateReaderTests : IDisposable
{
    // The JSON-schema package's root namespace 'Json' hides the imported TemplateTrees.Json; this keeps the short name.
    private static TemplateDocument Json(string text) => TemplateTrees.Json(text);

    private const string YamlQueue = "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: café\n";
    private const string JsonQueue = "{\n  \"Resources\": {\n    \"Q\": {\n      \"Type\": \"AWS::SQS::Queue\",\n      \"Properties\": {\"QueueName\": \"café\"}\n    }\n  }\n}\n";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "fitcheck-reader-" + Guid.NewGuid().ToString("N"));

    public TemplateReaderTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static byte[] Bytes(Encoding encoding, string text) => [.. encoding.GetPreamble(), .. encoding.GetBytes(text)];

    public static TheoryData<string> Formats => new() { "yaml", "json" };

    private static string Text(string format) => format == "json" ? JsonQueue : YamlQueue;

    [Theory]
    [MemberData(nameof(Formats))]
    public void Utf8_byte_order_mark_is_skipped_and_positions_are_unchanged(string format)
    {
        var plain = TemplateReader.Read(Encoding.UTF8.GetBytes(Text(format)), "t", format);
        var bom = TemplateReader.Read(Bytes(new UTF8Encoding(true), Text(format)), "t", format);
        Clean(bom);
        AssertSameTree(plain.Root, bom.Root);
        var key = Root(bom).KeyNode("Resources")!;
        Assert.Equal(Root(plain).KeyNode("Resources")!.Span, key.Span);
        Assert.True(key.Span.Column <= 3);
        Assert.True(bom.IsTemplate);
    }

    [Theory]
    [InlineData("yaml", false)]
    [InlineData("yaml", true)]
    [InlineData("json", false)]
    [InlineData("json", true)]
    public void Utf16_with_byte_order_mark_is_read(string format, bool bigEndian)
    {
        var plain = TemplateReader.Read(Encoding.UTF8.GetBytes(Text(format)), "t", format);
        var bytes = Bytes(new UnicodeEncoding(bigEndian, byteOrderMark: true), Text(format));
        var doc = TemplateReader.Read(bytes, "t", format);
        Clean(doc);
        AssertSameTree(plain.Root, doc.Root);
        var name = doc.Root!["Resources"]!["Q"]!["Properties"]!["QueueName"]!;
        Assert.Equal("café", name.Text);
        Assert.Equal(plain.Root!["Resources"]!["Q"]!["Properties"]!["QueueName"]!.Span, name.Span);
    }

    [Fact]
    public void Utf16_template_extension_is_detected_as_json()
    {
        var bytes = Bytes(new UnicodeEncoding(false, true), JsonQueue);
        Assert.Equal("json", TemplateReader.FormatOf("stack.template", bytes));
        Assert.Equal("json", TemplateReader.FormatOf("stack.template", Bytes(new UTF8Encoding(true), "  \r\n{}")));
        Assert.Equal("yaml", TemplateReader.FormatOf("stack.template", Encoding.UTF8.GetBytes("Resources: {}")));
        Assert.Equal("yaml", TemplateReader.FormatOf("stack.template", []));
        Assert.Equal("json", TemplateReader.FormatOf("a.JSON", Encoding.UTF8.GetBytes("x: 1")));
        Assert.Equal("yaml", TemplateReader.FormatOf("a.yml", Encoding.UTF8.GetBytes("{}")));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Invalid_utf8_is_an_encoding_error_with_its_line(bool withBom)
    {
        var bytes = new List<byte>();
        if (withBom)
        {
            bytes.AddRange(Encoding.UTF8.GetPreamble());
        }

        bytes.AddRange(Encoding.UTF8.GetBytes("a: 1\nb: 2\nc: "));
        bytes.AddRange([0xC3, 0x28]);
        bytes.AddRange(Encoding.UTF8.GetBytes("\nd: 4\n"));
        var doc = TemplateReader.Read([.. bytes], "t.yaml", "yaml");
        var error = Single(doc, DiagnosticCodes.Encoding);
        Assert.Equal(DiagnosticLevel.Error, error.Level);
        Assert.Equal(3, error.Location.Line);
        Assert.Null(doc.Root);
    }

    [Fact]
    public void Latin1_text_is_an_encoding_error()
    {
        var doc = TemplateReader.Read(Encoding.Latin1.GetBytes("Description: café\n"), "t.yaml", "yaml");
        Assert.Equal(1, Single(doc, DiagnosticCodes.Encoding).Location.Line);
    }

    [Fact]
    public void Binary_is_an_encoding_error()
    {
        byte[] bytes = [.. Encoding.UTF8.GetBytes("a: 1\n"), 0x00, 0x01, 0x02, 0xFF, 0x00];
        var doc = TemplateReader.Read(bytes, "t.yaml", "yaml");
        var error = Single(doc, DiagnosticCodes.Encoding);
        Assert.Equal(2, error.Location.Line);
        Assert.Null(doc.Root);

        // A PNG header: binary from the first bytes.
        var png = TemplateReader.Read([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D], "logo.json", "json");
        Single(png, DiagnosticCodes.Encoding);
    }

    [Fact]
    public void Utf16_without_byte_order_mark_is_an_encoding_error()
    {
        var doc = TemplateReader.Read(Encoding.Unicode.GetBytes(YamlQueue), "t.yaml", "yaml");
        Single(doc, DiagnosticCodes.Encoding);
    }

    [Fact]
    public void Broken_utf16_is_an_encoding_error()
    {
        byte[] odd = [0xFF, 0xFE, (byte)'a', 0, (byte)':', 0, (byte)' ', 0, (byte)'1'];
        Single(TemplateReader.Read(odd, "t.yaml", "yaml"), DiagnosticCodes.Encoding);

        var surrogate = new List<byte>(Bytes(new UnicodeEncoding(false, true), "a: 1\nb: "));
        surrogate.AddRange([0x00, 0xD8]); // A high surrogate followed by a line feed.
        surrogate.AddRange(Encoding.Unicode.GetBytes("\nc: 3\n"));
        var doc = TemplateReader.Read([.. surrogate], "t.yaml", "yaml");
        Assert.Equal(2, Single(doc, DiagnosticCodes.Encoding).Location.Line);
    }

    [Theory]
    [InlineData("", "yaml")]
    [InlineData("", "json")]
    [InlineData("  \n\r\n\t\n", "yaml")]
    [InlineData("\uFEFF", "yaml")]
    [InlineData("# only a comment\n# and another\n", "yaml")]
    [InlineData("---\n", "yaml")]
    [InlineData("---\n...\n", "yaml")]
    public void Empty_files_are_errors(string text, string format)
    {
        var doc = TemplateReader.Read(Encoding.UTF8.GetBytes(text), "t", format);
        Assert.Null(doc.Root);
        Assert.True(doc.Failed);
        var error = Assert.Single(doc.Diagnostics);
        Assert.Equal(DiagnosticLevel.Error, error.Level);
        Assert.Equal(DiagnosticCodes.Structure, error.Code);
    }

    [Fact]
    public void ReadText_dispatches_on_the_first_character()
    {
        Assert.Equal("json", TemplateReader.ReadText("  {\"a\": 1}", "t").Format);
        Assert.Equal("yaml", TemplateReader.ReadText("a: 1", "t").Format);
        Assert.Equal("json", TemplateReader.ReadText("a: 1", "t", "json").Format);
    }

    [Fact]
    public void IsTemplate_needs_typed_resources()
    {
        Assert.True(Yaml(YamlQueue).IsTemplate);
        Assert.True(Yaml("Resources:\n  C:\n    Type: Custom::Thing\n").IsTemplate);
        Assert.False(Yaml("Resources: {}\n").IsTemplate);
        Assert.False(Yaml("Resources:\n  C:\n    Type: thing\n").IsTemplate);
        Assert.False(Yaml("openapi: 3.0.1\npaths: {}\n").IsTemplate);
        Assert.False(Yaml("- a\n- b\n").IsTemplate);
        Assert.False(Json("{\"StartAt\": \"A\", \"States\": {}}").IsTemplate);
    }

    [Fact]
    public void ReadFile_reads_from_disk_with_the_display_path()
    {
        var path = Path.Combine(_folder, "stack.template");
        File.WriteAllText(path, JsonQueue);
        var doc = TemplateReader.ReadFile(path, "stacks/stack.template");
        Clean(doc);
        Assert.Equal("json", doc.Format);
        Assert.Equal("stacks/stack.template", doc.Path);
        Assert.Equal("stacks/stack.template", doc.Root!.Span.File);
        Assert.True(doc.IsTemplate);
    }

    [Fact]
    public void ReadFile_of_a_missing_file_is_an_unreadable_error()
    {
        var doc = TemplateReader.ReadFile(Path.Combine(_folder, "missing.yaml"), "missing.yaml");
        var error = Single(doc, DiagnosticCodes.Unreadable);
        Assert.Equal(DiagnosticLevel.Error, error.Level);
        Assert.Equal("missing.yaml", error.Location.File);
        Assert.Null(doc.Root);
    }

    [Fact]
    public void ReadFile_refuses_files_over_the_size_limit()
    {
        var path = Path.Combine(_folder, "huge.yaml");
        using (var stream = File.Create(path))
        {
            stream.SetLength(ReaderLimits.MaxFileBytes + 1);
        }

        var doc = TemplateReader.ReadFile(path, "huge.yaml");
        Assert.Equal(DiagnosticLevel.Error, Single(doc, DiagnosticCodes.Limit).Level);
    }
    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "Reading", name);

    [Fact]
    public void Yaml_and_json_twins_of_a_sam_template_give_equal_trees()
    {
        var yaml = TemplateReader.ReadFile(Fixture("sam-orders.yaml"), "sam-orders.yaml");
        var json = TemplateReader.ReadFile(Fixture("sam-orders.json"), "sam-orders.json");
        Clean(yaml);
        Clean(json);
        Assert.True(yaml.IsTemplate);
        Assert.True(json.IsTemplate);
        AssertSameTree(yaml.Root, json.Root);

        var worker = yaml.Root!["Resources"]!["WorkerFunction"]!["Properties"]!;
        var queue = Assert.IsType<IntrinsicNode>(worker["Events"]!["Queue"]!["Properties"]!["Queue"]);
        Assert.Equal("Fn::GetAtt", queue.Name);
        Assert.Equal(["WorkQueue", "Arn"], Assert.IsType<SequenceNode>(queue.Argument).Items.Select(i => i.Text));
        Assert.Equal("Fn::If", Assert.IsType<IntrinsicNode>(worker["ReservedConcurrentExecutions"]).Name);
        var userData = Assert.IsType<IntrinsicNode>(yaml.Root["Resources"]!["UserData"]!["Properties"]!["Value"]);
        Assert.Equal("Fn::Sub", Assert.IsType<IntrinsicNode>(userData.Argument).Name);
        Assert.Equal("2010-09-09", yaml.Root["AWSTemplateFormatVersion"]!.Text);
    }

    [Fact]
    public void The_tree_comparison_finds_a_difference()
    {
        var text = File.ReadAllText(Fixture("sam-orders.yaml"));
        var original = TemplateReader.ReadText(text, "a.yaml").Root;
        var changed = TemplateReader.ReadText(text.Replace("BatchSize: 10\n", "BatchSize: 11\n", StringComparison.Ordinal), "b.yaml").Root;
        var difference = Difference(original, changed, "$");
        Assert.NotNull(difference);
        Assert.Contains("Queue.Properties.BatchSize", difference, StringComparison.Ordinal);
        Assert.NotNull(Difference(original, TemplateReader.ReadText(text.Replace("!GetAtt WorkQueue.Arn", "!Ref WorkQueue", StringComparison.Ordinal), "c.yaml").Root, "$"));
        Assert.Null(Difference(original, TemplateReader.ReadText(text.Replace("\n", "\r\n", StringComparison.Ordinal), "d.yaml").Root, "$"));
    }
}
