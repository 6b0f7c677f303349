using FitCheck.Model;
using FitCheck.Templates.Reading;

namespace FitCheck.Templates.Dialects.CloudFormation;

/// <summary>What the resource mappers share while wiring: flows, events, implicit components and destinations.</summary>
internal static class Wiring
{
    // ---- shared helpers ----------------------------------------------------------------------------------------

    internal static void AddFlow(MappingContext context, Flow flow)
    {
        if (ReferenceEquals(flow.From, flow.To) && flow.Kind is not FlowKind.Invokes and not FlowKind.Triggers)
        {
            return;
        }

        context.Architecture.Flows.Add(flow);
    }

    /// <summary>Creates a component SAM generates, implied by <paramref name="owner"/>, unless the id is taken.</summary>
    internal static T Implicit<T>(MappingContext context, T component) where T : Component
    {
        if (context.Architecture.Find(component.LogicalId) is T existing)
        {
            return existing;
        }

        context.Architecture.Add(component);
        return component;
    }

    /// <summary>Records an event source on a function or state machine, and the flow when the source is a component.</summary>
    internal static void AddEvent(MappingContext context, Component source, Component target, FlowKind kind, EventSource ev, Component? binding = null)
    {
        // A source in the template is named by its logical id in messages, not by the intrinsic that points at it.
        if (ev.Source is not null)
        {
            ev = ev with { SourceText = ev.Source.LogicalId };
        }

        switch (target)
        {
            case Function f:
                f.Events.Add(ev);
                break;
            case StateMachine sm:
                sm.Events.Add(ev);
                break;
        }

        AddFlow(context, new Flow(source, target, kind, ev.Span, ev.Name) { Delivery = ev.Delivery, Binding = binding });
    }

    internal static void AddUnresolvedEvent(Component target, EventSource ev)
    {
        switch (target)
        {
            case Function f:
                f.Events.Add(ev);
                break;
            case StateMachine sm:
                sm.Events.Add(ev);
                break;
        }
    }

    /// <summary>Reads a destination given by ARN and adds the failure/success flow from <paramref name="from"/>.</summary>
    internal static Destination? Destination(MappingContext context, Component from, TemplateNode? arnNode, string? type, FlowKind kind, string via)
    {
        if (arnNode is null)
        {
            return null;
        }

        var target = context.Reference(arnNode);
        var resolved = context.FunctionTarget(target.Target);
        if (resolved is not null)
        {
            target = target with { Target = resolved };
            AddFlow(context, new Flow(from, resolved, kind, arnNode.Span, via));
            if (kind is FlowKind.DeadLetter or FlowKind.OnFailure && resolved is Queue q && !q.DeadLetterFor.Contains(from))
            {
                q.DeadLetterFor.Add(from);
            }
        }

        return new Destination(type ?? TypeOfArn(target), target, arnNode.Span);
    }

    private static string? TypeOfArn(ComponentRef target) => target.Target?.Kind switch
    {
        ComponentKind.Queue => "SQS",
        ComponentKind.Topic => "SNS",
        ComponentKind.EventBus => "EventBridge",
        ComponentKind.Function => "Lambda",
        ComponentKind.Bucket => "S3Bucket",
        _ => target.Text.Contains(":sqs:", StringComparison.Ordinal) ? "SQS" : target.Text.Contains(":sns:", StringComparison.Ordinal) ? "SNS" : null,
    };

    internal static DeliveryMode ModeForTarget(Component target) =>
        target is Function ? DeliveryMode.Asynchronous : DeliveryMode.ServiceDelivery;

    internal static Setting<int>? OptionalSetting(MappingContext context, TemplateNode? node, SourceSpan owner) =>
        node is null ? null : context.Int(node, 0, owner);
}
