namespace FitCheck.Model;

/// <summary>What kind of event source delivers work to a function or state machine, whatever the input format called it.</summary>
public enum EventSourceKind
{
    /// <summary>An API Gateway REST API.</summary>
    RestApi,
    /// <summary>An API Gateway HTTP API.</summary>
    HttpApi,
    /// <summary>An AppSync GraphQL API (a data source).</summary>
    AppSync,
    Sqs,
    Sns,
    S3,
    /// <summary>An EventBridge rule with an event pattern.</summary>
    EventBridgeRule,
    /// <summary>A CloudWatch Events rule (the older name of an EventBridge rule).</summary>
    CloudWatchEvent,
    /// <summary>An EventBridge scheduled rule.</summary>
    Schedule,
    /// <summary>An EventBridge Scheduler schedule.</summary>
    Scheduler,
    Kinesis,
    DynamoDB,
    /// <summary>Amazon MSK (Kafka).</summary>
    Msk,
    SelfManagedKafka,
    /// <summary>Amazon MQ.</summary>
    MQ,
    DocumentDB,
    /// <summary>A stream polled by an event source mapping whose service is not known.</summary>
    Stream,
    CloudWatchLogs,
    IoTRule,
    Cognito,
    AlexaSkill,
    StepFunctions,
    /// <summary>An EventBridge pipe.</summary>
    Pipe,
    /// <summary>A SAM connector between two components.</summary>
    Connector,
    /// <summary>Anything else; <see cref="Delivery.Source"/> keeps the name the input gave.</summary>
    Other,
}

/// <summary>Names of event source kinds in messages (the names SAM gives its event types, which readers know).</summary>
public static class EventSourceKindNames
{
    public static string Name(this EventSourceKind kind) => kind switch
    {
        EventSourceKind.RestApi => "Api",
        EventSourceKind.Sqs => "SQS",
        EventSourceKind.Sns => "SNS",
        EventSourceKind.Msk => "MSK",
        EventSourceKind.Scheduler => "ScheduleV2",
        _ => kind.ToString(),
    };

    /// <summary>True for an API that waits for its integration: REST, HTTP, AppSync.</summary>
    public static bool IsApi(this EventSourceKind kind) => kind is EventSourceKind.RestApi or EventSourceKind.HttpApi or EventSourceKind.AppSync;
}
