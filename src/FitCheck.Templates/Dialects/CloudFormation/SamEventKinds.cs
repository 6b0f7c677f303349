using FitCheck.Model;

namespace FitCheck.Templates.Dialects.CloudFormation;

/// <summary>SAM's event type names (and the names the CloudFormation mappers give sources alike) as event source kinds.</summary>
internal static class SamEventKinds
{
    public static EventSourceKind Of(string name) => name switch
    {
        "Api" => EventSourceKind.RestApi,
        "HttpApi" => EventSourceKind.HttpApi,
        "SQS" => EventSourceKind.Sqs,
        "SNS" => EventSourceKind.Sns,
        "S3" => EventSourceKind.S3,
        "EventBridgeRule" => EventSourceKind.EventBridgeRule,
        "CloudWatchEvent" => EventSourceKind.CloudWatchEvent,
        "Schedule" => EventSourceKind.Schedule,
        "ScheduleV2" => EventSourceKind.Scheduler,
        "Kinesis" => EventSourceKind.Kinesis,
        "DynamoDB" => EventSourceKind.DynamoDB,
        "MSK" => EventSourceKind.Msk,
        "SelfManagedKafka" => EventSourceKind.SelfManagedKafka,
        "MQ" => EventSourceKind.MQ,
        "DocumentDB" => EventSourceKind.DocumentDB,
        "Stream" => EventSourceKind.Stream,
        "CloudWatchLogs" => EventSourceKind.CloudWatchLogs,
        "IoTRule" => EventSourceKind.IoTRule,
        "Cognito" => EventSourceKind.Cognito,
        "AlexaSkill" => EventSourceKind.AlexaSkill,
        "AppSync" => EventSourceKind.AppSync,
        "StepFunctions" => EventSourceKind.StepFunctions,
        "Pipe" => EventSourceKind.Pipe,
        "Connector" => EventSourceKind.Connector,
        _ => EventSourceKind.Other,
    };
}

/// <summary>REST-only features by the phrase the API mappers use for them.</summary>
internal static class RestFeatures
{
    public static RestFeature Of(string text) => new(KindOf(text), text);

    private static RestFeatureKind KindOf(string text) => text switch
    {
        "usage plan / API keys" => RestFeatureKind.UsagePlan,
        "API keys" => RestFeatureKind.ApiKey,
        _ when text.StartsWith("API key on ", StringComparison.Ordinal) => RestFeatureKind.ApiKey,
        "caching" or "execution logging or caching in MethodSettings" => RestFeatureKind.Caching,
        "request validation" or "request models" => RestFeatureKind.RequestValidation,
        "AWS WAF" => RestFeatureKind.WebAcl,
        "resource policy" => RestFeatureKind.ResourcePolicy,
        "private endpoint" => RestFeatureKind.PrivateEndpoint,
        "edge endpoint" => RestFeatureKind.EdgeEndpoint,
        "canary stage" => RestFeatureKind.Canary,
        _ => RestFeatureKind.Other,
    };
}
