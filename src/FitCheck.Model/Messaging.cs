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
}

/// <summary>An EventBridge Scheduler schedule.</summary>
public sealed class Schedule(string logicalId, string type, TemplateInfo template, SourceSpan span)
    : Component(logicalId, type, ComponentKind.Schedule, template, span)
{
    public string? ScheduleExpression { get; set; }
}

/// <summary>A Kinesis data stream (or Firehose delivery stream).</summary>
public sealed class DataStream(string logicalId, string type, TemplateInfo template, SourceSpan span)
    : Component(logicalId, type, ComponentKind.Stream, template, span)
{
    public Setting<int>? RetentionHours { get; set; }
}
