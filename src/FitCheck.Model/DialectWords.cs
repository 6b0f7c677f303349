using System.Text;

namespace FitCheck.Model;

/// <summary>
/// Names settings in the words the user wrote. The mappers read Terraform and serverless.yml through their CloudFormation
/// and SAM twins, so <see cref="Setting{T}.Property"/> and the rules' own texts speak CloudFormation; a message about a
/// Terraform resource must say <c>visibility_timeout_seconds</c>, and one about a serverless.yml function
/// <c>timeout</c> under <c>provider</c>, not <c>Timeout</c> in <c>Globals</c>. Resources written under serverless.yml's
/// <c>resources.Resources</c> are CloudFormation as written, and keep CloudFormation's words.
/// </summary>
public static class DialectWords
{
    /// <summary>CloudFormation/SAM property → Terraform argument, where it is not the snake_case of the name.</summary>
    private static readonly Dictionary<string, string> Terraform = new(StringComparer.Ordinal)
    {
        ["Tracing"] = "tracing_config.mode",
        ["TracingConfig"] = "tracing_config",
        ["TracingConfig.Mode"] = "tracing_config.mode",
        ["ReservedConcurrentExecutions"] = "reserved_concurrent_executions",
        ["ScalingConfig.MaximumConcurrency"] = "scaling_config.maximum_concurrency",
        ["MaximumConcurrency"] = "scaling_config.maximum_concurrency",
        ["DestinationConfig.OnFailure"] = "destination_config.on_failure",
        ["DestinationConfig"] = "destination_config",
        ["VisibilityTimeout"] = "visibility_timeout_seconds",
        ["MessageRetentionPeriod"] = "message_retention_seconds",
        ["TracingEnabled"] = "xray_tracing_enabled",
        ["AuthType"] = "authorization_type",
        ["LogFormat"] = "logging_config.log_format",
        ["ApplicationLogLevel"] = "logging_config.application_log_level",
        ["LoggingConfig"] = "logging_config",
        ["LoggingConfig.LogFormat"] = "logging_config.log_format",
        ["LoggingConfig.ApplicationLogLevel"] = "logging_config.application_log_level",
        ["LoggingConfig.LogGroup"] = "logging_config.log_group",
        ["MethodSettings"] = "aws_api_gateway_method_settings",
        ["AccessLogSetting"] = "access_log_settings",
        ["AccessLogSettings"] = "access_log_settings",
        ["XrayEnabled"] = "xray_enabled",
        ["Environment"] = "environment.variables",
        ["MemoryMb"] = "memory_size",
    };

    /// <summary>Properties that the Terraform resource for an EventBridge target nests in <c>retry_policy</c>.</summary>
    private static readonly HashSet<string> TargetRetry = new(StringComparer.Ordinal) { "MaximumRetryAttempts", "MaximumEventAgeInSeconds" };

    /// <summary>SAM property → serverless.yml key of a function or its event, where it is not the camelCase of the name.</summary>
    private static readonly Dictionary<string, string> Serverless = new(StringComparer.Ordinal)
    {
        ["Architectures"] = "architecture",
        ["ReservedConcurrentExecutions"] = "reservedConcurrency",
        ["FunctionResponseTypes"] = "functionResponseType",
        ["MaximumEventAgeInSeconds"] = "maximumEventAge",
        ["MaximumBatchingWindowInSeconds"] = "maximumBatchingWindow",
        ["ScalingConfig.MaximumConcurrency"] = "maximumConcurrency",
        ["DestinationConfig.OnFailure"] = "destinations.onFailure",
        ["DestinationConfig"] = "destinations",
        ["TracingEnabled"] = "provider.tracing.apiGateway",
        ["RetentionInDays"] = "logRetentionInDays",
        ["AuthType"] = "url.authorizer",
        ["LogFormat"] = "logs.lambda.logFormat",
        ["ApplicationLogLevel"] = "logs.lambda.applicationLogLevel",
        ["TracingConfig.Mode"] = "tracing",
        ["MemoryMb"] = "memorySize",
        ["AccessLogSetting"] = "provider.logs.restApi",
        ["AccessLogSettings"] = "provider.logs.httpApi",
        ["MethodSettings"] = "a stage MethodSettings entry in resources",
    };

    /// <summary>One of three phrasings by the input <paramref name="resource"/> was written in: SAM or CloudFormation,
    /// Terraform, serverless.yml (a resource under <c>resources.Resources</c> takes the CloudFormation phrasing).</summary>
    public static string Say(this Component resource, string cloudFormation, string terraform, string serverless)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return resource.IsTerraform() ? terraform : resource.IsServerlessShorthand() ? serverless : cloudFormation;
    }

    /// <summary>One of four phrasings for what is said of several components at once (a folded finding): Terraform's,
    /// serverless.yml's, SAM's when every one of them is SAM shorthand (so <c>Globals.Function</c> reaches them all), and
    /// plain CloudFormation's otherwise.</summary>
    public static string SayOfAll(this IReadOnlyList<Component> resources, string sam, string cloudFormation, string terraform, string serverless)
    {
        ArgumentNullException.ThrowIfNull(resources);
        var first = resources[0];
        return first.IsTerraform() ? terraform
            : first.IsServerlessShorthand() ? serverless
            : resources.All(r => r.SharedPlace() == "Globals.Function") ? sam
            : cloudFormation;
    }

    /// <summary>One of three phrasings by <paramref name="dialect"/> alone, for what is said of a whole template.</summary>
    public static string SayIn(string dialect, string cloudFormation, string terraform, string serverless) => dialect switch
    {
        DialectIds.Terraform => terraform,
        DialectIds.Serverless => serverless,
        _ => cloudFormation,
    };

    /// <summary>True when <paramref name="resource"/> is written in Terraform.</summary>
    public static bool IsTerraform(this Component resource) => resource.Template.Dialect == DialectIds.Terraform;

    /// <summary>True when <paramref name="resource"/> is a function, event or API written in serverless.yml's own
    /// vocabulary (not a CloudFormation resource under <c>resources.Resources</c>).</summary>
    public static bool IsServerlessShorthand(this Component resource) =>
        resource.Template.Dialect == DialectIds.Serverless && (resource.IsSamShorthand || resource.ImpliedBy?.IsSamShorthand == true);

    /// <summary>The name of <paramref name="property"/> (a CloudFormation or SAM property name) in the words
    /// <paramref name="resource"/> was written in.</summary>
    public static string Word(this Component resource, string property)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(property);
        if (resource.IsTerraform())
        {
            if (resource.Kind is ComponentKind.EventRule or ComponentKind.Schedule && TargetRetry.Contains(property))
            {
                return "retry_policy." + Snake(property);
            }

            return Terraform.TryGetValue(property, out var name) ? name : string.Join('.', property.Split('.').Select(Snake));
        }

        if (resource.IsServerlessShorthand())
        {
            return Serverless.TryGetValue(property, out var key) ? key : string.Join('.', property.Split('.').Select(Camel));
        }

        return property;
    }

    /// <summary>The name of the property <paramref name="setting"/> comes from, in the words of <paramref name="resource"/>.</summary>
    public static string Word<T>(this Setting<T> setting, Component resource, string fallback)
    {
        ArgumentNullException.ThrowIfNull(setting);
        return resource.Word(setting.Property ?? fallback);
    }

    /// <summary>Where a setting for every function is written: <c>Globals.Function</c> in SAM, <c>provider</c> in
    /// serverless.yml; null in Terraform and plain CloudFormation, which have no such place.</summary>
    public static string? SharedPlace(this Component resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return resource.Template.Dialect switch
        {
            DialectIds.Serverless when resource.IsServerlessShorthand() => "provider",
            DialectIds.CloudFormation when resource.IsSamShorthand || resource.ImpliedBy?.IsSamShorthand == true => "Globals.Function",
            _ => null,
        };
    }

    /// <summary>"(inherited from Globals)", "(inherited from provider)", "(parameter default)", "(variable default)": where
    /// a value came from, in the words of <paramref name="resource"/>'s input; empty for a value written on the resource.</summary>
    public static string OriginNote(this Component resource, SettingOrigin origin)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return origin switch
        {
            SettingOrigin.Globals => resource.Template.Dialect == DialectIds.Serverless ? " (inherited from provider)" : " (inherited from Globals)",
            SettingOrigin.ParameterDefault => resource.IsTerraform() ? " (variable default)" : " (parameter default)",
            _ => "",
        };
    }

    /// <summary><see cref="Setting{T}.Describe"/> in the words of <paramref name="resource"/>'s input.</summary>
    public static string Describe<T>(this Setting<T> setting, Component resource)
    {
        ArgumentNullException.ThrowIfNull(setting);
        return setting.Origin switch
        {
            SettingOrigin.ServiceDefault => $"defaults to {setting.Value}",
            SettingOrigin.Unresolved => "unresolved",
            _ => $"{setting.Value}{resource.OriginNote(setting.Origin)}",
        };
    }

    /// <summary>An event source named by its SAM event type ("EventBridgeRule", "ScheduleV2"), in words a Terraform or
    /// serverless.yml user reads ("EventBridge rule", "EventBridge Scheduler schedule"); SAM's own type for SAM.</summary>
    public static string SourceKind(this Component resource, string samType)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(samType);
        if (resource.Template.Dialect == DialectIds.CloudFormation)
        {
            return samType;
        }

        return samType switch
        {
            "EventBridgeRule" or "CloudWatchEvent" => "EventBridge rule",
            "ScheduleV2" => "EventBridge Scheduler schedule",
            "Schedule" => "schedule",
            "CloudWatchLogs" => "CloudWatch Logs subscription",
            "HttpApi" => "HTTP API",
            "Api" => "REST API",
            "SelfManagedKafka" => "Kafka",
            "MQ" => "Amazon MQ",
            "IoTRule" => "IoT rule",
            "Cognito" => "Cognito user pool",
            _ => samType,
        };
    }

    /// <summary>"event Orders" (a SAM event's key), or for a serverless.yml function, whose events have no names, "sqs event"
    /// for its only or first sqs event and "sqs event #2" for the second (the framework's "Sqs2").</summary>
    public static string EventName(this Component owner, string name)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(name);
        if (!owner.IsServerlessShorthand())
        {
            return $"event {name}";
        }

        var digits = name.Length;
        while (digits > 0 && char.IsAsciiDigit(name[digits - 1]))
        {
            digits--;
        }

        var type = digits == 0 ? name : char.ToLowerInvariant(name[0]) + name[1..digits];
        var number = name[digits..];
        return number is "" or "1" ? $"{type} event" : $"{type} event #{number}";
    }

    /// <summary>A reference as the user wrote it: <c>!GetAtt Orders.StreamArn</c> in CloudFormation,
    /// <c>aws_dynamodb_table.orders.stream_arn</c> in Terraform.</summary>
    public static string Reference(this Component resource, string text)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(text);
        if (!resource.IsTerraform())
        {
            return text;
        }

        if (text.StartsWith("!GetAtt ", StringComparison.Ordinal))
        {
            var target = text["!GetAtt ".Length..];
            var dot = target.LastIndexOf('.');
            return dot <= 0 ? target : target[..dot] + "." + Snake(target[(dot + 1)..]);
        }

        return text.StartsWith("!Ref ", StringComparison.Ordinal) ? text["!Ref ".Length..] : text;
    }

    /// <summary>"DestinationArn" → "destination_arn".</summary>
    public static string Snake(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var sb = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                var boundary = i > 0 && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1]) && char.IsUpper(name[i - 1])));
                if (boundary)
                {
                    sb.Append('_');
                }

                sb.Append(char.ToLowerInvariant(c));
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    private static string Camel(string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name[1..];
}
