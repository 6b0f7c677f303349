using FitCheck.Model;
using FitCheck.Templates.Discovery;

namespace FitCheck.Templates.Dialects;

/// <summary>
/// An input format (CloudFormation/SAM, Terraform, Serverless Framework): it recognises its inputs among the discovered
/// files and maps each into the one dialect-neutral model (<see cref="Architecture"/>).
/// </summary>
/// <remarks>
/// The scanner asks the registered dialects in order (<see cref="DialectRegistry.All"/>). Each <see cref="Claim"/>s
/// units among the files no earlier dialect claimed; a unit may be one file (a CloudFormation template) or a group (all
/// <c>.tf</c> files of a Terraform root module with its tfvars and local modules; <c>serverless.yml</c> and the files it
/// references), and a claimed file is never handed to another dialect. Files no dialect claims are skipped (verbose
/// output says so). Units are then read and mapped in parallel with <see cref="Read"/>; one unit gives at most one
/// architecture, whose <see cref="TemplateInfo.Dialect"/> is <see cref="Id"/> and whose spans may point into any of its files.
/// Implementations are stateless and thread-safe; they never run, fetch or upload anything.
/// </remarks>
public interface IDialect
{
    /// <summary>The dialect's id, one of <see cref="DialectIds"/>; recorded on every <see cref="TemplateInfo"/> it builds.</summary>
    string Id { get; }

    /// <summary>The file extensions (with the dot, <c>.tf</c>) discovery lists while walking folders for this dialect.</summary>
    IReadOnlyList<string> Extensions { get; }

    /// <summary>
    /// Takes the units of input this dialect recognises among <paramref name="files"/> (sorted by display path, none
    /// claimed yet). Cheap: decide by name, folder and extension; read a file only when that cannot decide, and keep
    /// what was read in <see cref="InputUnit.State"/> so <see cref="Read"/> does not read it twice. Never throws for bad files.
    /// </summary>
    IReadOnlyList<InputUnit> Claim(IReadOnlyList<DiscoveredFile> files);

    /// <summary>
    /// Reads and maps one claimed unit. Problems with the input are diagnostics (with file and line), never exceptions;
    /// an exception that escapes becomes an error on the unit and the other units are still assessed.
    /// </summary>
    UnitResult Read(InputUnit unit, ReadOptions options);
}

/// <summary>
/// A dialect that can also read one document given as text, with no file behind it (standard input, <c>-</c> on the
/// command line). Asked in <see cref="DialectRegistry.All"/> order; the first that recognises the document reads it.
/// No other file is read for such a document (no local definitions, no <c>${file()}</c>, no modules).
/// </summary>
public interface ITextDialect : IDialect
{
    /// <summary>Reads <paramref name="document"/> when it is this dialect's input; null when it is not.</summary>
    UnitResult? ReadDocument(Reading.TemplateDocument document, ReadOptions options);
}

/// <summary>One unit of input a dialect claimed: one file, or a group of files read as one architecture.</summary>
/// <param name="Dialect">The dialect that claimed it and will read it.</param>
/// <param name="DisplayPath">What the unit is called in output: the file, the module folder, the main file.</param>
/// <param name="Files">Every file of the unit, the main one first; none of them is offered to another dialect.</param>
/// <param name="State">What the dialect learned while claiming (a parsed document...), for its own <see cref="IDialect.Read"/>.</param>
public sealed record InputUnit(IDialect Dialect, string DisplayPath, IReadOnlyList<DiscoveredFile> Files, object? State = null)
{
    /// <summary>The main file of the unit.</summary>
    public DiscoveredFile Main => Files[0];
}

/// <summary>What reading a unit gave.</summary>
/// <param name="Architecture">The model, or null when the unit could not be modelled or turned out not to be an input of the dialect.</param>
/// <param name="Diagnostics">Problems with the input (the architecture's own diagnostics when there is one).</param>
/// <param name="Skipped">Set when the unit turned out not to be an input after all (informational, for verbose output).</param>
public sealed record UnitResult(Architecture? Architecture, IReadOnlyList<Diagnostic> Diagnostics, Diagnostic? Skipped = null)
{
    public static UnitResult NotAnInput(Diagnostic why) => new(null, [], why);
}

/// <summary>What every dialect may need to read its units.</summary>
/// <param name="ScanRoot">Files outside this folder are never read (local definitions, modules, referenced files); null to read none.</param>
public sealed record ReadOptions(string? ScanRoot)
{
    /// <summary>The stage to read a service for (<c>--stage</c>); the framework's own choice when null.</summary>
    public string? Stage { get; init; }

    /// <summary>The region to read a service for (<c>--region</c>); the framework's own choice when null.</summary>
    public string? Region { get; init; }

    /// <summary>Environment values the user supplied (<c>--var NAME=value</c>, an env file); the process environment is never read.</summary>
    public IReadOnlyDictionary<string, string>? Variables { get; init; }

    /// <summary>Parameters the user supplied (<c>--param NAME=value</c>).</summary>
    public IReadOnlyDictionary<string, string>? Parameters { get; init; }

    /// <summary>Terraform's input variables from the command line (<c>--var NAME=VALUE</c>, <c>--var-file FILE</c>), in the
    /// order given: read after the root module's own tfvars, a later one winning, as <c>terraform plan</c> does.</summary>
    public IReadOnlyList<VariableArgument>? VariableArguments { get; init; }
}

/// <summary>One <c>--var NAME=VALUE</c> (<see cref="Name"/> and <see cref="Value"/> set) or <c>--var-file FILE</c>
/// (<see cref="File"/> set, a full path) given on the command line.</summary>
public sealed record VariableArgument(string? Name, string? Value, string? File)
{
    public static VariableArgument Pair(string name, string value) => new(name, value, null);

    public static VariableArgument VarFile(string fullPath) => new(null, null, fullPath);
}
