using System.Text;
using FitCheck.Model;

namespace FitCheck.Templates.Reading;

/// <summary>
/// Reads the YAML that templates use straight from UTF-8 bytes into the same positioned tree as
/// <see cref="YamlTemplateReader"/>, several times faster. It follows YamlDotNet's scanner rule for rule (positions
/// included) on a subset: block and flow collections, plain, quoted and block scalars, comments, tags, anchors and
/// aliases, a leading <c>---</c>, CRLF. Whatever lies outside that subset or is not certain (a tab, a directive, a second
/// document, a complex key, a syntax error, a limit reached) makes it give up, and the caller reads the file with
/// YamlDotNet, so messages and limits stay those of the reference reader. The differential tests hold it to that.
/// </summary>
internal sealed class FastYamlReader
{
    private readonly byte[] _b;
    private readonly int _end;
    private readonly string _path;
    private readonly List<Diagnostic> _diagnostics = [];
    private int _duplicates;
    private readonly bool _ascii;
    private int _pos;
    private int _line = 1;
    private int _lineStart;
    private int _depth;
    private long _expanded;
    private int _firstMarker = -1;
    private bool _flowSincePlain;
    private Dictionary<string, (TemplateNode Node, long Weight)>? _anchors;
    private byte[] _buf;
    private int _bufLength;

    private FastYamlReader(byte[] bytes, int start, int length, string path)
    {
        _b = bytes;
        _pos = start;
        _lineStart = start;
        _end = start + length;
        _path = path;
        _ascii = System.Text.Ascii.IsValid(bytes.AsSpan(start, length));
        _scratch = _threadScratch ?? new Scratch();
        _threadScratch = null;
        _buf = _scratch.Buffer;
    }

    /// <summary>Thrown to give up on a file; the caller reads it with YamlDotNet.</summary>
    private sealed class GiveUpException : Exception;

    /// <summary>
    /// Reads <paramref name="utf8"/> (valid UTF-8 without a byte order mark). True with the tree and its diagnostics
    /// when the fast reader is certain; false, with nothing added to <paramref name="diagnostics"/>, when YamlDotNet must read it.
    /// </summary>
    public static bool TryRead(byte[] utf8, string path, List<Diagnostic> diagnostics, out TemplateNode? root) =>
        TryRead(new ArraySegment<byte>(utf8), path, diagnostics, out root);

    /// <summary><see cref="TryRead(byte[], string, List{Diagnostic}, out TemplateNode?)"/> on part of an array.</summary>
    public static bool TryRead(ArraySegment<byte> utf8, string path, List<Diagnostic> diagnostics, out TemplateNode? root)
    {
        root = null;
        var reader = new FastYamlReader(utf8.Array!, utf8.Offset, utf8.Count, path);
        try
        {
            if (!reader.PreScan())
            {
                _lastGiveUp = "pre-scan: a tab, control character, lone CR, directive or second document marker";
                return false;
            }

            root = reader.ReadDocument();
        }
        catch (GiveUpException)
        {
            root = null;
            return false;
        }
        finally
        {
            reader.ReturnScratch();
        }

        diagnostics.AddRange(reader._diagnostics);
        if (ReaderLimits.MoreDuplicates(path, reader._duplicates) is { } more)
        {
            diagnostics.Add(more);
        }
        return true;
    }

    /// <summary>Where the last read on this thread gave up: the input line and the reader's rule (for tests and tuning).</summary>
    [ThreadStatic]
    private static string? _lastGiveUp;

    internal static string? LastGiveUp => _lastGiveUp;

    private GiveUpException GiveUp([System.Runtime.CompilerServices.CallerLineNumber] int rule = 0)
    {
        _lastGiveUp = $"input line {_line}, rule at FastYamlReader.cs:{rule}";
        return new GiveUpException();
    }

    // ---- characters ----

    private byte At(int offset)
    {
        var i = _pos + offset;
        return i < _end ? _b[i] : (byte)0;
    }

    private byte Cur => _pos < _end ? _b[_pos] : (byte)0;

    private bool AtEnd => _pos >= _end;

    private static bool IsBreak(byte b) => b is (byte)'\n' or (byte)'\r';

    private static bool IsBreakOrZero(byte b) => b is (byte)'\n' or (byte)'\r' or 0;

    private static bool IsWhiteBreakOrZero(byte b) => b is (byte)' ' or (byte)'\n' or (byte)'\r' or 0;

    /// <summary>Skips a line break (LF or CRLF; a lone CR was refused by <see cref="PreScan"/>).</summary>
    private void SkipBreak()
    {
        _pos += _b[_pos] == (byte)'\r' ? 2 : 1;
        _line++;
        _lineStart = _pos;
    }

    /// <summary>The 0-based column of the current position in UTF-16 code units, as YamlDotNet counts.</summary>
    private int LineOffset => OffsetOf(_pos);

    private int OffsetOf(int pos)
    {
        if (_ascii)
        {
            return pos - _lineStart;
        }

        var n = 0;
        for (var i = _lineStart; i < pos; i++)
        {
            var b = _b[i];
            if ((b & 0xC0) != 0x80)
            {
                n += b >= 0xF0 ? 2 : 1;
            }
        }

        return n;
    }

    private readonly record struct Mark(int Line, int Column);

    private Mark Here => new(_line, LineOffset + 1);

    private ScalarNode Scalar(string value, bool quoted, Mark start, Mark end) =>
        new(value, quoted, _path, start.Line, start.Column, end.Line, end.Column);

    // A mapping or sequence is built in a list lent by the reader (nesting returns them in order) and kept as an array
    // of its exact size: no list object and no spare capacity per node.
    // These lists and the scalar buffer outlive a reader: each thread keeps one set (taken while a reader works, so a
    // reader never shares them), and a corpus of many small files does not make them anew per file.
    private sealed class Scratch
    {
        public readonly Stack<List<KeyValuePair<ScalarNode, TemplateNode>>> FreeEntries = new();
        public readonly Stack<List<TemplateNode>> FreeItems = new();
        public byte[] Buffer = new byte[256];
    }

    [ThreadStatic]
    private static Scratch? _threadScratch;

    private readonly Scratch _scratch;

    private List<KeyValuePair<ScalarNode, TemplateNode>> RentEntries() => _scratch.FreeEntries.TryPop(out var list) ? list : [];

    private List<TemplateNode> RentItems() => _scratch.FreeItems.TryPop(out var list) ? list : [];

    /// <summary>Gives the scratch back to the thread; a buffer grown past 64 KiB for a large scalar is not kept.</summary>
    private void ReturnScratch()
    {
        if (_buf.Length <= 1 << 16)
        {
            _scratch.Buffer = _buf;
        }

        _threadScratch = _scratch;
    }

    /// <param name="index">The keys' index <see cref="AddKey"/> built, if any.</param>
    /// <param name="duplicates">The count of duplicate keys when the mapping started: none since means its keys are distinct.</param>
    private TemplateNode Mapping(List<KeyValuePair<ScalarNode, TemplateNode>> entries, Dictionary<string, int>? index, int duplicates, Mark start, Mark end)
    {
        TemplateNode node = entries.Count == 1 && Intrinsics.IsLongForm(entries[0].Key.Value)
            ? Intrinsics.Create(entries[0].Key.Value, entries[0].Value, _path, start.Line, start.Column, end.Line, end.Column)
            : new MappingNode([.. entries], _duplicates == duplicates, index, _path, start.Line, start.Column, end.Line, end.Column);
        entries.Clear();
        _scratch.FreeEntries.Push(entries);
        return node;
    }

    private SequenceNode Sequence(List<TemplateNode> items, Mark start, Mark end)
    {
        var node = new SequenceNode([.. items], _path, start.Line, start.Column, end.Line, end.Column);
        items.Clear();
        _scratch.FreeItems.Push(items);
        return node;
    }

    /// <summary>True when only spaces stand between the start of the line and the current position.</summary>
    private bool FirstOnLine()
    {
        for (var i = _lineStart; i < _pos; i++)
        {
            if (_b[i] != (byte)' ')
            {
                return false;
            }
        }

        return true;
    }

    private bool IsMarkerAt(int lineStart) =>
        lineStart + 3 <= _end
        && ((_b[lineStart] == (byte)'-' && _b[lineStart + 1] == (byte)'-' && _b[lineStart + 2] == (byte)'-')
            || (_b[lineStart] == (byte)'.' && _b[lineStart + 1] == (byte)'.' && _b[lineStart + 2] == (byte)'.'))
        && (lineStart + 3 == _end || IsWhiteBreakOrZero(_b[lineStart + 3]) || _b[lineStart + 3] == (byte)'\t');

    /// <summary>
    /// Refuses what the fast reader leaves to YamlDotNet: control characters and tabs, a lone CR, the Unicode line
    /// breaks and byte order marks YamlDotNet treats specially, directives, and document markers beyond a first <c>---</c>.
    /// </summary>
    private bool PreScan()
    {
        var span = _b.AsSpan(_pos, _end - _pos);
        foreach (var b in span)
        {
            if (b < 0x20 && b != (byte)'\n' && b != (byte)'\r')
            {
                return false; // Tabs, NUL and other control characters.
            }
        }

        if (span.Contains((byte)0x7F))
        {
            return false;
        }

        for (var i = span.IndexOf((byte)'\r'); i >= 0; i = span[(i + 1)..].IndexOf((byte)'\r') is var next and >= 0 ? i + 1 + next : -1)
        {
            if (i + 1 >= span.Length || span[i + 1] != (byte)'\n')
            {
                return false;
            }
        }

        if (!_ascii)
        {
            for (var i = 0; i + 1 < span.Length; i++)
            {
                var b = span[i];
                if (b == 0xC2 && span[i + 1] is >= 0x80 and <= 0x9F)
                {
                    return false; // C1 controls, NEL among them.
                }

                if (b == 0xE2 && i + 2 < span.Length && span[i + 1] == 0x80 && span[i + 2] is 0xA8 or 0xA9)
                {
                    return false; // Line and paragraph separators.
                }

                if (b == 0xEF && i + 2 < span.Length && ((span[i + 1] == 0xBB && span[i + 2] == 0xBF) || (span[i + 1] == 0xBF && span[i + 2] >= 0xBE)))
                {
                    return false; // A byte order mark inside, or a non-character.
                }
            }
        }

        // Line starts: directives and document markers.
        for (var lineStart = _pos; lineStart < _end;)
        {
            var b = _b[lineStart];
            if (b == (byte)'%')
            {
                return false;
            }

            if (IsMarkerAt(lineStart))
            {
                if (_firstMarker >= 0 || b != (byte)'-')
                {
                    return false;
                }

                _firstMarker = lineStart;
            }

            var nl = span[(lineStart - _pos)..].IndexOf((byte)'\n');
            if (nl < 0)
            {
                break;
            }

            lineStart += nl + 1;
        }

        return true;
    }

    // ---- whitespace and comments ----

    private void SkipSpaces()
    {
        while (_pos < _end && _b[_pos] == (byte)' ')
        {
            _pos++;
        }
    }

    /// <summary>Skips spaces, comments and line breaks up to the next token, as YamlDotNet's ScanToNextToken.</summary>
    private void SkipToNextToken()
    {
        while (true)
        {
            SkipSpaces();
            if (_pos < _end && _b[_pos] == (byte)'#')
            {
                if (_pos > _lineStart && _b[_pos - 1] != (byte)' ')
                {
                    throw GiveUp(); // A comment glued to a token: YamlDotNet has its own rules there.
                }

                while (_pos < _end && !IsBreak(_b[_pos]))
                {
                    _pos++;
                }
            }

            if (_pos < _end && IsBreak(_b[_pos]))
            {
                SkipBreak();
                continue;
            }

            return;
        }
    }

    /// <summary>True when the rest of the line is empty or a comment (after spaces).</summary>
    private bool RestOfLineEmpty()
    {
        var c = Cur;
        return IsBreakOrZero(c) || (c == (byte)'#' && _b[_pos - 1] == (byte)' ');
    }

    /// <summary>Where YamlDotNet ends a block collection of indentation <paramref name="indent"/> at the end of the text.</summary>
    private Mark EndOfText(int indent)
    {
        var offset = LineOffset;
        if (indent > offset || offset == 0)
        {
            return new Mark(_line, offset + 1);
        }

        return new Mark(_line + 1, 1);
    }

    // ---- document ----

    private TemplateNode ReadDocument()
    {
        SkipToNextToken();
        if (AtEnd)
        {
            throw GiveUp();
        }

        if (_firstMarker >= 0)
        {
            if (_pos != _firstMarker)
            {
                throw GiveUp();
            }

            _pos += 3;
            SkipSpaces();
            if (!RestOfLineEmpty())
            {
                throw GiveUp();
            }

            SkipToNextToken();
            if (AtEnd)
            {
                throw GiveUp();
            }
        }

        var root = ReadBlockNode(-1, Context.LineStart, indentless: false, out var weight);
        Count(weight);
        if (root is ScalarNode)
        {
            throw GiveUp(); // A scalar document: YamlDotNet's rules for its comments differ.
        }

        SkipToNextToken();
        if (!AtEnd)
        {
            throw GiveUp();
        }

        return root;
    }

    private enum Context
    {
        /// <summary>The first token of its line: a block mapping or sequence may start here.</summary>
        LineStart,

        /// <summary>After <c>- </c> on the same line: a block mapping or sequence may start here.</summary>
        AfterDash,

        /// <summary>After <c>key: </c> or a tag on the same line: only a scalar, a flow collection or an alias.</summary>
        Inline,
    }

    private void Count(long weight)
    {
        _expanded += weight;
        if (_expanded > ReaderLimits.MaxExpandedNodes)
        {
            throw GiveUp(); // YamlDotNet reports the limit.
        }
    }

    private void Open()
    {
        if (_depth >= ReaderLimits.MaxDepth)
        {
            throw GiveUp(); // YamlDotNet reports the limit.
        }

        _depth++;
    }

    // ---- block nodes ----

    /// <summary>Reads a node in the block context at the current token. <paramref name="indent"/> is the scanner's indentation.</summary>
    private TemplateNode ReadBlockNode(int indent, Context context, bool indentless, out long weight)
    {
        var start = Here;
        if (ScanProperties(flow: false, out var tag, out var anchor))
        {
            context = Context.Inline;
        }

        TemplateNode node;
        if ((tag is not null || anchor is not null) && RestOfLineEmpty())
        {
            // The content is on the following lines: a block collection, or a scalar more indented.
            SkipToNextToken();
            if (AtEnd || !FirstOnLine())
            {
                throw GiveUp();
            }

            var column = LineOffset;
            if (Cur == (byte)'-' && IsWhiteBreakOrZero(At(1)))
            {
                node = column > indent ? ReadBlockSequence(column, start, out weight)
                    : column == indent && indentless ? ReadBlockSequence(indent, start, out weight, indentless: true)
                    : throw GiveUp();
            }
            else if (column > indent)
            {
                node = ReadContent(indent, Context.LineStart, start, properties: true, out weight);
            }
            else
            {
                throw GiveUp(); // An empty node with properties.
            }
        }
        else
        {
            node = ReadContent(indent, context, start, properties: tag is not null || anchor is not null, out weight);
        }

        return Finish(node, tag, anchor, weight);
    }

    private TemplateNode Finish(TemplateNode node, string? tag, string? anchor, long weight)
    {
        if (tag is not null)
        {
            node = ApplyTag(node, tag);
        }

        if (anchor is not null)
        {
            (_anchors ??= new Dictionary<string, (TemplateNode, long)>(StringComparer.Ordinal))[anchor] = (node, weight);
        }

        return node;
    }

    /// <summary>The content of a block node at the current token (after its tag and anchor, if any).</summary>
    private TemplateNode ReadContent(int indent, Context context, Mark start, bool properties, out long weight)
    {
        var c = Cur;
        switch (c)
        {
            case (byte)'*':
            {
                if (properties)
                {
                    throw GiveUp();
                }

                var alias = ReadAlias(out weight);
                SkipSpaces();
                if (Cur == (byte)':')
                {
                    throw GiveUp();
                }

                return alias;
            }
            case (byte)'-' when IsWhiteBreakOrZero(At(1)):
                if (context == Context.Inline || LineOffset <= indent)
                {
                    throw GiveUp();
                }

                return ReadBlockSequence(LineOffset, start, out weight);
            case (byte)'[' or (byte)'{':
            {
                var node = c == (byte)'[' ? ReadFlowSequence(indent, start, out weight) : ReadFlowMapping(indent, start, out weight);
                SkipSpaces();
                if (Cur == (byte)':')
                {
                    throw GiveUp(); // A flow collection as a key.
                }

                return node;
            }
            case (byte)'|' or (byte)'>':
                weight = 1;
                return ScanBlockScalar(indent, start);
        }

        var keyStart = _pos;
        var keyLine = _line;
        var keyColumn = LineOffset;
        var own = Here; // A key starts at itself; a scalar with a tag or anchor on the line before, at that.
        ScalarNode scalar;
        bool multiline;
        if (c is (byte)'\'' or (byte)'"')
        {
            scalar = ScanQuoted(indent, flow: false, own, out multiline);
            SkipSpaces();
        }
        else if (IsPlainStart(flow: false))
        {
            scalar = ScanPlain(indent, flow: false, own, out multiline);
        }
        else
        {
            throw GiveUp();
        }

        if (Cur == (byte)':' && IsWhiteBreakOrZero(At(1)))
        {
            // A simple key: a block mapping starts here.
            if (context == Context.Inline || multiline || keyLine != _line || keyColumn <= indent || _pos - keyStart > 1000)
            {
                throw GiveUp();
            }

            return ReadBlockMapping(keyColumn, start, scalar, out weight);
        }

        weight = 1;
        return start == own ? scalar : Scalar(scalar.Value, scalar.IsQuoted, start, new Mark(scalar.EndLine, scalar.EndColumn));
    }

    private bool IsPlainStart(bool flow)
    {
        var c = Cur;
        if (c == (byte)'-')
        {
            var next = At(1);
            return flow ? next is >= (byte)'0' and <= (byte)'9' or >= (byte)'A' and <= (byte)'Z' or >= (byte)'a' and <= (byte)'z' : !IsWhiteBreakOrZero(next);
        }

        if (c is (byte)':' or (byte)'?' && !flow)
        {
            // ::/0, :sqs:path/. But after a flow collection or a quoted scalar in one, until the next plain scalar,
            // YamlDotNet skips a leading ':' (its flowScalarFetched and flowCollectionFetched flags).
            return !IsWhiteBreakOrZero(At(1)) && !(c == (byte)':' && _flowSincePlain);
        }

        return c > (byte)' ' && "-?:,[]{}#&*!|>'\"%@`"u8.IndexOf(c) < 0;
    }

    /// <summary>A block mapping whose first key has been read; the current position is at its ':'.</summary>
    private TemplateNode ReadBlockMapping(int column, Mark start, ScalarNode firstKey, out long weight)
    {
        Open();
        var entries = RentEntries();
        Dictionary<string, int>? index = null;
        var duplicates = _duplicates;
        weight = 1;
        var key = firstKey;
        Mark end;
        while (true)
        {
            AddKey(entries, ref index, key);
            Count(1);
            weight++;

            _pos++; // ':'
            var afterColon = Here;
            SkipSpaces();
            TemplateNode value;
            long valueWeight;
            if (!RestOfLineEmpty())
            {
                value = ReadBlockNode(column, Context.Inline, indentless: true, out valueWeight);
            }
            else
            {
                SkipToNextToken();
                var offset = LineOffset;
                if (AtEnd || offset < column || (offset == column && !(Cur == (byte)'-' && IsWhiteBreakOrZero(At(1)))))
                {
                    value = Scalar("", false, afterColon, afterColon);
                    valueWeight = 1;
                }
                else if (offset == column)
                {
                    value = ReadBlockSequence(column, Here, out valueWeight, indentless: true);
                }
                else
                {
                    value = ReadBlockNode(column, Context.LineStart, indentless: true, out valueWeight);
                }
            }

            Count(valueWeight);
            weight += valueWeight;
            entries.Add(new KeyValuePair<ScalarNode, TemplateNode>(key, value));

            SkipToNextToken();
            if (AtEnd)
            {
                end = EndOfText(column);
                break;
            }

            if (!FirstOnLine())
            {
                throw GiveUp();
            }

            var next = LineOffset;
            if (next < column)
            {
                end = Here;
                break;
            }

            if (next > column)
            {
                throw GiveUp();
            }

            key = ScanKey(column);
        }

        _depth--;
        return Mapping(entries, index, duplicates, start, end);
    }

    /// <summary>A key of a block mapping at the current token; the position ends at its ':'.</summary>
    private ScalarNode ScanKey(int indent)
    {
        var keyStart = _pos;
        var start = Here;
        ScalarNode key;
        bool multiline;
        if (Cur is (byte)'\'' or (byte)'"')
        {
            key = ScanQuoted(indent, flow: false, start, out multiline);
            SkipSpaces();
        }
        else if (IsPlainStart(flow: false))
        {
            key = ScanPlain(indent, flow: false, start, out multiline);
        }
        else
        {
            throw GiveUp();
        }

        if (multiline || Cur != (byte)':' || !IsWhiteBreakOrZero(At(1)) || _pos - keyStart > 1000)
        {
            throw GiveUp();
        }

        return key;
    }

    private void AddKey(List<KeyValuePair<ScalarNode, TemplateNode>> entries, ref Dictionary<string, int>? index, ScalarNode key)
    {
        if (!key.IsQuoted && key.Value == "<<")
        {
            throw GiveUp(); // A merge key: YamlDotNet's reader decides what it means.
        }

        ScalarNode? first = null;
        if (index is null && entries.Count < 16)
        {
            foreach (var entry in entries)
            {
                if (string.Equals(entry.Key.Value, key.Value, StringComparison.Ordinal))
                {
                    first = entry.Key;
                    break;
                }
            }
        }
        else
        {
            if (index is null)
            {
                index = new Dictionary<string, int>(StringComparer.Ordinal);
                for (var i = 0; i < entries.Count; i++)
                {
                    index.TryAdd(entries[i].Key.Value, i);
                }
            }

            if (index.TryGetValue(key.Value, out var at))
            {
                first = entries[at].Key;
            }
            else
            {
                index[key.Value] = entries.Count;
            }
        }

        if (first is not null && ++_duplicates <= ReaderLimits.MaxDuplicateKeyWarnings)
        {
            _diagnostics.Add(new Diagnostic(DiagnosticCodes.DuplicateKey, DiagnosticLevel.Warning,
                $"duplicate key '{key.Value}' (first at line {first.Span.Line}); the last value is used, as CloudFormation does",
                key.Span));
        }
    }

    /// <summary>A block sequence whose dashes stand at <paramref name="column"/>; <paramref name="indentless"/> when that is
    /// the column of the mapping that holds it (<c>key:\n- a</c>).</summary>
    private SequenceNode ReadBlockSequence(int column, Mark start, out long weight, bool indentless = false)
    {
        Open();
        var items = RentItems();
        weight = 1;
        Mark end;
        while (true)
        {
            _pos++; // '-'
            var afterDash = Here;
            SkipSpaces();
            TemplateNode item;
            long itemWeight;
            if (!RestOfLineEmpty())
            {
                item = ReadBlockNode(column, Context.AfterDash, indentless: false, out itemWeight);
            }
            else
            {
                SkipToNextToken();
                if (AtEnd || LineOffset <= column)
                {
                    item = Scalar("", false, afterDash, afterDash);
                    itemWeight = 1;
                }
                else
                {
                    item = ReadBlockNode(column, Context.LineStart, indentless: false, out itemWeight);
                }
            }

            Count(itemWeight);
            weight += itemWeight;
            items.Add(item);

            SkipToNextToken();
            if (AtEnd)
            {
                end = EndOfText(column);
                break;
            }

            if (!FirstOnLine())
            {
                throw GiveUp();
            }

            var next = LineOffset;
            if (next > column)
            {
                throw GiveUp();
            }

            if (next == column && Cur == (byte)'-' && IsWhiteBreakOrZero(At(1)))
            {
                continue;
            }

            // Anything else at the sequence's column ends an indentless sequence (the next key of its mapping) but is
            // outside the subset for an indented one.
            if (next == column && !indentless)
            {
                throw GiveUp();
            }

            end = Here;
            break;
        }

        _depth--;
        return Sequence(items, start, end);
    }

    // ---- flow nodes ----

    /// <summary>Reads a node's properties at the current token: a tag and an anchor, each at most once, in either order,
    /// each followed by spaces (block context) or by anything up to the next token (flow context). False when there are none.</summary>
    private bool ScanProperties(bool flow, out string? tag, out string? anchor)
    {
        tag = null;
        anchor = null;
        while (Cur is (byte)'!' or (byte)'&')
        {
            if (Cur == (byte)'!')
            {
                if (tag is not null)
                {
                    throw GiveUp();
                }

                tag = ScanTag();
            }
            else
            {
                if (anchor is not null)
                {
                    throw GiveUp();
                }

                anchor = ScanAnchorName();
            }

            if (flow)
            {
                SkipToNextToken();
            }
            else
            {
                SkipSpaces();
            }
        }

        return tag is not null || anchor is not null;
    }

    private TemplateNode ReadFlowNode(int indent, out long weight)
    {
        var start = Here;
        var properties = ScanProperties(flow: true, out var tag, out var anchor);
        TemplateNode node;
        switch (Cur)
        {
            case (byte)'*':
                if (properties)
                {
                    throw GiveUp();
                }

                return ReadAlias(out weight);
            case (byte)'[':
                node = ReadFlowSequence(indent, start, out weight);
                break;
            case (byte)'{':
                node = ReadFlowMapping(indent, start, out weight);
                break;
            case (byte)'\'' or (byte)'"':
                node = ScanQuoted(indent, flow: true, start, out _);
                weight = 1;
                break;
            default:
                if (!IsPlainStart(flow: true))
                {
                    throw GiveUp();
                }

                node = ScanPlain(indent, flow: true, start, out var multiline);
                if (multiline)
                {
                    throw GiveUp();
                }

                weight = 1;
                break;
        }

        return Finish(node, tag, anchor, weight);
    }

    /// <summary>A flow sequence at '['; <paramref name="start"/> is where its node starts (its tag or anchor, if any).</summary>
    private SequenceNode ReadFlowSequence(int indent, Mark start, out long weight)
    {
        Open();
        _flowSincePlain = true;
        _pos++; // '['
        var items = RentItems();
        weight = 1;
        SkipToNextToken();
        while (Cur != (byte)']')
        {
            var item = ReadFlowNode(indent, out var itemWeight);
            Count(itemWeight);
            weight += itemWeight;
            items.Add(item);
            SkipToNextToken();
            if (Cur == (byte)',')
            {
                _pos++;
                SkipToNextToken();
            }
            else if (Cur != (byte)']')
            {
                throw GiveUp();
            }
        }

        var end = Here; // YamlDotNet ends a flow collection at its closing bracket, not after it.
        _pos++; // ']'
        _depth--;
        return Sequence(items, start, end);
    }

    private TemplateNode ReadFlowMapping(int indent, Mark start, out long weight)
    {
        Open();
        _flowSincePlain = true;
        _pos++; // '{'
        var entries = RentEntries();
        Dictionary<string, int>? index = null;
        var duplicates = _duplicates;
        weight = 1;
        SkipToNextToken();
        while (Cur != (byte)'}')
        {
            var keyStart = _pos;
            var keyMark = Here;
            ScalarNode key;
            bool multiline;
            if (Cur is (byte)'\'' or (byte)'"')
            {
                key = ScanQuoted(indent, flow: true, keyMark, out multiline);
                SkipSpaces();
            }
            else if (IsPlainStart(flow: true))
            {
                key = ScanPlain(indent, flow: true, keyMark, out multiline);
            }
            else
            {
                throw GiveUp();
            }

            // After a quoted key YamlDotNet takes ':' as the value indicator even when the value is glued to it ("a":"b"),
            // but not before a second ':'.
            var glued = key.IsQuoted && At(1) is not ((byte)':' or 0);
            if (multiline || Cur != (byte)':' || !(IsWhiteBreakOrZero(At(1)) || glued) || _pos - keyStart > 1000)
            {
                throw GiveUp();
            }

            AddKey(entries, ref index, key);
            Count(1);
            weight++;
            _pos++; // ':'
            SkipToNextToken();
            if (Cur is (byte)',' or (byte)'}' or 0)
            {
                throw GiveUp(); // An empty value.
            }

            var value = ReadFlowNode(indent, out var valueWeight);
            Count(valueWeight);
            weight += valueWeight;
            entries.Add(new KeyValuePair<ScalarNode, TemplateNode>(key, value));
            SkipToNextToken();
            if (Cur == (byte)',')
            {
                _pos++;
                SkipToNextToken();
            }
            else if (Cur != (byte)'}')
            {
                throw GiveUp();
            }
        }

        var end = Here;
        _pos++; // '}'
        _depth--;
        return Mapping(entries, index, duplicates, start, end);
    }

    // ---- tags, anchors, aliases ----

    private static bool IsNameByte(byte b) =>
        b is >= (byte)'0' and <= (byte)'9' or >= (byte)'A' and <= (byte)'Z' or >= (byte)'a' and <= (byte)'z' or (byte)'-' or (byte)'_';

    /// <summary><c>!Name</c> gives <c>!Name</c>; <c>!!name</c> gives YAML's <c>tag:yaml.org,2002:name</c>. Other forms give up.</summary>
    private string ScanTag()
    {
        var start = _pos;
        _pos++;
        var secondary = Cur == (byte)'!';
        if (secondary)
        {
            _pos++;
        }

        var nameStart = _pos;
        while (_pos < _end && IsNameByte(_b[_pos]))
        {
            _pos++;
        }

        if (_pos == nameStart || !IsWhiteBreakOrZero(Cur))
        {
            throw GiveUp();
        }

        return secondary ? "tag:yaml.org,2002:" + Encoding.ASCII.GetString(_b, nameStart, _pos - nameStart) : Text(start, _pos);
    }

    private string ScanAnchorName()
    {
        _pos++;
        var nameStart = _pos;
        while (_pos < _end && (IsNameByte(_b[_pos]) || _b[_pos] == (byte)'.'))
        {
            _pos++;
        }

        if (_pos == nameStart || !IsWhiteBreakOrZero(Cur))
        {
            throw GiveUp();
        }

        return Encoding.ASCII.GetString(_b, nameStart, _pos - nameStart);
    }

    private TemplateNode ReadAlias(out long weight)
    {
        _pos++;
        var nameStart = _pos;
        while (_pos < _end && (IsNameByte(_b[_pos]) || _b[_pos] == (byte)'.'))
        {
            _pos++;
        }

        if (_pos == nameStart || !(IsWhiteBreakOrZero(Cur) || Cur is (byte)',' or (byte)']' or (byte)'}'))
        {
            throw GiveUp();
        }

        var name = Encoding.ASCII.GetString(_b, nameStart, _pos - nameStart);
        if (_anchors is null || !_anchors.TryGetValue(name, out var anchored))
        {
            throw GiveUp(); // YamlDotNet reports the unknown alias.
        }

        weight = anchored.Weight;
        return anchored.Node;
    }

    private TemplateNode ApplyTag(TemplateNode node, string tag)
    {
        if (!tag.StartsWith('!') || tag.StartsWith("!!", StringComparison.Ordinal))
        {
            return node;
        }

        var name = Intrinsics.FromTag(tag);
        if (name is null)
        {
            _diagnostics.Add(new Diagnostic(DiagnosticCodes.Structure, DiagnosticLevel.Warning,
                $"unknown tag '{tag}' is read as a plain value", node.Span));
            return node;
        }

        return Intrinsics.Create(name, node, _path, node.Line, node.Column, node.EndLine, node.EndColumn);
    }

    // ---- scalars ----

    private void Append(byte b)
    {
        if (_bufLength == _buf.Length)
        {
            Array.Resize(ref _buf, _buf.Length * 2);
        }

        _buf[_bufLength++] = b;
    }

    private void Append(int from, int to)
    {
        var length = to - from;
        if (_bufLength + length > _buf.Length)
        {
            Array.Resize(ref _buf, Math.Max(_buf.Length * 2, _bufLength + length));
        }

        _b.AsSpan(from, length).CopyTo(_buf.AsSpan(_bufLength));
        _bufLength += length;
    }

    private void Append(byte b, int count)
    {
        for (var i = 0; i < count; i++)
        {
            Append(b);
        }
    }

    /// <summary>The text of a scalar written without escapes or folds (short ASCII texts from <see cref="TextTable"/>).</summary>
    private string Text(int from, int to) => TextTable.TryGet(_b.AsSpan(from, to - from), out var text) ? text : Encoding.UTF8.GetString(_b, from, to - from);

    private string BufferText() => _bufLength == 0 ? "" : Encoding.UTF8.GetString(_buf, 0, _bufLength);

    private bool AtDocumentIndicator() => _pos == _lineStart && IsMarkerAt(_pos);

    /// <summary>YamlDotNet's ScanPlainScalar on bytes.</summary>
    /// <remarks><paramref name="folded"/> is true when the value runs on over more than one line.</remarks>
    private ScalarNode ScanPlain(int indent, bool flow, Mark nodeStart, out bool folded)
    {
        var multiline = false; // YamlDotNet's flag: a line break was consumed, even after the last word.
        _flowSincePlain = false;
        var aliasRun = false;
        var currentIndent = indent + 1;
        var startPos = _pos;
        var end = Here;
        var lastEnd = _pos;
        folded = false; // Once a line break is folded, the value is built in the buffer.
        var hasLeadingBlanks = false;
        var whitespaces = 0;
        var trailingBreaks = 0;

        while (true)
        {
            if (AtDocumentIndicator())
            {
                throw GiveUp();
            }

            var c = Cur;
            if (c == (byte)'#')
            {
                break;
            }

            aliasRun = c == (byte)'*';
            var runStart = -1;
            while (!IsWhiteBreakOrZero(c = Cur))
            {
                if ((c == (byte)':' && (IsWhiteBreakOrZero(At(1)) || (flow && At(1) == (byte)','))) || (flow && c is (byte)',' or (byte)'[' or (byte)']' or (byte)'{' or (byte)'}'))
                {
                    if (aliasRun && c == (byte)':')
                    {
                        throw GiveUp(); // After a word that starts with '*', YamlDotNet does not end the scalar at ': '.
                    }

                    break;
                }

                if (runStart < 0)
                {
                    if (hasLeadingBlanks)
                    {
                        if (!folded)
                        {
                            _bufLength = 0;
                            Append(startPos, lastEnd);
                            folded = true;
                        }

                        if (trailingBreaks == 0)
                        {
                            Append((byte)' ');
                        }
                        else
                        {
                            Append((byte)'\n', trailingBreaks);
                        }

                        trailingBreaks = 0;
                        hasLeadingBlanks = false;
                    }
                    else if (whitespaces > 0 && folded)
                    {
                        Append((byte)' ', whitespaces);
                    }

                    whitespaces = 0;
                    if (flow && LineOffset < currentIndent)
                    {
                        throw GiveUp();
                    }

                    runStart = _pos;
                }

                _pos++;
            }

            if (runStart >= 0)
            {
                if (folded)
                {
                    Append(runStart, _pos);
                }

                lastEnd = _pos;
                end = Here;
            }

            c = Cur;
            if (!(c == (byte)' ' || IsBreak(c)))
            {
                break;
            }

            while ((c = Cur) == (byte)' ' || IsBreak(c))
            {
                if (c == (byte)' ')
                {
                    if (!hasLeadingBlanks)
                    {
                        whitespaces++;
                    }

                    _pos++;
                }
                else
                {
                    multiline = true;
                    if (!hasLeadingBlanks)
                    {
                        whitespaces = 0;
                        hasLeadingBlanks = true;
                    }
                    else
                    {
                        trailingBreaks++;
                    }

                    SkipBreak();
                }
            }

            if (!flow && LineOffset < currentIndent)
            {
                break;
            }
        }

        if (multiline && !flow && Cur == (byte)':' && indent < LineOffset)
        {
            throw GiveUp(); // YamlDotNet: a multiline plain scalar followed by a mapping.
        }

        var value = folded ? BufferText() : Text(startPos, lastEnd);
        return Scalar(value, false, nodeStart, end);
    }

    /// <summary>YamlDotNet's ScanFlowScalar on bytes.</summary>
    private ScalarNode ScanQuoted(int indent, bool flow, Mark nodeStart, out bool multiline)
    {
        _flowSincePlain |= flow;
        var single = Cur == (byte)'\'';
        var quote = single ? (byte)'\'' : (byte)'"';
        _pos++;
        multiline = false;

        // The common case: one line, no escapes.
        var rest = _b.AsSpan(_pos, _end - _pos);
        var stop = single ? rest.IndexOfAny((byte)'\'', (byte)'\n', (byte)'\r') : rest.IndexOfAny((byte)'"', (byte)'\\', (byte)'\n');
        if (stop >= 0 && rest[stop] == quote && (!single || stop + 1 >= rest.Length || rest[stop + 1] != (byte)'\'')
            && (single || rest[..stop].IndexOf((byte)'\r') < 0))
        {
            var simple = Text(_pos, _pos + stop);
            _pos += stop + 1;
            AfterQuoted(single);
            return Scalar(simple, true, nodeStart, Here);
        }

        _bufLength = 0;
        var whitespaces = 0;
        var trailingBreaks = 0;
        var leadingBreak = false;
        var hasLeadingBlanks = false;
        while (true)
        {
            if (AtDocumentIndicator() || AtEnd)
            {
                throw GiveUp();
            }

            if (hasLeadingBlanks && !single && indent >= LineOffset)
            {
                throw GiveUp();
            }

            hasLeadingBlanks = false;
            byte c;
            while (!IsWhiteBreakOrZero(c = Cur))
            {
                if (single && c == (byte)'\'' && At(1) == (byte)'\'')
                {
                    Append((byte)'\'');
                    _pos += 2;
                }
                else if (c == quote)
                {
                    break;
                }
                else if (!single && c == (byte)'\\' && IsBreak(At(1)))
                {
                    _pos++;
                    SkipBreak();
                    hasLeadingBlanks = true;
                    break;
                }
                else if (!single && c == (byte)'\\')
                {
                    ScanEscape();
                }
                else
                {
                    Append(c);
                    _pos++;
                }
            }

            if (Cur == quote)
            {
                break;
            }

            while ((c = Cur) == (byte)' ' || IsBreak(c))
            {
                if (c == (byte)' ')
                {
                    if (!hasLeadingBlanks)
                    {
                        whitespaces++;
                    }

                    _pos++;
                }
                else
                {
                    multiline = true;
                    if (!hasLeadingBlanks)
                    {
                        whitespaces = 0;
                        leadingBreak = true;
                        hasLeadingBlanks = true;
                    }
                    else
                    {
                        trailingBreaks++;
                    }

                    SkipBreak();
                }
            }

            if (hasLeadingBlanks)
            {
                // A line break (LF or CRLF) folds into a space, or into the empty lines after it; after an escaped
                // line break only the empty lines count.
                if (leadingBreak && trailingBreaks == 0)
                {
                    Append((byte)' ');
                }
                else
                {
                    Append((byte)'\n', trailingBreaks);
                }

                leadingBreak = false;
                trailingBreaks = 0;
            }
            else
            {
                Append((byte)' ', whitespaces);
            }

            whitespaces = 0;
        }

        _pos++;
        AfterQuoted(single);
        return Scalar(BufferText(), true, nodeStart, Here);
    }

    private void AfterQuoted(bool single)
    {
        if (!single && Cur == (byte)'#')
        {
            throw GiveUp();
        }
    }

    private void ScanEscape()
    {
        var e = At(1);
        var length = e switch { (byte)'x' => 2, (byte)'u' => 4, _ => 0 };
        if (length == 0)
        {
            var simple = e switch
            {
                (byte)'0' => '\0', (byte)'a' => '\a', (byte)'b' => '\b', (byte)'t' => '\t', (byte)'n' => '\n', (byte)'v' => '\v',
                (byte)'f' => '\f', (byte)'r' => '\r', (byte)'e' => '\x1B', (byte)' ' => ' ', (byte)'"' => '"', (byte)'\\' => '\\',
                (byte)'/' => '/', (byte)'N' => '\x85', (byte)'_' => '\xA0', (byte)'L' => '\u2028', (byte)'P' => '\u2029',
                _ => throw GiveUp(),
            };
            AppendRune(simple);
            _pos += 2;
            return;
        }

        _pos += 2;
        var code = 0;
        for (var k = 0; k < length; k++)
        {
            var h = At(k);
            var digit = h switch
            {
                >= (byte)'0' and <= (byte)'9' => h - '0',
                >= (byte)'a' and <= (byte)'f' => h - 'a' + 10,
                >= (byte)'A' and <= (byte)'F' => h - 'A' + 10,
                _ => throw GiveUp(),
            };
            code = (code << 4) + digit;
        }

        if (code is >= 0xD800 and <= 0xDFFF)
        {
            throw GiveUp();
        }

        _pos += length;
        AppendRune(code);
    }

    private void AppendRune(int code)
    {
        Span<byte> bytes = stackalloc byte[4];
        var n = new Rune(code).EncodeToUtf8(bytes);
        for (var i = 0; i < n; i++)
        {
            Append(bytes[i]);
        }
    }

    /// <summary>YamlDotNet's ScanBlockScalar on bytes.</summary>
    private ScalarNode ScanBlockScalar(int indent, Mark nodeStart)
    {
        var literal = Cur == (byte)'|';
        _pos++;
        var chomping = 0;
        var increment = 0;
        if (Cur is (byte)'+' or (byte)'-')
        {
            chomping = Cur == (byte)'+' ? 1 : -1;
            _pos++;
            if (Cur is >= (byte)'0' and <= (byte)'9')
            {
                if (Cur == (byte)'0')
                {
                    throw GiveUp();
                }

                increment = Cur - '0';
                _pos++;
            }
        }
        else if (Cur is >= (byte)'0' and <= (byte)'9')
        {
            if (Cur == (byte)'0')
            {
                throw GiveUp();
            }

            increment = Cur - '0';
            _pos++;
            if (Cur is (byte)'+' or (byte)'-')
            {
                chomping = Cur == (byte)'+' ? 1 : -1;
                _pos++;
            }
        }

        if (Cur == (byte)'#')
        {
            throw GiveUp();
        }

        SkipSpaces();
        if (Cur == (byte)'#')
        {
            while (_pos < _end && !IsBreak(_b[_pos]))
            {
                _pos++;
            }
        }

        if (!IsBreakOrZero(Cur))
        {
            throw GiveUp();
        }

        bool? isFirstLine = null;
        if (IsBreak(Cur))
        {
            SkipBreak();
            isFirstLine = true;
        }

        var end = Here;
        long currentIndent = 0;
        if (increment != 0)
        {
            currentIndent = indent >= 0 ? indent + increment : increment;
        }

        _bufLength = 0;
        var leadingBreak = false;
        var trailingBreaks = 0;
        var leadingBlank = false;
        currentIndent = BlockScalarBreaks(indent, currentIndent, literal, ref trailingBreaks, ref end, ref isFirstLine);
        isFirstLine = false;

        while (LineOffset == currentIndent && !AtEnd && !AtDocumentIndicator())
        {
            var trailingBlank = Cur == (byte)' ';
            if (!literal && leadingBreak && !leadingBlank && !trailingBlank)
            {
                if (trailingBreaks == 0)
                {
                    Append((byte)' ');
                }

                leadingBreak = false;
            }
            else
            {
                if (leadingBreak)
                {
                    Append((byte)'\n');
                }

                leadingBreak = false;
            }

            Append((byte)'\n', trailingBreaks);
            trailingBreaks = 0;
            leadingBlank = Cur == (byte)' ';

            var lineStart = _pos;
            while (_pos < _end && !IsBreak(_b[_pos]))
            {
                _pos++;
            }

            Append(lineStart, _pos);
            if (_pos < _end)
            {
                SkipBreak();
                leadingBreak = true;
            }

            currentIndent = BlockScalarBreaks(indent, currentIndent, literal, ref trailingBreaks, ref end, ref isFirstLine);
        }

        if (chomping != -1 && leadingBreak)
        {
            Append((byte)'\n');
        }

        if (chomping == 1)
        {
            Append((byte)'\n', trailingBreaks);
        }

        return Scalar(BufferText(), true, nodeStart, end);
    }

    /// <summary>YamlDotNet's ScanBlockScalarBreaks: eats indentation and empty lines, finds the indentation if needed.</summary>
    private long BlockScalarBreaks(int indent, long currentIndent, bool literal, ref int breaks, ref Mark end, ref bool? isFirstLine)
    {
        long maxIndent = 0;
        long indentOfFirstLine = -1;
        end = Here;
        while (true)
        {
            while ((currentIndent == 0 || LineOffset < currentIndent) && Cur == (byte)' ')
            {
                _pos++;
            }

            if (LineOffset > maxIndent)
            {
                maxIndent = LineOffset;
            }

            if (!IsBreak(Cur))
            {
                if (literal && isFirstLine == true)
                {
                    long localIndent = LineOffset;
                    var i = 0;
                    while (!IsBreak(At(i)) && At(i) == (byte)' ')
                    {
                        i++;
                        localIndent++;
                    }

                    if (IsBreak(At(i)) && localIndent > LineOffset)
                    {
                        isFirstLine = false;
                        indentOfFirstLine = localIndent;
                    }
                }

                break;
            }

            if (isFirstLine == true)
            {
                isFirstLine = false;
                indentOfFirstLine = LineOffset;
            }

            breaks++;
            SkipBreak();
            end = Here;
        }

        if (literal && indentOfFirstLine > 1 && currentIndent < indentOfFirstLine - 1)
        {
            throw GiveUp(); // YamlDotNet's "extra spaces in first line": its reader repairs and retries.
        }

        if (!literal && maxIndent > LineOffset && indentOfFirstLine > -1)
        {
            throw GiveUp();
        }

        if (currentIndent == 0 && (LineOffset > 0 || indent > -1))
        {
            currentIndent = Math.Max(maxIndent, Math.Max(indent + 1, 1));
        }

        return currentIndent;
    }
}
