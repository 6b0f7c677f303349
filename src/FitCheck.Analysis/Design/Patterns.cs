using FitCheck.Model;

namespace FitCheck.Analysis.Design;

/// <summary>The four patterns a serverless flow usually follows.</summary>
public enum FlowPattern
{
    RequestResponse,
    WorkflowOrchestration,
    EventProcessing,
    KeyedState,
}

/// <summary>A design that fights its pattern.</summary>
public sealed record PatternMismatch(string Kind, string Message, Component Component, SourceSpan Span);

/// <summary>One path from an entry point, classified.</summary>
public sealed record ClassifiedFlow(Component Entry, IReadOnlyList<Component> Route, FlowPattern Pattern, string Reason)
{
    public static string Name(FlowPattern p) => p switch
    {
        FlowPattern.RequestResponse => "request-response",
        FlowPattern.WorkflowOrchestration => "workflow-orchestration",
        FlowPattern.EventProcessing => "event-processing",
        _ => "keyed-state",
    };
}

public sealed record PatternMap(IReadOnlyList<ClassifiedFlow> Flows, IReadOnlyList<PatternMismatch> Mismatches);

/// <summary>Classifies every path (request/response, workflow orchestration, object/event processing, keyed state) and calls out
/// mismatches: orchestration written as function-to-function calls, long work behind a synchronous API, polling loops in state
/// machines, state kept on a file system instead of a store.</summary>
public static class Patterns
{
    /// <summary>API Gateway's default integration timeout (29 s): longer work behind a synchronous API times out for the caller.</summary>
    public const int SyncApiLimitSeconds = AwsDefaults.SyncApiLimitSeconds;

    internal static PatternMap Compute(Architecture architecture)
    {
        var flows = new List<ClassifiedFlow>();
        foreach (var path in Topology.Paths(architecture))
        {
            var route = new List<Component> { path[0].From };
            route.AddRange(path.Select(f => f.To));
            var entry = route[0];
            var (pattern, reason) = Classify(architecture, entry, route, path);
            flows.Add(new ClassifiedFlow(entry, route, pattern, reason));
        }

        return new PatternMap(flows, Mismatches(architecture));
    }

    private static (FlowPattern, string) Classify(Architecture architecture, Component entry, List<Component> route, IReadOnlyList<Flow> path)
    {
        if (route.OfType<StateMachine>().FirstOrDefault() is { } sm)
        {
            return (FlowPattern.WorkflowOrchestration, $"state machine {sm.LogicalId} coordinates the steps");
        }

        if (entry is Table || (entry is DataStream && route.OfType<Function>().Any(f => architecture.FlowsFrom(f).Any(x => x.Kind == FlowKind.Writes && x.To is Table))))
        {
            return (FlowPattern.KeyedState, entry is Table
                ? $"changes to table {entry.LogicalId} drive the work, item by item"
                : $"records of {entry.LogicalId} are aggregated into a table by key");
        }

        if (entry is Api || path[0].Delivery?.Mode == DeliveryMode.Synchronous)
        {
            return (FlowPattern.RequestResponse, $"{entry.LogicalId} waits for the answer");
        }

        var what = entry is Bucket ? "object" : "event";
        return (FlowPattern.EventProcessing, $"{what}s from {entry.LogicalId} are processed asynchronously");
    }

    private static List<PatternMismatch> Mismatches(Architecture architecture)
    {
        var result = new List<PatternMismatch>();
        foreach (var flow in architecture.Flows)
        {
            if (flow.Kind == FlowKind.Invokes && flow.From is Function caller && flow.To is Function callee)
            {
                result.Add(new PatternMismatch("function-to-function-orchestration",
                    $"{caller.LogicalId} calls {callee.LogicalId} synchronously: orchestration written as function-to-function calls pays for both " +
                    "while one waits, and a failure halfway leaves no record; a state machine or an event between them fits better.", caller, flow.Span));
            }

            if (flow.From is Api api && flow.To is Function f && flow.Delivery?.Mode == DeliveryMode.Synchronous
                && f.TimeoutSeconds is { IsKnown: true, Value: > SyncApiLimitSeconds } timeout && api.Protocol is ApiProtocol.Rest or ApiProtocol.Http)
            {
                result.Add(new PatternMismatch("long-work-behind-sync-api",
                    $"{f.LogicalId} may run for {timeout.Describe()} s behind {api.LogicalId}, whose integration gives up after {SyncApiLimitSeconds} s: " +
                    "long work behind a synchronous API should be accepted, queued and reported on later.", f, timeout.Span));
            }
        }

        foreach (var sm in architecture.OfType<StateMachine>())
        {
            foreach (var state in sm.States.Where(s => s.IsPollingLoop))
            {
                result.Add(new PatternMismatch("polling-loop",
                    $"{sm.LogicalId} loops through {state.Name} back to a Wait state: a polling loop pays a transition per poll; a callback " +
                    "(.waitForTaskToken) or a .sync integration waits without polling.", sm, state.Span));
            }
        }

        foreach (var f in architecture.OfType<Function>().Where(f => f.FileSystemMounts > 0))
        {
            result.Add(new PatternMismatch("state-in-function",
                $"{f.LogicalId} mounts a file system: state kept next to the function instead of in a store (DynamoDB, S3) ties " +
                "concurrent invocations to shared files and locks.", f, f.FileSystemSpan ?? f.Span));
        }

        return result;
    }
}
