using FitCheck.Model;
using FitCheck.Templates.Dialects.Terraform.Evaluation;
using FitCheck.Templates.Dialects.Terraform.Hcl;

namespace FitCheck.Tests.Terraform;

/// <summary>The HCL2 native syntax reader: structure, positions, templates, heredocs, expressions and errors.</summary>
public sealed class HclParserTests
{
    private static (HclBody Body, List<Diagnostic> Diagnostics) Parse(string text)
    {
        var diagnostics = new List<Diagnostic>();
        var body = HclParser.ParseFile(text, "main.tf", diagnostics);
        return (body, diagnostics);
    }

    private static HclBody ParseClean(string text)
    {
        var (body, diagnostics) = Parse(text);
        Assert.Empty(diagnostics);
        return body;
    }

    /// <summary>Evaluates the attribute <c>x</c> of a one-attribute file with no module around it.</summary>
    private static HclValue Eval(string expression)
    {
        var body = ParseClean("x = " + expression + "\n");
        var evaluator = new HclEvaluator(new NoHost());
        return evaluator.Evaluate(body.Attribute("x")!.Expression, Scope.Empty);
    }

    private sealed class NoHost : IEvaluationHost
    {
        public EvaluationBudget Budget { get; } = new();

        public HclValue? Resolve(string name, SourceSpan span) => name == "aws_sqs_queue"
            ? HclMap.From([new("q", new HclMap(new Dictionary<string, HclValue> { ["name"] = new HclString("orders") }) { OpenAddress = "aws_sqs_queue.q" })])
            : null;

        public string? ReadFile(string path, SourceSpan span, out string displayPath)
        {
            displayPath = path;
            return null;
        }

        public void Report(string code, DiagnosticLevel level, string message, SourceSpan span)
        {
        }
    }

    [Fact]
    public void Blocks_labels_and_attributes_keep_their_positions()
    {
        var body = ParseClean("""
            # a comment
            resource "aws_sqs_queue" "orders" {
              name = "orders" // trailing comment
              /* block
                 comment */
              tags = { a = 1 }
              redrive { max = 3 }
            }
            """);
        var block = Assert.Single(body.Blocks);
        Assert.Equal("resource", block.Type);
        Assert.Equal(["aws_sqs_queue", "orders"], block.Labels.Select(l => l.Value));
        Assert.Equal((2, 1), (block.Span.Line, block.Span.Column));
        Assert.Equal((2, 10), (block.Labels[0].Span.Line, block.Labels[0].Span.Column));
        var name = block.Body.Attribute("name")!;
        Assert.Equal((3, 3), (name.NameSpan.Line, name.NameSpan.Column));
        Assert.Equal((3, 10), (name.Expression.Span.Line, name.Expression.Span.Column));
        Assert.Equal((6, 3), (block.Body.Attribute("tags")!.NameSpan.Line, block.Body.Attribute("tags")!.NameSpan.Column));
        var nested = Assert.Single(block.Body.Blocks);
        Assert.Equal("redrive", nested.Type);
        Assert.NotNull(nested.Body.Attribute("max"));
    }

    [Fact]
    public void Operators_follow_hcl_precedence()
    {
        Assert.Equal(7, Assert.IsType<HclNumber>(Eval("1 + 2 * 3")).Value);
        Assert.Equal(9, Assert.IsType<HclNumber>(Eval("(1 + 2) * 3")).Value);
        Assert.Equal(1, Assert.IsType<HclNumber>(Eval("7 % 3")).Value);
        Assert.True(Assert.IsType<HclBool>(Eval("1 < 2 && !(3 >= 4) || false")).Value);
        Assert.Equal("b", Assert.IsType<HclString>(Eval("1 == 2 ? \"a\" : \"b\"")).Value);
        Assert.Equal(-2, Assert.IsType<HclNumber>(Eval("-2")).Value);
        Assert.True(Assert.IsType<HclBool>(Eval("[1, \"a\"] == [1, \"a\"]")).Value);
    }

    [Fact]
    public void Templates_interpolate_and_run_directives_with_strip_markers()
    {
        Assert.Equal("a-3-b", Assert.IsType<HclString>(Eval("\"a-${1 + 2}-b\"")).Value);
        Assert.Equal("yes", Assert.IsType<HclString>(Eval("\"%{ if 1 < 2 }yes%{ else }no%{ endif }\"")).Value);
        Assert.Equal("a,b,", Assert.IsType<HclString>(Eval("\"%{ for x in [\"a\", \"b\"] }${x},%{ endfor }\"")).Value);
        Assert.Equal("literal ${x} and %{y}", Assert.IsType<HclString>(Eval("\"literal $${x} and %%{y}\"")).Value);
        Assert.Equal("tab\there \"q\" \u00e9", Assert.IsType<HclString>(Eval("\"tab\\there \\\"q\\\" \\u00e9\"")).Value);
        // "${x}" alone keeps the type of x.
        Assert.IsType<HclNumber>(Eval("\"${1 + 1}\""));
        Assert.Equal("ab", Assert.IsType<HclString>(Eval("\"a   ${~ \"b\" ~}   \"")).Value);
    }

    [Fact]
    public void Heredocs_keep_lines_and_the_indented_form_strips_common_indentation()
    {
        var body = ParseClean("""
            a = <<EOT
              first ${1 + 1}
            second
            EOT
            b = <<-EOT
                {
                  "k": 1
                }
                EOT
            c = 1
            """);
        var evaluator = new HclEvaluator(new NoHost());
        Assert.Equal("  first 2\nsecond\n", Assert.IsType<HclString>(evaluator.Evaluate(body.Attribute("a")!.Expression, Scope.Empty)).Value);
        Assert.Equal("{\n  \"k\": 1\n}\n", Assert.IsType<HclString>(evaluator.Evaluate(body.Attribute("b")!.Expression, Scope.Empty)).Value);
        Assert.Equal(10, body.Attribute("c")!.NameSpan.Line);
    }

    [Fact]
    public void For_expressions_splats_and_indexes()
    {
        var list = Assert.IsType<HclList>(Eval("[for i, v in [\"a\", \"b\", \"c\"] : upper(v) if i != 1]"));
        Assert.Equal(["A", "C"], list.Items.Select(i => ((HclString)i).Value));
        var map = Assert.IsType<HclMap>(Eval("{ for k, v in { x = 1, y = 2 } : v => k }"));
        Assert.Equal(["1", "2"], map.Entries.Keys);
        var grouped = Assert.IsType<HclMap>(Eval("{ for s in [\"ab\", \"ac\", \"b\"] : substr(s, 0, 1) => s... }"));
        Assert.Equal(2, Assert.IsType<HclList>(grouped["a"]).Items.Count);
        var splat = Assert.IsType<HclList>(Eval("[{ n = 1 }, { n = 2 }][*].n"));
        Assert.Equal([1d, 2d], splat.Items.Select(i => ((HclNumber)i).Value));
        Assert.Equal(2, Assert.IsType<HclNumber>(Eval("[1, [2, 3]][1][0]")).Value);
        Assert.Equal(3, Assert.IsType<HclNumber>(Eval("{ a = { b = 3 } }.a.b")).Value);
        Assert.Equal(2, Assert.IsType<HclNumber>(Eval("[1, 2].1")).Value);
    }

    [Fact]
    public void Functions_run_statically()
    {
        Assert.Equal("{\"a\":[1,true,null],\"b\":\"x\"}", Assert.IsType<HclString>(Eval("jsonencode({ b = \"x\", a = [1, true, null] })")).Value);
        Assert.Equal(2, Assert.IsType<HclNumber>(Assert.IsType<HclMap>(Eval("jsondecode(\"{\\\"a\\\": 2}\")"))["a"]).Value);
        Assert.Equal("q-007-x", Assert.IsType<HclString>(Eval("format(\"%s-%03d-%v\", \"q\", 7, \"x\")")).Value);
        Assert.Equal(3, Assert.IsType<HclMap>(Eval("merge({ a = 1 }, { b = 2 }, { c = 3, a = 4 })")).Entries.Count);
        Assert.Equal(4, Assert.IsType<HclList>(Eval("concat([1], [2, 3], [4])")).Items.Count);
        Assert.Equal("d", Assert.IsType<HclString>(Eval("lookup({ a = \"x\" }, \"b\", \"d\")")).Value);
        Assert.Equal("fallback", Assert.IsType<HclString>(Eval("try({ a = 1 }.b, \"fallback\")")).Value);
        Assert.Equal("x", Assert.IsType<HclString>(Eval("coalesce(null, \"\", \"x\")")).Value);
        Assert.Equal(3, Assert.IsType<HclNumber>(Eval("length(\"abc\")")).Value);
        Assert.Equal("a", Assert.IsType<HclString>(Eval("element([\"a\", \"b\"], 2)")).Value);
        Assert.Equal("5", Assert.IsType<HclString>(Eval("tostring(5)")).Value);
        Assert.Equal("a_b", Assert.IsType<HclString>(Eval("replace(\"a-b\", \"-\", \"_\")")).Value);
        Assert.Equal("a1b", Assert.IsType<HclString>(Eval("replace(\"a-b\", \"/[-]/\", \"1\")")).Value);
        Assert.Equal("a,b", Assert.IsType<HclString>(Eval("join(\",\", split(\"/\", \"a/b\"))")).Value);
        Assert.False(Assert.IsType<HclBool>(Eval("can({}.x)")).Value);
        Assert.Equal(3, Assert.IsType<HclList>(Eval("flatten([[1], [2, [3]]])")).Items.Count);
    }

    [Fact]
    public void Unknown_values_propagate_and_keep_their_references()
    {
        var unknown = Assert.IsType<HclUnknown>(Eval("\"arn:${aws_sqs_queue.q.arn}:x\""));
        var reference = Assert.Single(unknown.References);
        Assert.Equal("aws_sqs_queue.q", reference.Address);
        Assert.Equal("arn", reference.Attribute);
        Assert.Equal("arn:${aws_sqs_queue.q.arn}:x", unknown.PartialText);

        var known = Assert.IsType<HclString>(Eval("aws_sqs_queue.q.name"));
        Assert.Equal("orders", known.Value);
        Assert.Equal("aws_sqs_queue.q", Assert.Single(known.References).Address);

        Assert.IsType<HclUnknown>(Eval("upper(aws_sqs_queue.q.arn)"));
        var merged = Assert.IsType<HclMap>(Eval("merge({ a = aws_sqs_queue.q.arn }, { b = 1 })"));
        Assert.IsType<HclUnknown>(merged["a"]);
    }

    [Theory]
    [InlineData("resource \"a\" \"b\" {\n  x = \n}\n", 2, 7, "expected an expression, found 'end of line'")]
    [InlineData("resource \"a\" \"b\" {\n  x = \"unclosed\n}\n", 2, 7, "not closed on its line")]
    [InlineData("resource \"a\" \"b\" {\n  x = 1\n", 1, 18, "never closed")]
    [InlineData("locals {\n  a = [1, 2\n  b = 3\n}\n", 3, 3, "expected ',' or ']'")]
    [InlineData("x = <<EOT\nno end\n", 1, 5, "never closed")]
    [InlineData("x = \"${a\"\n", 1, 9, "expected '}' closing the interpolation")]
    [InlineData("x = \"%{ if true }a\"\n", 1, 6, "never closed by '%{endif}'")]
    [InlineData("\"quoted\" = 1\n", 1, 1, "cannot be quoted")]
    [InlineData("x = \"\\q\"\n", 1, 6, "not an escape sequence")]
    [InlineData("resource \"a\" \"b\" { x = 1 } y\n", 1, 28, "expected the end of the line")]
    public void Syntax_errors_are_diagnostics_with_line_and_column(string text, int line, int column, string message)
    {
        var (_, diagnostics) = Parse(text);
        var d = Assert.Single(diagnostics);
        Assert.Equal(DiagnosticCodes.Syntax, d.Code);
        Assert.Equal(DiagnosticLevel.Error, d.Level);
        Assert.Contains(message, d.Message, StringComparison.Ordinal);
        Assert.Equal((line, column), (d.Location.Line, d.Location.Column));
        Assert.Equal("main.tf", d.Location.File);
    }

    [Fact]
    public void Reading_resumes_at_the_next_top_level_block_after_an_error()
    {
        var (body, diagnostics) = Parse("""
            resource "a" "broken" {
              x = = 1
            }

            resource "a" "fine" {
              y = 2
            }
            """);
        Assert.Single(diagnostics);
        Assert.Contains(body.Blocks, b => b.Label(1) == "fine");
    }

    [Fact]
    public void Nesting_beyond_the_limit_is_a_limit_diagnostic_not_a_crash()
    {
        var deep = "x = " + new string('[', 5000) + new string(']', 5000) + "\n";
        var (_, diagnostics) = Parse(deep);
        Assert.Contains(diagnostics, d => d.Code == DiagnosticCodes.Limit);

        var parens = "x = " + new string('(', 5000) + "1" + new string(')', 5000) + "\n";
        Assert.Contains(Parse(parens).Diagnostics, d => d.Code == DiagnosticCodes.Limit);

        var blocks = string.Concat(Enumerable.Repeat("a {\n", 5000)) + string.Concat(Enumerable.Repeat("}\n", 5000));
        Assert.Contains(Parse(blocks).Diagnostics, d => d.Code == DiagnosticCodes.Limit);
    }

    [Fact]
    public void Random_bytes_never_throw()
    {
        var random = new Random(16);
        const string alphabet = "abc_= \n\t\"${}%[]().,:?!<>-+*/#~0123456789EOT\\'";
        for (var i = 0; i < 2000; i++)
        {
            var chars = new char[random.Next(1, 120)];
            for (var j = 0; j < chars.Length; j++)
            {
                chars[j] = alphabet[random.Next(alphabet.Length)];
            }

            var diagnostics = new List<Diagnostic>();
            HclParser.ParseFile(new string(chars), "fuzz.tf", diagnostics);
            HclParser.ParseTemplate(new string(chars), "fuzz.tftpl", diagnostics);
        }
    }

    [Fact]
    public void The_json_syntax_reads_into_the_same_blocks_with_templates_in_strings()
    {
        var diagnostics = new List<Diagnostic>();
        var body = HclJsonReader.Read("""
            {
              "variable": { "stage": { "default": "dev" } },
              "resource": {
                "aws_sqs_queue": {
                  "orders": { "name": "orders-${var.stage}", "delay_seconds": 5 }
                }
              }
            }
            """, "main.tf.json", diagnostics)!;
        Assert.Empty(diagnostics);
        var resource = Assert.Single(body.BlocksOfType("resource"));
        Assert.Equal(["aws_sqs_queue", "orders"], resource.Labels.Select(l => l.Value));
        Assert.Equal(5, resource.Labels[1].Span.Line);
        var name = Assert.IsType<HclTemplate>(resource.Body.Attribute("name")!.Expression);
        Assert.Contains(name.Parts, p => p is HclTemplateInterpolation);
        Assert.Single(body.BlocksOfType("variable"));
    }

    [Theory]
    // Plain text up to the closing quote: one literal from the first character inside the quotes to after the closing one.
    [InlineData("\"orders\"", new[] { "orders" }, 1, 6, 1, 13)]
    [InlineData("\"\"", new string[0], 0, 0, 0, 0)]
    [InlineData("\"a\rb\"", new[] { "a\rb" }, 1, 6, 1, 10)]
    // Escapes, a $ or % that starts nothing, and interpolations take the general path, with the same shapes.
    [InlineData("\"a\\\"b\"", new[] { "a\"b" }, 1, 6, 1, 11)]
    [InlineData("\"cost $5 or 5%\"", new[] { "cost $5 or 5%" }, 1, 6, 1, 20)]
    [InlineData("\"$${literal}\"", new[] { "${literal}" }, 1, 6, 1, 18)]
    public void QuotedString_GivesItsLiteralPartsAndSpans(string expression, string[] literals, int line, int column, int endLine, int endColumn)
    {
        var template = Assert.IsType<HclTemplate>(ParseClean("x = " + expression + "\n").Attribute("x")!.Expression);
        Assert.Equal((1, 5), (template.Span.Line, template.Span.Column));
        Assert.Equal(literals, template.Parts.Cast<HclTemplateLiteral>().Select(p => p.Text));
        Assert.Equal(string.Concat(literals), template.LiteralText);
        if (literals.Length > 0)
        {
            var span = template.Parts[0].Span;
            Assert.Equal((line, column, endLine, endColumn), (span.Line, span.Column, span.EndLine, span.EndColumn));
        }
    }

    [Fact]
    public void QuotedString_WithAnInterpolation_KeepsItsParts()
    {
        var template = Assert.IsType<HclTemplate>(ParseClean("x = \"arn:${var.name}:x\"\n").Attribute("x")!.Expression);
        Assert.Collection(template.Parts,
            p => Assert.Equal("arn:", Assert.IsType<HclTemplateLiteral>(p).Text),
            p => Assert.IsType<HclTemplateInterpolation>(p),
            p => Assert.Equal(":x", Assert.IsType<HclTemplateLiteral>(p).Text));
        Assert.Null(template.LiteralText);
    }
}
