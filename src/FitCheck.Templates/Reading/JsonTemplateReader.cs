using System.Text.Json;
using FitCheck.Model;

namespace FitCheck.Templates.Reading;

/// <summary>Reads JSON into the same positioned node tree as YAML, with System.Text.Json's reader.</summary>
internal static class JsonTemplateReader
{
    public static TemplateNode? Read(ReadOnlySpan<byte> utf8, string path, List<Diagnostic> diagnostics)
    {
        var lines = new LineMap(utf8);
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions
        {
            CommentHandling = JsonCommentHandling.Disallow,
            AllowTrailingCommas = false,
            MaxDepth = ReaderLimits.MaxDepth,
        });

        try
        {
            return Build(ref reader, utf8, path, lines, diagnostics);
        }
        catch (JsonException ex)
        {
            var line = (int)(ex.LineNumber ?? 0) + 1;
            var column = (int)(ex.BytePositionInLine ?? 0) + 1;
            var message = ex.Message;
            var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
            if (cut > 0)
            {
                message = message[..cut];
            }

            diagnostics.Add(new Diagnostic(DiagnosticCodes.Syntax, DiagnosticLevel.Error,
                "JSON syntax error: " + message.TrimEnd('.', ' '), new SourceSpan(path, line, column, line, column)));
            return null;
        }
    }

    private abstract class Frame((int Line, int Column) start)
    {
        public (int Line, int Column) Start { get; } = start;
    }

    private sealed class ObjectFrame((int Line, int Column) start) : Frame(start)
    {
        public List<KeyValuePair<ScalarNode, TemplateNode>> Entries { get; } = [];
        public ScalarNode? PendingKey { get; set; }
        public HashSet<string> Seen { get; } = new(StringComparer.Ordinal);
    }

    private sealed class ArrayFrame((int Line, int Column) start) : Frame(start)
    {
        public List<TemplateNode> Items { get; } = [];
    }

    private static TemplateNode? Build(ref Utf8JsonReader reader, ReadOnlySpan<byte> utf8, string path, LineMap lines, List<Diagnostic> diagnostics)
    {
        var stack = new Stack<Frame>();
        TemplateNode? root = null;
        long nodes = 0;

        while (reader.Read())
        {
            var start = reader.TokenStartIndex;
            TemplateNode? completed = null;
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                    stack.Push(new ObjectFrame(lines.Position((int)start)));
                    continue;
                case JsonTokenType.StartArray:
                    stack.Push(new ArrayFrame(lines.Position((int)start)));
                    continue;
                case JsonTokenType.PropertyName:
                {
                    var obj = (ObjectFrame)stack.Peek();
                    var key = new ScalarNode(reader.GetString()!, true, lines.Span(path, start, reader.BytesConsumed));
                    if (!obj.Seen.Add(key.Value))
                    {
                        var first = obj.Entries.First(e => e.Key.Value == key.Value).Key;
                        diagnostics.Add(new Diagnostic(DiagnosticCodes.DuplicateKey, DiagnosticLevel.Warning,
                            $"duplicate key '{key.Value}' (first at line {first.Span.Line}); the last value is used, as CloudFormation does",
                            key.Span));
                    }

                    obj.PendingKey = key;
                    continue;
                }
                case JsonTokenType.EndObject:
                {
                    var obj = (ObjectFrame)stack.Pop();
                    var span = lines.Span(path, obj.Start, reader.BytesConsumed);
                    completed = obj.Entries.Count == 1 && Intrinsics.IsLongForm(obj.Entries[0].Key.Value)
                        ? new IntrinsicNode(obj.Entries[0].Key.Value, obj.Entries[0].Value, span)
                        : new MappingNode(obj.Entries, span);
                    break;
                }
                case JsonTokenType.EndArray:
                {
                    var arr = (ArrayFrame)stack.Pop();
                    completed = new SequenceNode(arr.Items, lines.Span(path, arr.Start, reader.BytesConsumed));
                    break;
                }
                case JsonTokenType.String:
                    completed = new ScalarNode(reader.GetString()!, true, lines.Span(path, start, reader.BytesConsumed));
                    break;
                case JsonTokenType.Number:
                case JsonTokenType.True:
                case JsonTokenType.False:
                case JsonTokenType.Null:
                {
                    var raw = System.Text.Encoding.UTF8.GetString(utf8[(int)start..(int)reader.BytesConsumed]);
                    completed = new ScalarNode(raw, false, lines.Span(path, start, reader.BytesConsumed));
                    break;
                }
                default:
                    continue;
            }

            if (++nodes > ReaderLimits.MaxExpandedNodes)
            {
                throw new LimitExceededException($"the document has more than {ReaderLimits.MaxExpandedNodes:N0} nodes; the file is not read", completed.Span);
            }

            if (stack.Count == 0)
            {
                root = completed;
                continue;
            }

            switch (stack.Peek())
            {
                case ArrayFrame arr:
                    arr.Items.Add(completed);
                    break;
                case ObjectFrame obj:
                    obj.Entries.Add(new KeyValuePair<ScalarNode, TemplateNode>(obj.PendingKey!, completed));
                    break;
            }
        }

        return root;
    }

    /// <summary>Maps byte offsets to 1-based lines and character columns.</summary>
    private sealed class LineMap
    {
        private readonly List<int> _starts = [0];
        private readonly byte[] _bytes;

        public LineMap(ReadOnlySpan<byte> utf8)
        {
            _bytes = utf8.ToArray();
            for (var i = 0; i < utf8.Length; i++)
            {
                if (utf8[i] == (byte)'\n')
                {
                    _starts.Add(i + 1);
                }
            }
        }

        private int _lastLine = -1;
        private int _lastOffset;
        private int _lastColumn;

        public SourceSpan Span(string path, long start, long end) => Span(path, Position((int)start), end);

        public SourceSpan Span(string path, (int Line, int Column) start, long end)
        {
            var (l2, c2) = Position((int)end);
            return new SourceSpan(path, start.Line, start.Column, l2, c2);
        }

        // Offsets arrive in increasing order, so columns are counted on from the last position: linear even for
        // a minified template on one line.
        public (int Line, int Column) Position(int offset)
        {
            var index = _starts.BinarySearch(offset);
            if (index < 0)
            {
                index = ~index - 1;
            }

            int from, column;
            if (index == _lastLine && offset >= _lastOffset)
            {
                from = _lastOffset;
                column = _lastColumn;
            }
            else
            {
                from = _starts[index];
                column = 1;
            }

            for (var i = from; i < offset && i < _bytes.Length; i++)
            {
                if ((_bytes[i] & 0xC0) != 0x80)
                {
                    column++;
                }
            }

            (_lastLine, _lastOffset, _lastColumn) = (index, offset, column);
            return (index + 1, column);
        }
    }
}
