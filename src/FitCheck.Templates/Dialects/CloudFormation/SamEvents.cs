using FitCheck.Model;
using FitCheck.Templates.Dialects.CloudFormation.Mappers;
using FitCheck.Templates.Reading;

namespace FitCheck.Templates.Dialects.CloudFormation;

/// <summary>The flows and implicit components SAM creates for each entry under a function's or state machine's <c>Events</c>.</summary>
internal static class SamEvents
{
    public static void Wire(MappingContext context, Component target, ScalarNode key, MappingNode ev)
    {
        var type = ev["Type"]?.Text ?? "";
        var p = ev["Properties"] as MappingNode ?? new MappingNode([], ev.Span);
        var name = key.Value;
        var span = new SourceSpan(key.Span.File, key.Span.Line, key.Span.Column, ev.Span.EndLine, ev.Span.EndColumn);
        var t = context.Template;
        var via = $"{type} event {name}";

        switch (type)
        {
            case "Api":
            {
                var api = ApiFor(context, p["RestApiId"], "ServerlessRestApi", "AWS::Serverless::Api", ApiProtocol.Rest, target, span);
                var method = (p["Method"]?.Text ?? "ANY").ToUpperInvariant();
                var path = p["Path"]?.Text ?? "/";
                var auth = p["Auth"]?["Authorizer"] is { } authorizer ? context.OptionalString(authorizer, span) : new Setting<string?>(null, SettingOrigin.ServiceDefault, span);
                if (p["Auth"]?["ApiKeyRequired"]?.Text?.Equals("true", StringComparison.OrdinalIgnoreCase) == true && api is Api withKey)
                {
                    withKey.RestOnlyFeatures.Add(RestFeatures.Of("API key on " + method + " " + path));
                }

                if (api is Api a)
                {
                    a.Routes.Add(new ApiRoute(method, path, auth, target, "aws_proxy", span)
                    {
                        HasRequestValidation = p["RequestModel"]?["ValidateBody"]?.Text?.Equals("true", StringComparison.OrdinalIgnoreCase) == true
                            || p["RequestParameters"] is not null && p["RequestModel"] is not null,
                        IntegrationTimeoutMs = p["TimeoutInMillis"] is { } ms ? context.Int(ms, AwsDefaults.RestIntegrationTimeoutMs, span) : null,
                        ApiKeyRequired = p["Auth"]?["ApiKeyRequired"]?.Text?.Equals("true", StringComparison.OrdinalIgnoreCase) == true,
                    });
                }

                Event(context, api, target, target is StateMachine ? FlowKind.Triggers : FlowKind.Invokes,
                    new EventSource(name, new Delivery(target is StateMachine ? DeliveryMode.Asynchronous : DeliveryMode.Synchronous, EventSourceKind.RestApi), api, api?.LogicalId ?? "API", span));
                break;
            }
            case "HttpApi":
            {
                var api = ApiFor(context, p["ApiId"], "ServerlessHttpApi", "AWS::Serverless::HttpApi", ApiProtocol.Http, target, span);
                var method = (p["Method"]?.Text ?? "ANY").ToUpperInvariant();
                var path = p["Path"]?.Text ?? "$default";
                var auth = p["Auth"]?["Authorizer"] is { } authorizer ? context.OptionalString(authorizer, span) : new Setting<string?>(null, SettingOrigin.ServiceDefault, span);
                if (api is Api a)
                {
                    a.Routes.Add(new ApiRoute(method, path, auth, target, "aws_proxy", span)
                    {
                        IntegrationTimeoutMs = p["TimeoutInMillis"] is { } ms ? context.Int(ms, AwsDefaults.HttpIntegrationTimeoutMs, span) : null,
                    });
                }

                Event(context, api, target, FlowKind.Invokes, new EventSource(name, new Delivery(DeliveryMode.Synchronous, EventSourceKind.HttpApi), api, api?.LogicalId ?? "HTTP API", span));
                break;
            }
            case "SQS":
            case "MQ":
            {
                var sourceNode = type == "SQS" ? p["Queue"] : p["Broker"];
                var source = sourceNode is null ? null : context.Reference(sourceNode);
                var delivery = new Delivery(DeliveryMode.QueuePolling, SamEventKinds.Of(type)) { Source = type, Mapping = Mapping(context, p, span, stream: false, target) };
                Event(context, source?.Target, target, FlowKind.Triggers, new EventSource(name, delivery, source?.Target, source?.Text ?? type, span));
                break;
            }
            case "Kinesis":
            case "DynamoDB":
            case "MSK":
            case "SelfManagedKafka":
            case "DocumentDB":
            {
                var sourceNode = type switch { "DocumentDB" => p["Cluster"], "SelfManagedKafka" => null, _ => p["Stream"] };
                var source = sourceNode is null ? null : context.Reference(sourceNode);
                var delivery = new Delivery(DeliveryMode.StreamPolling, SamEventKinds.Of(type)) { Source = type, Mapping = Mapping(context, p, span, stream: true, target) };
                Event(context, source?.Target, target, FlowKind.Triggers, new EventSource(name, delivery, source?.Target, source?.Text ?? type, span));
                break;
            }
            case "SNS":
            {
                var topic = p["Topic"] is { } topicNode ? context.Reference(topicNode) : null;
                if (p["SqsSubscription"] is { } sqsSub && !(sqsSub is ScalarNode s && s.Value.Equals("false", StringComparison.OrdinalIgnoreCase)))
                {
                    // SNS -> SQS -> Lambda: SAM creates the queue (unless given) and a mapping with BatchSize 10.
                    Component? queue = sqsSub["QueueArn"] is { } queueArn
                        ? context.Reference(queueArn).Target
                        : Wiring.Implicit(context, new Queue(target.LogicalId + name + "Queue", "AWS::SQS::Queue", t, span)
                        {
                            ImpliedBy = target,
                            VisibilityTimeoutSeconds = Setting.Default(AwsDefaults.QueueVisibilityTimeoutSeconds, span),
                            MessageRetentionSeconds = Setting.Default(AwsDefaults.QueueMessageRetentionSeconds, span),
                            IsFifo = topic?.Target is Topic { IsFifo: true },
                        });
                    if (topic?.Target is not null && queue is not null)
                    {
                        Wiring.AddFlow(context, new Flow(topic.Target, queue, FlowKind.Triggers, span, via)
                        {
                            Delivery = new Delivery(DeliveryMode.ServiceDelivery, EventSourceKind.Sns) { DeadLetter = SubscriptionDlq(context, p, topic.Target), SettingsSpan = span },
                        });
                    }

                    var mapping = Mapping(context, sqsSub as MappingNode ?? new MappingNode([], span), span, stream: false, target);
                    mapping.BatchSize = context.Int(sqsSub["BatchSize"], 10, span, property: "BatchSize");
                    Event(context, queue, target, FlowKind.Triggers,
                        new EventSource(name, new Delivery(DeliveryMode.QueuePolling, EventSourceKind.Sqs) { Mapping = mapping }, queue, queue?.LogicalId ?? "SQS subscription", span));
                    break;
                }

                var dlq = topic?.Target is null ? null : SubscriptionDlq(context, p, topic.Target);
                Event(context, topic?.Target, target, FlowKind.Triggers,
                    new EventSource(name, new Delivery(DeliveryMode.Asynchronous, EventSourceKind.Sns) { DeadLetter = dlq, SettingsSpan = span }, topic?.Target, topic?.Text ?? "SNS topic", span));
                break;
            }
            case "S3":
            {
                var bucket = p["Bucket"] is { } b ? context.Reference(b) : null;
                Event(context, bucket?.Target, target, FlowKind.Triggers,
                    new EventSource(name, new Delivery(DeliveryMode.Asynchronous, EventSourceKind.S3), bucket?.Target, bucket?.Text ?? "S3 bucket", span));
                break;
            }
            case "EventBridgeRule":
            case "CloudWatchEvent":
            case "Schedule":
            {
                var rule = Wiring.Implicit(context, new EventRule(target.LogicalId + name, "AWS::Events::Rule", t, span)
                {
                    ImpliedBy = target,
                    ScheduleExpression = p["Schedule"]?.Text,
                    HasEventPattern = p["Pattern"] is not null,
                    Enabled = !(p["Enabled"]?.Text?.Equals("false", StringComparison.OrdinalIgnoreCase) == true || p["State"]?.Text == "DISABLED"),
                });
                if (p["EventBusName"] is { } busNode)
                {
                    rule.Bus = context.Reference(busNode);
                    if (rule.Bus.Target is not null)
                    {
                        Wiring.AddFlow(context, new Flow(rule.Bus.Target, rule, FlowKind.Routes, busNode.Span, via));
                    }
                }

                var delivery = TargetDelivery(context, rule, target, type == "Schedule" ? "Schedule" : "EventBridgeRule", p, span, "Queue");
                rule.Targets.Add(new EventTarget(p["Target"]?["Id"]?.Text, new ComponentRef(target, target.LogicalId, SettingOrigin.Explicit, span), delivery, span));
                Event(context, rule, target, FlowKind.Triggers, new EventSource(name, delivery, rule, rule.LogicalId, span));
                break;
            }
            case "ScheduleV2":
            {
                var schedule = Wiring.Implicit(context, new Schedule(target.LogicalId + name, "AWS::Scheduler::Schedule", t, span)
                {
                    ImpliedBy = target,
                    ScheduleExpression = p["ScheduleExpression"]?.Text,
                });
                var delivery = TargetDelivery(context, schedule, target, "ScheduleV2", p, span, "Queue");
                schedule.Targets.Add(new EventTarget(null, new ComponentRef(target, target.LogicalId, SettingOrigin.Explicit, span), delivery, span));
                Event(context, schedule, target, FlowKind.Triggers, new EventSource(name, delivery, schedule, schedule.LogicalId, span));
                break;
            }
            case "CloudWatchLogs":
            {
                var group = p["LogGroupName"] is { } g ? context.Reference(g) : null;
                Event(context, group?.Target, target, FlowKind.Triggers,
                    new EventSource(name, new Delivery(DeliveryMode.Asynchronous, EventSourceKind.CloudWatchLogs), group?.Target, group?.Text ?? "log group", span));
                break;
            }
            case "IoTRule":
            {
                var rule = Wiring.Implicit(context, new EventRule(target.LogicalId + name, "AWS::IoT::TopicRule", t, span) { ImpliedBy = target, HasEventPattern = true, IsIotTopicRule = true, HasErrorAction = Setting.Default(false, span) with { Property = "ErrorAction" } });
                Event(context, rule, target, FlowKind.Triggers, new EventSource(name, new Delivery(DeliveryMode.Asynchronous, EventSourceKind.IoTRule), rule, rule.LogicalId, span));
                break;
            }
            case "Cognito":
            {
                var pool = p["UserPool"] is { } up ? context.Reference(up) : null;
                Event(context, pool?.Target, target, FlowKind.Invokes,
                    new EventSource(name, new Delivery(DeliveryMode.Synchronous, EventSourceKind.Cognito), pool?.Target, pool?.Text ?? "user pool", span));
                break;
            }
            default:
                // AlexaSkill and anything newer: the function is invoked, by something outside the template.
                Wiring.AddUnresolvedEvent(target, new EventSource(name, new Delivery(type == "AlexaSkill" ? DeliveryMode.Synchronous : DeliveryMode.Asynchronous, SamEventKinds.Of(type)) { Source = type }, null, type, span));
                break;
        }
    }

    private static void Event(MappingContext context, Component? source, Component target, FlowKind kind, EventSource ev)
    {
        if (source is null)
        {
            Wiring.AddUnresolvedEvent(target, ev);
        }
        else
        {
            Wiring.AddEvent(context, source, target, kind, ev);
        }
    }

    private static Component? ApiFor(MappingContext context, TemplateNode? apiId, string implicitId, string type, ApiProtocol protocol, Component target, SourceSpan span)
    {
        if (apiId is not null)
        {
            return context.Reference(apiId).Target;
        }

        var existing = context.Architecture.Find(implicitId);
        if (existing is not null)
        {
            return existing;
        }

        // The implicit API takes its settings from Globals.Api / Globals.HttpApi.
        var globals = context.Root["Globals"]?[protocol == ApiProtocol.Rest ? "Api" : "HttpApi"];
        var api = new Api(implicitId, type, context.Template, span)
        {
            ImpliedBy = target,
            Protocol = protocol,
            TracingEnabled = globals?["TracingEnabled"] is { } tracing ? context.Bool(tracing, false, span) with { Origin = SettingOrigin.Globals } : Setting.Default(false, span),
        };
        if (globals?["AccessLogSetting"] is MappingNode log)
        {
            api.AccessLog = new AccessLogSettings(log["DestinationArn"] is { } d ? context.Reference(d) : null, log["Format"]?.Text, log.Span);
        }
        else if (globals?["AccessLogSettings"] is MappingNode httpLog)
        {
            api.AccessLog = new AccessLogSettings(httpLog["DestinationArn"] is { } d ? context.Reference(d) : null, httpLog["Format"]?.Text, httpLog.Span);
        }

        api.DefaultThrottling = protocol == ApiProtocol.Rest ? ApiMappers.RestThrottling(globals?["MethodSettings"]) : ApiMappers.HttpThrottling(globals?["DefaultRouteSettings"]);
        if (protocol == ApiProtocol.Rest)
        {
            ApiMappers.RestOnlySamFeatures(api, globals);
        }

        if (globals?["Auth"]?["DefaultAuthorizer"] is { } auth)
        {
            api.DefaultAuthorizer = context.OptionalString(auth, span) with { Origin = SettingOrigin.Globals };
        }

        return Wiring.Implicit(context, api);
    }

    internal static MappingSettings Mapping(MappingContext context, MappingNode p, SourceSpan span, bool stream, Component target)
    {
        var responseTypes = p["FunctionResponseTypes"] as SequenceNode;
        var mapping = new MappingSettings
        {
            BatchSize = context.Int(p["BatchSize"], stream ? 100 : 10, span, property: "BatchSize"),
            MaximumBatchingWindowSeconds = context.Int(p["MaximumBatchingWindowInSeconds"], 0, span, property: "MaximumBatchingWindowInSeconds"),
            MaximumRetryAttempts = context.Int(p["MaximumRetryAttempts"], -1, span, property: "MaximumRetryAttempts"),
            MaximumRecordAgeSeconds = context.Int(p["MaximumRecordAgeInSeconds"], -1, span, property: "MaximumRecordAgeInSeconds"),
            BisectBatchOnFunctionError = context.Bool(p["BisectBatchOnFunctionError"], false, span, property: "BisectBatchOnFunctionError"),
            ReportBatchItemFailures = (responseTypes is null
                ? Setting.Default(false, span)
                : Setting.Explicit(responseTypes.Items.Any(i => i.Text == "ReportBatchItemFailures"), responseTypes.Span)) with { Property = "FunctionResponseTypes" },
            MaximumConcurrency = context.OptionalInt(p["ScalingConfig"]?["MaximumConcurrency"], span, property: "MaximumConcurrency"),
            Enabled = context.Bool(p["Enabled"], true, span, property: "Enabled"),
            ParallelizationFactor = context.Int(p["ParallelizationFactor"], 1, span, property: "ParallelizationFactor"),
            HasFilter = p["FilterCriteria"] is not null,
        };
        if (p["DestinationConfig"]?["OnFailure"] is MappingNode onFailure && onFailure["Destination"] is { } dest)
        {
            mapping.OnFailure = Wiring.Destination(context, target, dest, onFailure["Type"]?.Text, FlowKind.OnFailure, "mapping OnFailure");
        }

        return mapping;
    }

    /// <summary>Retry policy and dead-letter queue of an EventBridge target or schedule (SAM or CloudFormation shape).</summary>
    internal static Delivery TargetDelivery(MappingContext context, Component rule, Component? target, string source, MappingNode p, SourceSpan span, string queueSuffix)
    {
        var retry = p["RetryPolicy"] as MappingNode;
        Destination? dlq = null;
        if (p["DeadLetterConfig"] is MappingNode dl)
        {
            if (dl["Arn"] is { } arn)
            {
                dlq = Wiring.Destination(context, rule, arn, "SQS", FlowKind.DeadLetter, "DeadLetterConfig");
            }
            else if (dl["Type"]?.Text == "SQS")
            {
                var id = dl["QueueLogicalId"]?.Text ?? rule.LogicalId + queueSuffix;
                var queue = Wiring.Implicit(context, new Queue(id, "AWS::SQS::Queue", context.Template, dl.Span)
                {
                    ImpliedBy = rule.ImpliedBy ?? rule,
                    VisibilityTimeoutSeconds = Setting.Default(AwsDefaults.QueueVisibilityTimeoutSeconds, dl.Span),
                    MessageRetentionSeconds = Setting.Default(AwsDefaults.QueueMessageRetentionSeconds, dl.Span),
                    IsFifo = false,
                });
                queue.DeadLetterFor.Add(rule);
                Wiring.AddFlow(context, new Flow(rule, queue, FlowKind.DeadLetter, dl.Span, "DeadLetterConfig"));
                dlq = new Destination("SQS", new ComponentRef(queue, queue.LogicalId, SettingOrigin.Explicit, dl.Span), dl.Span);
            }
        }

        return new Delivery(target is null ? DeliveryMode.ServiceDelivery : Wiring.ModeForTarget(target), SamEventKinds.Of(source)) {
            Source = source,
            MaximumRetryAttempts = retry is null ? Setting.Default(AwsDefaults.TargetMaximumRetryAttempts, span) : context.Int(retry["MaximumRetryAttempts"], AwsDefaults.TargetMaximumRetryAttempts, retry.Span, property: "MaximumRetryAttempts"),
            MaximumEventAgeSeconds = retry is null ? Setting.Default(AwsDefaults.TargetMaximumEventAgeSeconds, span) : context.Int(retry["MaximumEventAgeInSeconds"], AwsDefaults.TargetMaximumEventAgeSeconds, retry.Span, property: "MaximumEventAgeInSeconds"),
            DeadLetter = dlq,
            SettingsSpan = span,
        };
    }

    private static Destination? SubscriptionDlq(MappingContext context, MappingNode p, Component from) =>
        p["RedrivePolicy"]?["deadLetterTargetArn"] is { } arn
            ? Wiring.Destination(context, from, arn, "SQS", FlowKind.DeadLetter, "subscription RedrivePolicy")
            : null;
}
