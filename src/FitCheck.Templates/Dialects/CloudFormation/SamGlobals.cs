using FitCheck.Templates.Reading;

namespace FitCheck.Templates.Dialects.CloudFormation;

/// <summary>Merges the SAM <c>Globals</c> section into resource properties as SAM does: scalars are replaced,
/// maps are merged key by key, lists are appended (Globals first).</summary>
internal static class SamGlobals
{
    private static readonly Dictionary<string, string> SectionOfType = new(StringComparer.Ordinal)
    {
        ["AWS::Serverless::Function"] = "Function",
        ["AWS::Serverless::Api"] = "Api",
        ["AWS::Serverless::HttpApi"] = "HttpApi",
        ["AWS::Serverless::SimpleTable"] = "SimpleTable",
        ["AWS::Serverless::StateMachine"] = "StateMachine",
        ["AWS::Serverless::LayerVersion"] = "LayerVersion",
    };

    public static MappingNode? Merge(MappingContext context, string type, MappingNode? properties, Reading.TemplateNode owner)
    {
        if (!SectionOfType.TryGetValue(type, out var section) || context.Root["Globals"]?[section] is not MappingNode globals)
        {
            return properties;
        }

        MarkAll(context, globals);
        return properties is null ? globals : (MappingNode)MergeNodes(globals, properties);
    }

    private static void MarkAll(MappingContext context, TemplateNode node)
    {
        var stack = new Stack<TemplateNode>();
        stack.Push(node);
        while (stack.Count > 0)
        {
            var current = stack.Pop();
            context.MarkFromGlobals(current);
            switch (current)
            {
                case MappingNode m:
                    foreach (var pair in m.Entries)
                    {
                        stack.Push(pair.Value);
                    }

                    break;
                case SequenceNode s:
                    foreach (var item in s.Items)
                    {
                        stack.Push(item);
                    }

                    break;
                case IntrinsicNode i:
                    stack.Push(i.Argument);
                    break;
            }
        }
    }

    private static TemplateNode MergeNodes(TemplateNode global, TemplateNode local)
    {
        switch (global, local)
        {
            case (MappingNode g, MappingNode l):
            {
                var entries = new List<KeyValuePair<ScalarNode, TemplateNode>>();
                foreach (var pair in g.Pairs)
                {
                    entries.Add(l[pair.Key.Value] is { } overriding
                        ? new KeyValuePair<ScalarNode, TemplateNode>(l.KeyNode(pair.Key.Value)!, MergeNodes(pair.Value, overriding))
                        : pair);
                }

                foreach (var pair in l.Pairs)
                {
                    if (!g.ContainsKey(pair.Key.Value))
                    {
                        entries.Add(pair);
                    }
                }

                return new MappingNode(entries, l.Span);
            }
            case (SequenceNode g, SequenceNode l):
                return new SequenceNode([.. g.Items, .. l.Items], l.Span);
            default:
                return local;
        }
    }
}
