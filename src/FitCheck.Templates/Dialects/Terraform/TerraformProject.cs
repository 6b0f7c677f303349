using FitCheck.Model;
using FitCheck.Templates.Dialects.Terraform.Hcl;

namespace FitCheck.Templates.Dialects.Terraform;

/// <summary>
/// A root module read and evaluated statically: every resource and data source instance of it and of the modules it
/// calls, with its Terraform address, its configuration evaluated (unknown where Terraform would know only after apply),
/// and the references it makes.
/// </summary>
public sealed class TerraformProject
{
    /// <summary>The root module's folder, as the user sees it (relative to the scan root).</summary>
    public required string Directory { get; init; }

    /// <summary>The configuration files read (root and local modules), as the user sees them.</summary>
    public required IReadOnlyList<string> Files { get; init; }

    public required IReadOnlyList<TerraformResource> Resources { get; init; }

    public required IReadOnlyList<TerraformModuleCall> ModuleCalls { get; init; }

    /// <summary>Syntax errors, limits, unreadable files, constructs fitcheck does not evaluate: each with file and line.</summary>
    public required IReadOnlyList<Diagnostic> Diagnostics { get; init; }

    /// <summary>The root module's variables with the values they got (default, tfvars, or unknown).</summary>
    public required IReadOnlyDictionary<string, HclValue> Variables { get; init; }

    public IEnumerable<TerraformResource> Managed => Resources.Where(r => !r.IsData);

    public TerraformResource? Find(string address) => Resources.FirstOrDefault(r => r.Address == address);
}

/// <summary>One instance of a <c>resource</c> or <c>data</c> block.</summary>
public sealed class TerraformResource
{
    /// <summary>The full address: <c>aws_sqs_queue.orders</c>, <c>module.api.aws_lambda_function.this[0]</c>, <c>data.aws_iam_policy_document.p</c>, <c>aws_x.y["k"]</c>.</summary>
    public required string Address { get; init; }

    /// <summary>The address without the instance key (<c>aws_x.y</c> for <c>aws_x.y[0]</c>).</summary>
    public required string BlockAddress { get; init; }

    public required string Type { get; init; }

    public required string Name { get; init; }

    public required bool IsData { get; init; }

    /// <summary>The module path (<c>module.api</c>), empty at the root.</summary>
    public required string Module { get; init; }

    /// <summary>The <c>count.index</c> (number) or <c>each.key</c> (string) of this instance; null for a single instance.</summary>
    public HclValue? InstanceKey { get; init; }

    /// <summary>True when <c>count</c> or <c>for_each</c> could not be evaluated: this one instance stands for all of them.</summary>
    public bool ExpansionUnknown { get; init; }

    public required HclBlock Block { get; init; }

    /// <summary>The evaluated configuration: attributes, and nested blocks as lists of maps. Null attributes are left out, as Terraform treats them as unset.</summary>
    public required HclMap Values { get; init; }

    /// <summary>Every reference the configuration makes (including <c>depends_on</c>), each with its position.</summary>
    public required IReadOnlyList<HclReference> References { get; init; }

    public SourceSpan Span => Block.Span;

    /// <summary>The attribute's value, or null when it is not set.</summary>
    public HclValue? this[string attribute] => Values[attribute];

    public override string ToString() => Address;
}

/// <summary>How the content of a called module was found.</summary>
public enum ModuleSourceKind
{
    /// <summary>A local path (<c>./modules/x</c>): read and evaluated with its inputs bound.</summary>
    Local,

    /// <summary>Downloaded by <c>terraform init</c>, found through <c>.terraform/modules/modules.json</c>: read like a local one.</summary>
    Installed,

    /// <summary>A registry, git or other remote source that is not on disk: its content is not read.</summary>
    Remote,
}

/// <summary>A <c>module</c> block instance.</summary>
public sealed class TerraformModuleCall
{
    /// <summary><c>module.api</c>, <c>module.parent.module.child</c>, <c>module.x[0]</c>.</summary>
    public required string Address { get; init; }

    public required string Name { get; init; }

    public required string Source { get; init; }

    public string? Version { get; init; }

    public required ModuleSourceKind Kind { get; init; }

    public required HclBlock Block { get; init; }

    /// <summary>The inputs given to the module, evaluated in the caller.</summary>
    public required HclMap Inputs { get; init; }

    /// <summary>Why the content is not modelled, for a module that is not read.</summary>
    public string? Note { get; init; }
}
