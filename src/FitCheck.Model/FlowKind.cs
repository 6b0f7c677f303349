namespace FitCheck.Model;

/// <summary>The kind of an edge. Edges point from the actor to what it acts on.</summary>
public enum FlowKind
{
    /// <summary>Synchronous call: caller waits for the callee (API to function, state machine task, function to function).</summary>
    Invokes,
    /// <summary>Asynchronous delivery or polling: event source to consumer.</summary>
    Triggers,
    /// <summary>Reads from a store.</summary>
    Reads,
    /// <summary>Writes to a store.</summary>
    Writes,
    /// <summary>Publishes to a topic, bus or queue.</summary>
    Publishes,
    /// <summary>A bus to its rules, an API to its routes.</summary>
    Routes,
    /// <summary>Where failed messages go after retries (DLQ).</summary>
    DeadLetter,
    /// <summary>Destination on failure.</summary>
    OnFailure,
    /// <summary>Destination on success.</summary>
    OnSuccess,
}

/// <summary>Kebab-case names used in every output.</summary>
public static class FlowKindNames
{
    public static string Name(this FlowKind kind) => kind switch
    {
        FlowKind.DeadLetter => "dead-letter",
        FlowKind.OnFailure => "on-failure",
        FlowKind.OnSuccess => "on-success",
        _ => kind.ToString().ToLowerInvariant(),
    };

    /// <summary>True for edges that carry failed work rather than normal traffic.</summary>
    public static bool IsFailurePath(this FlowKind kind) => kind is FlowKind.DeadLetter or FlowKind.OnFailure;
}
