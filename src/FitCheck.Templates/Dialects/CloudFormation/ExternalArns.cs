using System.Text.RegularExpressions;
using FitCheck.Model;
using FitCheck.Templates.Reading;

namespace FitCheck.Templates.Dialects.CloudFormation;

/// <summary>Literal ARNs in resource properties that name something this template does not declare.</summary>
internal static partial class ExternalArns
{
    public static void Collect(MappingContext context, IEnumerable<ResourceEntry> resources)
    {
        var stack = new Stack<TemplateNode>();
        foreach (var resource in resources)
        {
            if (context.Architecture.Find(resource.LogicalId) is not { } component)
            {
                continue;
            }

            stack.Push(resource.Properties);
            while (stack.Count > 0)
            {
                switch (stack.Pop())
                {
                    case MappingNode m:
                        foreach (var (_, value) in m.Pairs)
                        {
                            stack.Push(value);
                        }

                        break;
                    case SequenceNode s:
                        for (var i = 0; i < s.Items.Count; i++)
                        {
                            stack.Push(s.Items[i]);
                        }

                        break;
                    case ScalarNode { Value: var text } scalar when Arn.TryParse(text, out var arn):
                        if (context.MatchLiteral(text) is null)
                        {
                            var region = Region().IsMatch(arn.Region) ? arn.Region : null;
                            context.Architecture.ExternalReferences.Add(new ExternalReference(text, arn.Service, region, component, scalar.Span));
                        }

                        break;
                }
            }
        }
    }

    [GeneratedRegex(@"^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$")]
    private static partial Regex Region();
}
