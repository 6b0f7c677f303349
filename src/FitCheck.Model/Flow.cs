namespace FitCheck.Model;

/// <summary>An edge of the architecture: from the actor to what it acts on.</summary>
/// <param name="Span">Where the flow is declared (the SAM event, the mapping, the target, the policy statement).</param>
/// <param name="Via">How the flow is wired, for people: "SQS event OrderEvent", "EventSourceMapping Mapping", "DynamoDBCrudPolicy".</param>
public sealed record Flow(Component From, Component To, FlowKind Kind, SourceSpan Span, string Via)
{
    /// <summary>The component that declares the wiring (ESM, subscription, rule, permission), when it is a separate resource.</summary>
    public Component? Binding { get; init; }

    /// <summary>How the source delivers to the target, for event flows.</summary>
    public Delivery? Delivery { get; init; }
}

/// <summary>How an event source hands work to its target.</summary>
public enum DeliveryMode
{
    /// <summary>The caller waits (API, function URL, state machine task, Lambda RequestResponse).</summary>
    Synchronous,
    /// <summary>Lambda's asynchronous invocation (S3, SNS, EventBridge, schedules, IoT, CloudWatch Logs...).</summary>
    Asynchronous,
    /// <summary>Lambda polls a queue (SQS, MQ).</summary>
    QueuePolling,
    /// <summary>Lambda reads a stream in order (Kinesis, DynamoDB, Kafka, DocumentDB).</summary>
    StreamPolling,
    /// <summary>A service delivers to a non-Lambda target with its own retry policy (EventBridge, Scheduler, SNS to SQS).</summary>
    ServiceDelivery,
}

/// <summary>Delivery settings of an event flow.</summary>
/// <param name="Kind">The kind of event source; rules test this, never a name.</param>
public sealed record Delivery(DeliveryMode Mode, EventSourceKind Kind)
{
    /// <summary>The event source's name in messages: the kind's name (SQS, Api, Kinesis...), or the name the input gave an <see cref="EventSourceKind.Other"/> source.</summary>
    public string Source { get; init; } = Kind.Name();

    /// <summary>Event source mapping settings, for polling modes.</summary>
    public MappingSettings? Mapping { get; init; }

    /// <summary>Retry policy of an EventBridge target or a schedule.</summary>
    public Setting<int>? MaximumRetryAttempts { get; init; }
    public Setting<int>? MaximumEventAgeSeconds { get; init; }

    /// <summary>Dead-letter target of an EventBridge target, schedule or SNS subscription; null when none.</summary>
    public Destination? DeadLetter { get; init; }

    /// <summary>The span where a dead-letter setting would go (the target, subscription or event).</summary>
    public SourceSpan? SettingsSpan { get; init; }
}

/// <summary>Lambda event source mapping settings (SQS, Kinesis, DynamoDB, Kafka, MQ, DocumentDB).</summary>
public sealed class MappingSettings
{
    public required Setting<int> BatchSize { get; set; }
    public required Setting<int> MaximumBatchingWindowSeconds { get; set; }
    /// <summary>Streams: -1 (the default) retries until the record expires.</summary>
    public required Setting<int> MaximumRetryAttempts { get; set; }
    /// <summary>Streams: -1 (the default) is unbounded.</summary>
    public required Setting<int> MaximumRecordAgeSeconds { get; set; }
    public required Setting<bool> BisectBatchOnFunctionError { get; set; }
    public required Setting<bool> ReportBatchItemFailures { get; set; }
    /// <summary>SQS ScalingConfig.MaximumConcurrency; null value when not set.</summary>
    public required Setting<int?> MaximumConcurrency { get; set; }
    public required Setting<bool> Enabled { get; set; }
    public required Setting<int> ParallelizationFactor { get; set; }
    public Destination? OnFailure { get; set; }
    public bool HasFilter { get; set; }
}
