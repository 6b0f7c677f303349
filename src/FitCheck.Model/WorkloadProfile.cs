namespace FitCheck.Model;

/// <summary>What the templates cannot say about a workload: traffic, durations, payloads, sessions. Read from
/// <c>fitcheck.workload.yml</c>. Every value keeps the span it was written at, so analyses can point at it.</summary>
public sealed class WorkloadProfile
{
    public WorkloadProfile(string path) => Path = path;

    /// <summary>The profile file as shown to the user.</summary>
    public string Path { get; }

    public Setting<string>? Region { get; set; }

    /// <summary>System-wide values: they apply to every entry point and function unless a component overrides them.</summary>
    public WorkloadValues System { get; set; } = new();

    /// <summary>Overrides per component logical id.</summary>
    public Dictionary<string, WorkloadValues> Components { get; } = new(StringComparer.Ordinal);

    /// <summary>Where each <c>components.&lt;LogicalId&gt;</c> key is written, to point at an id the templates do not declare.</summary>
    public Dictionary<string, SourceSpan> ComponentSpans { get; } = new(StringComparer.Ordinal);

    /// <summary>The value for a component, or the system value, for value types.</summary>
    public Setting<T>? GetValue<T>(string? logicalId, Func<WorkloadValues, Setting<T>?> pick) =>
        (logicalId is not null && Components.TryGetValue(logicalId, out var own) ? pick(own) : null) ?? pick(System);

    /// <summary>The value for a component: its own override when given, else the system value.</summary>
    public T? Get<T>(string? logicalId, Func<WorkloadValues, T?> pick) where T : class =>
        (logicalId is not null && Components.TryGetValue(logicalId, out var own) ? pick(own) : null) ?? pick(System);
}

/// <summary>The keys a profile can set, at the top level or under <c>components.&lt;LogicalId&gt;</c>.</summary>
public sealed class WorkloadValues
{
    /// <summary>Share of events assumed to fail for good when the profile gives no <c>failureRate</c>: 0.1%.</summary>
    public const decimal DefaultFailureRate = 0.001m;

    /// <summary>Requests (or events) per month, given directly.</summary>
    public Setting<decimal>? RequestsPerMonth { get; set; }
    public Setting<decimal>? RequestsPerSecondAverage { get; set; }
    public Setting<decimal>? RequestsPerSecondPeak { get; set; }
    /// <summary>bursty, steady or scheduled.</summary>
    public Setting<string>? Shape { get; set; }
    public Setting<decimal>? AverageDurationMs { get; set; }
    public Setting<decimal>? P95DurationMs { get; set; }
    public Setting<int>? MemoryMb { get; set; }
    public Setting<decimal>? PayloadKb { get; set; }
    /// <summary>none, short or long-lived.</summary>
    public Setting<string>? Sessions { get; set; }
    public Setting<bool>? InMemoryCoordination { get; set; }
    /// <summary>Log output per invocation, for CloudWatch Logs cost.</summary>
    public Setting<decimal>? LogKbPerInvocation { get; set; }
    /// <summary>Share of events that fail for good and reach dead-letter queues and failure destinations (0 to 1).</summary>
    public Setting<decimal>? FailureRate { get; set; }
    /// <summary>Shards of a Kinesis or DynamoDB stream (the pollers of its consumer).</summary>
    public Setting<int>? Shards { get; set; }
    /// <summary>Items a Step Functions Map state iterates over, per execution.</summary>
    public Setting<decimal>? MapItems { get; set; }
    /// <summary>WebSocket connections open on average, for connection minutes (× 43,800 minutes a month).</summary>
    public Setting<decimal>? ConcurrentConnections { get; set; }
    /// <summary>CPU time one request needs, for the container comparison (instead of deriving it from Lambda memory).</summary>
    public Setting<decimal>? CpuMsPerRequest { get; set; }

    /// <summary>Monthly requests: given directly, or the average rate × 2,628,000 s (730 h).</summary>
    public decimal? MonthlyRequests => RequestsPerMonth?.Value ?? (RequestsPerSecondAverage?.Value * 2_628_000m);

    /// <summary>The span of whichever traffic key was given.</summary>
    public SourceSpan? TrafficSpan => RequestsPerMonth?.Span ?? RequestsPerSecondAverage?.Span;

    public bool HasTraffic => RequestsPerMonth is not null || RequestsPerSecondAverage is not null;
}
