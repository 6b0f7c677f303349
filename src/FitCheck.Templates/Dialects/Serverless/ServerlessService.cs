using System.Globalization;
using FitCheck.Model;
using FitCheck.Templates.Reading;

namespace FitCheck.Templates.Dialects.Serverless;

/// <summary>
/// A property of serverless.yml as written, with its variables resolved: its name in serverless.yml terms
/// (<c>memorySize</c>, <c>maximumRetryAttempts</c>) so messages speak the user's words, and the resolved node, which keeps
/// the position where the user wrote it. An <see cref="UnknownNode"/> value is known only at deploy time.
/// </summary>
public sealed record ServerlessProperty(string Name, TemplateNode Node)
{
    public SourceSpan Span => Node.Span;

    /// <summary>True when the value is only known at deploy time (rules stay silent on it).</summary>
    public bool IsUnknown => Node is UnknownNode;

    /// <summary>The value as text, for a scalar that is not null.</summary>
    public string? Text => Node is ScalarNode { IsNull: false } s ? s.Value : null;

    public int? AsInt => int.TryParse(Text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null;

    public bool? AsBool => Text?.ToLowerInvariant() switch
    {
        "true" => true,
        "false" => false,
        _ => null,
    };

    public override string ToString() => $"{Name}: {Node}";
}

/// <summary>A <c>serverless.yml</c> read, resolved and typed: what matters for the design, still in serverless.yml terms.</summary>
public sealed class ServerlessService
{
    internal ServerlessService(string path, MappingNode root, Dictionary<TemplateNode, VariableResolution> resolutions)
    {
        Path = path;
        Root = root;
        Resolutions = resolutions;
    }

    /// <summary>The serverless.yml as shown to the user.</summary>
    public string Path { get; }

    /// <summary>The whole configuration with its variables resolved.</summary>
    public MappingNode Root { get; }

    /// <summary>How each value written as a variable was resolved, by the resolved node.</summary>
    public IReadOnlyDictionary<TemplateNode, VariableResolution> Resolutions { get; }

    /// <summary><c>service</c> (or <c>service.name</c>).</summary>
    public ServerlessProperty? Name { get; internal set; }

    public ServerlessProperty? FrameworkVersion { get; internal set; }

    /// <summary>The stage the CLI would deploy (<c>--stage</c>, <c>provider.stage</c>, else <c>dev</c>), null when unknown.</summary>
    public string? Stage { get; internal set; }

    public VariableOrigin StageOrigin { get; internal set; }

    /// <summary>The region the CLI would deploy to (<c>--region</c>, <c>provider.region</c>, else <c>us-east-1</c>), null when unknown.</summary>
    public string? Region { get; internal set; }

    public VariableOrigin RegionOrigin { get; internal set; }

    public ServerlessProvider Provider { get; internal set; } = null!;

    /// <summary>Functions in the order written.</summary>
    public List<ServerlessFunction> Functions { get; } = [];

    /// <summary><c>resources.Resources</c> (several <c>resources</c> entries merged), a CloudFormation fragment.</summary>
    public MappingNode? Resources { get; internal set; }

    /// <summary><c>resources.Outputs</c>.</summary>
    public MappingNode? Outputs { get; internal set; }

    /// <summary><c>resources.Conditions</c>.</summary>
    public MappingNode? Conditions { get; internal set; }

    /// <summary><c>plugins</c> (or <c>plugins.modules</c>), in order.</summary>
    public List<ServerlessPlugin> Plugins { get; } = [];

    /// <summary>State machines of the serverless-step-functions plugin (<c>stepFunctions.stateMachines</c>).</summary>
    public List<ServerlessStateMachine> StateMachines { get; } = [];

    /// <summary><c>custom</c>, where plugins read their settings.</summary>
    public MappingNode? Custom { get; internal set; }

    /// <summary>How the value of <paramref name="node"/> was resolved, when it was written as a variable.</summary>
    public VariableResolution? ResolutionOf(TemplateNode node) => Resolutions.GetValueOrDefault(node);

    /// <summary>True when <paramref name="name"/> (without a version) is listed in <c>plugins</c>: the framework loads it.</summary>
    public bool HasPlugin(string name) => Plugins.Exists(p => p.Name == name || p.Name.StartsWith(name + "@", StringComparison.Ordinal));

    /// <summary>The function with this key under <c>functions:</c>, or with this logical id (<c>HelloLambdaFunction</c>).</summary>
    public ServerlessFunction? FindFunction(string keyOrLogicalId) =>
        Functions.Find(f => f.Key == keyOrLogicalId) ?? Functions.Find(f => f.LogicalId == keyOrLogicalId);
}

/// <summary>The plugins whose additions fitcheck models.</summary>
public static class ServerlessPlugins
{
    public const string StepFunctions = "serverless-step-functions";

    /// <summary><c>deploymentSettings</c> (function and <c>custom</c>): an alias and a CodeDeploy traffic shift per function.</summary>
    public const string CanaryDeployments = "serverless-plugin-canary-deployments";

    /// <summary><c>custom.apiGatewayThrottling</c>: the stage throttling of the REST and HTTP APIs.</summary>
    public const string ApiGatewayThrottling = "serverless-api-gateway-throttling";
}

/// <summary>A plugin named in <c>plugins</c>.</summary>
/// <param name="Understood">True when fitcheck models what the plugin adds (serverless-step-functions).</param>
/// <param name="MayChangeDeployment">True when the plugin may add or change resources fitcheck does not see.</param>
public sealed record ServerlessPlugin(string Name, SourceSpan Span, bool Understood, bool MayChangeDeployment);

/// <summary><c>provider</c>: the defaults every function inherits and the service-wide settings.</summary>
public sealed class ServerlessProvider
{
    public required SourceSpan Span { get; init; }

    /// <summary><c>provider.name</c>: <c>aws</c> for the services fitcheck reviews.</summary>
    public ServerlessProperty? Name { get; init; }

    public ServerlessProperty? Runtime { get; init; }
    public ServerlessProperty? MemorySize { get; init; }
    public ServerlessProperty? Timeout { get; init; }
    public ServerlessProperty? Architecture { get; init; }
    public ServerlessProperty? EphemeralStorageSize { get; init; }

    /// <summary><c>provider.tracing.lambda</c> (true, Active, PassThrough).</summary>
    public ServerlessProperty? LambdaTracing { get; init; }

    /// <summary><c>provider.tracing.apiGateway</c>.</summary>
    public ServerlessProperty? ApiGatewayTracing { get; init; }

    /// <summary><c>provider.logs</c> (restApi, httpApi, websocket, frameworkLambda, lambda).</summary>
    public MappingNode? Logs { get; init; }

    public ServerlessProperty? LogRetentionInDays { get; init; }

    /// <summary><c>provider.iam.role.statements</c> and the legacy <c>provider.iamRoleStatements</c>, each an IAM statement.</summary>
    public List<TemplateNode> IamStatements { get; } = [];

    /// <summary><c>provider.iam.role.managedPolicies</c> and the legacy <c>provider.iamManagedPolicies</c>.</summary>
    public List<TemplateNode> ManagedPolicies { get; } = [];

    /// <summary><c>provider.iam.role</c> when it names an existing role (an ARN, a name or a reference) instead of configuring the framework's.</summary>
    public ServerlessProperty? Role { get; init; }

    public ServerlessProperty? PermissionsBoundary { get; init; }

    /// <summary><c>provider.environment</c>.</summary>
    public MappingNode? Environment { get; init; }

    /// <summary><c>provider.apiGateway</c> (REST API settings: apiKeys, resourcePolicy, restApiId, minimumCompressionSize...).</summary>
    public MappingNode? ApiGateway { get; init; }

    /// <summary><c>provider.httpApi</c> (cors, authorizers, id, payload, metrics...).</summary>
    public MappingNode? HttpApi { get; init; }

    /// <summary><c>provider.endpointType</c>: EDGE (the default), REGIONAL or PRIVATE.</summary>
    public ServerlessProperty? EndpointType { get; init; }

    public MappingNode? Vpc { get; init; }
    public ServerlessProperty? DeploymentBucket { get; init; }
    public TemplateNode? StackPolicy { get; init; }
    public TemplateNode? Layers { get; init; }
    public ServerlessProperty? KmsKeyArn { get; init; }
    public MappingNode? Tags { get; init; }
    public ServerlessProperty? VersionFunctions { get; init; }

    /// <summary><c>provider.eventBridge.useCloudFormation</c> and friends.</summary>
    public MappingNode? EventBridge { get; init; }
}

/// <summary>A function under <c>functions:</c>.</summary>
public sealed class ServerlessFunction
{
    /// <summary>The key under <c>functions:</c>: the component id findings name.</summary>
    public required string Key { get; init; }

    /// <summary>The logical id the framework gives it (<c>HelloLambdaFunction</c>), an alias for references in <c>resources</c>.</summary>
    public required string LogicalId { get; init; }

    /// <summary>The key's position.</summary>
    public required SourceSpan Span { get; init; }

    public required MappingNode Body { get; init; }

    /// <summary>A property of the function as written (<c>memorySize</c>, <c>onError</c>...), or null.</summary>
    public ServerlessProperty? this[string name] => Body[name] is { } node ? new ServerlessProperty(name, node) : null;

    public ServerlessProperty? Handler => this["handler"];
    public ServerlessProperty? Image => this["image"];
    public ServerlessProperty? Runtime => this["runtime"];
    public ServerlessProperty? MemorySize => this["memorySize"];
    public ServerlessProperty? Timeout => this["timeout"];
    public ServerlessProperty? Architecture => this["architecture"];
    public ServerlessProperty? ReservedConcurrency => this["reservedConcurrency"];
    public ServerlessProperty? ProvisionedConcurrency => this["provisionedConcurrency"];
    public ServerlessProperty? Tracing => this["tracing"];
    public ServerlessProperty? Role => this["role"];
    public ServerlessProperty? Name => this["name"];
    public ServerlessProperty? LogRetentionInDays => this["logRetentionInDays"];

    /// <summary><c>onError</c>: an SNS topic or SQS queue ARN for the dead-letter queue.</summary>
    public ServerlessProperty? OnError => this["onError"];

    /// <summary><c>destinations.onSuccess</c>.</summary>
    public ServerlessProperty? OnSuccess => Body["destinations"]?["onSuccess"] is { } n ? new ServerlessProperty("destinations.onSuccess", n) : null;

    /// <summary><c>destinations.onFailure</c>.</summary>
    public ServerlessProperty? OnFailure => Body["destinations"]?["onFailure"] is { } n ? new ServerlessProperty("destinations.onFailure", n) : null;

    public ServerlessProperty? MaximumRetryAttempts => this["maximumRetryAttempts"];
    public ServerlessProperty? MaximumEventAge => this["maximumEventAge"];

    /// <summary><c>url</c>: true, or a mapping with <c>authorizer</c> (aws_iam), <c>cors</c>, <c>invokeMode</c>.</summary>
    public ServerlessProperty? Url => this["url"];

    /// <summary>The URL's authorizer: <c>aws_iam</c>, or null (public) when the URL is on without one.</summary>
    public ServerlessProperty? UrlAuthorizer => Body["url"]?["authorizer"] is { } n ? new ServerlessProperty("url.authorizer", n) : null;

    public MappingNode? Vpc => Body["vpc"] as MappingNode;
    public TemplateNode? Layers => Body["layers"];
    public MappingNode? Environment => Body["environment"] as MappingNode;

    public List<ServerlessEvent> Events { get; } = [];
}

/// <summary>The AWS event types of serverless.yml.</summary>
public enum ServerlessEventKind
{
    Unknown,
    Http,
    HttpApi,
    Websocket,
    Sqs,
    Stream,
    S3,
    Sns,
    Schedule,
    EventBridge,
    CloudWatchEvent,
    CloudWatchLog,
    CognitoUserPool,
    Alb,
    Iot,
    IotFleetProvisioning,
    Msk,
    Kafka,
    ActiveMq,
    RabbitMq,
    AlexaSkill,
    AlexaSmartHome,
    CloudFront,
}

/// <summary>An entry of a function's (or state machine's) <c>events</c>.</summary>
public sealed class ServerlessEvent
{
    /// <summary>The event type as written (<c>sqs</c>, <c>httpApi</c>...).</summary>
    public required string Type { get; init; }

    public required ServerlessEventKind Kind { get; init; }

    /// <summary>The position in the function's list, from 0.</summary>
    public required int Index { get; init; }

    /// <summary>The event type key's position (<c>- sqs:</c>).</summary>
    public required SourceSpan Span { get; init; }

    /// <summary>The value: a mapping, or the shorthand (<c>sqs: arn:...</c>, <c>http: GET hello</c>).</summary>
    public required TemplateNode Body { get; init; }

    /// <summary>What emits the events: the queue, stream, topic, bucket, log group, user pool, broker or listener, as written.</summary>
    public ServerlessProperty? Source { get; init; }

    /// <summary>The HTTP method for <c>http</c>/<c>httpApi</c>/<c>alb</c>, when written.</summary>
    public string? Method { get; init; }

    /// <summary>The path for <c>http</c>/<c>httpApi</c>, or the route for <c>websocket</c>.</summary>
    public string? Path { get; init; }

    /// <summary>For <c>stream</c>: dynamodb or kinesis, from <c>type</c> or the ARN.</summary>
    public string? StreamType { get; init; }

    /// <summary>A setting of a mapping event (<c>batchSize</c>, <c>functionResponseType</c>, <c>destinations.onFailure</c>...).</summary>
    public ServerlessProperty? this[string name]
    {
        get
        {
            TemplateNode? node = Body;
            foreach (var key in name.Split('.'))
            {
                node = node is MappingNode m ? m[key] : null;
            }

            return node is null ? null : new ServerlessProperty(name, node);
        }
    }

    public override string ToString() => $"{Type}#{Index}";
}

/// <summary>A state machine of the serverless-step-functions plugin.</summary>
public sealed class ServerlessStateMachine
{
    /// <summary>The key under <c>stepFunctions.stateMachines</c>.</summary>
    public required string Key { get; init; }

    /// <summary>The logical id the plugin gives it (its <c>id</c>, else <c>&lt;Key&gt;StepFunctionsStateMachine</c>).</summary>
    public required string LogicalId { get; init; }

    public required SourceSpan Span { get; init; }

    public required MappingNode Body { get; init; }

    /// <summary>The Amazon States Language definition (a mapping after resolution), when written inline or through a file.</summary>
    public TemplateNode? Definition => Body["definition"];

    /// <summary><c>STANDARD</c> (the default) or <c>EXPRESS</c>.</summary>
    public ServerlessProperty? Type => Body["type"] is { } n ? new ServerlessProperty("type", n) : null;

    public ServerlessProperty? Name => Body["name"] is { } n ? new ServerlessProperty("name", n) : null;

    public ServerlessProperty? Role => Body["role"] is { } n ? new ServerlessProperty("role", n) : null;

    public MappingNode? LoggingConfig => Body["loggingConfig"] as MappingNode;

    public MappingNode? TracingConfig => Body["tracingConfig"] as MappingNode;

    public List<ServerlessEvent> Events { get; } = [];
}
