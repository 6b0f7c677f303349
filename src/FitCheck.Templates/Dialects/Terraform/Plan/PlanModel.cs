using FitCheck.Model;
using FitCheck.Templates.Dialects.Terraform.Hcl;
using FitCheck.Templates.Reading;

namespace FitCheck.Templates.Dialects.Terraform.Plan;

/// <summary>One plan document turned into resources: its planned values, what is unknown until apply, the configuration's
/// references, and (when the <c>.tf</c> files are beside it) their positions.</summary>
internal sealed class PlanModel(MappingNode document, string display, List<Diagnostic> diagnostics)
{
    /// <summary>Module calls followed through inputs and outputs deeper than this are not followed.</summary>
    private const int MaxResolveDepth = 32;

    /// <summary>The configuration of each module, by path without instance keys ("" for the root, <c>module.a.module.b</c>).</summary>
    private readonly Dictionary<string, MappingNode> _modules = new(StringComparer.Ordinal);

    /// <summary>Each planned resource instance object (address, type, name, values), by address.</summary>
    private readonly Dictionary<string, (MappingNode Node, string Module)> _planned = new(StringComparer.Ordinal);

    private readonly List<string> _order = [];

    /// <summary><c>change.after_unknown</c> of each resource change, by address.</summary>
    private readonly Dictionary<string, TemplateNode> _unknown = new(StringComparer.Ordinal);

    public TerraformProject Build(string planFull, string scanRoot, IReadOnlyList<VariableArgument>? commandLine)
    {
        IndexConfiguration(Node(document["configuration"], "root_module"), "", 0);
        IndexChanges();
        var values = Node(document["planned_values"], "root_module") ?? Node(document["values"], "root_module");
        if (values is null)
        {
            diagnostics.Add(new Diagnostic(DiagnosticCodes.Structure, DiagnosticLevel.Error,
                "the plan has no planned_values.root_module (nor a state's values.root_module); nothing to assess", document.Span));
        }

        Collect(values, "", 0);
        Collect(Node(Node(document["prior_state"], "values"), "root_module"), "", 0, dataOnly: true);

        var variables = new Dictionary<string, HclValue>(StringComparer.Ordinal);
        if (document["variables"] is MappingNode given)
        {
            foreach (var (name, entry) in given.Entries)
            {
                if (Unwrap(entry)["value"] is { } value && Convert(value) is { } converted)
                {
                    variables[name.Value] = converted;
                }
            }
        }

        var folder = Path.GetDirectoryName(planFull)!;
        var beside = TerraformLoader.IsModuleFolder(folder) ? TerraformLoader.Load(folder, new TerraformLoadOptions(scanRoot, commandLine) { Given = variables }) : null;
        var resources = new List<TerraformResource>();
        foreach (var address in _order)
        {
            resources.Add(Resource(address, beside));
        }

        if (beside is not null)
        {
            var have = resources.Select(r => r.Address).ToHashSet(StringComparer.Ordinal);
            resources.AddRange(beside.Resources.Where(r => r.IsData && !have.Contains(r.Address)));
        }

        return new TerraformProject
        {
            Directory = display,
            Files = beside is null ? [display] : [display, .. beside.Files],
            Resources = resources,
            ModuleCalls = beside?.ModuleCalls ?? [],
            Diagnostics = beside is null ? diagnostics : [.. diagnostics, .. beside.Diagnostics],
            Variables = beside?.Variables ?? variables,
        };
    }

    private static MappingNode? Node(TemplateNode? node, string key) => node is null ? null : Unwrap(node)[key] is { } child && Unwrap(child) is MappingNode m ? m : null;

    private static TemplateNode Unwrap(TemplateNode node) => TerraformPlanReader.Unwrap(node);

    // ---------------------------------------------------------------- indexing

    private void IndexConfiguration(MappingNode? module, string path, int depth)
    {
        if (module is null || depth > TerraformLoader.MaxModuleDepth)
        {
            return;
        }

        _modules[path] = module;
        if (module["module_calls"] is MappingNode calls)
        {
            foreach (var (name, call) in calls.Entries)
            {
                IndexConfiguration(Node(call, "module"), Child(path, name.Value), depth + 1);
            }
        }
    }

    private void IndexChanges()
    {
        if (document["resource_changes"] is not SequenceNode changes)
        {
            return;
        }

        foreach (var change in changes.Items.Select(Unwrap).OfType<MappingNode>())
        {
            if (change["address"]?.Text is { } address && Node(change, "change") is { } c && c["after_unknown"] is { } unknown)
            {
                _unknown[address] = Unwrap(unknown);
            }
        }
    }

    private void Collect(MappingNode? module, string path, int depth, bool dataOnly = false)
    {
        if (module is null || depth > TerraformLoader.MaxModuleDepth)
        {
            return;
        }

        if (module["resources"] is SequenceNode resources)
        {
            foreach (var resource in resources.Items.Select(Unwrap).OfType<MappingNode>())
            {
                if (resource["address"]?.Text is not { } address || resource["type"]?.Text is null || resource["name"]?.Text is null)
                {
                    diagnostics.Add(new Diagnostic(DiagnosticCodes.Structure, DiagnosticLevel.Warning, "a planned resource without address, type or name; ignored", resource.Span));
                    continue;
                }

                if ((dataOnly && resource["mode"]?.Text != "data") || _planned.ContainsKey(address))
                {
                    continue;
                }

                _planned[address] = (resource, path);
                _order.Add(address);
            }
        }

        if (module["child_modules"] is SequenceNode children)
        {
            foreach (var child in children.Items.Select(Unwrap).OfType<MappingNode>())
            {
                if (child["address"]?.Text is { } address)
                {
                    Collect(child, address, depth + 1, dataOnly);
                }
            }
        }
    }

    private static string Child(string path, string name) => path.Length == 0 ? "module." + name : path + ".module." + name;

    private static string ConfigPath(string instancePath) => TerraformPlanReader.InstanceKey().Replace(instancePath, "");

    // ---------------------------------------------------------------- resources

    private TerraformResource Resource(string address, TerraformProject? beside)
    {
        var (node, module) = _planned[address];
        var type = node["type"]!.Text!;
        var name = node["name"]!.Text!;
        var isData = node["mode"]?.Text == "data";
        var local = (isData ? "data." : "") + type + "." + name;
        var blockAddress = (module.Length > 0 ? module + "." : "") + local;
        var config = ConfigResource(ConfigPath(module), local);
        var expressions = config?["expressions"] is { } e ? Unwrap(e) : null;
        var context = new Context(ConfigPath(module), module);

        var planned = Values(node["values"] is { } v ? Unwrap(v) as MappingNode : null, _unknown.GetValueOrDefault(address), expressions, context, [], node.Span) as HclMap
            ?? new HclMap(new SortedDictionary<string, HclValue>(StringComparer.Ordinal));
        planned = Redrive(WithoutSentinels(type, planned));
        var references = new List<HclReference>();
        if (expressions is not null)
        {
            AllReferences(expressions, context, references, 0);
        }

        if (config?["depends_on"] is SequenceNode dependsOn)
        {
            foreach (var item in dependsOn.Items.OfType<ScalarNode>())
            {
                references.AddRange(Resolve(item.Value, context, item.Span, 0));
            }
        }

        var match = beside?.Find(address) ?? beside?.Resources.FirstOrDefault(r => r.BlockAddress == blockAddress);
        HclBlock block;
        HclMap values;
        if (match is not null)
        {
            block = match.Block;
            values = (HclMap)Merge(planned, match.Values, block.TypeSpan)!;
        }
        else if (beside is not null && OutermostCall(beside, module) is { } call)
        {
            // A resource of a module the .tf files do not hold (a registry module): the module block stands for it.
            block = call.Block;
            values = (HclMap)Respan(planned, call.Block.TypeSpan);
        }
        else
        {
            block = PlanBlock(node, isData, type, name);
            values = planned;
        }

        var index = node["index"] is ScalarNode key ? TerraformPlanReader.Scalar(key) : null;
        return new TerraformResource
        {
            Address = address,
            BlockAddress = blockAddress,
            Type = type,
            Name = name,
            IsData = isData,
            Module = module,
            InstanceKey = index,
            Block = block,
            Values = values,
            References = Dedupe(match is null ? references : [.. match.References, .. references]),
        };
    }

    /// <summary>Values the AWS provider plans for an attribute left unset, meaning "none" (<c>-1</c> reserved concurrency
    /// is the unreserved pool), which the CloudFormation twin would read as set.</summary>
    private static readonly Dictionary<(string Type, string Attribute), double> Sentinels = new()
    {
        [("aws_lambda_function", "reserved_concurrent_executions")] = -1,
    };

    private static HclMap WithoutSentinels(string type, HclMap values)
    {
        var drop = values.Entries.Where(e => e.Value is HclNumber n && Sentinels.TryGetValue((type, e.Key), out var sentinel) && n.Value.Equals(sentinel)).Select(e => e.Key).ToList();
        if (drop.Count == 0)
        {
            return values;
        }

        return values with { Entries = new SortedDictionary<string, HclValue>(values.Entries.Where(e => !drop.Contains(e.Key)).ToDictionary(), StringComparer.Ordinal) };
    }

    /// <summary>A redrive policy known only after apply that references one queue's ARN names that queue as its
    /// dead-letter target (the one thing a redrive policy references); its receive count stays unknown.</summary>
    private static HclMap Redrive(HclMap values)
    {
        if (values["redrive_policy"] is not HclUnknown { Structure: null } unknown
            || unknown.References.Where(r => r.Attribute == "arn" && r.Address.Contains("aws_sqs_queue.", StringComparison.Ordinal)).ToList() is not [var queue])
        {
            return values;
        }

        var span = unknown.Span;
        var structure = HclMap.From([
            new("deadLetterTargetArn", HclUnknown.Of([queue], span)),
            new("maxReceiveCount", HclUnknown.Of([], span, "known after apply")),
        ]) with { Span = span };
        var entries = new SortedDictionary<string, HclValue>(values.Entries.ToDictionary(), StringComparer.Ordinal) { ["redrive_policy"] = unknown with { Structure = structure } };
        return values with { Entries = entries };
    }

    private static TerraformModuleCall? OutermostCall(TerraformProject beside, string module)
    {
        if (module.Length == 0)
        {
            return null;
        }

        var end = module.IndexOf(".module.", StringComparison.Ordinal);
        var outer = end < 0 ? module : module[..end];
        return beside.ModuleCalls.FirstOrDefault(c => c.Address == outer) ?? beside.ModuleCalls.FirstOrDefault(c => c.Address == ConfigPath(outer));
    }

    private static HclBlock PlanBlock(MappingNode node, bool isData, string type, string name)
    {
        var typeSpan = node["type"]!.Span;
        var nameSpan = node["name"]!.Span;
        var addressSpan = node["address"]!.Span;
        return new HclBlock(isData ? "data" : "resource", [new HclLabel(type, typeSpan), new HclLabel(name, nameSpan)],
            new HclBody([], [], node.Span), addressSpan, node.Span);
    }

    private MappingNode? ConfigResource(string module, string local)
    {
        if (!_modules.TryGetValue(module, out var config) || config["resources"] is not SequenceNode resources)
        {
            return null;
        }

        return resources.Items.Select(Unwrap).OfType<MappingNode>().FirstOrDefault(r => r["address"]?.Text == local);
    }

    // ---------------------------------------------------------------- values

    /// <summary>Where an expression sits: the module path of the configuration (no instance keys) and of the instance.</summary>
    private sealed record Context(string ConfigModule, string InstanceModule);

    private static bool IsExpression(TemplateNode? node) =>
        node is MappingNode m && (m["references"] is SequenceNode || (m.ContainsKey("constant_value") && m.Count <= 2));

    /// <summary>A planned value with what is unknown until apply: an unknown that the configuration sets carries the
    /// references of its expression; one the configuration does not set is computed by the provider and left out, as
    /// are nulls and empty strings, lists and maps (unset to the CloudFormation twins).</summary>
    private HclValue? Values(TemplateNode? planned, TemplateNode? unknown, TemplateNode? config, Context context, IReadOnlyList<HclReference> inherited, SourceSpan span)
    {
        var configured = config is not null || inherited.Count > 0;
        if (IsExpression(config))
        {
            var refs = new List<HclReference>();
            if (config!["references"] is SequenceNode list)
            {
                foreach (var item in list.Items.OfType<ScalarNode>())
                {
                    refs.AddRange(Resolve(item.Value, context, config.Span, 0));
                }
            }

            inherited = HclValue.Merge(inherited, Dedupe(refs));
            config = null;
        }

        unknown = unknown is null ? null : Unwrap(unknown);
        planned = planned is null ? null : Unwrap(planned);
        if (planned is null or ScalarNode { IsQuoted: false, Value: "null" })
        {
            return configured && unknown is not null and not ScalarNode { Value: "false" }
                ? HclUnknown.Of(inherited, planned?.Span ?? config?.Span ?? unknown.Span)
                : null;
        }

        switch (planned)
        {
            case MappingNode map:
                var entries = new SortedDictionary<string, HclValue>(StringComparer.Ordinal);
                var keySpans = new Dictionary<string, SourceSpan>(StringComparer.Ordinal);
                foreach (var (key, value) in map.Entries)
                {
                    if (Values(value, unknown?[key.Value], config?[key.Value], context, inherited, key.Span) is { } converted && !IsEmpty(converted))
                    {
                        entries[key.Value] = converted;
                        keySpans[key.Value] = key.Span;
                    }
                }

                if (unknown is MappingNode unknowns)
                {
                    foreach (var (key, flag) in unknowns.Entries)
                    {
                        if (!entries.ContainsKey(key.Value) && !map.ContainsKey(key.Value)
                            && Values(null, flag, config?[key.Value], context, inherited, key.Span) is { } pending)
                        {
                            entries[key.Value] = pending;
                            keySpans[key.Value] = (config as MappingNode)?.KeyNode(key.Value)?.Span ?? key.Span;
                        }
                    }
                }

                return new HclMap(entries) { Span = map.Span, KeySpans = keySpans };
            case SequenceNode sequence:
                var items = new List<HclValue>();
                for (var i = 0; i < sequence.Items.Count; i++)
                {
                    var itemUnknown = unknown is SequenceNode u && i < u.Items.Count ? u.Items[i] : null;
                    var itemConfig = config is SequenceNode c && i < c.Items.Count ? c.Items[i] : null;
                    if (Values(sequence.Items[i], itemUnknown, itemConfig, context, inherited, sequence.Items[i].Span) is { } item)
                    {
                        items.Add(item);
                    }
                }

                return new HclList(items) { Span = sequence.Span };
            case ScalarNode scalar:
                return TerraformPlanReader.Scalar(scalar) is { } known ? Attach(known, inherited) : null;
            default:
                return null;
        }
    }

    private static bool IsEmpty(HclValue value) => value switch
    {
        HclString { Value.Length: 0 } => true,
        HclList { Items.Count: 0 } => true,
        HclMap { Entries.Count: 0 } => true,
        _ => false,
    };

    /// <summary>The references of a known value: those whose target's planned attribute is this very value (a bare
    /// reference); a value that only contains one (<c>"${aws_s3_bucket.b.arn}/*"</c>) stays plain text.</summary>
    private HclValue Attach(HclValue value, IReadOnlyList<HclReference> references)
    {
        if (references.Count == 0 || value is not HclString text)
        {
            return value;
        }

        var matching = references.Where(r => r.Attribute is not null && _planned.TryGetValue(r.Address, out var target)
            && Unwrap(target.Node)["values"] is MappingNode values && values[r.Attribute] is ScalarNode { IsQuoted: true } s && s.Value == text.Value).ToList();
        return matching.Count == 0 ? value : value.WithReferences(matching);
    }

    private static HclValue? Convert(TemplateNode node)
    {
        node = Unwrap(node);
        return node switch
        {
            ScalarNode s => TerraformPlanReader.Scalar(s),
            SequenceNode l => new HclList([.. l.Items.Select(Convert).OfType<HclValue>()]) { Span = l.Span },
            MappingNode m => new HclMap(new SortedDictionary<string, HclValue>(m.Entries.Where(e => Convert(e.Value) is not null).ToDictionary(e => e.Key.Value, e => Convert(e.Value)!), StringComparer.Ordinal))
            {
                Span = m.Span,
                KeySpans = m.Entries.ToDictionary(e => e.Key.Value, e => e.Key.Span),
            },
            _ => null,
        };
    }

    // ---------------------------------------------------------------- references

    private void AllReferences(TemplateNode node, Context context, List<HclReference> into, int depth)
    {
        if (depth > 64)
        {
            return;
        }

        node = Unwrap(node);
        if (IsExpression(node))
        {
            if (node["references"] is SequenceNode list)
            {
                foreach (var item in list.Items.OfType<ScalarNode>())
                {
                    into.AddRange(Resolve(item.Value, context, item.Span, 0));
                }
            }

            return;
        }

        var children = node switch
        {
            MappingNode m => m.Entries.Select(e => e.Value),
            SequenceNode s => s.Items,
            _ => [],
        };
        foreach (var child in children)
        {
            AllReferences(child, context, into, depth + 1);
        }
    }

    /// <summary>The resources a reference reaches: a resource or data source of the module, or through a module's
    /// output or a module's input variable, the expression the configuration gives there.</summary>
    private List<HclReference> Resolve(string text, Context context, SourceSpan span, int depth)
    {
        if (depth > MaxResolveDepth)
        {
            return [];
        }

        var dot = text.IndexOf('.', StringComparison.Ordinal);
        var head = dot < 0 ? text : text[..dot];
        switch (head)
        {
            case "local" or "each" or "count" or "path" or "terraform" or "self":
                return [];
            case "var":
                return InputVariable(text[(dot + 1)..], context, span, depth);
            case "module":
                return ModuleOutput(text[(dot + 1)..], context, span, depth);
        }

        var match = TerraformPlanReader.ResourceReference().Match(text);
        if (!match.Success)
        {
            return [];
        }

        var prefix = context.InstanceModule.Length > 0 ? context.InstanceModule + "." : "";
        var attribute = match.Groups["attribute"].Success ? match.Groups["attribute"].Value : null;
        return [new HclReference(prefix + match.Groups["address"].Value, attribute, span)];
    }

    private List<HclReference> InputVariable(string rest, Context context, SourceSpan span, int depth)
    {
        var name = rest.Split('.', '[')[0];
        if (context.ConfigModule.Length == 0)
        {
            return [];
        }

        var last = context.ConfigModule.LastIndexOf("module.", StringComparison.Ordinal);
        var callName = context.ConfigModule[(last + "module.".Length)..];
        var parentConfig = last == 0 ? "" : context.ConfigModule[..(last - 1)];
        var instanceLast = context.InstanceModule.LastIndexOf(".module.", StringComparison.Ordinal);
        var parentInstance = instanceLast < 0 ? "" : context.InstanceModule[..instanceLast];
        if (!_modules.TryGetValue(parentConfig, out var parent) || Node(Node(parent, "module_calls"), callName) is not { } call
            || Node(call, "expressions") is not { } expressions || Node(expressions, name) is not { } expression || expression["references"] is not SequenceNode list)
        {
            return [];
        }

        var parentContext = new Context(parentConfig, parentInstance);
        return list.Items.OfType<ScalarNode>().SelectMany(r => Resolve(r.Value, parentContext, span, depth + 1)).ToList();
    }

    private List<HclReference> ModuleOutput(string rest, Context context, SourceSpan span, int depth)
    {
        var end = rest.IndexOfAny(['.', '[']);
        var name = end < 0 ? rest : rest[..end];
        var after = end < 0 ? "" : rest[end..];
        var key = "";
        if (after.StartsWith('['))
        {
            var close = after.IndexOf(']', StringComparison.Ordinal);
            key = close < 0 ? "" : after[..(close + 1)];
            after = close < 0 ? "" : after[(close + 1)..];
        }

        if (!after.StartsWith('.'))
        {
            return []; // the module as a whole: its outputs are referenced one by one where used
        }

        var output = after[1..].Split('.', '[')[0];
        var childConfig = Child(context.ConfigModule, name);
        var childInstance = Child(context.InstanceModule, name) + key;
        if (!_modules.TryGetValue(childConfig, out var child) || Node(Node(child, "outputs"), output) is not { } declared
            || Node(declared, "expression") is not { } expression || expression["references"] is not SequenceNode list)
        {
            return [];
        }

        var childContext = new Context(childConfig, childInstance);
        return list.Items.OfType<ScalarNode>().SelectMany(r => Resolve(r.Value, childContext, span, depth + 1)).ToList();
    }

    /// <summary>One reference per address, the one naming an attribute when there is one (the plan lists both
    /// <c>aws_x.y.arn</c> and <c>aws_x.y</c>).</summary>
    private static List<HclReference> Dedupe(IEnumerable<HclReference> references)
    {
        var all = references.ToList();
        var withAttribute = all.Where(r => r.Attribute is not null).Select(r => r.Address).ToHashSet(StringComparer.Ordinal);
        var result = new List<HclReference>();
        var seen = new HashSet<(string, string?)>();
        foreach (var r in all)
        {
            if ((r.Attribute is null && withAttribute.Contains(r.Address)) || !seen.Add((r.Address, r.Attribute)))
            {
                continue;
            }

            result.Add(r);
        }

        return result;
    }

    // ---------------------------------------------------------------- with the .tf files beside the plan

    /// <summary>The planned value at the position the <c>.tf</c> files give it: where the static reading holds a value
    /// it keeps its spans and references (and, for a document built by <c>jsonencode</c> or a template only partly known
    /// statically, its structure); a value only the plan holds (a provider default) points at the resource's block.</summary>
    private static HclValue? Merge(HclValue? planned, HclValue? declared, SourceSpan block)
    {
        if (planned is null)
        {
            return null;
        }

        if (declared is null)
        {
            return Respan(planned, block);
        }

        switch (planned, declared)
        {
            case (HclUnknown, HclUnknown):
                return declared;
            case (HclUnknown, _):
                return planned.At(declared.Span ?? block).WithReferences(declared.AllReferences().ToList());
            case (HclMap p, HclMap d):
                var entries = new SortedDictionary<string, HclValue>(StringComparer.Ordinal);
                var keySpans = new Dictionary<string, SourceSpan>(StringComparer.Ordinal);
                foreach (var (key, value) in p.Entries)
                {
                    var keySpan = d.KeySpans?.GetValueOrDefault(key) ?? d[key]?.Span ?? block;
                    if (Merge(value, d[key], keySpan) is { } merged)
                    {
                        entries[key] = merged;
                        keySpans[key] = keySpan;
                    }
                }

                return new HclMap(entries) { Span = d.Span ?? block, KeySpans = keySpans, References = d.References };
            case (HclList p, HclList d) when p.Items.Count == d.Items.Count:
                return new HclList([.. p.Items.Select((item, i) => Merge(item, d.Items[i], d.Items[i].Span ?? d.Span ?? block)!)]) { Span = d.Span ?? block, References = d.References };
            case (HclList p, HclList { Items.Count: 1 } d) when d.Items[0] is HclMap:
                // A dynamic block: its instances point at the one block that makes them.
                return new HclList([.. p.Items.Select(item => Merge(item, d.Items[0], d.Items[0].Span ?? block)!)]) { Span = d.Span ?? block, References = d.References };
            case (HclString, HclUnknown { Structure: not null } or HclUnknown { PartialText: not null } or HclString { Structure: not null }):
                return declared;
            case (HclString p, HclString d) when p.Value == d.Value:
                return declared;
            case (HclNumber p, HclNumber d) when p.Value.Equals(d.Value):
                return declared;
            case (HclBool p, HclBool d) when p.Value == d.Value:
                return declared;
            default:
                return Respan(planned, declared.Span ?? block).WithReferences(declared.AllReferences().ToList());
        }
    }

    private static HclValue Respan(HclValue value, SourceSpan span) => value switch
    {
        HclMap m => m with
        {
            Span = span,
            Entries = new SortedDictionary<string, HclValue>(m.Entries.ToDictionary(e => e.Key, e => Respan(e.Value, span)), StringComparer.Ordinal),
            KeySpans = m.Entries.ToDictionary(e => e.Key, _ => span),
        },
        HclList l => l with { Span = span, Items = [.. l.Items.Select(i => Respan(i, span))] },
        _ => value.At(span),
    };
}
