using System.Globalization;
using System.Text;
using FitCheck.Model;
using FitCheck.Templates.Dialects.Terraform.Hcl;
using FitCheck.Templates.Reading;

namespace FitCheck.Templates.Dialects.Terraform.Evaluation;

/// <summary>What an expression can see beyond its own scope: the module's names, files, limits and diagnostics.</summary>
internal interface IEvaluationHost
{
    /// <summary>A root name of the module (<c>var</c>, <c>local</c>, <c>aws_sqs_queue</c>, <c>data</c>, <c>module</c>, <c>path</c>...), or null when the module has none.</summary>
    HclValue? Resolve(string name, SourceSpan span);

    /// <summary>The text of a file the configuration reads, bounded and inside the scan root; null (with a diagnostic) otherwise.</summary>
    string? ReadFile(string path, SourceSpan span, out string displayPath);

    EvaluationBudget Budget { get; }

    void Report(string code, DiagnosticLevel level, string message, SourceSpan span);
}

/// <summary>A name the evaluator resolves lazily, one attribute at a time: <c>var</c>, <c>local</c>, a resource type, <c>module</c>.</summary>
internal sealed record HclNamespace(string Address, Func<string, SourceSpan, HclValue?> Lookup) : HclValue
{
    public override string TypeName => "object";

    public override bool IsWhollyKnown => false;
}

/// <summary>Bounds on evaluation, shared by a whole project: steps (time), nesting (stack) and sizes (memory).</summary>
internal sealed class EvaluationBudget
{
    public const long MaxSteps = 5_000_000;
    public const int MaxDepth = ReaderLimits.MaxDepth;
    public const int MaxCollection = 100_000;
    public const int MaxString = 4 * 1024 * 1024;

    private long _steps;
    private int _depth;

    public bool Exhausted { get; private set; }

    public void Step(SourceSpan span)
    {
        if (++_steps > MaxSteps)
        {
            Exhausted = true;
            throw new EvaluationLimitException($"evaluation stopped after {MaxSteps} steps; the rest stays unknown", span);
        }
    }

    public void Enter(SourceSpan span)
    {
        if (++_depth > MaxDepth)
        {
            _depth--;
            throw new EvaluationLimitException($"evaluation nested deeper than {MaxDepth} levels (references of references); the rest stays unknown", span);
        }
    }

    public void Leave() => _depth--;

    public static void CheckSize(int count, SourceSpan span)
    {
        if (count > MaxCollection)
        {
            throw new EvaluationLimitException($"a collection of {count} items is more than fitcheck evaluates ({MaxCollection}); it stays unknown", span);
        }
    }

    public static void CheckString(int length, SourceSpan span)
    {
        if (length > MaxString)
        {
            throw new EvaluationLimitException($"a string of {length} characters is more than fitcheck evaluates ({MaxString}); it stays unknown", span);
        }
    }
}

/// <summary>A limit crossed while evaluating: the value stays unknown and a limit diagnostic says where.</summary>
internal sealed class EvaluationLimitException(string message, SourceSpan span) : Exception(message)
{
    public SourceSpan Span { get; } = span;
}

/// <summary>An expression Terraform itself would reject (a type mismatch, a missing key): <c>try</c> catches it, elsewhere it is unknown with a warning.</summary>
internal sealed class EvaluationException(string message, SourceSpan span) : Exception(message)
{
    public SourceSpan Span { get; } = span;
}

/// <summary>Names bound by a for-expression, a template directive, <c>each</c>, <c>count</c> or <c>templatefile</c>'s variables.</summary>
internal sealed class Scope(Scope? parent, IReadOnlyDictionary<string, HclValue> names)
{
    private readonly Scope? _parent = parent;
    private readonly IReadOnlyDictionary<string, HclValue> _names = names;

    public static Scope Empty { get; } = new(null, new Dictionary<string, HclValue>());

    /// <summary>True for a <c>templatefile</c> scope: only its variables are visible, not the module's names.</summary>
    public bool Isolated { get; init; }

    public HclValue? Find(string name)
    {
        for (var s = this; s is not null; s = s._parent)
        {
            if (s._names.TryGetValue(name, out var v))
            {
                return v;
            }

            if (s.Isolated)
            {
                return null;
            }
        }

        return null;
    }

    public bool IsIsolated
    {
        get
        {
            for (var s = this; s is not null; s = s._parent)
            {
                if (s.Isolated)
                {
                    return true;
                }
            }

            return false;
        }
    }

    public Scope With(string name, HclValue value) => new(this, new Dictionary<string, HclValue>(StringComparer.Ordinal) { [name] = value });
}

/// <summary>
/// Evaluates expressions statically. Nothing runs: references resolve through the host, functions are
/// <see cref="HclFunctions"/>, and whatever needs AWS or a value not given stays <see cref="HclUnknown"/> with the
/// references it depends on.
/// </summary>
internal sealed class HclEvaluator(IEvaluationHost host)
{
    public IEvaluationHost Host { get; } = host;

    /// <summary>Evaluates, turning an expression Terraform would reject into an unknown value with a warning.</summary>
    public HclValue EvaluateSafely(HclExpression expression, Scope scope)
    {
        try
        {
            return Evaluate(expression, scope);
        }
        catch (EvaluationException ex)
        {
            Host.Report(DiagnosticCodes.Structure, DiagnosticLevel.Warning, "cannot evaluate: " + ex.Message + "; the value stays unknown", ex.Span);
            return HclUnknown.Of(References(expression, scope), expression.Span, ex.Message);
        }
        catch (EvaluationLimitException ex)
        {
            Host.Report(DiagnosticCodes.Limit, DiagnosticLevel.Warning, ex.Message, ex.Span);
            return HclUnknown.Of([], expression.Span, ex.Message);
        }
    }

    /// <summary>The references an expression makes, found by walking it (used when its value cannot be computed).</summary>
    public static IReadOnlyList<HclReference> References(HclExpression expression, Scope scope)
    {
        var found = new List<HclReference>();
        Walk(expression);
        return found;

        void Walk(HclExpression e)
        {
            if (TraversalReference(e, scope) is { } r)
            {
                if (!found.Contains(r))
                {
                    found.Add(r);
                }

                if (e is HclIndex index)
                {
                    Walk(index.Key);
                }

                return;
            }

            foreach (var child in e.Children)
            {
                Walk(child);
            }
        }
    }

    /// <summary>The reference a traversal such as <c>aws_sqs_queue.orders.arn</c> or <c>module.api.url</c> makes, without evaluating it.</summary>
    private static HclReference? TraversalReference(HclExpression e, Scope scope)
    {
        var steps = new List<string>();
        var current = e;
        while (true)
        {
            switch (current)
            {
                case HclGetAttr g:
                    steps.Insert(0, g.Name);
                    current = g.Source;
                    continue;
                case HclIndex i:
                    steps.Insert(0, i.Key is HclLiteral { Value: HclNumber n } ? $"[{n}]" : i.Key is HclTemplate { LiteralText: { } k } ? $"[\"{k}\"]" : "[*]");
                    current = i.Source;
                    continue;
                case HclSplat s:
                    current = s.Source;
                    steps.Clear();
                    continue;
                case HclVariable v when scope.Find(v.Name) is null:
                    var parts = new List<string> { v.Name };
                    parts.AddRange(steps);
                    var named = parts.Where(p => !p.StartsWith('[')).ToList();
                    var (address, attribute) = v.Name switch
                    {
                        "var" or "local" when named.Count >= 2 => (named[0] + "." + named[1], named.Count > 2 ? named[2] : null),
                        "data" when named.Count >= 3 => ($"data.{named[1]}.{named[2]}", named.Count > 3 ? named[3] : null),
                        "module" when named.Count >= 2 => ("module." + named[1], named.Count > 2 ? named[2] : null),
                        "each" or "count" or "path" or "terraform" or "self" => ((string?)null, (string?)null),
                        _ when named.Count >= 2 => (named[0] + "." + named[1], named.Count > 2 ? named[2] : null),
                        _ => (null, null),
                    };
                    return address is null ? null : new HclReference(address, attribute, e.Span);
                default:
                    return null;
            }
        }
    }

    public HclValue Evaluate(HclExpression expression, Scope scope)
    {
        Host.Budget.Step(expression.Span);
        Host.Budget.Enter(expression.Span);
        try
        {
            var value = expression switch
            {
                HclLiteral l => l.Value,
                HclTemplate t => Template(t, scope),
                HclVariable v => Variable(v, scope),
                HclGetAttr g => GetAttr(Evaluate(g.Source, scope), g.Name, g.Span),
                HclIndex i => Index(Evaluate(i.Source, scope), Evaluate(i.Key, scope), i.Span),
                HclSplat s => Splat(s, scope),
                HclFunctionCall f => HclFunctions.Call(this, f, scope),
                HclTuple t => Tuple(t, scope),
                HclObject o => Object(o, scope),
                HclFor f => For(f, scope),
                HclConditional c => Conditional(c, scope),
                HclBinary b => Binary(b, scope),
                HclUnary u => Unary(u, scope),
                HclParenthesis p => Evaluate(p.Inner, scope),
                HclSplatItem => scope.Find("\0splat") ?? HclValue.Null,
                _ => HclUnknown.Of([], expression.Span, "not readable"),
            };
            return value.Span is null ? value.At(expression.Span) : value;
        }
        finally
        {
            Host.Budget.Leave();
        }
    }

    private HclValue Variable(HclVariable v, Scope scope)
    {
        if (scope.Find(v.Name) is { } bound)
        {
            return bound;
        }

        if (scope.IsIsolated)
        {
            throw new EvaluationException($"'{v.Name}' is not one of the variables given to the template", v.Span);
        }

        return Host.Resolve(v.Name, v.Span) ?? throw new EvaluationException($"'{v.Name}' names nothing in this module", v.Span);
    }

    public static HclValue GetAttr(HclValue source, string name, SourceSpan span)
    {
        switch (source)
        {
            case HclNamespace ns:
                return ns.Lookup(name, span) ?? HclUnknown.Of([new HclReference(ns.Address + "." + name, null, span)], span);
            case HclMap map when map.Entries.TryGetValue(name, out var v):
                return map.OpenAddress is { } address ? v.WithReferences([new HclReference(address, name, span)]) : v.WithReferences(map.References);
            case HclMap { OpenAddress: { } open } map:
                return HclUnknown.Of(HclValue.Merge(map.References, [new HclReference(open, name, span)]), span);
            case HclMap:
                throw new EvaluationException($"the object has no attribute '{name}'", span);
            case HclUnknown u:
                return HclUnknown.Of(u.References, span);
            case HclList list when int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var i):
                return Index(list, new HclNumber(i), span);
            case HclNull:
                throw new EvaluationException($"'{name}' of a null value", span);
            default:
                throw new EvaluationException($"a {source.TypeName} has no attribute '{name}'", span);
        }
    }

    public static HclValue Index(HclValue source, HclValue key, SourceSpan span)
    {
        if (key is HclUnknown uk)
        {
            return HclUnknown.Of(HclValue.Merge(source is HclUnknown us ? us.References : source.References, uk.References), span);
        }

        switch (source)
        {
            case HclUnknown u:
                return HclUnknown.Of(u.References, span);
            case HclList list:
                var n = ToNumber(key, span);
                if (n != Math.Floor(n) || n < 0 || n >= list.Items.Count)
                {
                    throw new EvaluationException($"index {HclNumber.Format(n)} is out of range for a list of {list.Items.Count}", span);
                }

                return list.Items[(int)n].WithReferences(list.References);
            case HclMap or HclNamespace:
                return GetAttr(source, ToText(key, span), span);
            default:
                throw new EvaluationException($"a {source.TypeName} cannot be indexed", span);
        }
    }

    private HclValue Splat(HclSplat s, Scope scope)
    {
        var source = Evaluate(s.Source, scope);
        switch (source)
        {
            case HclUnknown u:
                return HclUnknown.Of(HclValue.Merge(u.References, References(s, scope)), s.Span);
            case HclNull:
                return new HclList([]);
            case HclList list:
                var items = new List<HclValue>(list.Items.Count);
                foreach (var item in list.Items)
                {
                    items.Add(Evaluate(s.Each, scope.With("\0splat", item)));
                }

                return new HclList(items) { References = list.References };
            default:
                // A splat on a single value makes a one-item list.
                return new HclList([Evaluate(s.Each, scope.With("\0splat", source))]);
        }
    }

    private HclList Tuple(HclTuple t, Scope scope)
    {
        var items = new List<HclValue>(t.Items.Count);
        foreach (var item in t.Items)
        {
            items.Add(Evaluate(item, scope));
        }

        return new HclList(items);
    }

    private HclMap Object(HclObject o, Scope scope)
    {
        var entries = new SortedDictionary<string, HclValue>(StringComparer.Ordinal);
        var spans = new Dictionary<string, SourceSpan>(StringComparer.Ordinal);
        var references = new List<HclReference>();
        foreach (var item in o.Items)
        {
            string key;
            if (item.BareKey is { } bare)
            {
                key = bare;
            }
            else
            {
                var k = Evaluate(item.Key is HclParenthesis p ? p.Inner : item.Key, scope);
                if (k is HclUnknown uk)
                {
                    // An object with an unknown key: its known part is kept, the key's references are remembered.
                    references.AddRange(uk.References);
                    references.AddRange(Evaluate(item.Value, scope).AllReferences());
                    continue;
                }

                key = ToText(k, item.Key.Span);
            }

            entries[key] = Evaluate(item.Value, scope);
            spans[key] = item.Key.Span;
        }

        return new HclMap(entries) { KeySpans = spans, References = references };
    }

    private HclValue For(HclFor f, Scope scope)
    {
        var collection = Evaluate(f.Collection, scope);
        if (collection is HclUnknown or HclNamespace)
        {
            return HclUnknown.Of(HclValue.Merge(collection.References, References(f, scope)), f.Span);
        }

        var pairs = Pairs(collection, f.Collection.Span);
        EvaluationBudget.CheckSize(pairs.Count, f.Span);
        var list = new List<HclValue>();
        var map = new SortedDictionary<string, HclValue>(StringComparer.Ordinal);
        var groups = new SortedDictionary<string, List<HclValue>>(StringComparer.Ordinal);
        var references = new List<HclReference>(collection.References);
        foreach (var (key, value) in pairs)
        {
            var inner = scope.With(f.ValueName, value);
            if (f.KeyName is { } keyName)
            {
                inner = inner.With(keyName, key);
            }

            if (f.Condition is { } condition)
            {
                var keep = Evaluate(condition, inner);
                if (keep is HclUnknown u)
                {
                    references.AddRange(u.References);
                    continue;
                }

                if (!ToBool(keep, condition.Span))
                {
                    continue;
                }
            }

            var result = Evaluate(f.Value, inner);
            if (f.KeyExpression is null)
            {
                list.Add(result);
                continue;
            }

            var k = Evaluate(f.KeyExpression, inner);
            if (k is HclUnknown uk)
            {
                references.AddRange(uk.References);
                references.AddRange(result.AllReferences());
                continue;
            }

            var text = ToText(k, f.KeyExpression.Span);
            if (f.Grouping)
            {
                if (!groups.TryGetValue(text, out var g))
                {
                    groups[text] = g = [];
                }

                g.Add(result);
            }
            else
            {
                if (map.ContainsKey(text))
                {
                    throw new EvaluationException($"the for expression makes the key \"{text}\" twice (use ... to group)", f.KeyExpression.Span);
                }

                map[text] = result;
            }
        }

        if (f.KeyExpression is null)
        {
            return new HclList(list) { References = references };
        }

        if (f.Grouping)
        {
            foreach (var (k, g) in groups)
            {
                map[k] = new HclList(g);
            }
        }

        return new HclMap(map) { References = references };
    }

    /// <summary>The key/value pairs a for-expression or <c>for_each</c> iterates: index/item for lists, key/value for maps.</summary>
    public static List<(HclValue Key, HclValue Value)> Pairs(HclValue collection, SourceSpan span) => collection switch
    {
        HclList list => [.. list.Items.Select((item, i) => ((HclValue)new HclNumber(i), item))],
        HclMap map => [.. map.Entries.Select(e => ((HclValue)new HclString(e.Key), e.Value))],
        HclNull => throw new EvaluationException("cannot iterate over null", span),
        _ => throw new EvaluationException($"cannot iterate over a {collection.TypeName}", span),
    };

    private HclValue Conditional(HclConditional c, Scope scope)
    {
        var condition = Evaluate(c.Condition, scope);
        if (condition is HclUnknown u)
        {
            // Either branch may be taken: both are references of the result.
            var a = Evaluate(c.WhenTrue, scope);
            var b = Evaluate(c.WhenFalse, scope);
            return HclUnknown.Of(HclValue.Merge(u.References, HclValue.Merge([.. a.AllReferences()], [.. b.AllReferences()])), c.Span);
        }

        return ToBool(condition, c.Condition.Span)
            ? Evaluate(c.WhenTrue, scope).WithReferences(condition.References)
            : Evaluate(c.WhenFalse, scope).WithReferences(condition.References);
    }

    private HclValue Binary(HclBinary b, Scope scope)
    {
        var left = Evaluate(b.Left, scope);
        if (b.Operator is "&&" or "||" && left is not HclUnknown)
        {
            var l = ToBool(left, b.Left.Span);
            if (b.Operator == "&&" && !l)
            {
                return HclValue.False;
            }

            if (b.Operator == "||" && l)
            {
                return HclValue.True;
            }
        }

        var right = Evaluate(b.Right, scope);
        if (b.Operator is "==" or "!=")
        {
            if (!left.IsWhollyKnown || !right.IsWhollyKnown)
            {
                return HclUnknown.Of(HclValue.Merge([.. left.AllReferences()], [.. right.AllReferences()]), b.Span);
            }

            var same = Same(left, right);
            return b.Operator == "==" ? Bool(same) : Bool(!same);
        }

        if (left is HclUnknown || right is HclUnknown)
        {
            if (b.Operator == "&&" && right is HclBool { Value: false })
            {
                return HclValue.False;
            }

            if (b.Operator == "||" && right is HclBool { Value: true })
            {
                return HclValue.True;
            }

            return HclUnknown.Of(HclValue.Merge(left.References, right.References), b.Span);
        }

        switch (b.Operator)
        {
            case "&&" or "||":
                return Bool(ToBool(right, b.Right.Span));
        }

        var x = ToNumber(left, b.Left.Span);
        var y = ToNumber(right, b.Right.Span);
        return b.Operator switch
        {
            "+" => new HclNumber(x + y),
            "-" => new HclNumber(x - y),
            "*" => new HclNumber(x * y),
            "/" => y == 0 ? throw new EvaluationException("division by zero", b.Span) : new HclNumber(x / y),
            "%" => y == 0 ? throw new EvaluationException("modulo by zero", b.Span) : new HclNumber(x % y),
            "<" => Bool(x < y),
            ">" => Bool(x > y),
            "<=" => Bool(x <= y),
            ">=" => Bool(x >= y),
            _ => throw new EvaluationException($"unknown operator {b.Operator}", b.Span),
        };
    }

    private HclValue Unary(HclUnary u, Scope scope)
    {
        var operand = Evaluate(u.Operand, scope);
        if (operand is HclUnknown unknown)
        {
            return HclUnknown.Of(unknown.References, u.Span);
        }

        return u.Operator == "!" ? Bool(!ToBool(operand, u.Operand.Span)) : new HclNumber(-ToNumber(operand, u.Operand.Span));
    }

    private static HclBool Bool(bool value) => value ? HclValue.True : HclValue.False;

    // ---------------------------------------------------------------- templates

    private HclValue Template(HclTemplate t, Scope scope)
    {
        // "${x}" alone is x itself, of any type.
        if (t.Parts is [HclTemplateInterpolation only])
        {
            return Evaluate(only.Expression, scope);
        }

        if (t.LiteralText is { } literal)
        {
            return new HclString(literal);
        }

        var text = new StringBuilder();
        var references = new List<HclReference>();
        var unknown = false;
        AppendParts(t.Parts, scope, text, references, ref unknown);
        return unknown
            ? new HclUnknown { References = references, Span = t.Span, PartialText = text.ToString() }
            : new HclString(text.ToString()) { References = references };
    }

    private void AppendParts(IReadOnlyList<HclTemplatePart> parts, Scope scope, StringBuilder text, List<HclReference> references, ref bool unknown)
    {
        foreach (var part in parts)
        {
            switch (part)
            {
                case HclTemplateLiteral l:
                    text.Append(l.Text);
                    break;
                case HclTemplateInterpolation i:
                    var v = Evaluate(i.Expression, scope);
                    AddReferences(references, v.AllReferences());
                    if (v is HclUnknown || !v.IsWhollyKnown)
                    {
                        unknown = true;
                        text.Append(v.AllReferences().FirstOrDefault()?.Placeholder ?? "${unknown}");
                    }
                    else
                    {
                        text.Append(ToText(v, i.Span));
                    }

                    break;
                case HclTemplateIf f:
                    var c = Evaluate(f.Condition, scope);
                    AddReferences(references, c.References);
                    if (c is HclUnknown)
                    {
                        unknown = true;
                        break;
                    }

                    AppendParts(ToBool(c, f.Condition.Span) ? f.Then : f.Else, scope, text, references, ref unknown);
                    break;
                case HclTemplateFor l:
                    var collection = Evaluate(l.Collection, scope);
                    AddReferences(references, collection.References);
                    if (collection is HclUnknown)
                    {
                        unknown = true;
                        break;
                    }

                    foreach (var (key, value) in Pairs(collection, l.Collection.Span))
                    {
                        var inner = scope.With(l.ValueName, value);
                        if (l.KeyName is { } k)
                        {
                            inner = inner.With(k, key);
                        }

                        AppendParts(l.Body, inner, text, references, ref unknown);
                        Host.Budget.Step(l.Span);
                    }

                    break;
            }

            EvaluationBudget.CheckString(text.Length, part.Span);
        }
    }

    private static void AddReferences(List<HclReference> into, IEnumerable<HclReference> more)
    {
        foreach (var r in more)
        {
            if (!into.Contains(r))
            {
                into.Add(r);
            }
        }
    }

    // ---------------------------------------------------------------- conversions

    public static string ToText(HclValue value, SourceSpan span) => value switch
    {
        HclString s => s.Value,
        HclNumber n => HclNumber.Format(n.Value),
        HclBool b => b.Value ? "true" : "false",
        HclNull => throw new EvaluationException("a null value where a string is needed", span),
        _ => throw new EvaluationException($"a {value.TypeName} where a string is needed", span),
    };

    public static double ToNumber(HclValue value, SourceSpan span) => value switch
    {
        HclNumber n => n.Value,
        HclString s when double.TryParse(s.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
        _ => throw new EvaluationException($"a {value.TypeName} where a number is needed", span),
    };

    public static bool ToBool(HclValue value, SourceSpan span) => value switch
    {
        HclBool b => b.Value,
        HclString { Value: "true" } => true,
        HclString { Value: "false" } => false,
        _ => throw new EvaluationException($"a {value.TypeName} where a bool is needed", span),
    };

    /// <summary>Terraform's equality of known values (numbers and their string forms are not equal, as in Terraform).</summary>
    public static bool Same(HclValue a, HclValue b) => (a, b) switch
    {
        (HclNull, HclNull) => true,
        (HclString x, HclString y) => x.Value == y.Value,
        (HclNumber x, HclNumber y) => x.Value == y.Value,
        (HclBool x, HclBool y) => x.Value == y.Value,
        (HclList x, HclList y) => x.Items.Count == y.Items.Count && x.Items.Zip(y.Items).All(p => Same(p.First, p.Second)),
        (HclMap x, HclMap y) => x.Entries.Count == y.Entries.Count && x.Entries.All(e => y.Entries.TryGetValue(e.Key, out var o) && Same(e.Value, o)),
        _ => false,
    };
}
