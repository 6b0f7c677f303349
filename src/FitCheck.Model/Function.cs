namespace FitCheck.Model;

/// <summary>A Lambda function (<c>AWS::Serverless::Function</c> or <c>AWS::Lambda::Function</c>).</summary>
public sealed class Function(string logicalId, string type, TemplateInfo template, SourceSpan span)
    : Component(logicalId, type, ComponentKind.Function, template, span)
{
    public required Setting<string?> Runtime { get; set; }
    public required Setting<string?> Handler { get; set; }
    /// <summary>Zip or Image.</summary>
    public required Setting<string> PackageType { get; set; }
    public required Setting<int> MemoryMb { get; set; }
    public required Setting<int> TimeoutSeconds { get; set; }
    /// <summary>x86_64 or arm64.</summary>
    public required Setting<string> Architecture { get; set; }
    /// <summary>Active, PassThrough or Disabled (the default when absent).</summary>
    public required Setting<string> Tracing { get; set; }
    public required Setting<int> EphemeralStorageMb { get; set; }
    /// <summary>Null value when not set (the function draws from the unreserved pool).</summary>
    public required Setting<int?> ReservedConcurrency { get; set; }
    /// <summary>Null value when not set.</summary>
    public required Setting<int?> ProvisionedConcurrency { get; set; }
    /// <summary>Null value when not set.</summary>
    public required Setting<string?> AutoPublishAlias { get; set; }

    /// <summary>Text or JSON.</summary>
    public required Setting<string> LogFormat { get; set; }
    public Setting<string?>? ApplicationLogLevel { get; set; }
    public Setting<string?>? SystemLogLevel { get; set; }
    /// <summary>The log group named in LoggingConfig.LogGroup, when set.</summary>
    public ComponentRef? LoggingLogGroup { get; set; }

    public required AsyncInvokeSettings AsyncInvoke { get; set; }
    /// <summary>The function's DeadLetterQueue / DeadLetterConfig target, when set.</summary>
    public Destination? DeadLetter { get; set; }

    public DeploymentSettings? Deployment { get; set; }
    public FunctionUrlSettings? Url { get; set; }

    public Dictionary<string, EnvironmentVariable> Environment { get; } = new(StringComparer.Ordinal);
    public List<ComponentRef> Layers { get; } = [];
    /// <summary>File system mounts (FileSystemConfigs: EFS or S3 Files access points).</summary>
    public int FileSystemMounts { get; set; }
    /// <summary>What each FileSystemConfigs entry's Arn names, resolved or not.</summary>
    public List<ComponentRef> FileSystems { get; } = [];
    public SourceSpan? FileSystemSpan { get; set; }
    public bool InVpc { get; set; }

    /// <summary>What delivers work to this function (SAM events, mappings, subscriptions, rule targets, permissions), resolved or not.</summary>
    public List<EventSource> Events { get; } = [];

    /// <summary>True when some event source invokes the function asynchronously (Lambda retries and then drops failures).</summary>
    public bool IsInvokedAsynchronously => Events.Any(e => e.Delivery.Mode == DeliveryMode.Asynchronous);

    /// <summary>True for a Lambda durable function (DurableConfig): it checkpoints and suspends, unbilled, while it waits.</summary>
    public bool IsDurable { get; set; }
}

/// <summary>Retry and destination settings for asynchronous invocation (EventInvokeConfig).</summary>
public sealed class AsyncInvokeSettings
{
    /// <summary>0 to 2; Lambda retries twice by default.</summary>
    public required Setting<int> MaximumRetryAttempts { get; set; }
    /// <summary>60 to 21600 s; 6 h by default.</summary>
    public required Setting<int> MaximumEventAgeSeconds { get; set; }
    public Destination? OnFailure { get; set; }
    public Destination? OnSuccess { get; set; }
}

/// <summary>A failure or success destination, or a dead-letter target.</summary>
/// <param name="Type">SQS, SNS, EventBridge, Lambda, S3Bucket, or the type inferred from the ARN.</param>
public sealed record Destination(string? Type, ComponentRef Target, SourceSpan Span);

/// <summary>SAM DeploymentPreference or CodeDeploy wiring for gradual deployment.</summary>
public sealed class DeploymentSettings
{
    /// <summary>Canary10Percent5Minutes, Linear10PercentEvery1Minute, AllAtOnce...</summary>
    public required Setting<string?> Type { get; set; }
    public required Setting<bool> Enabled { get; set; }
    public List<ComponentRef> Alarms { get; } = [];
    public ComponentRef? PreTrafficHook { get; set; }
    public ComponentRef? PostTrafficHook { get; set; }
    public required SourceSpan Span { get; set; }
}

/// <summary>A function URL.</summary>
public sealed record FunctionUrlSettings(Setting<string> AuthType, SourceSpan Span);

/// <summary>An environment variable and how its value is supplied.</summary>
/// <param name="Literal">The literal value, or the parameter default it resolves to; null when computed.</param>
/// <param name="Source">How the value is supplied.</param>
public sealed record EnvironmentVariable(string Name, string? Literal, VariableSource Source, SourceSpan Span, ComponentRef? Reference)
{
    /// <summary>The template parameter the value comes from, when it is a <c>Ref</c> to one.</summary>
    public TemplateParameter? Parameter { get; init; }

    /// <summary>The resource and attribute the value reads, for an attribute of another resource (<c>AppClient.ClientSecret</c>).</summary>
    public string? Attribute { get; init; }
}

/// <summary>Something that delivers work to a function or state machine.</summary>
/// <param name="Name">The SAM event key, or the logical id of the wiring resource.</param>
/// <param name="Source">The component that emits the events, when it is in the template.</param>
/// <param name="SourceText">The source as written, for messages when it is not a component here.</param>
public sealed record EventSource(string Name, Delivery Delivery, Component? Source, string SourceText, SourceSpan Span);

/// <summary>How an environment variable's value is supplied.</summary>
public enum VariableSource
{
    /// <summary>Written in the input.</summary>
    Literal,
    /// <summary>From an input parameter or variable (its default, when it has one, is <see cref="EnvironmentVariable.Literal"/>).</summary>
    Parameter,
    /// <summary>From a parameter that hides its value (CloudFormation NoEcho, Terraform sensitive).</summary>
    SecretParameter,
    /// <summary>Resolved at deploy time from a secret or parameter store ({{resolve:...}}, ${ssm:...}).</summary>
    DynamicReference,
    /// <summary>Another resource's attribute.</summary>
    Reference,
    /// <summary>Computed in a way fitcheck does not follow.</summary>
    Unresolved,
}
