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
    public static TemplateNode? Read(string text, string path, List<Diagnostic> diagnostics)
    {
        var parser = new Parser(new StringReader(text));
        var state = new State(path, diagnostics);
        try
        {
            return Build(parser, state);
        }
        catch (YamlException ex)
        {
            diagnostics.Add(new Diagnostic(DiagnosticCodes.Syntax, DiagnosticLevel.Error,
                "YAML syntax error: " + CleanMessage(ex), Span(path, ex.Start, ex.End)));
            return null;
        }
        catch (LimitExceededException ex)
        {
            diagnostics.Add(new Diagnostic(DiagnosticCodes.Limit, DiagnosticLevel.Error, ex.Message, ex.Location));
            return null;
        }
    }

    private sealed class State(string path, List<Diagnostic> diagnostics)
    {
        public string Path { get; } = path;
        public List<Diagnostic> Diagnostics { get; } = diagnostics;
        public Dictionary<string, (TemplateNode Node, long Weight)> Anchors { get; } = new(StringComparer.Ordinal);
        public long ExpandedNodes { get; set; }
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
        public HashSet<string> Seen { get; } = new(StringComparer.Ordinal);
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

        while (parser.MoveNext())
        {
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
                    // The long form {Ref: X} / {Fn::GetAtt: [...]} is the same node as the short form and as JSON.
                    TemplateNode node = frame.Entries.Count == 1 && frame.Tag is null && Intrinsics.IsLongForm(frame.Entries[0].Key.Value)
                        ? new IntrinsicNode(frame.Entries[0].Key.Value, frame.Entries[0].Value, span)
                        : new MappingNode(frame.Entries, span);
                    Complete(stack, ApplyTag(node, frame.Tag, state), frame.Anchor, frame.Weight, state, ref root);
                    break;
                }
                case SequenceEnd se:
                {
                    var frame = (SequenceFrame)stack.Pop();
                    var node = new SequenceNode(frame.Items, Span(state.Path, frame.Start, se.End));
                    Complete(stack, ApplyTag(node, frame.Tag, state), frame.Anchor, frame.Weight, state, ref root);
                    break;
                }
                case Scalar sc:
                {
                    var quoted = sc.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded;
                    var node = new ScalarNode(sc.Value, quoted, Span(state.Path, sc.Start, sc.End));
                    var isKey = stack.Count > 0 && stack.Peek() is MappingFrame { ExpectingKey: true };
                    Complete(stack, isKey ? node : ApplyTag(node, TagOf(sc.Tag), state), AnchorOf(sc.Anchor), 1, state, ref root);
                    break;
                }
                case AnchorAlias alias:
                {
                    if (!state.Anchors.TryGetValue(alias.Value.Value, out var anchored))
                    {
                        throw new YamlException(alias.Start, alias.End, $"unknown alias '*{alias.Value.Value}'");
                    }

                    Complete(stack, anchored.Node, null, anchored.Weight, state, ref root);
                    break;
                }
            }
        }

        return root;
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

    private static void Complete(Stack<Frame> stack, TemplateNode node, string? anchor, long weight, State state, ref TemplateNode? root)
    {
        state.ExpandedNodes += weight;
        if (state.ExpandedNodes > ReaderLimits.MaxExpandedNodes)
        {
            throw new LimitExceededException(
                $"the document expands to more than {ReaderLimits.MaxExpandedNodes:N0} nodes (an alias bomb, or far larger than any template); the file is not read",
                node.Span);
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
                        "a mapping key that is not a plain value is ignored", node.Span));
                    key = new ScalarNode("?", false, node.Span);
                }

                if (!map.Seen.Add(key.Value))
                {
                    var first = map.Entries.First(e => e.Key.Value == key.Value).Key;
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

        // !GetAtt A.B is the short form of the list [A, B]; normalise so YAML and JSON give the same tree.
        if (name == "Fn::GetAtt" && node is ScalarNode s && s.Value.IndexOf('.', StringComparison.Ordinal) is var dot and > 0)
        {
            node = new SequenceNode(
            [
                new ScalarNode(s.Value[..dot], s.IsQuoted, s.Span),
                new ScalarNode(s.Value[(dot + 1)..], s.IsQuoted, s.Span),
            ], s.Span);
        }

        return new IntrinsicNode(name, node, node.Span);
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
