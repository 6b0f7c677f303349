using FitCheck.Model;
using FitCheck.Templates.Dialects.CloudFormation.Sam;
using FitCheck.Templates.Reading;

namespace FitCheck.Templates.Dialects.CloudFormation;

/// <summary>Turns IAM policy documents, SAM policy templates, managed policies and connectors into grants.</summary>
internal static class Grants
{
    /// <summary>SAM <c>Policies</c>: a managed policy name or ARN, a policy document, a policy template, or a list of them.</summary>
    public static void SamPolicies(MappingContext context, Component principal, TemplateNode? policies)
    {
        switch (policies)
        {
            case null:
                return;
            case SequenceNode list:
                foreach (var item in list.Items)
                {
                    SamPolicy(context, principal, item);
                }

                return;
            default:
                SamPolicy(context, principal, policies);
                return;
        }
    }

    private static void SamPolicy(MappingContext context, Component principal, TemplateNode item)
    {
        switch (item)
        {
            case ScalarNode s:
                Managed(context, principal, s.Value, s.Span);
                break;
            case IntrinsicNode { Name: "Fn::If" } conditional when conditional.Argument is SequenceNode { Items.Count: 3 } branches:
                SamPolicy(context, principal, branches.Items[1]);
                SamPolicy(context, principal, branches.Items[2]);
                break;
            case IntrinsicNode i:
                var text = context.Literal(i).Text ?? JoinedArn(i);
                if (text is not null)
                {
                    Managed(context, principal, text, i.Span);
                }

                break;
            case MappingNode m when m.ContainsKey("Statement"):
                Document(context, principal, m, GrantSource.Inline);
                break;
            case MappingNode { Count: 1 } m:
            {
                var (name, parameters) = m.Pairs.First();
                var template = PolicyTemplates.Find(name.Value);
                if (template is null)
                {
                    context.Warn($"{principal.LogicalId}: unknown SAM policy template '{name.Value}'", name.Span);
                    break;
                }

                foreach (var statement in template.Statements)
                {
                    var targets = new List<Component>();
                    var resources = new List<string>();
                    foreach (var pattern in statement.Resources)
                    {
                        var resolved = pattern;
                        foreach (var parameter in template.Parameters)
                        {
                            if (!pattern.Contains("{" + parameter + "}", StringComparison.Ordinal))
                            {
                                continue;
                            }

                            var value = parameters[parameter];
                            var reference = value is null ? null : context.Reference(value);
                            if (reference?.Target is { } target && !targets.Contains(target))
                            {
                                targets.Add(context.FunctionTarget(target)!);
                            }

                            resolved = resolved.Replace("{" + parameter + "}", reference?.Text ?? "*", StringComparison.Ordinal);
                        }

                        resources.Add(resolved);
                    }

                    context.Architecture.Grants.Add(new Grant(principal, "Allow", statement.Actions, resources, targets,
                        new GrantSource(GrantSourceKind.PolicyTemplate, template.Name), name.Span));
                }

                break;
            }
        }
    }

    /// <summary>
    /// A managed policy ARN composed with <c>Fn::Join</c> from literals and pseudo parameters, the form CDK writes
    /// (<c>["", ["arn:", {"Ref": "AWS::Partition"}, ":iam::aws:policy/AdministratorAccess"]]</c>); null when any
    /// part is something else, so an ARN the template cannot show is never guessed.
    /// </summary>
    public static string? JoinedArn(TemplateNode node)
    {
        if (node is not IntrinsicNode { Name: "Fn::Join", Argument: SequenceNode { Items.Count: 2 } join }
            || join.Items[0] is not ScalarNode delimiter || join.Items[1] is not SequenceNode parts)
        {
            return null;
        }

        var texts = new List<string>(parts.Items.Count);
        foreach (var part in parts.Items)
        {
            switch (part)
            {
                case ScalarNode s:
                    texts.Add(s.Value);
                    break;
                case IntrinsicNode { Name: "Ref", Argument: ScalarNode pseudo } when pseudo.Value.StartsWith("AWS::", StringComparison.Ordinal):
                    texts.Add("${" + pseudo.Value + "}");
                    break;
                default:
                    return null;
            }
        }

        var arn = string.Join(delimiter.Value, texts);
        return arn.Contains(":iam::aws:policy/", StringComparison.Ordinal) ? arn : null;
    }

    public static void Managed(MappingContext context, Component principal, string nameOrArn, SourceSpan span)
    {
        var name = nameOrArn[(nameOrArn.LastIndexOf('/') + 1)..];
        context.Architecture.Grants.Add(new Grant(principal, "Allow", [], [], [], new GrantSource(GrantSourceKind.Managed, name), span));
    }

    /// <summary>Reads a policy document's statements into grants held by <paramref name="principal"/>.</summary>
    public static void Document(MappingContext context, Component principal, TemplateNode document, GrantSource source)
    {
        foreach (var statement in Nodes.Statements(document))
        {
            var actions = Strings(statement["Action"]);
            if (statement["NotAction"] is { } notAction)
            {
                actions = Strings(notAction).Select(a => "!" + a).ToList();
            }

            var resourceNode = statement["Resource"] ?? statement["NotResource"];
            var resources = new List<string>();
            var targets = new List<Component>();
            foreach (var r in Nodes.Items(resourceNode))
            {
                var reference = context.Reference(r);
                resources.Add(reference.Target is null ? reference.Text : reference.Target.LogicalId);
                if (context.FunctionTarget(reference.Target) is { } t && !targets.Contains(t))
                {
                    targets.Add(t);
                }
                else if (reference.Target is null)
                {
                    foreach (var c in context.ReferencedComponents(r))
                    {
                        if (!targets.Contains(c))
                        {
                            targets.Add(context.FunctionTarget(c)!);
                        }
                    }
                }
            }

            context.Architecture.Grants.Add(new Grant(principal, statement["Effect"]?.Text ?? "Allow", actions, resources, targets, source, statement.Span)
            {
                HasCondition = statement["Condition"] is not null,
            });
        }
    }

    private static List<string> Strings(TemplateNode? node) =>
        Nodes.Items(node).Select(n => n.Text ?? MappingContext.Render(n)).ToList();
}
