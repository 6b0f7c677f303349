using FitCheck.Model;

namespace FitCheck.Templates.Reading;

/// <summary>A node of a template file: mapping, sequence, scalar or intrinsic function. Every node knows its span.</summary>
public abstract class TemplateNode(SourceSpan span)
{
    public SourceSpan Span { get; } = span;

    /// <summary>The scalar's text, or null for other nodes.</summary>
    public virtual string? Text => null;

    /// <summary>Looks up a key of a mapping; null for other nodes or a missing key.</summary>
    public virtual TemplateNode? this[string key] => null;
}

/// <summary>A scalar: the text as written (YAML scalars are not type-converted, so <c>2010-09-09</c> stays a string).</summary>
public sealed class ScalarNode(string value, bool quoted, SourceSpan span) : TemplateNode(span)
{
    public string Value { get; } = value;

    /// <summary>True when quoted in YAML or a JSON string; false for plain YAML scalars and JSON numbers, booleans and null.</summary>
    public bool IsQuoted { get; } = quoted;

    public override string? Text => Value;

    /// <summary>True for a plain <c>null</c>, <c>~</c> or empty scalar.</summary>
    public bool IsNull => !IsQuoted && Value is "" or "null" or "Null" or "NULL" or "~";

    public override string ToString() => Value;
}

/// <summary>A sequence.</summary>
public sealed class SequenceNode(IReadOnlyList<TemplateNode> items, SourceSpan span) : TemplateNode(span)
{
    public IReadOnlyList<TemplateNode> Items { get; } = items;
}

/// <summary>A mapping. Keys keep their order; with duplicate keys the last one wins, as in CloudFormation's parser.</summary>
public sealed class MappingNode : TemplateNode
{
    /// <summary>Up to this many entries a key is looked up by scanning (most mappings are small); above, by an index.</summary>
    private const int ScanLimit = 8;

    private readonly Dictionary<string, int>? _index;

    public MappingNode(IReadOnlyList<KeyValuePair<ScalarNode, TemplateNode>> entries, SourceSpan span) : base(span)
    {
        Entries = entries;
        if (entries.Count > ScanLimit)
        {
            _index = new Dictionary<string, int>(entries.Count, StringComparer.Ordinal);
            for (var i = 0; i < entries.Count; i++)
            {
                _index[entries[i].Key.Value] = i;
            }

            Count = _index.Count;
        }
        else
        {
            for (var i = 0; i < entries.Count; i++)
            {
                Count += IndexOf(entries[i].Key.Value) == i ? 1 : 0;
            }
        }
    }

    /// <summary>All entries in order, duplicates included.</summary>
    public IReadOnlyList<KeyValuePair<ScalarNode, TemplateNode>> Entries { get; }

    /// <summary>The entries that count: the last one for each key, in the order of those last entries.</summary>
    public IEnumerable<KeyValuePair<ScalarNode, TemplateNode>> Pairs
    {
        get
        {
            for (var i = 0; i < Entries.Count; i++)
            {
                if (IndexOf(Entries[i].Key.Value) == i)
                {
                    yield return Entries[i];
                }
            }
        }
    }

    /// <summary>The number of distinct keys.</summary>
    public int Count { get; }

    public override TemplateNode? this[string key] => IndexOf(key) is var i and >= 0 ? Entries[i].Value : null;

    public ScalarNode? KeyNode(string key) => IndexOf(key) is var i and >= 0 ? Entries[i].Key : null;

    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    /// <summary>The index of the last entry with <paramref name="key"/>, or -1.</summary>
    private int IndexOf(string key)
    {
        if (_index is not null)
        {
            return _index.TryGetValue(key, out var at) ? at : -1;
        }

        for (var i = Entries.Count - 1; i >= 0; i--)
        {
            if (string.Equals(Entries[i].Key.Value, key, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}

/// <summary>An intrinsic function: <c>!Ref X</c> and <c>{"Ref": "X"}</c> are the same node, with the long name.</summary>
/// <param name="Name">The long form: <c>Ref</c>, <c>Fn::GetAtt</c>, <c>Fn::Sub</c>, <c>Condition</c>...</param>
public sealed class IntrinsicNode(string name, TemplateNode argument, SourceSpan span) : TemplateNode(span)
{
    public string Name { get; } = name;

    public TemplateNode Argument { get; } = argument;

    public override string ToString() => $"{{{Name}: {Argument}}}";
}
