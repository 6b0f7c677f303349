using System.Collections;
using FitCheck.Model;

namespace FitCheck.Templates.Reading;

/// <summary>A node of a template file: mapping, sequence, scalar or intrinsic function. Every node knows its span.</summary>
/// <remarks>The readers give a node its position as numbers; the <see cref="SourceSpan"/> object is made when first
/// asked for (most nodes of a template are never asked), which keeps a large template's tree half the objects.</remarks>
public abstract class TemplateNode
{
    /// <summary>The file's path until the span is made, then the span (which names the file): one field for both.</summary>
    private object _fileOrSpan;
    private readonly int _line;
    private readonly int _column;
    private readonly int _endLine;

    /// <summary>The end column, and in the top bit the flag of a subclass (a scalar's quotes): a field fewer per node.</summary>
    private readonly int _endColumnAndFlag;

    protected TemplateNode(SourceSpan span)
        : this(span, false)
    {
    }

    private protected TemplateNode(SourceSpan span, bool flag)
    {
        ArgumentNullException.ThrowIfNull(span);
        _fileOrSpan = span;
        (_line, _column, _endLine) = (span.Line, span.Column, span.EndLine);
        _endColumnAndFlag = WithFlag(span.EndColumn, flag);
    }

    private protected TemplateNode(string file, int line, int column, int endLine, int endColumn, bool flag = false)
    {
        _fileOrSpan = file;
        (_line, _column, _endLine) = (line, column, endLine);
        _endColumnAndFlag = WithFlag(endColumn, flag);
    }

    public SourceSpan Span
    {
        get
        {
            // The field is read once: another thread may replace the path with the span meanwhile (both name the same place).
            var fileOrSpan = _fileOrSpan;
            if (fileOrSpan is SourceSpan span)
            {
                return span;
            }

            span = new SourceSpan((string)fileOrSpan, _line, _column, _endLine, EndColumn);
            _fileOrSpan = span;
            return span;
        }
    }

    /// <summary>The file as <see cref="Span"/> names it.</summary>
    internal string File => _fileOrSpan switch
    {
        SourceSpan span => span.File,
        var file => (string)file,
    };

    /// <summary>The 1-based line where the node starts (as <see cref="Span"/>, without making it).</summary>
    internal int Line => _line;

    internal int Column => _column;

    internal int EndLine => _endLine;

    internal int EndColumn => _endColumnAndFlag & int.MaxValue;

    private protected bool Flag => _endColumnAndFlag < 0;

    private static int WithFlag(int endColumn, bool flag) => flag ? endColumn | int.MinValue : endColumn;

    /// <summary>The scalar's text, or null for other nodes.</summary>
    public virtual string? Text => null;

    /// <summary>Looks up a key of a mapping; null for other nodes or a missing key.</summary>
    public virtual TemplateNode? this[string key] => null;
}

/// <summary>A scalar: the text as written (YAML scalars are not type-converted, so <c>2010-09-09</c> stays a string).</summary>
public sealed class ScalarNode : TemplateNode
{
    public ScalarNode(string value, bool quoted, SourceSpan span) : base(span, quoted) => Value = value;

    internal ScalarNode(string value, bool quoted, string file, int line, int column, int endLine, int endColumn)
        : base(file, line, column, endLine, endColumn, quoted) => Value = value;

    public string Value { get; }

    /// <summary>True when quoted in YAML or a JSON string; false for plain YAML scalars and JSON numbers, booleans and null.</summary>
    public bool IsQuoted => Flag;

    public override string? Text => Value;

    /// <summary>True for a plain <c>null</c>, <c>~</c> or empty scalar.</summary>
    public bool IsNull => !IsQuoted && Value is "" or "null" or "Null" or "NULL" or "~";

    public override string ToString() => Value;
}

/// <summary>A sequence.</summary>
public sealed class SequenceNode : TemplateNode
{
    public SequenceNode(IReadOnlyList<TemplateNode> items, SourceSpan span) : base(span) => Items = items;

    internal SequenceNode(TemplateNode[] items, string file, int line, int column, int endLine, int endColumn)
        : base(file, line, column, endLine, endColumn) => Items = items;

    public IReadOnlyList<TemplateNode> Items { get; }
}

/// <summary>A mapping. Keys keep their order; with duplicate keys the last one wins, as in CloudFormation's parser.</summary>
public sealed class MappingNode : TemplateNode
{
    /// <summary>Up to this many entries a key is looked up by scanning (most mappings are small); above, by an index.</summary>
    private const int ScanLimit = 8;

    /// <summary>The index of the last entry of each key, for a mapping of more than <see cref="ScanLimit"/> entries;
    /// a reader's mapping builds it at the first lookup (many large mappings are only enumerated).</summary>
    private Dictionary<string, int>? _index;

    public MappingNode(IReadOnlyList<KeyValuePair<ScalarNode, TemplateNode>> entries, SourceSpan span) : base(span)
    {
        Entries = entries;
        (_index, Count) = Index(entries);
    }

    /// <summary>A reader's mapping. <paramref name="distinct"/> when the reader saw no key twice; then
    /// <paramref name="index"/> may be the reader's own index of the keys (or null: built when first needed).</summary>
    internal MappingNode(KeyValuePair<ScalarNode, TemplateNode>[] entries, bool distinct, Dictionary<string, int>? index,
        string file, int line, int column, int endLine, int endColumn)
        : base(file, line, column, endLine, endColumn)
    {
        Entries = entries;
        if (distinct)
        {
            Count = entries.Length;
            _index = entries.Length > ScanLimit ? index : null;
        }
        else
        {
            (_index, Count) = Index(entries);
        }
    }

    private static (Dictionary<string, int>? Index, int Count) Index(IReadOnlyList<KeyValuePair<ScalarNode, TemplateNode>> entries)
    {
        if (entries.Count > ScanLimit)
        {
            var index = BuildIndex(entries);
            return (index, index.Count);
        }

        var count = 0;
        for (var i = 0; i < entries.Count; i++)
        {
            count += LastIndexOf(entries, entries[i].Key.Value) == i ? 1 : 0;
        }

        return (null, count);
    }

    private static Dictionary<string, int> BuildIndex(IReadOnlyList<KeyValuePair<ScalarNode, TemplateNode>> entries)
    {
        var index = new Dictionary<string, int>(entries.Count, StringComparer.Ordinal);
        for (var i = 0; i < entries.Count; i++)
        {
            index[entries[i].Key.Value] = i;
        }

        return index;
    }

    /// <summary>All entries in order, duplicates included.</summary>
    public IReadOnlyList<KeyValuePair<ScalarNode, TemplateNode>> Entries { get; }

    /// <summary>The entries that count: the last one for each key, in the order of those last entries.</summary>
    public PairList Pairs => new(this);

    /// <summary>The number of distinct keys.</summary>
    public int Count { get; }

    public override TemplateNode? this[string key] => IndexOf(key) is var i and >= 0 ? Entries[i].Value : null;

    public ScalarNode? KeyNode(string key) => IndexOf(key) is var i and >= 0 ? Entries[i].Key : null;

    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    /// <summary>True when entry <paramref name="i"/> counts: no later entry has its key.</summary>
    internal bool Counts(int i) => Count == Entries.Count || IndexOf(Entries[i].Key.Value) == i;

    /// <summary>The index of the last entry with <paramref name="key"/>, or -1.</summary>
    private int IndexOf(string key)
    {
        if (Entries.Count > ScanLimit)
        {
            // Built once; two threads that build it at once build the same index.
            var index = _index ??= BuildIndex(Entries);
            return index.TryGetValue(key, out var at) ? at : -1;
        }

        if (Entries is KeyValuePair<ScalarNode, TemplateNode>[] array)
        {
            // A reader's mapping: the array itself, without an interface call per entry.
            for (var i = array.Length - 1; i >= 0; i--)
            {
                if (string.Equals(array[i].Key.Value, key, StringComparison.Ordinal))
                {
                    return i;
                }
            }

            return -1;
        }

        return LastIndexOf(Entries, key);
    }

    private static int LastIndexOf(IReadOnlyList<KeyValuePair<ScalarNode, TemplateNode>> entries, string key)
    {
        for (var i = entries.Count - 1; i >= 0; i--)
        {
            if (string.Equals(entries[i].Key.Value, key, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The entries of a mapping that count (<see cref="Pairs"/>), enumerated without an allocation by <c>foreach</c>.</summary>
    public readonly struct PairList(MappingNode mapping) : IEnumerable<KeyValuePair<ScalarNode, TemplateNode>>
    {
        public Enumerator GetEnumerator() => new(mapping);

        IEnumerator<KeyValuePair<ScalarNode, TemplateNode>> IEnumerable<KeyValuePair<ScalarNode, TemplateNode>>.GetEnumerator() => GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        public struct Enumerator(MappingNode mapping) : IEnumerator<KeyValuePair<ScalarNode, TemplateNode>>
        {
            private int _i = -1;

            public readonly KeyValuePair<ScalarNode, TemplateNode> Current => mapping.Entries[_i];

            readonly object IEnumerator.Current => Current;

            public bool MoveNext()
            {
                var entries = mapping.Entries;
                while (++_i < entries.Count)
                {
                    if (mapping.Counts(_i))
                    {
                        return true;
                    }
                }

                return false;
            }

            public void Reset() => _i = -1;

            public readonly void Dispose()
            {
            }
        }
    }
}

/// <summary>An intrinsic function: <c>!Ref X</c> and <c>{"Ref": "X"}</c> are the same node, with the long name.</summary>
/// <param name="Name">The long form: <c>Ref</c>, <c>Fn::GetAtt</c>, <c>Fn::Sub</c>, <c>Condition</c>...</param>
public sealed class IntrinsicNode : TemplateNode
{
    public IntrinsicNode(string name, TemplateNode argument, SourceSpan span) : base(span) => (Name, Argument) = (name, argument);

    internal IntrinsicNode(string name, TemplateNode argument, string file, int line, int column, int endLine, int endColumn)
        : base(file, line, column, endLine, endColumn) => (Name, Argument) = (name, argument);

    public string Name { get; }

    public TemplateNode Argument { get; }

    public override string ToString() => $"{{{Name}: {Argument}}}";
}
