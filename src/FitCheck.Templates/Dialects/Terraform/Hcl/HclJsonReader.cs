using System.Text;
using FitCheck.Model;
using FitCheck.Templates.Reading;

namespace FitCheck.Templates.Dialects.Terraform.Hcl;

/// <summary>
/// Reads Terraform's JSON syntax (<c>.tf.json</c>, <c>.tfvars.json</c>) into the same bodies as the native syntax. The
/// top-level block types nest their labels as object keys; inside a block every property is an attribute (the JSON syntax
/// cannot tell a nested block from an object without the provider schema, and the evaluator reads both alike). Strings
/// are templates, so <c>"${aws_sqs_queue.q.arn}"</c> is a reference; keys named <c>//</c> are comments.
/// </summary>
public static class HclJsonReader
{
    private static readonly Dictionary<string, int> LabelCounts = new(StringComparer.Ordinal)
    {
        ["resource"] = 2,
        ["data"] = 2,
        ["module"] = 1,
        ["variable"] = 1,
        ["output"] = 1,
        ["provider"] = 1,
        ["check"] = 1,
        ["ephemeral"] = 2,
        ["locals"] = 0,
        ["terraform"] = 0,
        ["moved"] = 0,
        ["import"] = 0,
        ["removed"] = 0,
    };

    /// <summary>Reads a <c>.tf.json</c> file; <paramref name="variables"/> reads a <c>.tfvars.json</c> (plain values, no templates).</summary>
    public static HclBody? Read(string text, string path, List<Diagnostic> diagnostics, bool variables = false)
    {
        var root = JsonTemplateReader.Read(Encoding.UTF8.GetBytes(text), path, diagnostics);
        if (root is null)
        {
            return null;
        }

        if (Unwrap(root) is not MappingNode mapping)
        {
            diagnostics.Add(new Diagnostic(DiagnosticCodes.Structure, DiagnosticLevel.Error, "a Terraform JSON file holds one object", root.Span));
            return null;
        }

        var attributes = new List<HclAttribute>();
        var blocks = new List<HclBlock>();
        foreach (var (key, value) in mapping.Entries)
        {
            if (key.Value == "//")
            {
                continue;
            }

            if (!variables && LabelCounts.TryGetValue(key.Value, out var labels))
            {
                AddBlocks(key.Value, key.Span, [], labels, value, path, blocks, diagnostics);
            }
            else
            {
                attributes.Add(new HclAttribute(key.Value, Expression(value, path, diagnostics, variables), key.Span, Span(key.Span, value.Span)));
            }
        }

        return new HclBody(attributes, blocks, root.Span);
    }

    private static void AddBlocks(string type, SourceSpan typeSpan, List<HclLabel> labels, int remaining, TemplateNode value, string path, List<HclBlock> blocks, List<Diagnostic> diagnostics)
    {
        value = Unwrap(value);
        if (remaining > 0)
        {
            if (value is not MappingNode byLabel)
            {
                diagnostics.Add(new Diagnostic(DiagnosticCodes.Structure, DiagnosticLevel.Warning, $"'{type}' expects an object keyed by its labels; ignored", value.Span));
                return;
            }

            foreach (var (label, inner) in byLabel.Entries)
            {
                if (label.Value == "//")
                {
                    continue;
                }

                AddBlocks(type, typeSpan, [.. labels, new HclLabel(label.Value, label.Span)], remaining - 1, inner, path, blocks, diagnostics);
            }

            return;
        }

        // Several blocks of the same type and labels are written as an array of objects.
        var bodies = value is SequenceNode list ? list.Items.Select(Unwrap) : [value];
        foreach (var body in bodies)
        {
            if (body is not MappingNode properties)
            {
                diagnostics.Add(new Diagnostic(DiagnosticCodes.Structure, DiagnosticLevel.Warning, $"the body of '{type}' must be an object; ignored", body.Span));
                continue;
            }

            var attributes = new List<HclAttribute>();
            foreach (var (key, v) in properties.Entries)
            {
                if (key.Value != "//")
                {
                    attributes.Add(new HclAttribute(key.Value, Expression(v, path, diagnostics, false), key.Span, Span(key.Span, v.Span)));
                }
            }

            var span = labels.Count > 0 ? Span(labels[0].Span, body.Span) : Span(typeSpan, body.Span);
            blocks.Add(new HclBlock(type, labels, new HclBody(attributes, [], body.Span), labels.Count > 0 ? labels[0].Span : typeSpan, span));
        }
    }

    private static HclExpression Expression(TemplateNode node, string path, List<Diagnostic> diagnostics, bool plain)
    {
        node = Unwrap(node);
        switch (node)
        {
            case MappingNode m:
                var items = new List<HclObjectItem>();
                foreach (var (key, value) in m.Entries)
                {
                    if (key.Value == "//")
                    {
                        continue;
                    }

                    var keyExpression = new HclTemplate([new HclTemplateLiteral(key.Value, key.Span)], key.Span);
                    items.Add(new HclObjectItem(keyExpression, key.Value, Expression(value, path, diagnostics, plain)));
                }

                return new HclObject(items, m.Span);
            case SequenceNode s:
                return new HclTuple([.. s.Items.Select(i => Expression(i, path, diagnostics, plain))], s.Span);
            case ScalarNode { IsQuoted: false } scalar:
                return scalar.Value switch
                {
                    "true" => new HclLiteral(HclValue.True, scalar.Span),
                    "false" => new HclLiteral(HclValue.False, scalar.Span),
                    "null" => new HclLiteral(HclValue.Null, scalar.Span),
                    _ => double.TryParse(scalar.Value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var number)
                        ? new HclLiteral(new HclNumber(number), scalar.Span)
                        : new HclTemplate([new HclTemplateLiteral(scalar.Value, scalar.Span)], scalar.Span),
                };
            case ScalarNode scalar:
                if (plain || !scalar.Value.Contains("${", StringComparison.Ordinal) && !scalar.Value.Contains("%{", StringComparison.Ordinal))
                {
                    return new HclTemplate([new HclTemplateLiteral(scalar.Value, scalar.Span)], scalar.Span);
                }

                // Positions inside the string count from its opening quote (escapes before a reference shift it a little).
                return Relocate(HclParser.ParseTemplate(scalar.Value, path, diagnostics, scalar.Span), scalar.Span);
            default:
                return new HclInvalid(node.Span);
        }
    }

    private static HclExpression Relocate(HclExpression expression, SourceSpan span) => expression switch
    {
        HclTemplate t => new HclTemplate(t.Parts, span),
        _ => expression,
    };

    private static TemplateNode Unwrap(TemplateNode node) => node is IntrinsicNode intrinsic
        ? new MappingNode([new KeyValuePair<ScalarNode, TemplateNode>(new ScalarNode(intrinsic.Name, true, intrinsic.Span), intrinsic.Argument)], intrinsic.Span)
        : node;

    private static SourceSpan Span(SourceSpan first, SourceSpan last) => first with { EndLine = last.EndLine, EndColumn = last.EndColumn };
}
