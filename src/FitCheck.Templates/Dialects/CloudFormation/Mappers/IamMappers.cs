using FitCheck.Model;
using FitCheck.Templates.Reading;
using static FitCheck.Templates.Dialects.CloudFormation.Wiring;

namespace FitCheck.Templates.Dialects.CloudFormation.Mappers;

/// <summary>IAM roles and policies, resource policies and SAM connectors.</summary>
internal static class IamMappers
{
    public static IReadOnlyList<ResourceMapper> All { get; } =
    [
        new(["AWS::IAM::Role"], (context, r) => new Role(r.LogicalId, r.Type, context.Template, r.Span), "RoleName", (c, context, r) => IamRole((Role)c, context, r)),
        new(["AWS::IAM::Policy", "AWS::IAM::ManagedPolicy"], ResourceMapper.Plain(ComponentKind.Policy), Wire: IamPolicy),
        new(["AWS::SQS::QueuePolicy", "AWS::SNS::TopicPolicy", "AWS::S3::BucketPolicy"], ResourceMapper.Plain(ComponentKind.Policy), Wire: ResourcePolicy),
        ResourceMapper.Kind(ComponentKind.Policy, "AWS::Events::EventBusPolicy"),
        new(["AWS::Serverless::Connector"], ResourceMapper.Plain(ComponentKind.Connector),
            Wire: (_, context, r) => Connector(context, r["Source"], r["Destination"], r["Permissions"], r.Span)),
    ];

    private static void IamRole(Role role, MappingContext context, ResourceEntry r)
    {
        foreach (var statement in Statements(r["AssumeRolePolicyDocument"]))
        {
            foreach (var service in Items(statement["Principal"]?["Service"]))
            {
                if (context.Literal(service).Text is { } s)
                {
                    role.TrustedServices.Add(s);
                }
            }
        }

        if (r["Policies"] is SequenceNode policies)
        {
            foreach (var policy in policies.Items)
            {
                if (policy["PolicyDocument"] is { } doc)
                {
                    Grants.Document(context, role, doc, GrantSource.Inline);
                }
            }
        }

        foreach (var arn in Items(r["ManagedPolicyArns"]))
        {
            var reference = context.Reference(arn);
            if (reference.Target is null)
            {
                Grants.Managed(context, role, Grants.JoinedArn(arn) ?? reference.Text, arn.Span);
            }
        }
    }

    private static void IamPolicy(Component policy, MappingContext context, ResourceEntry r)
    {
        if (r["PolicyDocument"] is not { } doc)
        {
            return;
        }

        foreach (var roleNode in Items(r["Roles"]))
        {
            if (context.Reference(roleNode).Target is Role role)
            {
                Grants.Document(context, role, doc, new GrantSource(GrantSourceKind.Policy, policy.LogicalId));
            }
        }
    }

    private static void ResourcePolicy(Component policy, MappingContext context, ResourceEntry r)
    {
        var protectedNodes = r.Type switch
        {
            "AWS::SQS::QueuePolicy" => Items(r["Queues"]),
            "AWS::SNS::TopicPolicy" => Items(r["Topics"]),
            _ => Items(r["Bucket"]),
        };
        var resources = protectedNodes.Select(n => context.Reference(n).Target).OfType<Component>().ToList();
        foreach (var statement in Statements(r["PolicyDocument"]))
        {
            if (!string.Equals(statement["Effect"]?.Text, "Allow", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var principals = Principals(context, statement["Principal"]);
            var condition = statement["Condition"];
            var conditionText = condition is null ? "" : string.Join(' ', Flatten(condition));
            var hasSource = conditionText.Contains("aws:SourceArn", StringComparison.OrdinalIgnoreCase)
                || conditionText.Contains("aws:SourceAccount", StringComparison.OrdinalIgnoreCase)
                || conditionText.Contains("aws:SourceVpc", StringComparison.OrdinalIgnoreCase)
                || conditionText.Contains("aws:SourceVpce", StringComparison.OrdinalIgnoreCase)
                || conditionText.Contains("s3:DataAccessPointAccount", StringComparison.OrdinalIgnoreCase)
                || conditionText.Contains("s3:DataAccessPointArn", StringComparison.OrdinalIgnoreCase)
                || conditionText.Contains("aws:SecureTransport", StringComparison.OrdinalIgnoreCase) && principals.All(p => p != "*");
            var hasOrg = conditionText.Contains("aws:PrincipalOrgID", StringComparison.OrdinalIgnoreCase) || conditionText.Contains("aws:PrincipalAccount", StringComparison.OrdinalIgnoreCase);
            var actions = Items(statement["Action"]).Select(a => a.Text ?? "?").ToList();
            foreach (var resource in resources)
            {
                foreach (var principal in principals)
                {
                    context.Architecture.ResourcePermissions.Add(new ResourcePermission(resource, principal, actions, hasSource, hasOrg, policy, statement.Span));
                }
            }
        }
    }

    private static List<string> Principals(MappingContext context, TemplateNode? principal)
    {
        var result = new List<string>();
        switch (principal)
        {
            case ScalarNode s:
                result.Add(s.Value);
                break;
            case MappingNode m:
                foreach (var (_, value) in m.Pairs)
                {
                    foreach (var item in Items(value))
                    {
                        result.Add(context.Literal(item).Text ?? MappingContext.Render(item));
                    }
                }

                break;
        }

        return result;
    }

    private static IEnumerable<string> Flatten(TemplateNode node)
    {
        var stack = new Stack<TemplateNode>();
        stack.Push(node);
        while (stack.Count > 0)
        {
            switch (stack.Pop())
            {
                case MappingNode m:
                    foreach (var (k, v) in m.Pairs)
                    {
                        yield return k.Value;
                        stack.Push(v);
                    }

                    break;
                case SequenceNode s:
                    foreach (var i in s.Items)
                    {
                        stack.Push(i);
                    }

                    break;
                case ScalarNode sc:
                    yield return sc.Value;
                    break;
                case IntrinsicNode i:
                    stack.Push(i.Argument);
                    break;
            }
        }
    }

    /// <summary>SAM connectors: Read and Write permissions from a source to a destination.</summary>
    internal static void Connector(MappingContext context, TemplateNode? source, TemplateNode? destination, TemplateNode? permissions, SourceSpan span)
    {
        foreach (var dest in destination is SequenceNode list ? list.Items : destination is null ? [] : [destination])
        {
            var from = ConnectorEnd(context, source);
            var to = ConnectorEnd(context, dest);
            if (from is null || to is null)
            {
                continue;
            }

            var perms = Items(permissions).Select(p => p.Text).ToList();
            if (perms.Contains("Read"))
            {
                AddFlow(context, new Flow(from, to, FlowKind.Reads, span, "connector (Read)"));
            }

            if (perms.Contains("Write"))
            {
                var kind = to switch
                {
                    Function => FlowKind.Invokes,
                    StateMachine => FlowKind.Triggers,
                    Queue or Topic or EventBus or DataStream => FlowKind.Publishes,
                    _ => FlowKind.Writes,
                };
                if (to is Function or StateMachine)
                {
                    AddEvent(context, from, to, kind, new EventSource("connector", new Delivery(from is Api ? DeliveryMode.Synchronous : DeliveryMode.Asynchronous, EventSourceKind.Connector), from, from.LogicalId, span));
                }
                else
                {
                    AddFlow(context, new Flow(from, to, kind, span, "connector (Write)"));
                }
            }

            var actions = perms.Select(p => p ?? "").ToList();
            context.Architecture.Grants.Add(new Grant(from, "Allow", actions.Select(a => "connector:" + a).ToList(), [to.LogicalId], [to], GrantSource.Connector, span));
        }
    }

    private static Component? ConnectorEnd(MappingContext context, TemplateNode? end)
    {
        if (end?["Id"]?.Text is { } id)
        {
            return context.FunctionTarget(context.Architecture.Find(id));
        }

        return end?["Arn"] is { } arn ? context.FunctionTarget(context.Reference(arn).Target) : null;
    }

    private static IEnumerable<TemplateNode> Statements(TemplateNode? document) => Nodes.Statements(document);

    private static IEnumerable<TemplateNode> Items(TemplateNode? node) => Nodes.Items(node);
}
