using FitCheck.Model;

namespace FitCheck.Templates.Dialects.CloudFormation;

/// <summary>Links that follow from the wiring as a whole: roles to the components that use them, grants to flows,
/// log groups to functions, and duplicate flows removed.</summary>
internal static class Derivations
{
    public static void Apply(MappingContext context)
    {
        var architecture = context.Architecture;

        foreach (var component in architecture.Components)
        {
            if (component.ExecutionRole?.Target is Role role && !role.UsedBy.Contains(component))
            {
                role.UsedBy.Add(component);
            }
        }

        DropPermissionEvents(context);
        FlowsFromGrants(context);
        LinkLogGroups(context);
        Deduplicate(architecture);
    }

    private static void DropPermissionEvents(MappingContext context)
    {
        foreach (var function in context.Architecture.OfType<Function>())
        {
            function.Events.RemoveAll(e => context.PermissionEvents.Contains(e) && function.Events.Any(other =>
                !context.PermissionEvents.Contains(other)
                && (e.Source is null ? other.Delivery.Source == e.Delivery.Source || other.Delivery.Mode == DeliveryMode.Asynchronous : ReferenceEquals(other.Source, e.Source))));
        }
    }

    /// <summary>What a function or state machine may do to a resource, through its role's grants, becomes a flow.</summary>
    private static void FlowsFromGrants(MappingContext context)
    {
        var architecture = context.Architecture;

        // The permission to poll a queue or stream it is triggered by, or to send to its own failure destination, is
        // wiring already drawn as an edge: it does not make a second edge.
        var polled = new HashSet<(Component, Component)>();
        var destinations = new HashSet<(Component, Component)>();
        foreach (var flow in architecture.Flows)
        {
            if (flow.Kind == FlowKind.Triggers && flow.From is Queue or DataStream)
            {
                polled.Add((flow.To, flow.From));
            }
            else if (flow.Kind is FlowKind.OnFailure or FlowKind.OnSuccess or FlowKind.DeadLetter)
            {
                destinations.Add((flow.From, flow.To));
            }
        }

        foreach (var grant in architecture.Grants.ToList())
        {
            if (!grant.IsAllow || grant.Targets.Count == 0)
            {
                continue;
            }

            var actors = grant.Principal is Role role ? role.UsedBy : [grant.Principal];
            foreach (var actor in actors)
            {
                if (actor is not (Function or StateMachine or Api))
                {
                    continue;
                }

                foreach (var target in grant.Targets)
                {
                    if (ReferenceEquals(actor, target) || grant.Source.Kind == GrantSourceKind.Connector)
                    {
                        continue;
                    }

                    var effect = grant.Actions.Aggregate(ActionEffect.None, (acc, a) => acc | ActionClassifier.Classify(a));
                    foreach (var kind in KindsFor(effect, target))
                    {
                        var wiring = (kind == FlowKind.Reads && polled.Contains((actor, target)))
                            || (kind == FlowKind.Publishes && destinations.Contains((actor, target)));
                        if (!wiring)
                        {
                            architecture.Flows.Add(new Flow(actor, target, kind, grant.Span, grant.Source.ToString()));
                        }
                    }
                }
            }
        }
    }

    private static IEnumerable<FlowKind> KindsFor(ActionEffect effect, Component target)
    {
        if (effect.HasFlag(ActionEffect.Invoke) && target is Function)
        {
            yield return FlowKind.Invokes;
        }

        if (effect.HasFlag(ActionEffect.StartExecution) && target is StateMachine)
        {
            yield return FlowKind.Triggers;
        }

        if (effect.HasFlag(ActionEffect.Publish) && target is Queue or Topic or EventBus or DataStream)
        {
            yield return FlowKind.Publishes;
        }

        if (target is Table or Bucket or Queue or DataStream || target.Kind is ComponentKind.Secret or ComponentKind.Parameter)
        {
            if (effect.HasFlag(ActionEffect.Read))
            {
                yield return FlowKind.Reads;
            }

            if (effect.HasFlag(ActionEffect.Write) && target is not Queue)
            {
                yield return FlowKind.Writes;
            }
        }
    }

    private static void LinkLogGroups(MappingContext context)
    {
        foreach (var function in context.Architecture.OfType<Function>())
        {
            if (function.LoggingLogGroup?.Target is LogGroup group)
            {
                group.ForFunction ??= function;
            }
        }
    }

    private static void Deduplicate(Architecture architecture)
    {
        var seen = new HashSet<(Component, Component, FlowKind)>();
        var kept = new List<Flow>(architecture.Flows.Count);
        // Event wiring first (it carries delivery settings), then grant-derived flows.
        foreach (var flow in architecture.Flows.OrderBy(f => f.Delivery is null ? 1 : 0))
        {
            if (seen.Add((flow.From, flow.To, flow.Kind)))
            {
                kept.Add(flow);
            }
        }

        architecture.Flows.Clear();
        architecture.Flows.AddRange(kept);
    }
}
