namespace FitCheck.Model;

/// <summary>An SNS topic.</summary>
public sealed class Topic(string logicalId, string type, TemplateInfo template, SourceSpan span)
    : Component(logicalId, type, ComponentKind.Topic, template, span)
{
    public bool IsFifo { get; init; }
}

/// <summary>An EventBridge event bus (the default bus is implicit and not a component).</summary>
public sealed class EventBus(string logicalId, string type, TemplateInfo template, SourceSpan span)
    : Component(logicalId, type, ComponentKind.EventBus, template, span);

/// <summary>An EventBridge rule (event pattern or schedule) or an IoT topic rule.</summary>
public sealed class EventRule(string logicalId, string type, TemplateInfo template, SourceSpan span)
    : Component(logicalId, type, ComponentKind.EventRule, template, span)
{
    /// <summary>The schedule expression, for scheduled rules.</summary>
    public string? ScheduleExpression { get; set; }
    public bool HasEventPattern { get; set; }
    /// <summary>The bus the rule listens on; null for the default bus.</summary>
    public ComponentRef? Bus { get; set; }
    public bool Enabled { get; set; } = true;
    /// <summary>True for an IoT topic rule (its actions are not EventBridge targets).</summary>
    public bool IsIotTopicRule { get; init; }
    /// <summary>The rule's targets, resolved or not (a literal ARN outside the template is still a target), with their retry and DLQ settings.</summary>
    public List<EventTarget> Targets { get; } = [];
}

/// <summary>An EventBridge Scheduler schedule.</summary>
public sealed class Schedule(string logicalId, string type, TemplateInfo template, SourceSpan span)
    : Component(logicalId, type, ComponentKind.Schedule, template, span)
{
    public string? ScheduleExpression { get; set; }
    /// <summary>The schedule's target (one at most), resolved or not, with its retry and DLQ settings.</summary>
    public List<EventTarget> Targets { get; } = [];
}

/// <summary>A target of an EventBridge rule or Scheduler schedule.</summary>
/// <param name="Id">The target's Id, when written.</param>
/// <param name="Target">What the target's Arn names; unresolved when it is outside the template.</param>
/// <param name="Delivery">Retry policy and dead-letter queue of the target.</param>
public sealed record EventTarget(string? Id, ComponentRef Target, Delivery Delivery, SourceSpan Span);

/// <summary>An SNS subscription declared as its own resource (<c>AWS::SNS::Subscription</c>).</summary>
public sealed class Subscription(string logicalId, string type, TemplateInfo template, SourceSpan span)
    : Component(logicalId, type, ComponentKind.Subscription, template, span)
{
    /// <summary>lambda, sqs, https, email...; null when not a literal.</summary>
    public string? Protocol { get; set; }
    public ComponentRef? Topic { get; set; }
    public ComponentRef? Endpoint { get; set; }
    /// <summary>The RedrivePolicy's dead-letter queue; null when none.</summary>
    public Destination? DeadLetter { get; set; }
}

/// <summary>A Lambda event source mapping declared as its own resource (<c>AWS::Lambda::EventSourceMapping</c>),
/// recorded even when the function or the source is outside the template.</summary>
public sealed class EventMapping(string logicalId, string type, TemplateInfo template, SourceSpan span)
    : Component(logicalId, type, ComponentKind.EventSourceMapping, template, span)
{
    public ComponentRef? Function { get; set; }
    public ComponentRef? Source { get; set; }
    /// <summary>The mapping's delivery and settings; the same object as the function's event, when the function is here.</summary>
    public Delivery? Delivery { get; set; }
}

/// <summary>A Kinesis data stream (or Firehose delivery stream).</summary>
public sealed class DataStream(string logicalId, string type, TemplateInfo template, SourceSpan span)
    : Component(logicalId, type, ComponentKind.Stream, template, span)
{
    public Setting<int>? RetentionHours { get; set; }
}
