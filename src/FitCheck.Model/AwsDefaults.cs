namespace FitCheck.Model;

/// <summary>
/// The AWS service defaults and limits the model applies when a setting is left out, in one place, whatever the
/// input format. Sources and dates: <c>reference/sam-and-aws-defaults.md</c> (section "AWS service defaults and limits").
/// </summary>
public static class AwsDefaults
{
    /// <summary>Lambda function timeout: 3 s.</summary>
    public const int FunctionTimeoutSeconds = 3;

    /// <summary>Longest run of an Express workflow, and so of a synchronous (StartSyncExecution) call to one: 5 minutes.</summary>
    public const int ExpressWorkflowMaxSeconds = 300;

    /// <summary>Lambda function memory: 128 MB.</summary>
    public const int FunctionMemoryMb = 128;

    /// <summary>Lambda ephemeral storage (/tmp): 512 MB.</summary>
    public const int FunctionEphemeralStorageMb = 512;

    /// <summary>Lambda asynchronous invocation: two retries.</summary>
    public const int AsyncMaximumRetryAttempts = 2;

    /// <summary>Lambda asynchronous invocation: events are kept 6 h (21,600 s).</summary>
    public const int AsyncMaximumEventAgeSeconds = 21_600;

    /// <summary>SQS VisibilityTimeout: 30 s.</summary>
    public const int QueueVisibilityTimeoutSeconds = 30;

    /// <summary>SQS MessageRetentionPeriod: 345,600 s (4 days).</summary>
    public const int QueueMessageRetentionSeconds = 345_600;

    /// <summary>Kinesis data stream retention: 24 h.</summary>
    public const int StreamRetentionHours = 24;

    /// <summary>EventBridge rule target and Scheduler retry policy: 185 attempts.</summary>
    public const int TargetMaximumRetryAttempts = 185;

    /// <summary>EventBridge rule target and Scheduler retry policy: 24 h (86,400 s).</summary>
    public const int TargetMaximumEventAgeSeconds = 86_400;

    /// <summary>API Gateway REST API integration timeout: 29 s (29,000 ms).</summary>
    public const int RestIntegrationTimeoutMs = 29_000;

    /// <summary>API Gateway HTTP API integration timeout: 30 s (30,000 ms), the maximum.</summary>
    public const int HttpIntegrationTimeoutMs = 30_000;

    /// <summary>What an API client waits at most before API Gateway answers 504: the REST default, in seconds.</summary>
    public const int SyncApiLimitSeconds = RestIntegrationTimeoutMs / 1000;
}
