using FitCheck.Model;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace FitCheck.Templates.Reading;

/// <summary>Reads YAML into a positioned node tree with YamlDotNet's low-level parser.</summary>
/// <remarks>
/// The tree is built with an explicit stack, so deep nesting cannot overflow the call stack. Aliases share the anchored
/// node instead of copying it, and the size an alias would expand to is counted, so an alias bomb stops at
/// <see cref="ReaderLimits.MaxExpandedNodes"/> instead of exhausting memory.
/// </remarks>
internal static class YamlTemplateReader
{
    /// <summary>YamlDotNet's message for a literal block scalar whose first line holds only spaces (its issue #523).</summary>
    private const string ExtraSpacesInFirstLine = "found extra spaces in first line";

    public static TemplateNode? Read(string text, string path, List<Diagnostic> diagnostics)
    {
        var attempt = new List<Diagnostic>();
        var root = ReadOnce(text, path, attempt, out var error);

        // YamlDotNet rejects "key: |" followed by a line of spaces shorter than the content's indentation, which YAML
        // allows (the line is just an empty line) and CloudFormation and PyYAML accept. Blank such lines and read again;
        // line and column numbers do not change.
        if (error?.Message.Contains(ExtraSpacesInFirstLine, StringComparison.Ordinal) == true && BlankLeadingSpaceLines(text) is { } repaired)
        {
            attempt.Clear();
            root = ReadOnce(repaired, path, attempt, out _);
        }

        diagnostics.AddRange(attempt);
        return root;
    }

    private static TemplateNode? ReadOnce(string text, string path, List<Diagnostic> diagnostics, out YamlException? error)
    {
        error = null;
        var parser = new Parser(new StringReader(text));
        var state = new State(path, diagnostics);
        try
        {
            var root = Build(parser, state);
            if (ReaderLimits.MoreDuplicates(path, state.Duplicates) is { } more)
            {
                diagnostics.Add(more);
            }

            return root;
        }
        catch (YamlException ex)
        {
            error = ex;
            var message = CleanMessage(ex);
            var (span, startLine) = ErrorSpan(text, path, ex.Start, ex.End, message.StartsWith("While scanning", StringComparison.Ordinal));
            if (message.Contains("tab", StringComparison.Ordinal) && TabInIndentation(text, span.Line) is var (tabLine, tabColumn))
            {
                // YamlDotNet reports a tab in indentation at the start of the enclosing mapping; the tab is the place.
                span = new SourceSpan(path, tabLine, tabColumn, tabLine, tabColumn);
            }

            if (startLine is { } line)
            {
                message += $" (in the value that starts at line {line})";
            }
            else if (message.Contains("multiline plain scalar", StringComparison.Ordinal) && PreviousContentLine(text, span.Line) is var (prev, column))
            {
                // A plain value ran on into a mapping: the line before is where the ': ' is missing (Key:value).
                message += $"; line {prev} continues into it: is a ': ' missing there?";
                span = new SourceSpan(path, prev, column, prev, column);
            }

            diagnostics.Add(new Diagnostic(DiagnosticCodes.Syntax, DiagnosticLevel.Error, "YAML syntax error: " + message, span));
            return null;
        }
        catch (LimitExceededException ex)
        {
            diagnostics.Add(new Diagnostic(DiagnosticCodes.Limit, DiagnosticLevel.Error, ex.Message, ex.Location));
            return null;
        }
    }

    /// <summary>
    /// Where to report a syntax error. The parser's errors span the token where it stopped: its start is the place.
    /// The scanner's errors run from the start of the value being scanned to where the problem was found: the problem
    /// is the place (and the line the value starts on is returned for the message when it differs), unless it is the
    /// end of the text (an unclosed quote or bracket), where the start of the value says more. A position past the last
    /// character moves back onto the last line.
    /// </summary>
    private static (SourceSpan Span, long? StartLine) ErrorSpan(string text, string path, Mark start, Mark end, bool scanner)
    {
        var contentEnd = text.AsSpan().TrimEnd().Length;
        long? startLine = null;
        if (scanner && end.Index < contentEnd && end.Index > start.Index)
        {
            startLine = start.Line < end.Line ? start.Line : null;
            start = end;
        }

        if (start.Index < contentEnd && start.Index >= 0)
        {
            return (Span(path, start, end.Index >= start.Index ? end : start), startLine);
        }

        if (contentEnd == 0)
        {
            return (SourceSpan.FileStart(path), null);
        }

        var line = 1 + text.AsSpan(0, contentEnd).Count('\n');
        var column = contentEnd - (text.LastIndexOf('\n', contentEnd - 1) + 1) + 1;
        return (new SourceSpan(path, line, column, line, column), null);
    }

    /// <summary>The last line before <paramref name="line"/> (1-based) that holds something other than a comment, with its first column.</summary>
    private static (int Line, int Column)? PreviousContentLine(string text, int line)
    {
        var lines = text.Split('\n');
        for (var i = Math.Min(line, lines.Length) - 2; i >= 0; i--)
        {
            var content = lines[i].TrimEnd('\r');
            var trimmed = content.TrimStart();
            if (trimmed.Length > 0 && !trimmed.StartsWith('#'))
            {
                return (i + 1, content.Length - trimmed.Length + 1);
            }
        }

        return null;
    }

    /// <summary>The first tab in the indentation of a line at or after <paramref name="fromLine"/> (1-based), or null.</summary>
    private static (int Line, int Column)? TabInIndentation(string text, int fromLine)
    {
        var line = 1;
        foreach (var content in text.AsSpan().EnumerateLines())
        {
            if (line >= fromLine)
            {
                var indentation = content.Length - content.TrimStart(" \t").Length;
                var tab = content[..indentation].IndexOf('\t');
                if (tab >= 0)
                {
                    return (line, tab + 1);
                }
            }

            line++;
        }

        return null;
    }

    /// <summary>
    /// Empties the lines made only of spaces between a block scalar header (<c>key: |</c>) and its first line of content,
    /// when they hold no more spaces than that line's indentation. Null when nothing changes.
    /// </summary>
    internal static string? BlankLeadingSpaceLines(string text)
    {
        var lines = new List<(int Start, int Length, int End)>(); // Length without the line break; End after it.
        for (var at = 0; at < text.Length;)
        {
            var newline = text.IndexOf('\n', at);
            var end = newline < 0 ? text.Length : newline + 1;
            var length = (newline < 0 ? text.Length : newline) - at;
            if (length > 0 && text[at + length - 1] == '\r')
            {
                length--;
            }

            lines.Add((at, length, end));
            at = end;
        }

        var result = new System.Text.StringBuilder(text.Length);
        var changed = false;
        for (var i = 0; i < lines.Count;)
        {
            var header = lines[i++];
            result.Append(text, header.Start, header.End - header.Start);
            if (!IsBlockScalarHeader(text.AsSpan(header.Start, header.Length)))
            {
                continue;
            }

            var first = i;
            while (i < lines.Count && text.AsSpan(lines[i].Start, lines[i].Length).Trim(' ').IsEmpty)
            {
                i++;
            }

            var indent = 0;
            if (i < lines.Count)
            {
                var content = text.AsSpan(lines[i].Start, lines[i].Length);
                indent = content.Length - content.TrimStart(' ').Length;
            }

            for (var j = first; j < i; j++)
            {
                var (start, length, end) = lines[j];
                if (length > 0 && length <= indent)
                {
                    result.Append(text, start + length, end - start - length); // Only the line break.
                    changed = true;
                }
                else
                {
                    result.Append(text, start, end - start);
                }
            }
        }

        return changed ? result.ToString() : null;
    }

    /// <summary>True for a line ending in a block scalar indicator: <c>|</c>, <c>&gt;-</c>, <c>|2+</c>..., maybe with a comment.</summary>
    private static bool IsBlockScalarHeader(ReadOnlySpan<char> line)
    {
        var comment = line.IndexOf(" #", StringComparison.Ordinal);
        if (comment >= 0)
        {
            line = line[..comment];
        }

        line = line.TrimEnd(" \t");
        var indicators = 0;
        while (indicators < 2 && line.Length > 0 && line[^1] is '+' or '-' or (>= '1' and <= '9'))
        {
            line = line[..^1];
            indicators++;
        }

        return line.Length > 0 && line[^1] is '|' or '>' && (line.Length == 1 || line[^2] is ' ' or '\t');
    }

    private sealed class State(string path, List<Diagnostic> diagnostics)
    {
        public string Path { get; } = path;
        public List<Diagnostic> Diagnostics { get; } = diagnostics;
        public Dictionary<string, (TemplateNode Node, long Weight)> Anchors { get; } = new(StringComparer.Ordinal);
        public long ExpandedNodes { get; set; }

        public int Duplicates { get; set; }

        /// <summary>The end of the last event read, where an internal failure of the parser is reported.</summary>
        public Mark LastEnd { get; set; } = Mark.Empty;
    }

    private abstract class Frame(Mark start, string? tag, string? anchor)
    {
        public Mark Start { get; } = start;
        public string? Tag { get; } = tag;
        public string? Anchor { get; } = anchor;
        public long Weight { get; set; } = 1;
    }

    private sealed class MappingFrame(Mark start, string? tag, string? anchor) : Frame(start, tag, anchor)
    {
        public List<KeyValuePair<ScalarNode, TemplateNode>> Entries { get; } = [];
        public ScalarNode? PendingKey { get; set; }
        public bool ExpectingKey { get; set; } = true;
        /// <summary>The first key node of each key, for duplicate warnings (found in constant time, not by a scan).</summary>
        public Dictionary<string, ScalarNode> Seen { get; } = new(StringComparer.Ordinal);

        /// <summary>True once a YAML merge key (<c>&lt;&lt;</c>) was read.</summary>
        public bool HasMerge { get; set; }
    }

    private sealed class SequenceFrame(Mark start, string? tag, string? anchor) : Frame(start, tag, anchor)
    {
        public List<TemplateNode> Items { get; } = [];
    }

    private static TemplateNode? Build(Parser parser, State state)
    {
        var stack = new Stack<Frame>();
        TemplateNode? root = null;
        var documents = 0;

        while (MoveNext(parser, state))
        {
            state.LastEnd = parser.Current!.End;
            switch (parser.Current)
            {
                case DocumentStart:
                    documents++;
                    if (documents > 1)
                    {
                        state.Diagnostics.Add(new Diagnostic(DiagnosticCodes.Structure, DiagnosticLevel.Warning,
                            "the file holds more than one YAML document; only the first is read",
                            Span(state.Path, parser.Current.Start, parser.Current.End)));
                        return root;
                    }
                    break;
                case MappingStart m:
                    Push(stack, new MappingFrame(m.Start, TagOf(m.Tag), AnchorOf(m.Anchor)), state, m.Start);
                    break;
                case SequenceStart s:
                    Push(stack, new SequenceFrame(s.Start, TagOf(s.Tag), AnchorOf(s.Anchor)), state, s.Start);
                    break;
                case MappingEnd me:
                {
                    var frame = (MappingFrame)stack.Pop();
                    var span = Span(state.Path, frame.Start, me.End);
                    var entries = frame.HasMerge ? Merge(frame, state) : frame.Entries;
                    // The long form {Ref: X} / {Fn::GetAtt: [A, B]} is the same node as the short form, as in JSON.
                    TemplateNode node = entries.Count == 1 && Intrinsics.IsLongForm(entries[0].Key.Value)
                        ? Intrinsics.Create(entries[0].Key.Value, entries[0].Value, span)
                        : new MappingNode(entries, span);
                    Complete(stack, ApplyTag(node, frame.Tag, state), frame.Anchor, frame.Weight, 1, state, ref root);
                    break;
                }
                case SequenceEnd se:
                {
                    var frame = (SequenceFrame)stack.Pop();
                    var node = new SequenceNode(frame.Items, Span(state.Path, frame.Start, se.End));
                    Complete(stack, ApplyTag(node, frame.Tag, state), frame.Anchor, frame.Weight, 1, state, ref root);
                    break;
                }
                case Scalar sc:
                {
                    var quoted = sc.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded;
                    var node = new ScalarNode(sc.Value, quoted, Span(state.Path, sc.Start, sc.End));
                    var isKey = stack.Count > 0 && stack.Peek() is MappingFrame { ExpectingKey: true };
                    Complete(stack, isKey ? node : ApplyTag(node, TagOf(sc.Tag), state), AnchorOf(sc.Anchor), 1, 1, state, ref root);
                    break;
                }
                case AnchorAlias alias:
                {
                    if (!state.Anchors.TryGetValue(alias.Value.Value, out var anchored))
                    {
                        throw new YamlException(alias.Start, alias.End, $"unknown alias '*{alias.Value.Value}'");
                    }

                    // An alias adds the nodes it stands for (an alias bomb is counted as expanded), and is reported
                    // where it is used, not where its anchor is.
                    Complete(stack, anchored.Node, null, anchored.Weight, anchored.Weight, state, ref root, Span(state.Path, alias.Start, alias.End));
                    break;
                }
            }
        }

        return root;
    }

    /// <summary>Reads the next event; YamlDotNet's own failures on some malformed input become syntax errors.</summary>
    private static bool MoveNext(Parser parser, State state)
    {
        try
        {
            return parser.MoveNext();
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or IndexOutOfRangeException or NullReferenceException
                                       or KeyNotFoundException or FormatException or OverflowException)
        {
            throw new YamlException(state.LastEnd, state.LastEnd, "the parser cannot read what follows this point");
        }
    }

    private static void Push(Stack<Frame> stack, Frame frame, State state, Mark at)
    {
        if (stack.Count >= ReaderLimits.MaxDepth)
        {
            throw new LimitExceededException(
                $"nesting deeper than {ReaderLimits.MaxDepth} levels; no CloudFormation template needs that, so the file is not read",
                Span(state.Path, at, at));
        }

        stack.Push(frame);
    }

    /// <param name="weight">The nodes <paramref name="node"/> stands for, aliases expanded (its subtree).</param>
    /// <param name="added">The nodes this adds to the document: 1 for a node read, the whole weight for an alias.</param>
    /// <param name="at">Where the node is used: the alias for an alias, else the node's own span.</param>
    private static void Complete(Stack<Frame> stack, TemplateNode node, string? anchor, long weight, long added, State state, ref TemplateNode? root, SourceSpan? at = null)
    {
        var used = at ?? node.Span;
        state.ExpandedNodes += added;
        if (state.ExpandedNodes > ReaderLimits.MaxExpandedNodes)
        {
            throw new LimitExceededException(
                $"the document expands to more than {ReaderLimits.MaxExpandedNodes:N0} nodes (an alias bomb, or far larger than any template); the file is not read",
                used);
        }

        if (anchor is not null)
        {
            state.Anchors[anchor] = (node, weight);
        }

        if (stack.Count == 0)
        {
            root ??= node;
            return;
        }

        var parent = stack.Peek();
        parent.Weight += weight;
        switch (parent)
        {
            case SequenceFrame seq:
                seq.Items.Add(node);
                break;
            case MappingFrame map when map.ExpectingKey:
                if (node is not ScalarNode key)
                {
                    state.Diagnostics.Add(new Diagnostic(DiagnosticCodes.Structure, DiagnosticLevel.Warning,
                        "a mapping key that is not a plain value is ignored", used));
                    key = new ScalarNode("?", false, used);
                }
                else if (at is not null)
                {
                    key = new ScalarNode(key.Value, key.IsQuoted, used); // ? *alias: the key is where the alias is.
                }

                if (key is { Value: "<<", IsQuoted: false })
                {
                    map.HasMerge = true; // Merged when the mapping ends, under the keys written in it.
                }
                else if (!map.Seen.TryAdd(key.Value, key) && ++state.Duplicates <= ReaderLimits.MaxDuplicateKeyWarnings)
                {
                    var first = map.Seen[key.Value];
                    state.Diagnostics.Add(new Diagnostic(DiagnosticCodes.DuplicateKey, DiagnosticLevel.Warning,
                        $"duplicate key '{key.Value}' (first at line {first.Span.Line}); the last value is used, as CloudFormation does",
                        key.Span));
                }

                map.PendingKey = key;
                map.ExpectingKey = false;
                break;
            case MappingFrame map:
                map.Entries.Add(new KeyValuePair<ScalarNode, TemplateNode>(map.PendingKey!, node));
                map.PendingKey = null;
                map.ExpectingKey = true;
                break;
        }
    }

    /// <summary>
    /// YAML 1.1 merge keys, as PyYAML (and so the SAM CLI) reads them: <c>&lt;&lt;: *base</c> or <c>&lt;&lt;: [*a, *b]</c>
    /// adds the entries of those mappings whose keys the mapping does not write itself; with a list, an earlier mapping
    /// wins over a later one. The merged entries take the place of the merge key.
    /// </summary>
    private static List<KeyValuePair<ScalarNode, TemplateNode>> Merge(MappingFrame frame, State state)
    {
        var merged = new List<KeyValuePair<ScalarNode, TemplateNode>>(frame.Entries.Count);
        var taken = new HashSet<string>(frame.Seen.Keys, StringComparer.Ordinal);
        foreach (var entry in frame.Entries)
        {
            if (entry.Key is not { Value: "<<", IsQuoted: false })
            {
                merged.Add(entry);
                continue;
            }

            IReadOnlyList<TemplateNode> sources = entry.Value is SequenceNode list ? list.Items : [entry.Value];
            foreach (var source in sources)
            {
                if (source is not MappingNode mapping)
                {
                    state.Diagnostics.Add(new Diagnostic(DiagnosticCodes.Structure, DiagnosticLevel.Warning,
                        "the merge key '<<' takes a mapping or a list of mappings (as '<<: *anchor'); this value is ignored",
                        entry.Value is SequenceNode ? source.Span : entry.Key.Span));
                    continue;
                }

                foreach (var pair in mapping.Pairs)
                {
                    if (taken.Add(pair.Key.Value))
                    {
                        merged.Add(pair);
                    }
                }
            }
        }

        return merged;
    }

    private static TemplateNode ApplyTag(TemplateNode node, string? tag, State state)
    {
        if (tag is null || !tag.StartsWith('!') || tag.StartsWith("!!", StringComparison.Ordinal) || tag.StartsWith("tag:", StringComparison.Ordinal))
        {
            return node;
        }

        var name = Intrinsics.FromTag(tag);
        if (name is null)
        {
            state.Diagnostics.Add(new Diagnostic(DiagnosticCodes.Structure, DiagnosticLevel.Warning,
                $"unknown tag '{tag}' is read as a plain value", node.Span));
            return node;
        }

        // !GetAtt A.B is the short form of the list [A, B]; Create normalises so YAML and JSON give the same tree.
        return Intrinsics.Create(name, node, node.Span);
    }

    private static string? TagOf(TagName tag) => tag.IsEmpty ? null : tag.Value;

    private static string? AnchorOf(AnchorName anchor) => anchor.IsEmpty ? null : anchor.Value;

    internal static SourceSpan Span(string path, Mark start, Mark end) =>
        new(path, (int)Math.Max(1, start.Line), (int)Math.Max(1, start.Column), (int)Math.Max(1, end.Line), (int)Math.Max(1, end.Column));

    private static string CleanMessage(YamlException ex)
    {
        var message = ex.Message;
        // YamlDotNet prefixes "(Line: 3, Col: 5, Idx: 20) - (Line: ..., Idx: ...): "; the location is reported separately.
        var marker = message.IndexOf("): ", StringComparison.Ordinal);
        if (message.StartsWith("(Line", StringComparison.Ordinal) && marker > 0)
        {
            message = message[(marker + 3)..];
        }

        return message.TrimEnd('.');
    }
}
