using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using FitCheck.Model;
using FitCheck.Templates.Files;
using FitCheck.Templates.Dialects.Terraform.Hcl;
using FitCheck.Templates.Reading;

namespace FitCheck.Templates.Dialects.Terraform.Plan;

/// <summary>
/// Reads the JSON of <c>terraform show -json PLAN</c> (or of a state) into a <see cref="TerraformProject"/>:
/// <c>planned_values</c> give each resource instance's resolved attributes, <c>resource_changes</c> say which are known
/// only after apply, and <c>configuration</c> gives the references each attribute's expression makes (through module
/// inputs and outputs), so they become edges. When the configuration's <c>.tf</c> files are beside the plan, each
/// resource keeps the position of its block and attributes there (matched by address), else the plan's own positions.
/// </summary>
public static partial class TerraformPlanReader
{
    /// <summary>How much of a JSON file <see cref="LooksLikePlan"/> reads.</summary>
    private const int PeekBytes = 4096;

    /// <summary>True when the file starts as Terraform's JSON plan or state output does: an object whose first keys
    /// are <c>format_version</c> and <c>terraform_version</c>. Reads at most 4 KB; never throws.</summary>
    public static bool LooksLikePlan(string fullPath)
    {
        // Only a regular file is opened: a named pipe among the files would block, a device never ends.
        var content = UserFile.Read(fullPath, PeekBytes, "plan", prefix: true);
        if (content.Bytes is null)
        {
            return false;
        }

        var head = Encoding.UTF8.GetString(content.Bytes).TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        return head.StartsWith('{')
            && head.Contains("\"format_version\"", StringComparison.Ordinal)
            && head.Contains("\"terraform_version\"", StringComparison.Ordinal)
            && !head.Contains("\"AWSTemplateFormatVersion\"", StringComparison.Ordinal);
    }

    /// <summary>Reads a plan. Never throws for bad input: every problem is a diagnostic with the plan's file and line.</summary>
    /// <param name="planPath">The plan's JSON file.</param>
    /// <param name="scanRoot">Spans are relative to it; the <c>.tf</c> files beside the plan are read only inside it.</param>
    /// <param name="commandLine">Passed to the reading of the <c>.tf</c> files beside the plan (the plan's own variable values win).</param>
    public static TerraformProject Load(string planPath, string scanRoot, IReadOnlyList<VariableArgument>? commandLine = null)
    {
        var full = Path.GetFullPath(planPath);
        var root = Path.GetFullPath(scanRoot);
        var display = Path.GetRelativePath(root, full).Replace('\\', '/');
        var diagnostics = new List<Diagnostic>();
        var document = Read(full, display, diagnostics);
        if (document is null)
        {
            return Empty(display, diagnostics);
        }

        return new PlanModel(document, display, diagnostics).Build(full, root, commandLine);
    }

    private static MappingNode? Read(string full, string display, List<Diagnostic> diagnostics)
    {
        var content = UserFile.Read(full, ReaderLimits.MaxFileBytes, "plan");
        if (content.Bytes is not { } bytes)
        {
            diagnostics.Add(new Diagnostic(content.Code, DiagnosticLevel.Error, content.Error ?? "cannot read the plan", SourceSpan.FileStart(display)));
            return null;
        }

        var node = JsonTemplateReader.Read(bytes, display, diagnostics);
        if (node is null)
        {
            return null;
        }

        if (Unwrap(node) is not MappingNode mapping)
        {
            diagnostics.Add(new Diagnostic(DiagnosticCodes.Structure, DiagnosticLevel.Error, "a Terraform plan is one JSON object", node.Span));
            return null;
        }

        var version = mapping["format_version"]?.Text;
        if (version is null || !(version.StartsWith("0.", StringComparison.Ordinal) || version.StartsWith("1.", StringComparison.Ordinal)))
        {
            diagnostics.Add(new Diagnostic(DiagnosticCodes.Structure, DiagnosticLevel.Error,
                $"the plan's format_version is {(version is null ? "missing" : "'" + version + "'")}; fitcheck reads Terraform's JSON plan format 0.x and 1.x", mapping.KeyNode("format_version")?.Span ?? mapping.Span));
            return null;
        }

        return mapping;
    }

    private static TerraformProject Empty(string display, List<Diagnostic> diagnostics) => new()
    {
        Directory = display,
        Files = [display],
        Resources = [],
        ModuleCalls = [],
        Diagnostics = diagnostics,
        Variables = new Dictionary<string, HclValue>(),
    };

    internal static TemplateNode Unwrap(TemplateNode node) => node is IntrinsicNode intrinsic
        ? new MappingNode([new KeyValuePair<ScalarNode, TemplateNode>(new ScalarNode(intrinsic.Name, true, intrinsic.Span), intrinsic.Argument)], intrinsic.Span)
        : node;

    /// <summary>A reference as the plan writes it: <c>aws_sqs_queue.orders.arn</c>, <c>data.x.y</c>, <c>aws_x.y["k"].arn</c>, <c>module.m.out</c>, <c>var.v</c>.</summary>
    [GeneratedRegex("""^(?<address>(?:data\.)?[A-Za-z_][A-Za-z0-9_-]*\.[A-Za-z_][A-Za-z0-9_-]*(?:\[[^\]]*\])?)(?:\.(?<attribute>[A-Za-z_][A-Za-z0-9_-]*))?""")]
    internal static partial Regex ResourceReference();

    /// <summary>The module path without instance keys (<c>module.a.module.b</c> for <c>module.a[0].module.b["k"]</c>).</summary>
    [GeneratedRegex("""\[[^\]]*\]""")]
    internal static partial Regex InstanceKey();

    internal static HclValue? Scalar(ScalarNode scalar)
    {
        if (scalar.IsQuoted)
        {
            return new HclString(scalar.Value) { Span = scalar.Span };
        }

        return scalar.Value switch
        {
            "null" => null,
            "true" => HclValue.True with { Span = scalar.Span },
            "false" => HclValue.False with { Span = scalar.Span },
            _ => double.TryParse(scalar.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
                ? new HclNumber(number) { Span = scalar.Span }
                : new HclString(scalar.Value) { Span = scalar.Span },
        };
    }
}
