using System.Globalization;
using System.Text;
using FitCheck.Model;
using FitCheck.Templates.Discovery;
using FitCheck.Templates.Reading;

namespace FitCheck.Templates.Dialects.Serverless;

/// <summary>Where a value that a variable stood for came from.</summary>
public enum VariableOrigin
{
    /// <summary><c>${self:...}</c>: another place of the service.</summary>
    Self,
    /// <summary><c>${opt:...}</c> or <c>${sls:stage}</c> from a CLI option (<c>--stage</c>, <c>--region</c>).</summary>
    Option,
    /// <summary>A literal fallback written in the variable (<c>${opt:stage, 'dev'}</c>).</summary>
    Fallback,
    /// <summary>The framework's own default (stage <c>dev</c>, region <c>us-east-1</c>).</summary>
    FrameworkDefault,
    /// <summary><c>${env:...}</c> from a value the user supplied (<c>--var</c> or an env file).</summary>
    Environment,
    /// <summary><c>${file(...)}</c>: another file of the service.</summary>
    File,
    /// <summary><c>${param:...}</c>: the <c>params</c> section or a CLI parameter.</summary>
    Parameter,
}

/// <summary>How a value written as a variable was resolved.</summary>
/// <param name="Expression">The text as written, such as <c>${opt:stage, 'dev'}</c>.</param>
/// <param name="WrittenAt">Where the variable is written: the value keeps this position.</param>
/// <param name="ValueAt">Where the value itself is written, when that is a place in a file.</param>
/// <param name="Detail">A readable account, such as <c>opt:stage not given; fallback 'dev'</c>.</param>
public sealed record VariableResolution(string Expression, VariableOrigin Origin, SourceSpan WrittenAt, SourceSpan? ValueAt, string Detail);

/// <summary>
/// Resolves the Serverless Framework's variables statically, as the framework's CLI would with the given
/// <see cref="ServerlessOptions"/>: <c>self</c>, <c>opt</c>, <c>sls</c>, <c>env</c> (supplied values only), <c>file</c>
/// (inside the scan root), <c>param</c> and <c>strToBool</c>, with fallbacks. Sources only known at deploy time
/// (<c>ssm</c>, <c>cf</c>, <c>s3</c>, <c>aws</c>, plugins' sources) become <see cref="UnknownNode"/>s. Cycles, depth, the
/// number of evaluations, string sizes and included files are bounded; every problem is a diagnostic, never an exception.
/// </summary>
internal sealed class VariableResolver
{
    /// <summary>Nested resolutions (containers and variables together) before a value counts as too deep.</summary>
    public const int MaxDepth = 512;

    /// <summary>Variables evaluated per service; real services have a few hundred.</summary>
    public const int MaxEvaluations = 100_000;

    /// <summary>Characters in one value built by interpolation.</summary>
    public const int MaxStringLength = 1_000_000;

    /// <summary>Files read through <c>${file(...)}</c> per service.</summary>
    public const int MaxFiles = 200;

    private static readonly HashSet<string> DeployTimeSources = new(StringComparer.Ordinal)
    {
        "ssm", "cf", "s3", "aws", "secretsmanager",
    };

    private readonly TemplateNode _root;
    private readonly ServerlessOptions _options;
    private readonly string? _serviceDirectory;
    private readonly string? _scanRoot;
    private readonly string _displayDirectory;
    private readonly List<Diagnostic> _diagnostics;
    private readonly Dictionary<TemplateNode, TemplateNode> _cache = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<TemplateNode> _inProgress = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, TemplateDocument?> _files = new(StringComparer.Ordinal);
    private int _depth;
    private int _evaluations;
    private bool _limitReported;

    /// <param name="root">The service's raw tree.</param>
    /// <param name="displayPath">The service file as shown to the user (included files are shown beside it).</param>
    /// <param name="serviceDirectory">The service's folder, for <c>${file(...)}</c>; null to read no file.</param>
    /// <param name="scanRoot">Files outside this folder are refused; null means the service folder.</param>
    public VariableResolver(TemplateNode root, ServerlessOptions options, string displayPath, string? serviceDirectory, string? scanRoot, List<Diagnostic> diagnostics)
    {
        _root = root;
        _options = options;
        _serviceDirectory = serviceDirectory is null ? null : Path.GetFullPath(serviceDirectory);
        _scanRoot = scanRoot is null ? _serviceDirectory : Path.GetFullPath(scanRoot);
        _displayDirectory = DirectoryOf(displayPath);
        _diagnostics = diagnostics;
    }

    /// <summary>How each value that was written as a variable was resolved, by the node that stands for the value.</summary>
    public Dictionary<TemplateNode, VariableResolution> Resolutions { get; } = new(ReferenceEqualityComparer.Instance);

    /// <summary>The stage the CLI would deploy: <c>--stage</c>, else <c>provider.stage</c>, else <c>dev</c>.</summary>
    public (string? Value, VariableOrigin Origin, SourceSpan? At) Stage => Effective(_options.Stage, "stage", ServerlessOptions.DefaultStage);

    /// <summary>The region the CLI would deploy to: <c>--region</c>, else <c>provider.region</c>, else <c>us-east-1</c>.</summary>
    public (string? Value, VariableOrigin Origin, SourceSpan? At) Region => Effective(_options.Region, "region", ServerlessOptions.DefaultRegion);

    /// <summary>Every variable under <paramref name="node"/> resolved; nodes without variables are returned as they are.</summary>
    public TemplateNode Resolve(TemplateNode node)
    {
        if (_cache.TryGetValue(node, out var done))
        {
            return done;
        }

        if (node is UnknownNode)
        {
            return node;
        }

        if (!_inProgress.Add(node))
        {
            return Unknown(node, "the value refers to itself (a cycle of variables)", warn: true);
        }

        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        if (++_depth > MaxDepth)
        {
            _depth--;
            _inProgress.Remove(node);
            return LimitReached(node, $"variables nest deeper than {MaxDepth} levels");
        }

        TemplateNode result;
        try
        {
            result = node switch
            {
                ScalarNode scalar => ResolveScalar(scalar),
                MappingNode mapping => ResolveMapping(mapping),
                SequenceNode sequence => ResolveSequence(sequence),
                IntrinsicNode intrinsic => Resolve(intrinsic.Argument) is var argument && ReferenceEquals(argument, intrinsic.Argument)
                    ? intrinsic
                    : new IntrinsicNode(intrinsic.Name, argument, intrinsic.Span),
                _ => node,
            };
        }
        finally
        {
            _depth--;
            _inProgress.Remove(node);
        }

        _cache[node] = result;
        _cache.TryAdd(result, result);
        return result;
    }

    private MappingNode ResolveMapping(MappingNode mapping)
    {
        var changed = false;
        var entries = new List<KeyValuePair<ScalarNode, TemplateNode>>(mapping.Entries.Count);
        List<KeyValuePair<ScalarNode, TemplateNode>>? merged = null;
        foreach (var (key, value) in mapping.Entries)
        {
            var resolved = Resolve(value);
            if (key.Value == "<<" && !key.IsQuoted)
            {
                // YAML merge keys (as the framework's YAML reader supports): the merged entries come first, written keys win.
                merged ??= [];
                foreach (var source in resolved is SequenceNode list ? list.Items : [resolved])
                {
                    if (source is MappingNode m)
                    {
                        merged.AddRange(m.Pairs);
                    }
                }

                changed = true;
                continue;
            }

            changed |= !ReferenceEquals(resolved, value);
            entries.Add(new KeyValuePair<ScalarNode, TemplateNode>(key, resolved));
        }

        if (!changed)
        {
            return mapping;
        }

        if (merged is { Count: > 0 })
        {
            var written = new HashSet<string>(entries.Select(e => e.Key.Value), StringComparer.Ordinal);
            entries.InsertRange(0, merged.Where(e => !written.Contains(e.Key.Value)));
        }

        return new MappingNode(entries, mapping.Span);
    }

    private SequenceNode ResolveSequence(SequenceNode sequence)
    {
        TemplateNode[]? items = null;
        for (var i = 0; i < sequence.Items.Count; i++)
        {
            var resolved = Resolve(sequence.Items[i]);
            if (!ReferenceEquals(resolved, sequence.Items[i]))
            {
                items ??= [.. sequence.Items];
                items[i] = resolved;
            }
        }

        return items is null ? sequence : new SequenceNode(items, sequence.Span);
    }

    private TemplateNode ResolveScalar(ScalarNode scalar)
    {
        if (!VariableSyntax.MayHoldVariable(scalar.Value))
        {
            return scalar;
        }

        IReadOnlyList<VariablePart> parts;
        try
        {
            parts = VariableSyntax.Parse(scalar.Value);
        }
        catch (VariableSyntaxException ex)
        {
            return Unknown(scalar, "the variable is malformed: " + ex.Message, warn: true);
        }

        if (parts is [TextPart])
        {
            return scalar;
        }

        if (parts is [VariableReference only])
        {
            var value = Evaluate(only, scalar.Span);
            if (value.Node is UnknownNode unknown)
            {
                return new UnknownNode(scalar.Value, unknown.Reason, scalar.Span);
            }

            if (value.Node is ScalarNode text)
            {
                // The value keeps the position where the variable is written; where it came from is in Resolutions.
                var placed = new ScalarNode(text.Value, text.IsQuoted, scalar.Span);
                Resolutions[placed] = new VariableResolution(scalar.Value, value.Origin, scalar.Span, value.At, value.Detail);
                return placed;
            }

            // A mapping or list keeps its own positions: that is where each of its values is written.
            Resolutions.TryAdd(value.Node!, new VariableResolution(scalar.Value, value.Origin, scalar.Span, value.At, value.Detail));
            return value.Node!;
        }

        var builder = new StringBuilder();
        Evaluated? first = null;
        var details = new List<string>();
        foreach (var part in parts)
        {
            if (part is TextPart t)
            {
                builder.Append(t.Text);
                continue;
            }

            var variable = (VariableReference)part;
            var value = Evaluate(variable, scalar.Span);
            switch (value.Node)
            {
                case UnknownNode unknown:
                    return new UnknownNode(scalar.Value, unknown.Reason, scalar.Span);
                case ScalarNode s:
                    builder.Append(s.Value);
                    first ??= value;
                    details.Add($"{variable.Written} = '{s.Value}' ({value.Detail})");
                    break;
                default:
                    return Unknown(scalar, $"{variable.Written} stands for a mapping or list, which cannot be part of a text", warn: true);
            }

            if (builder.Length > MaxStringLength)
            {
                return LimitReached(scalar, $"a value built from variables is longer than {MaxStringLength:N0} characters");
            }
        }

        var result = new ScalarNode(builder.ToString(), quoted: true, scalar.Span);
        Resolutions[result] = new VariableResolution(scalar.Value, first!.Origin, scalar.Span, first.At, string.Join("; ", details));
        return result;
    }

    /// <summary>The value of one variable: its first source that has a value, else unknown.</summary>
    private Evaluated Evaluate(VariableReference variable, SourceSpan at)
    {
        if (++_evaluations > MaxEvaluations)
        {
            return new Evaluated(LimitReached(new ScalarNode(variable.Written, true, at), $"more than {MaxEvaluations:N0} variables"), VariableOrigin.Self, null, "limit");
        }

        var misses = new List<string>();
        var fatal = false;
        for (var i = 0; i < variable.Sources.Count; i++)
        {
            var source = variable.Sources[i];
            if (source.IsLiteral)
            {
                if (source.Literal == "null" && !source.LiteralIsString)
                {
                    misses.Add("fallback null");
                    continue;
                }

                var detail = misses.Count == 0 ? $"literal {Quote(source.Literal!)}" : $"{string.Join("; ", misses)}; fallback {Quote(source.Literal!)}";
                return new Evaluated(new ScalarNode(source.Literal!, source.LiteralIsString, at), VariableOrigin.Fallback, at, detail);
            }

            var outcome = EvaluateSource(source, at);
            if (outcome.Node is not null)
            {
                return misses.Count == 0 ? outcome : outcome with { Detail = $"{string.Join("; ", misses)}; {outcome.Detail}" };
            }

            misses.Add(outcome.Detail);
            fatal |= outcome.Origin is VariableOrigin.Self or VariableOrigin.File;
        }

        var reason = string.Join("; ", misses);
        if (fatal)
        {
            _diagnostics.Add(new Diagnostic(DiagnosticCodes.Structure, DiagnosticLevel.Warning,
                $"{variable.Written} has no value ({reason}); the framework would stop here, fitcheck treats the value as unknown", at));
        }

        return new Evaluated(new UnknownNode(variable.Written, reason, at), VariableOrigin.Self, null, reason);
    }

    /// <summary>The value of one typed source; a null node means "no value here, try the fallback" with the reason in Detail.</summary>
    private Evaluated EvaluateSource(VariableSource source, SourceSpan at)
    {
        var type = source.Type!;
        string? address = null;
        if (source.Address is not null)
        {
            var text = EvaluateText(source.Address, at);
            if (text.Unknown is { } why)
            {
                return Deferred(type, why, at);
            }

            address = text.Value;
        }

        var parameters = new List<string>();
        foreach (var parameter in source.Parameters ?? [])
        {
            var text = EvaluateText(parameter, at);
            if (text.Unknown is { } why)
            {
                return Deferred(type, why, at);
            }

            parameters.Add(text.Value!);
        }

        switch (type)
        {
            case "self":
                return Self(address ?? "", at);
            case "opt":
                return Option(address, at);
            case "sls":
                return Sls(address, at);
            case "env":
                return address is not null && _options.Environment.TryGetValue(address, out var env)
                    ? new Evaluated(new ScalarNode(env, true, at), VariableOrigin.Environment, null, $"env:{address} supplied by the user")
                    : new Evaluated(null, VariableOrigin.Environment, null, $"env:{address} is not supplied (fitcheck never reads the environment; pass --var {address}=VALUE)");
            case "param":
                return Param(address, at);
            case "file":
                return File(parameters.Count > 0 ? parameters[0] : null, address, at);
            case "strToBool":
                return parameters.Count > 0 && parameters[0].Trim() is var p && p is "true" or "false" or "0" or "1"
                    ? new Evaluated(new ScalarNode(p is "true" or "1" ? "true" : "false", false, at), VariableOrigin.Self, null, $"strToBool({p})")
                    : new Evaluated(new UnknownNode($"strToBool({string.Join(',', parameters)})", "strToBool of a value that is not true, false, 0 or 1", at), VariableOrigin.Self, null, "strToBool");
            default:
                return Deferred(type, null, at);
        }
    }

    private static Evaluated Deferred(string type, string? why, SourceSpan at)
    {
        var reason = why ?? (DeployTimeSources.Contains(type)
            ? $"${{{type}:...}} is read from AWS at deploy time"
            : $"${{{type}:...}} is a source fitcheck does not resolve (a plugin's or the dashboard's)");
        return new Evaluated(new UnknownNode("${" + type + ":...}", reason, at), VariableOrigin.Self, null, reason);
    }

    private Evaluated Option(string? address, SourceSpan at)
    {
        var value = address switch
        {
            "stage" => _options.Stage,
            "region" => _options.Region,
            null => null,
            _ => _options.CliOptions.GetValueOrDefault(address),
        };

        return value is null
            ? new Evaluated(null, VariableOrigin.Option, null, $"opt:{address} not given")
            : new Evaluated(new ScalarNode(value, true, at), VariableOrigin.Option, null, $"--{address} {value}");
    }

    private Evaluated Sls(string? address, SourceSpan at)
    {
        if (address == "stage")
        {
            var (value, origin, valueAt) = Stage;
            return value is null
                ? new Evaluated(new UnknownNode("${sls:stage}", "provider.stage is only known at deploy time", at), origin, null, "sls:stage unknown")
                : new Evaluated(new ScalarNode(value, true, at), origin, valueAt, origin == VariableOrigin.FrameworkDefault ? $"sls:stage defaults to '{value}'" : $"sls:stage = '{value}'");
        }

        return new Evaluated(new UnknownNode($"${{sls:{address}}}", $"sls:{address} is only known when the framework runs", at), VariableOrigin.Self, null, $"sls:{address}");
    }

    private Evaluated Param(string? address, SourceSpan at)
    {
        if (address is null)
        {
            return new Evaluated(null, VariableOrigin.Parameter, null, "param without a name");
        }

        if (_options.Parameters.TryGetValue(address, out var given))
        {
            return new Evaluated(new ScalarNode(given, true, at), VariableOrigin.Parameter, null, $"--param {address}={given}");
        }

        var stage = Stage.Value;
        // params.<stage>, then params.default (v3); stages.<stage>.params, then stages.default.params (v4).
        string[] places = stage is null
            ? ["params.default", "stages.default.params"]
            : [$"params.{stage}", "params.default", $"stages.{stage}.params", "stages.default.params"];
        foreach (var place in places)
        {
            if (Navigate(_root, [.. place.Split('.'), address]) is { } node and not UnknownNode)
            {
                var value = Resolve(node);
                if (value is not ScalarNode { IsNull: true })
                {
                    return new Evaluated(value, VariableOrigin.Parameter, node.Span, $"param:{address} from {place}");
                }
            }
        }

        return new Evaluated(null, VariableOrigin.Parameter, null, $"param:{address} is not in params nor given with --param");
    }

    private Evaluated Self(string address, SourceSpan at)
    {
        var keys = address.Length == 0 ? [] : address.Split('.');
        var node = Navigate(_root, keys);
        if (node is null)
        {
            // The framework fills provider.stage and provider.region; a reference to them means the effective value.
            if (address is "provider.stage" or "provider.region")
            {
                var (value, origin, valueAt) = address == "provider.stage" ? Stage : Region;
                if (value is not null)
                {
                    return new Evaluated(new ScalarNode(value, true, at), origin, valueAt, $"self:{address} = '{value}'");
                }
            }

            return new Evaluated(null, VariableOrigin.Self, null, $"self:{address} is not in the service");
        }

        var resolved = Resolve(node);
        if (resolved is UnknownNode)
        {
            return new Evaluated(resolved, VariableOrigin.Self, node.Span, $"self:{address} unknown");
        }

        if (resolved is ScalarNode { IsNull: true })
        {
            return new Evaluated(null, VariableOrigin.Self, node.Span, $"self:{address} is empty");
        }

        // A chain (self → opt with fallback) reports where the value finally came from.
        return Resolutions.TryGetValue(resolved, out var inner)
            ? new Evaluated(resolved, inner.Origin, inner.ValueAt ?? node.Span, $"self:{address} → {inner.Detail}")
            : new Evaluated(resolved, VariableOrigin.Self, node.Span, $"self:{address} (line {node.Span.Line})");
    }

    private Evaluated File(string? path, string? address, SourceSpan at)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            return new Evaluated(null, VariableOrigin.File, null, "file() without a path");
        }

        if (_serviceDirectory is null || _scanRoot is null)
        {
            return new Evaluated(new UnknownNode($"${{file({path})}}", "files are not read here", at), VariableOrigin.File, null, "files are not read");
        }

        string full;
        try
        {
            full = Path.GetFullPath(path, _serviceDirectory);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return new Evaluated(null, VariableOrigin.File, null, $"file({path}) is not a valid path");
        }

        var real = TemplateDiscovery.RealPath(full);
        var rootReal = TemplateDiscovery.RealPath(_scanRoot) ?? _scanRoot;
        if (real is null || !IsUnder(real, rootReal))
        {
            _diagnostics.Add(new Diagnostic(DiagnosticCodes.OutsideRoot, DiagnosticLevel.Warning,
                $"${{file({path})}} points outside the scanned folder; it is not read and the value is unknown", at));
            return new Evaluated(new UnknownNode($"${{file({path})}}", "the file is outside the scanned folder", at), VariableOrigin.File, null, "outside the scan root");
        }

        var extension = Path.GetExtension(full).ToLowerInvariant();
        if (extension is ".js" or ".ts" or ".mjs" or ".cjs")
        {
            return new Evaluated(new UnknownNode($"${{file({path})}}", $"{path} is code; fitcheck does not run it", at), VariableOrigin.File, null, "code is not run");
        }

        var display = Combine(_displayDirectory, Path.GetRelativePath(_serviceDirectory, full));
        var document = Load(full, display, extension, at);
        if (document is null)
        {
            return new Evaluated(null, VariableOrigin.File, null, $"file({path}) does not exist");
        }

        if (document.Root is null)
        {
            return new Evaluated(new UnknownNode($"${{file({path})}}", $"{path} could not be read", at), VariableOrigin.File, null, "unreadable file");
        }

        var node = address is null ? document.Root : Navigate(document.Root, address.Split('.'));
        if (node is null)
        {
            return new Evaluated(null, VariableOrigin.File, null, $"{address} is not in {path}");
        }

        var resolved = Resolve(node);
        return resolved is ScalarNode { IsNull: true }
            ? new Evaluated(null, VariableOrigin.File, node.Span, $"{address} is empty in {path}")
            : new Evaluated(resolved, VariableOrigin.File, node.Span, address is null ? $"file {display}" : $"{address} in {display}");
    }

    /// <summary>Reads a file for <c>${file(...)}</c> once; null when it does not exist.</summary>
    private TemplateDocument? Load(string full, string display, string extension, SourceSpan at)
    {
        if (_files.TryGetValue(full, out var known))
        {
            return known;
        }

        if (!System.IO.File.Exists(full))
        {
            _files[full] = null;
            return null;
        }

        if (_files.Count >= MaxFiles)
        {
            LimitReached(new ScalarNode(display, true, at), $"more than {MaxFiles} files included with ${{file(...)}}");
            return new TemplateDocument(display, "yaml", null, []);
        }

        TemplateDocument document;
        if (extension is ".yml" or ".yaml" or ".json" or ".tfstate")
        {
            document = TemplateReader.ReadFile(full, display);
            if (extension == ".tfstate" && document.Format != "json")
            {
                document = document with { Format = "json" };
            }
        }
        else
        {
            // Any other file is its text, as in the framework (a key, a certificate, a policy...).
            try
            {
                var info = new FileInfo(full);
                var content = info.Length > ReaderLimits.MaxFileBytes ? default : Files.UserFile.Read(full, ReaderLimits.MaxFileBytes, "file");
                document = info.Length > ReaderLimits.MaxFileBytes
                    ? new TemplateDocument(display, "text", null, [new Diagnostic(DiagnosticCodes.Limit, DiagnosticLevel.Warning, "the file is too large to include", SourceSpan.FileStart(display))])
                    : content.Bytes is { } bytes
                        ? new TemplateDocument(display, "text", new ScalarNode(System.Text.Encoding.UTF8.GetString(bytes), true, SourceSpan.FileStart(display)), [])
                        // Not a regular file (a named pipe, a device) or unreadable: said, never read.
                        : new TemplateDocument(display, "text", null, [new Diagnostic(content.Code, DiagnosticLevel.Warning, content.Error ?? "cannot read the file", SourceSpan.FileStart(display))]);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.SecurityException)
            {
                document = new TemplateDocument(display, "text", null, [new Diagnostic(DiagnosticCodes.Unreadable, DiagnosticLevel.Warning, "cannot read the file: " + ex.Message, SourceSpan.FileStart(display))]);
            }
        }

        foreach (var diagnostic in document.Diagnostics)
        {
            // A broken included file does not stop the service: its errors are warnings, and its values unknown.
            _diagnostics.Add(diagnostic.Level == DiagnosticLevel.Error ? diagnostic with { Level = DiagnosticLevel.Warning } : diagnostic);
        }

        if (document.Failed && document.Root is not null)
        {
            document = document with { Root = null };
        }

        _files[full] = document;
        return document;
    }

    /// <summary>
    /// Follows a dotted path from <paramref name="start"/>. A step that is itself a variable is resolved on the way, but
    /// siblings are not, so <c>${self:provider.stage}</c> inside <c>provider</c> is no cycle.
    /// </summary>
    private TemplateNode? Navigate(TemplateNode start, IReadOnlyList<string> keys)
    {
        var node = start;
        foreach (var key in keys)
        {
            node = Shallow(node);
            node = node switch
            {
                MappingNode m => Child(m, key),
                SequenceNode s when int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < s.Items.Count => s.Items[index],
                UnknownNode => node,
                _ => null,
            };

            if (node is null or UnknownNode)
            {
                return node;
            }
        }

        return node;
    }

    private TemplateNode? Child(MappingNode mapping, string key)
    {
        if (mapping[key] is { } direct)
        {
            return direct;
        }

        if (mapping["<<"] is { } merge)
        {
            foreach (var source in Shallow(merge) is SequenceNode list ? list.Items : [Shallow(merge)])
            {
                if (Shallow(source) is MappingNode m && Child(m, key) is { } found)
                {
                    return found;
                }
            }
        }

        return null;
    }

    private TemplateNode Shallow(TemplateNode node) =>
        node is ScalarNode s && VariableSyntax.MayHoldVariable(s.Value) ? Resolve(s) : node;

    /// <summary>Evaluates an address or parameter that may itself hold variables (<c>custom.${sls:stage}</c>).</summary>
    private (string? Value, string? Unknown) EvaluateText(IReadOnlyList<VariablePart> parts, SourceSpan at)
    {
        if (parts is [TextPart only])
        {
            return (only.Text, null);
        }

        var builder = new StringBuilder();
        foreach (var part in parts)
        {
            if (part is TextPart t)
            {
                builder.Append(t.Text);
                continue;
            }

            var value = Evaluate((VariableReference)part, at);
            switch (value.Node)
            {
                case ScalarNode s:
                    builder.Append(s.Value);
                    break;
                case UnknownNode u:
                    return (null, u.Reason);
                default:
                    return (null, $"{((VariableReference)part).Written} is not a single value");
            }
        }

        return (builder.ToString(), null);
    }

    private (string? Value, VariableOrigin Origin, SourceSpan? At) Effective(string? option, string key, string fallback)
    {
        if (option is not null)
        {
            return (option, VariableOrigin.Option, null);
        }

        if (Navigate(_root, ["provider", key]) is { } written)
        {
            // provider.stage: ${opt:stage, 'dev'} is the common form; resolving it must not come back here.
            var value = Resolve(written);
            return value switch
            {
                ScalarNode { IsNull: false } s => (s.Value, Resolutions.TryGetValue(value, out var r) ? r.Origin : VariableOrigin.Self, written.Span),
                UnknownNode => (null, VariableOrigin.Self, written.Span),
                _ => (fallback, VariableOrigin.FrameworkDefault, null),
            };
        }

        return (fallback, VariableOrigin.FrameworkDefault, null);
    }

    private UnknownNode Unknown(TemplateNode node, string reason, bool warn)
    {
        if (warn)
        {
            _diagnostics.Add(new Diagnostic(DiagnosticCodes.Structure, DiagnosticLevel.Warning, $"{reason}; the value is unknown", node.Span));
        }

        return new UnknownNode(node.Text ?? "(value)", reason, node.Span);
    }

    private UnknownNode LimitReached(TemplateNode node, string what)
    {
        if (!_limitReported)
        {
            _limitReported = true;
            _diagnostics.Add(new Diagnostic(DiagnosticCodes.Limit, DiagnosticLevel.Warning,
                $"{what}; fitcheck stops resolving there and treats the values as unknown", node.Span));
        }

        return new UnknownNode(node.Text ?? "(value)", what, node.Span);
    }

    private static bool IsUnder(string path, string root)
    {
        var comparison = OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        var trimmed = Path.TrimEndingDirectorySeparator(root);
        return path.Equals(trimmed, comparison)
            || path.StartsWith(trimmed + Path.DirectorySeparatorChar, comparison)
            || (trimmed.Length > 0 && trimmed[^1] == Path.DirectorySeparatorChar && path.StartsWith(trimmed, comparison));
    }

    private static string DirectoryOf(string displayPath)
    {
        var slash = displayPath.LastIndexOfAny(['/', '\\']);
        return slash < 0 ? "" : displayPath[..slash];
    }

    private static string Combine(string directory, string relative)
    {
        relative = relative.Replace('\\', '/');
        return directory.Length == 0 ? relative : directory + "/" + relative;
    }

    private static string Quote(string literal) => "'" + literal + "'";

    /// <summary>A source's value (null: none, try the next source), where it came from, and a readable account.</summary>
    private sealed record Evaluated(TemplateNode? Node, VariableOrigin Origin, SourceSpan? At, string Detail);
}
