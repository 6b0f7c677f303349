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
            // One more than our own limit, so nesting is reported as a limit (FC0005) by Build, not as a syntax error.
            MaxDepth = ReaderLimits.MaxDepth + 1,
        });

        try
        {
            return Build(ref reader, utf8, path, lines, diagnostics);
        }
        catch (JsonException ex)
        {
            // An error at the end of the text (an unclosed brace) is reported just after the last character, not on
            // an empty line after it.
            var contentEnd = utf8.TrimEnd(" \t\r\n"u8).Length;
            var (line, column) = lines.OffsetOf(ex.LineNumber ?? 0, ex.BytePositionInLine ?? 0) is var offset and >= 0 && offset < contentEnd
                ? lines.Position(offset)
                : lines.Position(contentEnd);
            var message = ex.Message;
            var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
            if (cut > 0)
            {
                message = message[..cut];
            }

            // System.Text.Json speaks to programmers ("not supported in this mode. Change the reader options"); the user
            // needs to know that JSON itself allows no trailing commas or comments.
            var advice = message.IndexOf(" Change the reader options", StringComparison.Ordinal);
            if (advice > 0)
            {
                message = message[..advice].Replace(" which is not supported in this mode", "", StringComparison.Ordinal).TrimEnd('.', ' ') + " (JSON allows none)";
            }
            else if (message.StartsWith("'/' is invalid", StringComparison.Ordinal))
            {
                message += " (JSON allows no comments)";
            }

            diagnostics.Add(new Diagnostic(DiagnosticCodes.Syntax, DiagnosticLevel.Error,
                "JSON syntax error: " + message.TrimEnd('.', ' ', '\r', '\n'), new SourceSpan(path, line, column, line, column)));
            return null;
        }
        catch (InvalidOperationException ex)
        {
            // GetString on a string with an invalid escape, such as an unpaired surrogate "\ud800".
            var span = lines.Span(path, reader.TokenStartIndex, reader.BytesConsumed);
            diagnostics.Add(new Diagnostic(DiagnosticCodes.Syntax, DiagnosticLevel.Error,
                "JSON syntax error: " + ex.Message.TrimEnd('.', ' '), span));
            return null;
        }
        catch (LimitExceededException ex)
        {
            diagnostics.Add(new Diagnostic(DiagnosticCodes.Limit, DiagnosticLevel.Error, ex.Message, ex.Location));
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
        /// <summary>The first key node of each key, for duplicate warnings (found in constant time, not by a scan).</summary>
        public Dictionary<string, ScalarNode> Seen { get; } = new(StringComparer.Ordinal);
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
        var duplicates = 0;

        while (reader.Read())
        {
            var start = reader.TokenStartIndex;
            TemplateNode? completed = null;
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                    CheckDepth(stack, path, lines, start);
                    stack.Push(new ObjectFrame(lines.Position((int)start)));
                    continue;
                case JsonTokenType.StartArray:
                    CheckDepth(stack, path, lines, start);
                    stack.Push(new ArrayFrame(lines.Position((int)start)));
                    continue;
                case JsonTokenType.PropertyName:
                {
                    var obj = (ObjectFrame)stack.Peek();
                    // BytesConsumed is past the colon here; the key ends at its closing quote.
                    var key = new ScalarNode(reader.GetString()!, true, lines.Span(path, start, start + reader.ValueSpan.Length + 2));
                    if (!obj.Seen.TryAdd(key.Value, key) && ++duplicates <= ReaderLimits.MaxDuplicateKeyWarnings)
                    {
                        var first = obj.Seen[key.Value];
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
                        ? Intrinsics.Create(obj.Entries[0].Key.Value, obj.Entries[0].Value, span)
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

        if (ReaderLimits.MoreDuplicates(path, duplicates) is { } more)
        {
            diagnostics.Add(more);
        }

        return root;
    }

    private static void CheckDepth(Stack<Frame> stack, string path, LineMap lines, long start)
    {
        if (stack.Count >= ReaderLimits.MaxDepth)
        {
            throw new LimitExceededException(
                $"nesting deeper than {ReaderLimits.MaxDepth} levels; no CloudFormation template needs that, so the file is not read",
                lines.Span(path, start, start));
        }
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

        /// <summary>The byte offset of a 0-based line and byte position in it, as System.Text.Json reports errors; -1 when out of range.</summary>
        public int OffsetOf(long line, long bytePositionInLine) =>
            line < 0 || line >= _starts.Count ? -1 : (int)Math.Min(_bytes.Length, _starts[(int)line] + bytePositionInLine);

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
                // Columns count UTF-16 code units, as SARIF and YamlDotNet do: a 4-byte sequence is two.
                var b = _bytes[i];
                if ((b & 0xC0) != 0x80)
                {
                    column += b >= 0xF0 ? 2 : 1;
                }
            }

            (_lastLine, _lastOffset, _lastColumn) = (index, offset, column);
            return (index + 1, column);
        }
    }
}
