using FitCheck.Model;
using FitCheck.Templates.Dialects.Terraform.Evaluation;
using FitCheck.Templates.Dialects.Terraform.Hcl;

namespace FitCheck.Templates.Dialects.Terraform;

/// <summary>
/// One instance of a module (the root, or a <c>module</c> block instance): its variables bound, its locals, resources
/// and outputs evaluated lazily and once, so a reference evaluates only what it needs and a cycle becomes an unknown value
/// instead of a hang.
/// </summary>
internal sealed class ModuleInstance : IEvaluationHost
{
    private static readonly HashSet<string> ResourceMeta = new(StringComparer.Ordinal) { "count", "for_each", "provider", "depends_on", "lifecycle", "provisioner", "connection" };
    private static readonly HashSet<string> ModuleMeta = new(StringComparer.Ordinal) { "source", "version", "count", "for_each", "providers", "depends_on" };

    private readonly TerraformLoader.LoadSession _session;
    private readonly IReadOnlyDictionary<string, HclValue>? _rootValues;
    private readonly Func<string, HclValue?>? _input;
    private readonly IReadOnlyList<string> _ancestors;
    private readonly HclEvaluator _evaluator;
    private readonly Dictionary<string, HclValue> _variables = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HclValue> _locals = new(StringComparer.Ordinal);
    private readonly HashSet<string> _localsInProgress = new(StringComparer.Ordinal);
    private readonly Dictionary<ResourceDeclaration, List<TerraformResource>> _instances = [];
    private readonly HashSet<ResourceDeclaration> _instancesInProgress = [];
    private readonly Dictionary<HclBlock, List<ChildModule>> _children = [];
    private readonly HashSet<HclBlock> _childrenInProgress = [];
    private readonly Dictionary<string, HclValue> _outputs = new(StringComparer.Ordinal);
    private readonly HashSet<string> _outputsInProgress = new(StringComparer.Ordinal);

    public ModuleInstance(TerraformLoader.LoadSession session, ParsedModule module, string prefix, string keyPath, IReadOnlyDictionary<string, HclValue>? rootValues, Func<string, HclValue?>? input, int depth, IReadOnlyList<string> ancestors)
    {
        _session = session;
        Module = module;
        Prefix = prefix;
        KeyPath = keyPath;
        _rootValues = rootValues;
        _input = input;
        Depth = depth;
        _ancestors = ancestors;
        _evaluator = new HclEvaluator(this);
    }

    public ParsedModule Module { get; }

    /// <summary>The address prefix of everything in this instance: empty at the root, <c>module.api.</c> below.</summary>
    public string Prefix { get; }

    /// <summary>The module names from the root (<c>a.b</c>), as <c>modules.json</c> keys them.</summary>
    public string KeyPath { get; }

    public int Depth { get; }

    public EvaluationBudget Budget => _session.Budget;

    public HclEvaluator Evaluator => _evaluator;

    public void Report(string code, DiagnosticLevel level, string message, SourceSpan span) => _session.Report(code, level, message, span);

    public string? ReadFile(string path, SourceSpan span, out string displayPath) => _session.ReadConfigurationFile(path, span, out displayPath);

    public HclValue? Resolve(string name, SourceSpan span)
    {
        switch (name)
        {
            case "var":
                return new HclNamespace(Prefix + "var", (n, s) => Variable(n, s));
            case "local":
                return new HclNamespace(Prefix + "local", (n, s) => Local(n, s));
            case "path":
                var module = Path.GetRelativePath(_session.RootDirectory, Module.Directory).Replace('\\', '/');
                return HclMap.From([new("module", new HclString(module)), new("root", new HclString(".")), new("cwd", new HclString("."))]);
            case "terraform":
                return HclMap.From([new("workspace", new HclString("default"))]);
            case "data":
                return new HclNamespace(Prefix + "data", (type, _) => new HclNamespace(Prefix + "data." + type, (n, s) => ResourceValue(true, type, n, s)));
            case "module":
                return new HclNamespace(Prefix + "module", (n, s) => ModuleValue(n, s));
            case "self":
                return HclUnknown.Of([], span, "self is known only to provisioners");
            case "count" or "each":
                return null;
            default:
                return new HclNamespace(Prefix + name, (n, s) => ResourceValue(false, name, n, s));
        }
    }

    // ---------------------------------------------------------------- variables, locals, outputs

    private HclValue Variable(string name, SourceSpan span)
    {
        if (_variables.TryGetValue(name, out var known))
        {
            return known;
        }

        HclValue value;
        if (!Module.Variables.TryGetValue(name, out var block))
        {
            Report(DiagnosticCodes.Structure, DiagnosticLevel.Warning, $"var.{name} is not declared in this module; its value stays unknown", span);
            value = HclUnknown.Of([new HclReference(Prefix + "var." + name, null, span)], span, "not declared");
        }
        else
        {
            var given = _rootValues is not null
                ? (_rootValues.TryGetValue(name, out var v) ? v : null)
                : _input?.Invoke(name);
            if (given is not null and not HclNull)
            {
                value = given;
            }
            else if (block.Body.Attribute("default") is { } defaultAttribute)
            {
                value = _evaluator.EvaluateSafely(defaultAttribute.Expression, Scope.Empty);
            }
            else
            {
                value = given ?? HclUnknown.Of([new HclReference(Prefix + "var." + name, null, block.Labels[0].Span)], block.Labels[0].Span, "no value given");
            }
        }

        _variables[name] = value;
        return value;
    }

    public Dictionary<string, HclValue> RootVariables()
    {
        var values = new Dictionary<string, HclValue>(StringComparer.Ordinal);
        foreach (var (name, block) in Module.Variables)
        {
            values[name] = Variable(name, block.Labels[0].Span);
        }

        return values;
    }

    private HclValue Local(string name, SourceSpan span)
    {
        if (_locals.TryGetValue(name, out var known))
        {
            return known;
        }

        if (!Module.Locals.TryGetValue(name, out var attribute))
        {
            Report(DiagnosticCodes.Structure, DiagnosticLevel.Warning, $"local.{name} is not defined in this module; its value stays unknown", span);
            return HclUnknown.Of([], span, "not defined");
        }

        if (!_localsInProgress.Add(name))
        {
            Report(DiagnosticCodes.Structure, DiagnosticLevel.Warning, $"local.{name} refers to itself; its value stays unknown", attribute.NameSpan);
            return HclUnknown.Of([], span, "cycle");
        }

        var value = _evaluator.EvaluateSafely(attribute.Expression, Scope.Empty);
        _localsInProgress.Remove(name);
        _locals[name] = value;
        return value;
    }

    public HclValue Output(string name, SourceSpan span)
    {
        if (_outputs.TryGetValue(name, out var known))
        {
            return known;
        }

        var address = Prefix.TrimEnd('.');
        if (!Module.Outputs.TryGetValue(name, out var block) || block.Body.Attribute("value") is not { } attribute)
        {
            Report(DiagnosticCodes.Structure, DiagnosticLevel.Warning, $"{address} has no output \"{name}\"; its value stays unknown", span);
            return HclUnknown.Of([new HclReference(address, name, span)], span);
        }

        if (!_outputsInProgress.Add(name))
        {
            return HclUnknown.Of([new HclReference(address, name, span)], span, "cycle");
        }

        var value = Sanitize(_evaluator.EvaluateSafely(attribute.Expression, Scope.Empty));
        _outputsInProgress.Remove(name);
        _outputs[name] = value;
        return value;
    }

    // ---------------------------------------------------------------- resources

    private HclValue? ResourceValue(bool isData, string type, string name, SourceSpan span)
    {
        var declaration = Module.Resource(isData, type, name);
        var address = Prefix + (isData ? $"data.{type}.{name}" : $"{type}.{name}");
        if (declaration is null)
        {
            Report(DiagnosticCodes.Structure, DiagnosticLevel.Warning, $"{address} is not declared in this module; references to it stay unknown", span);
            return null;
        }

        if (_instancesInProgress.Contains(declaration))
        {
            return HclUnknown.Of([new HclReference(address, null, span)], span, "cycle");
        }

        var instances = Instances(declaration);
        var body = declaration.Block.Body;
        if (instances is [{ ExpansionUnknown: true }])
        {
            return HclUnknown.Of([new HclReference(address, null, span)], span, "count or for_each is not known");
        }

        if (body.Attribute("count") is not null)
        {
            return new HclList([.. instances.Select(i => Open(i))]);
        }

        if (body.Attribute("for_each") is not null)
        {
            return HclMap.From(instances.Select(i => new KeyValuePair<string, HclValue>(HclEvaluator.ToText(i.InstanceKey!, span), Open(i))));
        }

        return instances.Count == 1 ? Open(instances[0]) : HclUnknown.Of([new HclReference(address, null, span)], span);
    }

    private static HclMap Open(TerraformResource resource) => resource.Values with { OpenAddress = resource.Address };

    public List<TerraformResource> Instances(ResourceDeclaration declaration)
    {
        if (_instances.TryGetValue(declaration, out var known))
        {
            return known;
        }

        _instancesInProgress.Add(declaration);
        var result = new List<TerraformResource>();
        var blockAddress = Prefix + declaration.Address;
        foreach (var (key, scope, address, unknown, expansionReferences) in Expand(declaration.Block.Body, blockAddress))
        {
            var values = EvaluateBody(declaration.Block.Body, scope, ResourceMeta) with { Span = declaration.Block.Span };
            if (declaration.IsData)
            {
                values = DataSources.Augment(declaration.Type, values, address, this, scope, declaration.Block);
            }

            var references = new List<HclReference>();
            AddDistinct(references, expansionReferences);
            AddDistinct(references, values.AllReferences());
            if (declaration.Block.Body.Attribute("depends_on") is { } dependsOn)
            {
                AddDistinct(references, HclEvaluator.References(dependsOn.Expression, scope).Select(r => r with { Address = Prefix + r.Address }));
            }

            result.Add(new TerraformResource
            {
                Address = address,
                BlockAddress = blockAddress,
                Type = declaration.Type,
                Name = declaration.Name,
                IsData = declaration.IsData,
                Module = Prefix.TrimEnd('.'),
                InstanceKey = key,
                ExpansionUnknown = unknown,
                Block = declaration.Block,
                Values = values,
                References = references,
            });
        }

        _instancesInProgress.Remove(declaration);
        _instances[declaration] = result;
        return result;
    }

    private static void AddDistinct(List<HclReference> into, IEnumerable<HclReference> more)
    {
        foreach (var r in more)
        {
            if (!into.Contains(r))
            {
                into.Add(r);
            }
        }
    }

    /// <summary>The instances <c>count</c> or <c>for_each</c> make: key, scope (<c>count.index</c>, <c>each</c>), address, and whether the expansion is unknown.</summary>
    private List<(HclValue? Key, Scope Scope, string Address, bool Unknown, IReadOnlyList<HclReference> References)> Expand(HclBody body, string address)
    {
        if (body.Attribute("count") is { } count)
        {
            var value = _evaluator.EvaluateSafely(count.Expression, Scope.Empty);
            if (value is HclNumber n && n.Value >= 0 && n.Value == Math.Floor(n.Value))
            {
                if (n.Value > TerraformLoader.MaxInstances)
                {
                    Report(DiagnosticCodes.Limit, DiagnosticLevel.Warning, $"count = {n} is more instances than fitcheck expands ({TerraformLoader.MaxInstances}); one instance stands for all", count.NameSpan);
                }
                else
                {
                    return [.. Enumerable.Range(0, (int)n.Value).Select(i =>
                        ((HclValue?)new HclNumber(i), Scope.Empty.With("count", HclMap.From([new("index", new HclNumber(i))])), $"{address}[{i}]", false, value.References))];
                }
            }
            else if (value is not HclUnknown)
            {
                Report(DiagnosticCodes.Structure, DiagnosticLevel.Warning, $"count must be a whole number, not {value.TypeName}; one instance stands for all", count.NameSpan);
            }

            var unknownIndex = HclUnknown.Of(value.References, count.Expression.Span);
            return [(null, Scope.Empty.With("count", HclMap.From([new("index", unknownIndex)])), address, true, [.. value.AllReferences()])];
        }

        if (body.Attribute("for_each") is { } forEach)
        {
            var value = _evaluator.EvaluateSafely(forEach.Expression, Scope.Empty);
            var pairs = value switch
            {
                HclMap { OpenAddress: null } m when m.IsWhollyKnownKeys() => m.Entries.Select(e => (e.Key, e.Value)).ToList(),
                HclList l when l.Items.All(i => i is HclString) => l.Items.Select(i => (((HclString)i).Value, i)).ToList(),
                _ => null,
            };
            if (pairs is not null && pairs.Count <= TerraformLoader.MaxInstances)
            {
                return [.. pairs.Select(p =>
                    ((HclValue?)new HclString(p.Item1), Scope.Empty.With("each", HclMap.From([new("key", new HclString(p.Item1)), new("value", p.Item2)])), $"{address}[\"{p.Item1}\"]", false, (IReadOnlyList<HclReference>)[.. value.References]))];
            }

            if (pairs is not null)
            {
                Report(DiagnosticCodes.Limit, DiagnosticLevel.Warning, $"for_each makes {pairs.Count} instances, more than fitcheck expands ({TerraformLoader.MaxInstances}); one instance stands for all", forEach.NameSpan);
            }
            else if (value is not HclUnknown and not HclList and not HclMap)
            {
                Report(DiagnosticCodes.Structure, DiagnosticLevel.Warning, $"for_each must be a map or a set of strings, not {value.TypeName}; one instance stands for all", forEach.NameSpan);
            }

            var references = value.AllReferences().ToList();
            var each = HclMap.From([new("key", HclUnknown.Of(references, forEach.Expression.Span)), new("value", HclUnknown.Of(references, forEach.Expression.Span))]);
            return [(null, Scope.Empty.With("each", each), address, true, references)];
        }

        return [(null, Scope.Empty, address, false, [])];
    }

    /// <summary>Evaluates a body: attributes (null ones left out, as unset) and nested blocks as lists of maps, <c>dynamic</c> blocks expanded.</summary>
    public HclMap EvaluateBody(HclBody body, Scope scope, IReadOnlySet<string>? skip)
    {
        var entries = new SortedDictionary<string, HclValue>(StringComparer.Ordinal);
        var spans = new Dictionary<string, SourceSpan>(StringComparer.Ordinal);
        foreach (var attribute in body.Attributes)
        {
            if (skip?.Contains(attribute.Name) == true)
            {
                continue;
            }

            var value = Sanitize(_evaluator.EvaluateSafely(attribute.Expression, scope));
            if (value is HclNull)
            {
                continue;
            }

            entries[attribute.Name] = value.Span is null ? value.At(attribute.Expression.Span) : value;
            spans[attribute.Name] = attribute.NameSpan;
        }

        var blocks = new Dictionary<string, List<HclValue>>(StringComparer.Ordinal);
        foreach (var block in body.Blocks)
        {
            if (skip?.Contains(block.Type) == true)
            {
                continue;
            }

            if (block.Type == "dynamic" && block.Labels.Count == 1)
            {
                var name = block.Labels[0].Value;
                spans.TryAdd(name, block.TypeSpan);
                if (!blocks.TryGetValue(name, out var dynamicList))
                {
                    blocks[name] = dynamicList = [];
                }

                dynamicList.AddRange(Dynamic(block, scope));
                continue;
            }

            spans.TryAdd(block.Type, block.TypeSpan);
            if (!blocks.TryGetValue(block.Type, out var list))
            {
                blocks[block.Type] = list = [];
            }

            list.Add(EvaluateBody(block.Body, scope, null) with { Span = block.Span });
        }

        foreach (var (type, list) in blocks)
        {
            entries[type] = new HclList(list) { Span = list.Count > 0 ? list[0].Span : null };
        }

        return new HclMap(entries) { KeySpans = spans, Span = body.Span };
    }

    private List<HclValue> Dynamic(HclBlock block, Scope scope)
    {
        var name = block.Labels[0].Value;
        var iterator = block.Body.Attribute("iterator")?.Expression is HclVariable v ? v.Name : name;
        var content = block.Body.BlocksOfType("content").FirstOrDefault();
        if (block.Body.Attribute("for_each") is not { } forEach || content is null)
        {
            Report(DiagnosticCodes.Structure, DiagnosticLevel.Warning, $"dynamic \"{name}\" needs for_each and a content block; ignored", block.TypeSpan);
            return [];
        }

        var collection = _evaluator.EvaluateSafely(forEach.Expression, scope);
        if (collection is HclUnknown or HclNamespace || collection is HclMap { OpenAddress: not null })
        {
            // Blocks whose number is not known: one unknown stands for them, with the references they would use.
            return [HclUnknown.Of([.. collection.AllReferences()], block.Span, "dynamic block over an unknown collection")];
        }

        var result = new List<HclValue>();
        try
        {
            foreach (var (key, value) in HclEvaluator.Pairs(collection, forEach.Expression.Span))
            {
                var inner = scope.With(iterator, HclMap.From([new("key", key), new("value", value)]));
                result.Add(EvaluateBody(content.Body, inner, null) with { Span = content.Span });
            }
        }
        catch (EvaluationException ex)
        {
            Report(DiagnosticCodes.Structure, DiagnosticLevel.Warning, "cannot expand the dynamic block: " + ex.Message, ex.Span);
        }

        return result;
    }

    /// <summary>A namespace (a whole module, <c>var</c>) used as a value is unknown to the model, with its reference.</summary>
    private static HclValue Sanitize(HclValue value) => value is HclNamespace ns
        ? HclUnknown.Of([new HclReference(ns.Address, null, value.Span ?? SourceSpan.FileStart(""))], value.Span)
        : value;

    // ---------------------------------------------------------------- modules

    /// <summary>An instance of a module call: its address, the child instance when its content is read, and why not otherwise.</summary>
    internal sealed record ChildModule(string Address, string Name, string Source, ModuleSourceKind Kind, ModuleInstance? Instance, HclValue? Key, Scope Scope, string? Note, bool ExpansionUnknown);

    private HclValue? ModuleValue(string name, SourceSpan span)
    {
        var call = Module.ModuleCall(name);
        var address = Prefix + "module." + name;
        if (call is null)
        {
            Report(DiagnosticCodes.Structure, DiagnosticLevel.Warning, $"{address} is not declared in this module; references to it stay unknown", span);
            return null;
        }

        if (_childrenInProgress.Contains(call))
        {
            return HclUnknown.Of([new HclReference(address, null, span)], span, "cycle");
        }

        var children = Children(call);
        if (children is [{ ExpansionUnknown: true }])
        {
            return HclUnknown.Of([new HclReference(address, null, span)], span);
        }

        HclValue Outputs(ChildModule child) => new HclNamespace(child.Address, (output, s) =>
            child.Instance?.Output(output, s)
            ?? RegistryModules.Output(child.Source, child.Address, output, input => call.Body.Attribute(input) is { } a ? Sanitize(_evaluator.EvaluateSafely(a.Expression, child.Scope)) : null, s)
            ?? HclUnknown.Of([new HclReference(child.Address, output, s)], s, child.Note));

        if (call.Body.Attribute("count") is not null)
        {
            return new HclList([.. children.Select(Outputs)]);
        }

        if (call.Body.Attribute("for_each") is not null)
        {
            return HclMap.From(children.Select(c => new KeyValuePair<string, HclValue>(HclEvaluator.ToText(c.Key!, span), Outputs(c))));
        }

        return children.Count == 1 ? Outputs(children[0]) : null;
    }

    public List<ChildModule> Children(HclBlock call)
    {
        if (_children.TryGetValue(call, out var known))
        {
            return known;
        }

        _childrenInProgress.Add(call);
        var name = call.Labels[0].Value;
        var result = new List<ChildModule>();
        var sourceValue = call.Body.Attribute("source") is { } sourceAttribute ? _evaluator.EvaluateSafely(sourceAttribute.Expression, Scope.Empty) : null;
        var source = sourceValue is HclString s ? s.Value : "";
        if (sourceValue is not HclString)
        {
            Report(DiagnosticCodes.Structure, DiagnosticLevel.Warning, $"module \"{name}\" has no literal source; its content is not read", call.TypeSpan);
        }

        var keyPath = KeyPath.Length == 0 ? name : KeyPath + "." + name;
        var (kind, directory, note) = Locate(source, keyPath, call);
        foreach (var (key, scope, address, unknown, _) in Expand(call.Body, Prefix + "module." + name))
        {
            ModuleInstance? child = null;
            if (directory is not null)
            {
                var parsed = _session.Parse(directory);
                var childScope = scope;
                var inputs = new Dictionary<string, HclValue>(StringComparer.Ordinal);
                child = new ModuleInstance(_session, parsed, address + ".", keyPath, null, input =>
                {
                    if (inputs.TryGetValue(input, out var v))
                    {
                        return v;
                    }

                    var attribute = call.Body.Attribute(input);
                    v = attribute is null || ModuleMeta.Contains(input) ? HclValue.Null : Sanitize(_evaluator.EvaluateSafely(attribute.Expression, childScope));
                    inputs[input] = v;
                    return v;
                }, Depth + 1, [.. _ancestors, Module.Directory]);

                foreach (var attribute in call.Body.Attributes)
                {
                    if (!ModuleMeta.Contains(attribute.Name) && !parsed.Variables.ContainsKey(attribute.Name))
                    {
                        Report(DiagnosticCodes.Structure, DiagnosticLevel.Warning, $"module \"{name}\" declares no variable \"{attribute.Name}\"; the input is ignored", attribute.NameSpan);
                    }
                }
            }

            result.Add(new ChildModule(address, name, source, kind, child, key, scope, note, unknown));
        }

        _childrenInProgress.Remove(call);
        _children[call] = result;
        return result;
    }

    /// <summary>The inputs of a module call instance, evaluated in this (the calling) module.</summary>
    public HclMap Inputs(HclBlock call, Scope scope) => EvaluateBody(call.Body, scope, ModuleMeta);

    private (ModuleSourceKind Kind, string? Directory, string? Note) Locate(string source, string keyPath, HclBlock call)
    {
        var span = call.Body.Attribute("source")?.Expression.Span ?? call.TypeSpan;
        string? directory = null;
        var kind = ModuleSourceKind.Remote;
        if (source.StartsWith("./", StringComparison.Ordinal) || source.StartsWith("../", StringComparison.Ordinal))
        {
            kind = ModuleSourceKind.Local;
            directory = Path.GetFullPath(Path.Combine(Module.Directory, source));
        }
        else if (_session.InstalledModule(keyPath) is { } installed)
        {
            kind = ModuleSourceKind.Installed;
            directory = installed;
        }

        if (directory is null)
        {
            return (kind, null, source.Length == 0
                ? "the module's source is not known"
                : $"the module \"{source}\" is not on disk (no .terraform/modules/modules.json from terraform init): its content is not modelled");
        }

        if (!_session.IsInsideScanRoot(directory))
        {
            Report(DiagnosticCodes.OutsideRoot, DiagnosticLevel.Warning, $"the module \"{source}\" is outside the folder being assessed; fitcheck does not read it", span);
            return (kind, null, "outside the folder being assessed");
        }

        if (!System.IO.Directory.Exists(directory))
        {
            Report(DiagnosticCodes.Unreadable, DiagnosticLevel.Warning, $"the module folder \"{source}\" does not exist; its content is not modelled", span);
            return (kind, null, "the module folder does not exist");
        }

        if (Depth + 1 > TerraformLoader.MaxModuleDepth)
        {
            Report(DiagnosticCodes.Limit, DiagnosticLevel.Warning, $"modules nest deeper than {TerraformLoader.MaxModuleDepth} levels; \"{source}\" is not read", span);
            return (kind, null, "nested too deep");
        }

        if (directory == Module.Directory || _ancestors.Contains(directory))
        {
            Report(DiagnosticCodes.Structure, DiagnosticLevel.Warning, $"the module \"{source}\" calls itself; it is not read again", span);
            return (kind, null, "calls itself");
        }

        return (kind, directory, null);
    }
}

internal static class HclMapExtensions
{
    public static bool IsWhollyKnownKeys(this HclMap map) => map.OpenAddress is null;
}
