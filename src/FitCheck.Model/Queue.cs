namespace FitCheck.Model;

/// <summary>An SQS queue.</summary>
public sealed class Queue(string logicalId, string type, TemplateInfo template, SourceSpan span)
    : Component(logicalId, type, ComponentKind.Queue, template, span)
{
    public required Setting<int> VisibilityTimeoutSeconds { get; set; }
    public required Setting<int> MessageRetentionSeconds { get; set; }
    public required bool IsFifo { get; init; }
    /// <summary>The redrive policy, when set.</summary>
    public RedrivePolicy? Redrive { get; set; }
    /// <summary>Components that send their failures here (queues with redrive, functions, subscriptions, targets). Filled by the flow builder.</summary>
    public List<Component> DeadLetterFor { get; } = [];
    public bool IsDeadLetterQueue => DeadLetterFor.Count > 0 || RedriveAllowPolicy;
    /// <summary>True when the queue declares a RedriveAllowPolicy (it is meant as a DLQ).</summary>
    public bool RedriveAllowPolicy { get; set; }
}

/// <summary>A redrive policy: where messages go after MaxReceiveCount receives.</summary>
public sealed record RedrivePolicy(ComponentRef DeadLetterTarget, Setting<int> MaxReceiveCount, SourceSpan Span);
