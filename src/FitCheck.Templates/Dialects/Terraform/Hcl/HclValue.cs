using System.Globalization;
using FitCheck.Model;

namespace FitCheck.Templates.Dialects.Terraform.Hcl;

/// <summary>
/// A reference an expression makes to something else of the configuration: <c>aws_sqs_queue.orders.arn</c> has the
/// address <c>aws_sqs_queue.orders</c> and the attribute <c>arn</c>. Inside a module the address carries the module
/// path (<c>module.api.aws_lambda_function.this</c>); an instance key is part of it when known (<c>aws_x.y[0]</c>).
/// </summary>
public sealed record HclReference(string Address, string? Attribute, SourceSpan Span)
{
    public override string ToString() => Attribute is null ? Address : Address + "." + Attribute;

    /// <summary>How an unknown part is written in the partial text of a template: <c>${aws_x.y['k'].arn}</c> (no double quotes, so it can sit in a JSON string).</summary>
    public string Placeholder => "${" + ToString().Replace('"', '\'') + "}";
}

/// <summary>
/// A value of the static evaluation. Values are known (string, number, bool, list, map, null) or
/// <see cref="HclUnknown"/>; every value carries the references it was computed from, so a reference is an edge
/// whether or not its value is known, and the span of the expression that wrote it.
/// </summary>
public abstract record HclValue
{
    /// <summary>Where the value was written, when it comes from the configuration.</summary>
    public SourceSpan? Span { get; init; }

    /// <summary>The references the value was computed from (resources, data sources, variables without a value).</summary>
    public IReadOnlyList<HclReference> References { get; init; } = [];

    /// <summary>True when this value and everything inside it is known.</summary>
    public virtual bool IsWhollyKnown => true;

    /// <summary>The type name used in messages (<c>string</c>, <c>number</c>, <c>list</c>, <c>map</c>...).</summary>
    public abstract string TypeName { get; }

    public static HclNull Null { get; } = new();

    public static HclBool True { get; } = new(true);

    public static HclBool False { get; } = new(false);

    public HclValue WithReferences(IReadOnlyList<HclReference> more) =>
        more.Count == 0 ? this : this with { References = Merge(References, more) };

    public HclValue At(SourceSpan? span) => this with { Span = span };

    public static IReadOnlyList<HclReference> Merge(IReadOnlyList<HclReference> a, IReadOnlyList<HclReference> b)
    {
        if (a.Count == 0)
        {
            return b;
        }

        if (b.Count == 0)
        {
            return a;
        }

        var all = new List<HclReference>(a.Count + b.Count);
        all.AddRange(a);
        foreach (var r in b)
        {
            if (!all.Contains(r))
            {
                all.Add(r);
            }
        }

        return all;
    }

    /// <summary>The references of this value and of everything inside it.</summary>
    public virtual IEnumerable<HclReference> AllReferences() => References;
}

public sealed record HclNull : HclValue
{
    public override string TypeName => "null";

    public override string ToString() => "null";
}

public sealed record HclBool(bool Value) : HclValue
{
    public override string TypeName => "bool";

    public override string ToString() => Value ? "true" : "false";
}

public sealed record HclNumber(double Value) : HclValue
{
    public override string TypeName => "number";

    public override string ToString() => Format(Value);

    public static string Format(double value) =>
        value == Math.Floor(value) && Math.Abs(value) < 1e15
            ? ((long)value).ToString(CultureInfo.InvariantCulture)
            : value.ToString("R", CultureInfo.InvariantCulture);
}

/// <summary>A string. <see cref="Structure"/> is the value <c>jsonencode</c> encoded, so policies and state machine definitions keep their shape and positions.</summary>
public sealed record HclString(string Value) : HclValue
{
    public HclValue? Structure { get; init; }

    public override string TypeName => "string";

    public override string ToString() => Value;
}

/// <summary>A list, tuple or set (sets keep the order they were written in).</summary>
public sealed record HclList(IReadOnlyList<HclValue> Items) : HclValue
{
    public override string TypeName => "list";

    public override bool IsWhollyKnown => Items.All(i => i.IsWhollyKnown);

    public override IEnumerable<HclReference> AllReferences() => References.Concat(Items.SelectMany(i => i.AllReferences()));
}

/// <summary>
/// A map or object, keys in lexical order as Terraform iterates them. <see cref="OpenAddress"/> is set for the object of a
/// resource, data source or module: an attribute it does not hold is known only after apply, an unknown value that
/// references <c>address.attribute</c>.
/// </summary>
public sealed record HclMap(IReadOnlyDictionary<string, HclValue> Entries) : HclValue
{
    public string? OpenAddress { get; init; }

    /// <summary>Where each key was written, when known.</summary>
    public IReadOnlyDictionary<string, SourceSpan>? KeySpans { get; init; }

    public override string TypeName => OpenAddress is null ? "map" : "object";

    public override bool IsWhollyKnown => OpenAddress is null && Entries.Values.All(v => v.IsWhollyKnown);

    public HclValue? this[string key] => Entries.TryGetValue(key, out var v) ? v : null;

    public override IEnumerable<HclReference> AllReferences() => References.Concat(Entries.Values.SelectMany(v => v.AllReferences()));

    public static HclMap From(IEnumerable<KeyValuePair<string, HclValue>> entries)
    {
        var map = new SortedDictionary<string, HclValue>(StringComparer.Ordinal);
        foreach (var (k, v) in entries)
        {
            map[k] = v;
        }

        return new HclMap(map);
    }
}

/// <summary>
/// A value not known statically: a variable without a value, a data source that needs AWS, an attribute known only after
/// apply (<c>aws_sqs_queue.orders.arn</c>). Its <see cref="HclValue.References"/> say what it depends on;
/// <see cref="Structure"/> keeps the shape of a <c>jsonencode</c> whose input is only partly known.
/// </summary>
public sealed record HclUnknown : HclValue
{
    public HclValue? Structure { get; init; }

    /// <summary>
    /// For a string template only partly known: its text with each unknown part written as <c>${reference}</c>
    /// (<c>arn:aws:s3:::${aws_s3_bucket.b.bucket}/*</c>), so a JSON document built by <c>templatefile</c> can still be
    /// read for its structure.
    /// </summary>
    public string? PartialText { get; init; }

    /// <summary>Why it is unknown, for messages (optional).</summary>
    public string? Reason { get; init; }

    public override string TypeName => "unknown";

    public override bool IsWhollyKnown => false;

    public override IEnumerable<HclReference> AllReferences() =>
        Structure is null ? References : References.Concat(Structure.AllReferences());

    public override string ToString() => References.Count > 0 ? "(known after apply: " + string.Join(", ", References) + ")" : "(unknown)";

    public static HclUnknown Of(IReadOnlyList<HclReference> references, SourceSpan? span = null, string? reason = null) =>
        new() { References = references, Span = span, Reason = reason };
}
