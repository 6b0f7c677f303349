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
    /// <summary>For an IoT topic rule: whether it names an error action (<c>TopicRulePayload.ErrorAction</c>), where a message
    /// whose action fails is sent; without one the message is dropped. False with the rule's span when left out; Unresolved when
    /// the payload cannot be read; null for EventBridge rules.</summary>
    public Setting<bool>? HasErrorAction { get; set; }
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

/// <summary>An EventBridge pipe: a source polled like an event source mapping, an optional enrichment and a target.</summary>
public sealed class Pipe(string logicalId, string type, TemplateInfo template, SourceSpan span)
    : Component(logicalId, type, ComponentKind.Pipe, template, span)
{
    /// <summary>The source as written; its target is a queue, stream or table (stream) when it is in the template.</summary>
    public ComponentRef? Source { get; set; }
    /// <summary>What the source is: <see cref="EventSourceKind.Sqs"/>, <see cref="EventSourceKind.Kinesis"/>,
    /// <see cref="EventSourceKind.DynamoDB"/>, another kind, or null when neither the source nor its parameters say.</summary>
    public EventSourceKind? SourceKind { get; set; }
    /// <summary>Stream sources: retries of a failing batch (<c>MaximumRetryAttempts</c>); -1, the default, retries until the record expires.</summary>
    public Setting<int>? MaximumRetryAttempts { get; set; }
    /// <summary>Stream sources: the age after which records are discarded (<c>MaximumRecordAgeInSeconds</c>); -1, the default, keeps them until they expire.</summary>
    public Setting<int>? MaximumRecordAgeSeconds { get; set; }
    /// <summary>Stream sources: where discarded batches go (<c>DeadLetterConfig</c>); null when none.</summary>
    public Destination? DeadLetter { get; set; }
    /// <summary>SQS sources: how long the pipe gathers a batch (<c>SqsQueueParameters.MaximumBatchingWindowInSeconds</c>, 0 by default).</summary>
    public Setting<int>? MaximumBatchingWindowSeconds { get; set; }
    /// <summary>The enrichment, when it is a function or state machine in the template; invoked synchronously.</summary>
    public Component? Enrichment { get; set; }
    /// <summary>The target, when it is in the template.</summary>
    public Component? Target { get; set; }
    /// <summary>How a function or state machine target is invoked (<c>TargetParameters.*.InvocationType</c>):
    /// REQUEST_RESPONSE (the default: the pipe waits) or FIRE_AND_FORGET.</summary>
    public Setting<string>? TargetInvocationType { get; set; }
    /// <summary>Where the source parameters are written, or the pipe's span when left out.</summary>
    public SourceSpan SourceParametersSpan { get; set; } = span;
    /// <summary>Execution log level (<c>LogConfiguration.Level</c>): OFF (the default), ERROR, INFO or TRACE.</summary>
    public Setting<string> LogLevel { get; set; } = new("OFF", SettingOrigin.ServiceDefault, span);
    /// <summary>True when the logs carry the event payloads (<c>LogConfiguration.IncludeExecutionData: [ALL]</c>).</summary>
    public Setting<bool> LogIncludesExecutionData { get; set; } = new(false, SettingOrigin.ServiceDefault, span);
}

/// <summary>An EventBridge connection (<c>AWS::Events::Connection</c>): the credentials API destinations call with.</summary>
public sealed class Connection(string logicalId, string type, TemplateInfo template, SourceSpan span)
    : Component(logicalId, type, ComponentKind.Other, template, span)
{
    /// <summary>API_KEY, BASIC or OAUTH_CLIENT_CREDENTIALS.</summary>
    public string? AuthorizationType { get; set; }
    /// <summary>The secret values of <c>AuthParameters</c> (the API key value, the basic password, the OAuth client secret),
    /// each named by its property and with how its value is supplied.</summary>
    public List<EnvironmentVariable> Secrets { get; } = [];
}

/// <summary>A Kinesis data stream (or Firehose delivery stream).</summary>
public sealed class DataStream(string logicalId, string type, TemplateInfo template, SourceSpan span)
    : Component(logicalId, type, ComponentKind.Stream, template, span)
{
    public Setting<int>? RetentionHours { get; set; }
}
