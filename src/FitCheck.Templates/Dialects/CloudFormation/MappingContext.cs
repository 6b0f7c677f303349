using System.Globalization;
using FitCheck.Model;
using FitCheck.Templates.Reading;

namespace FitCheck.Templates.Dialects.CloudFormation;

/// <summary>What the mappers share while building one architecture: the resources, the parameters, the origin of
/// values inherited from Globals, and reference resolution.</summary>
internal sealed class MappingContext
{
    private readonly HashSet<TemplateNode> _fromGlobals = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, Component> _byPhysicalName = new(StringComparer.Ordinal);

    public MappingContext(Architecture architecture, MappingNode root, string? baseDirectory, string? scanRoot)
    {
        Architecture = architecture;
        Root = root;
        BaseDirectory = baseDirectory;
        ScanRoot = scanRoot;
        Resources = root["Resources"] as MappingNode;
    }

    public Architecture Architecture { get; }
    public MappingNode Root { get; }
    public MappingNode? Resources { get; }
    public TemplateInfo Template => Architecture.Template;
    public string Path => Template.Path;

    /// <summary>The folder of the template file, for DefinitionUri and similar local files; null when read from text.</summary>
    public string? BaseDirectory { get; }

    /// <summary>Files outside this folder are never read.</summary>
    public string? ScanRoot { get; }

    /// <summary>Aliases and versions, resolved to the function they point at.</summary>
    public Dictionary<string, string> FunctionOfAlias { get; } = new(StringComparer.Ordinal);

    /// <summary>Event sources known only from a Lambda permission; dropped when the real wiring is found too.</summary>
    public HashSet<EventSource> PermissionEvents { get; } = new(ReferenceEqualityComparer.Instance);

    public void MarkFromGlobals(TemplateNode node) => _fromGlobals.Add(node);

    public void RegisterPhysicalName(Component component, string name)
    {
        component.PhysicalName ??= name;
        _byPhysicalName.TryAdd(name, component);
    }

    public Component? FindByPhysicalName(string name) => _byPhysicalName.GetValueOrDefault(name);

    public void Warn(string message, SourceSpan span) =>
        Architecture.Diagnostics.Add(new Diagnostic(DiagnosticCodes.Structure, DiagnosticLevel.Warning, message, span));

    // ---- values with origin ------------------------------------------------------------------------------------

    /// <summary>Origin of a node: from Globals when it was merged in from there, else explicit.</summary>
    public SettingOrigin OriginOf(TemplateNode node) => _fromGlobals.Contains(node) ? SettingOrigin.Globals : SettingOrigin.Explicit;

    /// <summary>The literal text a node stands for: a scalar, or a Ref to a parameter with a default. Null otherwise.</summary>
    public (string? Text, SettingOrigin Origin) Literal(TemplateNode? node)
    {
        switch (node)
        {
            case ScalarNode s:
                return (s.Value, OriginOf(s));
            case IntrinsicNode { Name: "Ref", Argument: ScalarNode name } when Template.Parameters.TryGetValue(name.Value, out var p):
                return p.Default is null ? (null, SettingOrigin.Unresolved) : (p.Default, SettingOrigin.ParameterDefault);
            case IntrinsicNode { Name: "Fn::Sub", Argument: ScalarNode sub } when !sub.Value.Contains("${", StringComparison.Ordinal):
                return (sub.Value, OriginOf(node));
            case null:
                return (null, SettingOrigin.ServiceDefault);
            default:
                return (null, SettingOrigin.Unresolved);
        }
    }

    /// <param name="property">The property's name, recorded on the setting (<see cref="Setting{T}.Property"/>).</param>
    public Setting<string> String(TemplateNode? node, string fallback, SourceSpan owner, string? property = null) =>
        ReadString(node, fallback, owner) with { Property = property };

    private Setting<string> ReadString(TemplateNode? node, string fallback, SourceSpan owner)
    {
        if (node is null)
        {
            return Setting.Default(fallback, owner);
        }

        var (text, origin) = Literal(node);
        return text is null ? Setting.Unresolved(fallback, node.Span) : new Setting<string>(text, origin, node.Span);
    }

    /// <param name="property">The property's name, recorded on the setting (<see cref="Setting{T}.Property"/>).</param>
    public Setting<string?> OptionalString(TemplateNode? node, SourceSpan owner, string? property = null) =>
        ReadOptionalString(node, owner) with { Property = property };

    private Setting<string?> ReadOptionalString(TemplateNode? node, SourceSpan owner)
    {
        if (node is null || node is ScalarNode { IsNull: true })
        {
            return new Setting<string?>(null, SettingOrigin.ServiceDefault, owner);
        }

        var (text, origin) = Literal(node);
        return text is null ? new Setting<string?>(null, SettingOrigin.Unresolved, node.Span) : new Setting<string?>(text, origin, node.Span);
    }

    /// <param name="property">The property's name, recorded on the setting (<see cref="Setting{T}.Property"/>).</param>
    public Setting<int> Int(TemplateNode? node, int fallback, SourceSpan owner, string? property = null) =>
        ReadInt(node, fallback, owner) with { Property = property };

    private Setting<int> ReadInt(TemplateNode? node, int fallback, SourceSpan owner)
    {
        if (node is null)
        {
            return Setting.Default(fallback, owner);
        }

        var (text, origin) = Literal(node);
        return text is not null && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? new Setting<int>(value, origin, node.Span)
            : Setting.Unresolved(fallback, node.Span);
    }

    /// <param name="property">The property's name, recorded on the setting (<see cref="Setting{T}.Property"/>).</param>
    public Setting<int?> OptionalInt(TemplateNode? node, SourceSpan owner, string? property = null) =>
        ReadOptionalInt(node, owner) with { Property = property };

    private Setting<int?> ReadOptionalInt(TemplateNode? node, SourceSpan owner)
    {
        if (node is null)
        {
            return new Setting<int?>(null, SettingOrigin.ServiceDefault, owner);
        }

        var (text, origin) = Literal(node);
        return text is not null && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? new Setting<int?>(value, origin, node.Span)
            : new Setting<int?>(null, SettingOrigin.Unresolved, node.Span);
    }

    /// <param name="property">The property's name, recorded on the setting (<see cref="Setting{T}.Property"/>).</param>
    public Setting<bool> Bool(TemplateNode? node, bool fallback, SourceSpan owner, string? property = null) =>
        ReadBool(node, fallback, owner) with { Property = property };

    private Setting<bool> ReadBool(TemplateNode? node, bool fallback, SourceSpan owner)
    {
        if (node is null)
        {
            return Setting.Default(fallback, owner);
        }

        var (text, origin) = Literal(node);
        return text?.ToLowerInvariant() switch
        {
            "true" => new Setting<bool>(true, origin, node.Span),
            "false" => new Setting<bool>(false, origin, node.Span),
            _ => Setting.Unresolved(fallback, node.Span),
        };
    }

    // ---- references --------------------------------------------------------------------------------------------

    /// <summary>Resolves a value that names a resource (Ref, GetAtt, Sub, Join, literal ARN or name) to a component.</summary>
    public ComponentRef Reference(TemplateNode node)
    {
        var origin = OriginOf(node);
        var target = ResolveTarget(node, depth: 0);
        if (target is not null)
        {
            return new ComponentRef(target, Render(node), origin == SettingOrigin.Globals ? origin : SettingOrigin.Explicit, node.Span);
        }

        var (text, literalOrigin) = Literal(node);
        if (text is not null)
        {
            var byName = MatchLiteral(text);
            return new ComponentRef(byName, text, literalOrigin, node.Span);
        }

        return new ComponentRef(null, Render(node), SettingOrigin.Unresolved, node.Span);
    }

    /// <summary>Resolves to a function, following aliases and versions.</summary>
    public Component? FunctionTarget(Component? component) =>
        component is not null && FunctionOfAlias.TryGetValue(component.LogicalId, out var fn) ? Architecture.Find(fn) ?? component : component;

    private Component? ResolveTarget(TemplateNode node, int depth)
    {
        if (depth > 8)
        {
            return null;
        }

        switch (node)
        {
            case IntrinsicNode { Name: "Ref", Argument: ScalarNode name }:
                return Architecture.Find(name.Value);
            case IntrinsicNode { Name: "Fn::GetAtt", Argument: SequenceNode { Items.Count: >= 1 } seq } when seq.Items[0] is ScalarNode id:
                return Architecture.Find(id.Value);
            case IntrinsicNode { Name: "Fn::GetAtt", Argument: ScalarNode dotted }:
                return Architecture.Find(dotted.Value.Split('.')[0]);
            case IntrinsicNode { Name: "Fn::Sub" } sub:
                return ResolveSub(sub, depth);
            case IntrinsicNode { Name: "Fn::Join", Argument: SequenceNode { Items.Count: 2 } join } when join.Items[1] is SequenceNode parts:
            {
                Component? found = null;
                foreach (var part in parts.Items)
                {
                    if (part is ScalarNode)
                    {
                        continue;
                    }

                    var t = ResolveTarget(part, depth + 1);
                    if (t is null)
                    {
                        continue;
                    }

                    if (found is not null && !ReferenceEquals(found, t))
                    {
                        return null;
                    }

                    found = t;
                }

                return found ?? MatchLiteral(JoinLiteral(join));
            }
            case ScalarNode s:
                return MatchLiteral(s.Value);
            default:
                return null;
        }
    }

    private Component? ResolveSub(IntrinsicNode sub, int depth)
    {
        string? format;
        MappingNode? variables = null;
        switch (sub.Argument)
        {
            case ScalarNode s:
                format = s.Value;
                break;
            case SequenceNode { Items.Count: >= 1 } seq when seq.Items[0] is ScalarNode s:
                format = s.Value;
                variables = seq.Items.Count > 1 ? seq.Items[1] as MappingNode : null;
                break;
            default:
                return null;
        }

        Component? found = null;
        // One builder per depth of nested Fn::Sub, kept for the template (a resolution inside this one uses the next).
        while (_subLiterals.Count <= depth)
        {
            _subLiterals.Add(new System.Text.StringBuilder());
        }

        var literal = _subLiterals[depth].Clear();
        var pos = 0;
        while (pos < format.Length)
        {
            var open = format.IndexOf("${", pos, StringComparison.Ordinal);
            if (open < 0)
            {
                literal.Append(format, pos, format.Length - pos);
                break;
            }

            literal.Append(format, pos, open - pos);
            var close = format.IndexOf('}', open);
            if (close < 0)
            {
                break;
            }

            var name = format[(open + 2)..close];
            pos = close + 1;
            if (name.StartsWith('!'))
            {
                literal.Append(name, 1, name.Length - 1);
                continue;
            }

            Component? t = null;
            if (variables?[name] is { } value)
            {
                t = ResolveTarget(value, depth + 1);
                if (t is null && Literal(value).Text is { } lit)
                {
                    literal.Append(lit);
                    continue;
                }
            }
            else
            {
                var id = name.IndexOf('.', StringComparison.Ordinal) is var dot and >= 0 ? name[..dot] : name;
                t = Architecture.Find(id);
                if (t is null && Template.Parameters.TryGetValue(id, out var p) && p.Default is not null)
                {
                    literal.Append(p.Default);
                    continue;
                }
            }

            if (t is null)
            {
                literal.Append('*');
                continue;
            }

            if (found is not null && !ReferenceEquals(found, t))
            {
                // Two different components in one string (for example an API and a function in an ARN): the last
                // one is the most specific part of an ARN path.
                found = t;
                continue;
            }

            found = t;
        }

        return found ?? MatchLiteral(literal.ToString());
    }

    private readonly List<System.Text.StringBuilder> _subLiterals = [];

    private static string JoinLiteral(SequenceNode join)
    {
        var separator = join.Items[0].Text ?? "";
        var parts = ((SequenceNode)join.Items[1]).Items.Select(p => p.Text ?? "*");
        return string.Join(separator, parts);
    }

    /// <summary>Matches a literal ARN, URL or name against the physical names of components in this template.</summary>
    public Component? MatchLiteral(string text)
    {
        if (text.Length == 0 || text.Contains('*', StringComparison.Ordinal) && !text.StartsWith("arn:", StringComparison.Ordinal))
        {
            return null;
        }

        if (_byPhysicalName.TryGetValue(text, out var direct))
        {
            return direct;
        }

        if (Arn.TryParse(text, out var arn))
        {
            return _byPhysicalName.GetValueOrDefault(arn.ResourceName);
        }

        // SQS queue URL: https://sqs.region.amazonaws.com/account/name
        if (text.StartsWith("https://sqs.", StringComparison.Ordinal))
        {
            return _byPhysicalName.GetValueOrDefault(text[(text.LastIndexOf('/') + 1)..]);
        }

        return null;
    }

    /// <summary>All components a node refers to, anywhere inside it (used for alarms, integrations, free-form blocks).</summary>
    public IEnumerable<Component> ReferencedComponents(TemplateNode? node)
    {
        var found = new List<Component>();
        CollectReferencedComponents(node, found);
        return found;
    }

    /// <summary>A list for a caller to collect into and clear again (one per template, not one per resource).</summary>
    internal List<Component> Scratch { get; } = [];

    private readonly Stack<TemplateNode> _walk = new();
    private readonly HashSet<Component> _seen = new(ReferenceEqualityComparer.Instance);

    /// <summary>Adds to <paramref name="found"/> the components <paramref name="node"/> refers to, each once, in the order
    /// of the node (depth first), as <see cref="ReferencedComponents"/> gives them.</summary>
    public void CollectReferencedComponents(TemplateNode? node, List<Component> found)
    {
        var seen = _seen;
        var stack = _walk;
        seen.Clear();
        stack.Clear();
        if (node is not null)
        {
            stack.Push(node);
        }

        while (stack.Count > 0)
        {
            var current = stack.Pop();
            switch (current)
            {
                case IntrinsicNode { Name: "Ref" or "Fn::GetAtt" or "Fn::Sub" } i:
                {
                    var t = ResolveTarget(i, 0);
                    if (t is not null && seen.Add(t))
                    {
                        found.Add(t);
                    }

                    if (i.Name == "Fn::Sub")
                    {
                        AddSubReferences(i, seen, found);
                    }

                    if (i.Argument is SequenceNode or MappingNode && i.Name != "Fn::GetAtt")
                    {
                        stack.Push(i.Argument);
                    }

                    break;
                }
                case IntrinsicNode i:
                    stack.Push(i.Argument);
                    break;
                case MappingNode m:
                    for (var k = m.Entries.Count - 1; k >= 0; k--)
                    {
                        if (m.Counts(k))
                        {
                            stack.Push(m.Entries[k].Value);
                        }
                    }

                    break;
                case SequenceNode s:
                    for (var k = s.Items.Count - 1; k >= 0; k--)
                    {
                        stack.Push(s.Items[k]);
                    }

                    break;
            }
        }

        seen.Clear();
    }

    /// <summary>The components a <c>Fn::Sub</c> format names as <c>${Id}</c> or <c>${Id.Attribute}</c>.</summary>
    private void AddSubReferences(IntrinsicNode sub, HashSet<Component> seen, List<Component> found)
    {
        var format = sub.Argument switch
        {
            ScalarNode s => s.Value,
            SequenceNode { Items.Count: >= 1 } seq => seq.Items[0].Text,
            _ => null,
        };
        if (format is null)
        {
            return;
        }

        var pos = 0;
        while ((pos = format.IndexOf("${", pos, StringComparison.Ordinal)) >= 0)
        {
            var close = format.IndexOf('}', pos);
            if (close < 0)
            {
                return;
            }

            var inner = format.AsSpan(pos + 2, close - pos - 2);
            var dot = inner.IndexOf('.');
            var id = (dot >= 0 ? inner[..dot] : inner).ToString();
            pos = close + 1;
            if (Architecture.Find(id) is { } c && seen.Add(c))
            {
                found.Add(c);
            }
        }
    }

    /// <summary>A short readable form of a node for messages.</summary>
    public static string Render(TemplateNode node) => node switch
    {
        ScalarNode s => s.Value,
        IntrinsicNode { Name: "Ref", Argument: ScalarNode a } => $"!Ref {a.Value}",
        IntrinsicNode { Name: "Fn::GetAtt", Argument: SequenceNode seq } => "!GetAtt " + string.Join('.', seq.Items.Select(i => i.Text ?? "?")),
        IntrinsicNode { Name: "Fn::Sub", Argument: ScalarNode a } => $"!Sub {a.Value}",
        IntrinsicNode { Name: "Fn::Sub", Argument: SequenceNode { Items.Count: >= 1 } seq } => $"!Sub {seq.Items[0].Text}",
        IntrinsicNode i => "!" + i.Name.Replace("Fn::", "", StringComparison.Ordinal),
        MappingNode => "{...}",
        SequenceNode => "[...]",
        _ => "?",
    };
}
