using System.Text.Json;
using FitCheck.Model;

namespace FitCheck.Templates.Reading;

/// <summary>Reads JSON into the same positioned node tree as YAML, with System.Text.Json's reader.</summary>
internal static class JsonTemplateReader
{
    public static TemplateNode? Read(byte[] utf8, string path, List<Diagnostic> diagnostics) => Read(new ArraySegment<byte>(utf8), path, diagnostics);

    public static TemplateNode? Read(ArraySegment<byte> utf8, string path, List<Diagnostic> diagnostics)
    {
        var lines = new LineMap(utf8);
        var reader = new Utf8JsonReader(utf8.AsSpan(), new JsonReaderOptions
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
            var contentEnd = utf8.AsSpan().TrimEnd(" \t\r\n"u8).Length;
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

    /// <summary>An open object or array. Frames are reused as the reader goes down and up again; a finished node keeps an
    /// array of its exact size.</summary>
    private sealed class Frame
    {
        public bool IsObject;
        public (int Line, int Column) Start;
        public readonly List<KeyValuePair<ScalarNode, TemplateNode>> Entries = [];
        public readonly List<TemplateNode> Items = [];
        public ScalarNode? PendingKey;

        /// <summary>The count of duplicate keys in the file when this object started.</summary>
        public int Duplicates;

        /// <summary>The first entry of each key, for duplicate warnings in a large object (a small one is scanned).</summary>
        public Dictionary<string, int>? Seen;

        public void Reset()
        {
            Entries.Clear();
            Items.Clear();
            PendingKey = null;
            Seen?.Clear();
        }

        /// <summary>The key node of an earlier entry with <paramref name="key"/>, or null; remembers this one.</summary>
        public ScalarNode? FirstWith(string key)
        {
            if (Seen is not { Count: > 0 })
            {
                if (Entries.Count < 16)
                {
                    foreach (var entry in Entries)
                    {
                        if (string.Equals(entry.Key.Value, key, StringComparison.Ordinal))
                        {
                            return entry.Key;
                        }
                    }

                    return null;
                }

                Seen ??= new Dictionary<string, int>(StringComparer.Ordinal);
                for (var i = 0; i < Entries.Count; i++)
                {
                    Seen.TryAdd(Entries[i].Key.Value, i);
                }
            }

            if (Seen.TryGetValue(key, out var at))
            {
                return Entries[at].Key;
            }

            Seen[key] = Entries.Count;
            return null;
        }
    }

    private static TemplateNode? Build(ref Utf8JsonReader reader, ArraySegment<byte> utf8, string path, LineMap lines, List<Diagnostic> diagnostics)
    {
        var stack = new List<Frame>();
        var depth = 0;
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
                case JsonTokenType.StartArray:
                {
                    CheckDepth(depth, path, lines, start);
                    if (depth == stack.Count)
                    {
                        stack.Add(new Frame());
                    }

                    var frame = stack[depth++];
                    frame.IsObject = reader.TokenType == JsonTokenType.StartObject;
                    frame.Duplicates = duplicates;
                    frame.Start = lines.Position((int)start);
                    continue;
                }
                case JsonTokenType.PropertyName:
                {
                    var obj = stack[depth - 1];
                    // BytesConsumed is past the colon here; the key ends at its closing quote.
                    var key = Scalar(StringOf(ref reader), true, path, lines.Position((int)start), lines.Position((int)(start + reader.ValueSpan.Length + 2)));
                    if (obj.Entries.Count > 0 && obj.FirstWith(key.Value) is { } first && ++duplicates <= ReaderLimits.MaxDuplicateKeyWarnings)
                    {
                        diagnostics.Add(new Diagnostic(DiagnosticCodes.DuplicateKey, DiagnosticLevel.Warning,
                            $"duplicate key '{key.Value}' (first at line {first.Line}); the last value is used, as CloudFormation does",
                            key.Span));
                    }

                    obj.PendingKey = key;
                    continue;
                }
                case JsonTokenType.EndObject:
                {
                    var obj = stack[--depth];
                    var (line, column) = obj.Start;
                    var (endLine, endColumn) = lines.Position((int)reader.BytesConsumed);
                    if (obj.Entries.Count == 1 && Intrinsics.IsLongForm(obj.Entries[0].Key.Value))
                    {
                        completed = Intrinsics.Create(obj.Entries[0].Key.Value, obj.Entries[0].Value, path, line, column, endLine, endColumn);
                    }
                    else
                    {
                        // Keys all distinct: the object's index of its keys, if it made one, becomes the mapping's.
                        var distinct = duplicates == obj.Duplicates;
                        var index = distinct && obj.Seen is { Count: > 0 } seen ? seen : null;
                        completed = new MappingNode([.. obj.Entries], distinct, index, path, line, column, endLine, endColumn);
                        if (index is not null)
                        {
                            obj.Seen = null;
                        }
                    }

                    obj.Reset();
                    break;
                }
                case JsonTokenType.EndArray:
                {
                    var arr = stack[--depth];
                    var (line, column) = arr.Start;
                    var (endLine, endColumn) = lines.Position((int)reader.BytesConsumed);
                    completed = new SequenceNode([.. arr.Items], path, line, column, endLine, endColumn);
                    arr.Reset();
                    break;
                }
                case JsonTokenType.String:
                    completed = Scalar(StringOf(ref reader), true, path, lines.Position((int)start), lines.Position((int)reader.BytesConsumed));
                    break;
                case JsonTokenType.Number:
                case JsonTokenType.True:
                case JsonTokenType.False:
                case JsonTokenType.Null:
                {
                    var raw = utf8.AsSpan((int)start, (int)(reader.BytesConsumed - start));
                    var text = TextTable.TryGet(raw, out var shared) ? shared : System.Text.Encoding.UTF8.GetString(raw);
                    completed = Scalar(text, false, path, lines.Position((int)start), lines.Position((int)reader.BytesConsumed));
                    break;
                }
                default:
                    continue;
            }

            if (++nodes > ReaderLimits.MaxExpandedNodes)
            {
                throw new LimitExceededException($"the document has more than {ReaderLimits.MaxExpandedNodes:N0} nodes; the file is not read", completed.Span);
            }

            if (depth == 0)
            {
                root = completed;
                continue;
            }

            var parent = stack[depth - 1];
            if (parent.IsObject)
            {
                parent.Entries.Add(new KeyValuePair<ScalarNode, TemplateNode>(parent.PendingKey!, completed));
            }
            else
            {
                parent.Items.Add(completed);
            }
        }

        if (ReaderLimits.MoreDuplicates(path, duplicates) is { } more)
        {
            diagnostics.Add(more);
        }

        return root;
    }

    private static ScalarNode Scalar(string value, bool quoted, string path, (int Line, int Column) start, (int Line, int Column) end) =>
        new(value, quoted, path, start.Line, start.Column, end.Line, end.Column);

    /// <summary>The string of a string or property name token; a short ASCII one without escapes from <see cref="TextTable"/>.
    /// Anything else goes through <see cref="Utf8JsonReader.GetString"/>, which checks the escapes and the UTF-8.</summary>
    private static string StringOf(ref Utf8JsonReader reader) =>
        !reader.ValueIsEscaped && TextTable.TryGet(reader.ValueSpan, out var text) ? text : reader.GetString()!;

    private static void CheckDepth(int depth, string path, LineMap lines, long start)
    {
        if (depth >= ReaderLimits.MaxDepth)
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
        private readonly ArraySegment<byte> _bytes;

        public LineMap(ArraySegment<byte> utf8)
        {
            _bytes = utf8;
            var span = utf8.AsSpan();
            for (var i = span.IndexOf((byte)'\n'); i >= 0; i = span[(i + 1)..].IndexOf((byte)'\n') is var next and >= 0 ? i + 1 + next : -1)
            {
                _starts.Add(i + 1);
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
            line < 0 || line >= _starts.Count ? -1 : (int)Math.Min(_bytes.Count, _starts[(int)line] + bytePositionInLine);

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

            for (var i = from; i < offset && i < _bytes.Count; i++)
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
