using FitCheck.Model;
using FitCheck.Templates.Reading;
using static FitCheck.Templates.Dialects.CloudFormation.Wiring;

namespace FitCheck.Templates.Dialects.CloudFormation.Mappers;

/// <summary>Queues, topics, subscriptions, buses, rules, schedules, pipes, bucket notifications, streams and other event sources.</summary>
internal static class MessagingMappers
{
    public static IReadOnlyList<ResourceMapper> All { get; } =
    [
        new(["AWS::SQS::Queue"], (context, r) => new Queue(r.LogicalId, r.Type, context.Template, r.Span)
        {
            VisibilityTimeoutSeconds = context.Int(r["VisibilityTimeout"], AwsDefaults.QueueVisibilityTimeoutSeconds, r.Span, property: "VisibilityTimeout"),
            MessageRetentionSeconds = context.Int(r["MessageRetentionPeriod"], AwsDefaults.QueueMessageRetentionSeconds, r.Span, property: "MessageRetentionPeriod"),
            IsFifo = string.Equals(r["FifoQueue"]?.Text, "true", StringComparison.OrdinalIgnoreCase),
            RedriveAllowPolicy = r["RedriveAllowPolicy"] is not null,
        }, "QueueName", (c, context, r) => SqsQueue((Queue)c, context, r)),
        new(["AWS::SNS::Topic"], (context, r) => new Topic(r.LogicalId, r.Type, context.Template, r.Span)
        {
            IsFifo = string.Equals(r["FifoTopic"]?.Text, "true", StringComparison.OrdinalIgnoreCase),
        }, "TopicName", (c, context, r) => SnsTopic((Topic)c, context, r)),
        new(["AWS::SNS::Subscription"], (context, r) => new Subscription(r.LogicalId, r.Type, context.Template, r.Span) { Protocol = r["Protocol"]?.Text?.ToLowerInvariant() },
            Wire: (c, context, r) => SnsSubscription((Subscription)c, context, r)),
        new(["AWS::Events::EventBus"], (context, r) => new EventBus(r.LogicalId, r.Type, context.Template, r.Span), "Name"),
        new(["AWS::Events::Rule"], (context, r) => new EventRule(r.LogicalId, r.Type, context.Template, r.Span)
        {
            ScheduleExpression = r["ScheduleExpression"]?.Text,
            HasEventPattern = r["EventPattern"] is not null,
            Enabled = !string.Equals(r["State"]?.Text, "DISABLED", StringComparison.OrdinalIgnoreCase),
        }, "Name", (c, context, r) => EventsRule((EventRule)c, context, r)),
        new(["AWS::IoT::TopicRule"], (context, r) => new EventRule(r.LogicalId, r.Type, context.Template, r.Span)
        {
            HasEventPattern = true,
            IsIotTopicRule = true,
            Enabled = !string.Equals(r["TopicRulePayload"]?["RuleDisabled"]?.Text, "true", StringComparison.OrdinalIgnoreCase),
            HasErrorAction = r["TopicRulePayload"] switch
            {
                MappingNode payload when payload["ErrorAction"] is { } error => Setting.Explicit(true, error.Span) with { Property = "ErrorAction" },
                MappingNode => Setting.Default(false, r.Span) with { Property = "ErrorAction" },
                { } unreadable => Setting.Unresolved(false, unreadable.Span) with { Property = "ErrorAction" },
                null => Setting.Default(false, r.Span) with { Property = "ErrorAction" },
            },
        }, Wire: IotRule),
        new(["AWS::Scheduler::Schedule"], (context, r) => new Schedule(r.LogicalId, r.Type, context.Template, r.Span) { ScheduleExpression = r["ScheduleExpression"]?.Text },
            "Name", (c, context, r) => SchedulerSchedule((Schedule)c, context, r)),
        new(["AWS::Pipes::Pipe"], (context, r) => new Pipe(r.LogicalId, r.Type, context.Template, r.Span)
        {
            SourceParametersSpan = r.Span,
            LogLevel = context.String(r["LogConfiguration"]?["Level"], "OFF", r.Span, property: "Level"),
            LogIncludesExecutionData = r["LogConfiguration"]?["IncludeExecutionData"] switch
            {
                null => Setting.Default(false, r.Span) with { Property = "IncludeExecutionData" },
                SequenceNode list => new Setting<bool>(list.Items.Any(i => string.Equals(i.Text, "ALL", StringComparison.OrdinalIgnoreCase)), SettingOrigin.Explicit, list.Span) { Property = "IncludeExecutionData" },
                var other => Setting.Unresolved(false, other.Span) with { Property = "IncludeExecutionData" },
            },
        }, Wire: (c, context, r) => Pipe((Pipe)c, context, r)),
        new(["AWS::Events::Connection"], (context, r) => new Connection(r.LogicalId, r.Type, context.Template, r.Span) { AuthorizationType = r["AuthorizationType"]?.Text },
            "Name", (c, context, r) => EventsConnection((Connection)c, context, r)),
        new(["AWS::S3::Bucket"], (context, r) => new Bucket(r.LogicalId, r.Type, context.Template, r.Span)
        {
            HasPublicAccessBlock = r["PublicAccessBlockConfiguration"] is not null,
            HasEventBridgeNotifications = r["NotificationConfiguration"]?["EventBridgeConfiguration"] is not null,
        }, "BucketName", (c, context, r) => S3Bucket((Bucket)c, context, r)),
        new(["Custom::S3BucketNotifications"], ResourceMapper.Plain(ComponentKind.Other), Wire: (_, context, r) => CdkBucketNotifications(context, r)),
        new(["AWS::Kinesis::Stream"], (context, r) => new DataStream(r.LogicalId, r.Type, context.Template, r.Span) { RetentionHours = context.Int(r["RetentionPeriodHours"], AwsDefaults.StreamRetentionHours, r.Span, property: "RetentionPeriodHours") }, "Name"),
        new(["AWS::KinesisFirehose::DeliveryStream"], (context, r) => new DataStream(r.LogicalId, r.Type, context.Template, r.Span), "DeliveryStreamName"),
        new(["AWS::Logs::SubscriptionFilter"], ResourceMapper.Plain(ComponentKind.Subscription), Wire: LogSubscription),
        new(["AWS::Cognito::UserPool"], (context, r) => new FitCheck.Model.UserPool(r.LogicalId, r.Type, context.Template, r.Span)
        {
            MfaConfiguration = context.String(r["MfaConfiguration"], "OFF", r.Span, property: "MfaConfiguration"),
        }, Wire: CognitoTriggers),
        new(["AWS::Cognito::UserPoolClient"], (context, r) => new UserPoolClient(r.LogicalId, r.Type, context.Template, r.Span),
            Wire: (c, context, r) => CognitoClient((UserPoolClient)c, context, r)),
    ];

    private static void SqsQueue(Queue queue, MappingContext context, ResourceEntry r)
    {
        var redrive = RedriveNode(context, r["RedrivePolicy"]);
        if (redrive is null)
        {
            return;
        }

        var target = redrive["deadLetterTargetArn"];
        if (target is null)
        {
            return;
        }

        var destination = Destination(context, queue, target, "SQS", FlowKind.DeadLetter, "RedrivePolicy");
        queue.Redrive = new RedrivePolicy(destination!.Target, context.Int(redrive["maxReceiveCount"], 10, redrive.Span, property: "maxReceiveCount"), redrive.Span);
    }

    /// <summary>A redrive policy is a mapping, a JSON string, or a JSON string inside <c>Fn::Sub</c> whose <c>${...}</c>
    /// values name the dead-letter queue; the last two are parsed into a mapping positioned on the string.</summary>
    private static TemplateNode? RedriveNode(MappingContext context, TemplateNode? redrive)
    {
        switch (redrive)
        {
            case ScalarNode { Value: var json } when json.TrimStart().StartsWith('{'):
                return TemplateReader.ReadText(json, context.Path, "json").Root is MappingNode plain ? Respan(plain, redrive.Span) : redrive;
            case IntrinsicNode { Name: "Fn::Sub" } sub:
            {
                var (format, variables) = sub.Argument switch
                {
                    ScalarNode f => (f.Value, (TemplateNode?)null),
                    SequenceNode { Items.Count: >= 1 } seq when seq.Items[0] is ScalarNode f => (f.Value, seq.Items.Count > 1 ? seq.Items[1] : null),
                    _ => (null, null),
                };
                if (format is null || !format.TrimStart().StartsWith('{')
                    || TemplateReader.ReadText(format, context.Path, "json").Root is not MappingNode parsed)
                {
                    return redrive;
                }

                var span = redrive.Span;
                return new MappingNode(parsed.Pairs.Select(p => new KeyValuePair<ScalarNode, TemplateNode>(
                    new ScalarNode(p.Key.Value, true, span),
                    p.Value is ScalarNode v
                        ? v.Value.Contains("${", StringComparison.Ordinal)
                            ? new IntrinsicNode("Fn::Sub", variables is null ? new ScalarNode(v.Value, true, span) : new SequenceNode([new ScalarNode(v.Value, true, span), variables], span), span)
                            : new ScalarNode(v.Value, v.IsQuoted, span)
                        : p.Value)).ToList(), span);
            }

            default:
                return redrive;
        }
    }

    // A JSON string inside a template has positions relative to the string; findings point at the string instead.
    private static MappingNode Respan(MappingNode node, SourceSpan span) =>
        new(node.Pairs.Select(p => new KeyValuePair<ScalarNode, TemplateNode>(
            new ScalarNode(p.Key.Value, true, span),
            p.Value is ScalarNode s ? new ScalarNode(s.Value, s.IsQuoted, span) : p.Value)).ToList(), span);

    private static void SnsTopic(Topic topic, MappingContext context, ResourceEntry r)
    {
        if (r["Subscription"] is not SequenceNode subscriptions)
        {
            return;
        }

        foreach (var sub in subscriptions.Items)
        {
            Subscribe(context, topic, sub["Protocol"]?.Text, sub["Endpoint"], null, sub.Span, null, "subscription");
        }
    }

    private static void SnsSubscription(Subscription subscription, MappingContext context, ResourceEntry r)
    {
        var redrive = RedriveNode(context, r["RedrivePolicy"]);
        subscription.Topic = r["TopicArn"] is { } topicNode ? context.Reference(topicNode) : null;
        subscription.Endpoint = r["Endpoint"] is { } endpointNode ? context.Reference(endpointNode) : null;
        if (subscription.Topic?.Target is not { } topic)
        {
            if (redrive?["deadLetterTargetArn"] is { } orphanDlq)
            {
                subscription.DeadLetter = Destination(context, subscription, orphanDlq, "SQS", FlowKind.DeadLetter, subscription.LogicalId + " RedrivePolicy");
            }

            if (r["Endpoint"] is { } endpoint && context.FunctionTarget(context.Reference(endpoint).Target) is Function f)
            {
                AddUnresolvedEvent(f, new EventSource(r.LogicalId, new Delivery(DeliveryMode.Asynchronous, EventSourceKind.Sns) { DeadLetter = subscription.DeadLetter, SettingsSpan = r.Span }, null,
                    r["TopicArn"] is { } t ? MappingContext.Render(t) : "SNS topic", r.Span));
            }

            return;
        }

        var dlq = redrive?["deadLetterTargetArn"] is { } arn ? Destination(context, topic, arn, "SQS", FlowKind.DeadLetter, subscription.LogicalId + " RedrivePolicy") : null;
        subscription.DeadLetter = dlq;
        Subscribe(context, topic, r["Protocol"]?.Text, r["Endpoint"], dlq, r.Span, subscription, subscription.LogicalId);
    }

    private static void Subscribe(MappingContext context, Component topic, string? protocol, TemplateNode? endpoint, Destination? dlq, SourceSpan span, Component? binding, string name)
    {
        if (endpoint is null)
        {
            return;
        }

        var target = context.FunctionTarget(context.Reference(endpoint).Target);
        if (target is null)
        {
            return;
        }

        var mode = protocol?.ToLowerInvariant() == "lambda" ? DeliveryMode.Asynchronous : DeliveryMode.ServiceDelivery;
        var delivery = new Delivery(mode, EventSourceKind.Sns) { DeadLetter = dlq, SettingsSpan = span };
        AddEvent(context, topic, target, FlowKind.Triggers, new EventSource(name, delivery, topic, topic.LogicalId, span), binding);
    }

    private static void EventsRule(EventRule rule, MappingContext context, ResourceEntry r)
    {
        if (r["EventBusName"] is { } bus)
        {
            rule.Bus = context.Reference(bus);
            if (rule.Bus.Target is not null)
            {
                AddFlow(context, new Flow(rule.Bus.Target, rule, FlowKind.Routes, bus.Span, "rule " + rule.LogicalId));
            }
        }

        if (r["Targets"] is not SequenceNode targets)
        {
            return;
        }

        foreach (var item in targets.Items)
        {
            if (item is not MappingNode target || target["Arn"] is not { } arn)
            {
                continue;
            }

            var reference = context.Reference(arn);
            var to = context.FunctionTarget(reference.Target);
            var delivery = SamEvents.TargetDelivery(context, rule, to, rule.ScheduleExpression is null ? "EventBridgeRule" : "Schedule", target, target.Span, "DLQ");
            rule.Targets.Add(new EventTarget(target["Id"]?.Text, reference with { Target = to }, delivery, target.Span));
            if (to is null)
            {
                continue;
            }

            var kind = to is EventBus or Queue or Topic or DataStream ? FlowKind.Publishes : FlowKind.Triggers;
            AddEvent(context, rule, to, kind, new EventSource(rule.LogicalId, delivery, rule, rule.LogicalId, target.Span));
        }
    }

    private static void SchedulerSchedule(Schedule schedule, MappingContext context, ResourceEntry r)
    {
        if (r["Target"] is not MappingNode target || target["Arn"] is not { } arn)
        {
            return;
        }

        var reference = context.Reference(arn);
        var to = context.FunctionTarget(reference.Target);
        if (to is null)
        {
            // Universal targets (arn:aws:scheduler:::aws-sdk:...) name the resource in Input; look there.
            to = context.ReferencedComponents(target["Input"]).FirstOrDefault();
        }

        var delivery = SamEvents.TargetDelivery(context, schedule, to, "ScheduleV2", target, target.Span, "DLQ");
        schedule.Targets.Add(new EventTarget(null, reference with { Target = to }, delivery, r.Properties.KeyNode("Target")?.Span ?? target.Span));
        if (to is null)
        {
            return;
        }

        AddEvent(context, schedule, to, FlowKind.Triggers, new EventSource(schedule.LogicalId, delivery, schedule, schedule.LogicalId, target.Span));
    }

    private static void Pipe(Pipe pipe, MappingContext context, ResourceEntry r)
    {
        if (r["Source"] is { } source)
        {
            pipe.Source = context.Reference(source);
            pipe.SourceKind = pipe.Source.Target switch
            {
                Queue => EventSourceKind.Sqs,
                DataStream => EventSourceKind.Kinesis,
                Table => EventSourceKind.DynamoDB,
                _ => null,
            };
            if (pipe.Source.Target is { } from)
            {
                var mode = from is Queue ? DeliveryMode.QueuePolling : DeliveryMode.StreamPolling;
                AddFlow(context, new Flow(from, pipe, FlowKind.Triggers, source.Span, "pipe source") { Delivery = new Delivery(mode, EventSourceKind.Pipe) });
            }
        }

        // Stream and queue sources can send failed batches to a dead-letter queue (SourceParameters.*.DeadLetterConfig).
        if (r["SourceParameters"] is MappingNode sourceParameters)
        {
            pipe.SourceParametersSpan = r.Properties.KeyNode("SourceParameters")?.Span ?? sourceParameters.Span;
            foreach (var (key, parameters) in sourceParameters.Pairs)
            {
                pipe.SourceKind ??= key.Value switch
                {
                    "SqsQueueParameters" => EventSourceKind.Sqs,
                    "KinesisStreamParameters" => EventSourceKind.Kinesis,
                    "DynamoDBStreamParameters" => EventSourceKind.DynamoDB,
                    "ManagedStreamingKafkaParameters" or "SelfManagedKafkaParameters" => EventSourceKind.Msk,
                    "ActiveMQBrokerParameters" or "RabbitMQBrokerParameters" => EventSourceKind.MQ,
                    _ => null,
                };
                if (key.Value is "KinesisStreamParameters" or "DynamoDBStreamParameters")
                {
                    pipe.SourceParametersSpan = key.Span;
                    pipe.MaximumRetryAttempts = context.Int(parameters["MaximumRetryAttempts"], -1, key.Span, property: "MaximumRetryAttempts");
                    pipe.MaximumRecordAgeSeconds = context.Int(parameters["MaximumRecordAgeInSeconds"], -1, key.Span, property: "MaximumRecordAgeInSeconds");
                }

                if (key.Value == "SqsQueueParameters")
                {
                    pipe.MaximumBatchingWindowSeconds = context.Int(parameters["MaximumBatchingWindowInSeconds"], 0, key.Span, property: "MaximumBatchingWindowInSeconds");
                }

                if (parameters["DeadLetterConfig"]?["Arn"] is { } dlq)
                {
                    pipe.DeadLetter = Destination(context, pipe, dlq, "SQS", FlowKind.DeadLetter, "pipe DeadLetterConfig");
                }
            }
        }

        if (pipe.SourceKind is EventSourceKind.Kinesis or EventSourceKind.DynamoDB)
        {
            pipe.MaximumRetryAttempts ??= Setting.Default(-1, r.Span) with { Property = "MaximumRetryAttempts" };
            pipe.MaximumRecordAgeSeconds ??= Setting.Default(-1, r.Span) with { Property = "MaximumRecordAgeInSeconds" };
        }

        if (r["Enrichment"] is { } enrichment && context.FunctionTarget(context.Reference(enrichment).Target) is { } enrich)
        {
            pipe.Enrichment = enrich;
            AddFlow(context, new Flow(pipe, enrich, FlowKind.Invokes, enrichment.Span, "pipe enrichment"));
        }

        if (pipe.SourceKind == EventSourceKind.Sqs)
        {
            pipe.MaximumBatchingWindowSeconds ??= Setting.Default(0, r.Span) with { Property = "MaximumBatchingWindowInSeconds" };
        }

        var targetParameters = r["TargetParameters"];
        var invocation = targetParameters?["LambdaFunctionParameters"]?["InvocationType"] ?? targetParameters?["StepFunctionStateMachineParameters"]?["InvocationType"];
        pipe.TargetInvocationType = context.String(invocation, "REQUEST_RESPONSE", r.Span, property: "InvocationType");

        if (r["Target"] is { } targetNode && context.FunctionTarget(context.Reference(targetNode).Target) is { } to)
        {
            pipe.Target = to;
            var kind = to is Queue or Topic or EventBus or DataStream ? FlowKind.Publishes : FlowKind.Triggers;
            AddEvent(context, pipe, to, kind, new EventSource(pipe.LogicalId, new Delivery(DeliveryMode.ServiceDelivery, EventSourceKind.Pipe), pipe, pipe.LogicalId, targetNode.Span));
        }
    }

    /// <summary>The secret values of a connection's AuthParameters, and how each is supplied.</summary>
    private static void EventsConnection(Connection connection, MappingContext context, ResourceEntry r)
    {
        if (r["AuthParameters"] is not MappingNode auth)
        {
            return;
        }

        (TemplateNode? Node, string Name)[] secrets =
        [
            (auth["ApiKeyAuthParameters"]?["ApiKeyValue"], "ApiKeyValue"),
            (auth["BasicAuthParameters"]?["Password"], "Password"),
            (auth["OAuthParameters"]?["ClientParameters"]?["ClientSecret"], "ClientSecret"),
        ];
        foreach (var (node, name) in secrets)
        {
            if (node is not null)
            {
                connection.Secrets.Add(FunctionSettings.Variable(context, name, node));
            }
        }
    }

    private static void S3Bucket(Bucket bucket, MappingContext context, ResourceEntry r)
    {
        if (r["NotificationConfiguration"] is { } notifications)
        {
            BucketNotifications(bucket, context, notifications);
        }
    }

    /// <summary>CDK writes S3 notifications through a custom resource, in the S3 API's own shape, naming the bucket.</summary>
    private static void CdkBucketNotifications(MappingContext context, ResourceEntry r)
    {
        if (r["BucketName"] is { } name && context.Reference(name).Target is Bucket bucket && r["NotificationConfiguration"] is { } notifications)
        {
            BucketNotifications(bucket, context, notifications);
        }
    }

    private static void BucketNotifications(Bucket bucket, MappingContext context, TemplateNode notifications)
    {
        // CloudFormation's keys, then the S3 API's (used by CDK's custom resource).
        (string List, string Key)[] shapes =
        [
            ("LambdaConfigurations", "Function"), ("QueueConfigurations", "Queue"), ("TopicConfigurations", "Topic"),
            ("LambdaFunctionConfigurations", "LambdaFunctionArn"), ("QueueConfigurations", "QueueArn"), ("TopicConfigurations", "TopicArn"),
        ];
        foreach (var (list, key) in shapes)
        {
            if (notifications[list] is not SequenceNode items)
            {
                continue;
            }

            foreach (var item in items.Items)
            {
                if (item[key] is not { } arn || context.FunctionTarget(context.Reference(arn).Target) is not { } to)
                {
                    continue;
                }

                var mode = to is Function ? DeliveryMode.Asynchronous : DeliveryMode.ServiceDelivery;
                AddEvent(context, bucket, to, FlowKind.Triggers, new EventSource(bucket.LogicalId, new Delivery(mode, EventSourceKind.S3), bucket, bucket.LogicalId, item.Span));
            }
        }
    }

    private static void LogSubscription(Component filter, MappingContext context, ResourceEntry r)
    {
        var group = r["LogGroupName"] is { } g ? context.Reference(g).Target : null;
        var to = r["DestinationArn"] is { } d ? context.FunctionTarget(context.Reference(d).Target) : null;
        if (to is null)
        {
            return;
        }

        var ev = new EventSource(filter.LogicalId, new Delivery(to is Function ? DeliveryMode.Asynchronous : DeliveryMode.ServiceDelivery, EventSourceKind.CloudWatchLogs),
            group, group?.LogicalId ?? "log group", r.Span);
        if (group is null)
        {
            AddUnresolvedEvent(to, ev);
        }
        else
        {
            AddEvent(context, group, to, FlowKind.Triggers, ev, filter);
        }
    }

    private static void IotRule(Component rule, MappingContext context, ResourceEntry r)
    {
        if (r["TopicRulePayload"]?["ErrorAction"] is { } errorAction)
        {
            foreach (var to in context.ReferencedComponents(errorAction).Where(c => c is Queue or Topic or DataStream or Function or Bucket or LogGroup))
            {
                AddFlow(context, new Flow(rule, to, FlowKind.DeadLetter, errorAction.Span, "IoT rule ErrorAction"));
            }
        }

        if (r["TopicRulePayload"]?["Actions"] is not SequenceNode actions)
        {
            return;
        }

        foreach (var action in actions.Items)
        {
            foreach (var to in context.ReferencedComponents(action).Where(c => c is Function or Queue or Topic or Table or DataStream or StateMachine))
            {
                var target = context.FunctionTarget(to)!;
                var kind = target is Function or StateMachine ? FlowKind.Triggers : target is Table ? FlowKind.Writes : FlowKind.Publishes;
                AddEvent(context, rule, target, kind, new EventSource(rule.LogicalId, new Delivery(ModeForTarget(target), EventSourceKind.IoTRule), rule, rule.LogicalId, action.Span));
            }
        }
    }

    private static void CognitoClient(UserPoolClient client, MappingContext context, ResourceEntry r)
    {
        client.Pool = r["UserPoolId"] is { } pool ? context.Reference(pool) : null;
        if (r["ExplicitAuthFlows"] is SequenceNode flows)
        {
            foreach (var flow in flows.Items)
            {
                client.ExplicitAuthFlows.Add(context.String(flow, "?", flow.Span, property: "ExplicitAuthFlows"));
            }
        }
    }

    private static void CognitoTriggers(Component pool, MappingContext context, ResourceEntry r)
    {
        if (r["LambdaConfig"] is not MappingNode config)
        {
            return;
        }

        foreach (var (trigger, value) in config.Pairs)
        {
            if (context.FunctionTarget(context.Reference(value).Target) is Function f)
            {
                AddEvent(context, pool, f, FlowKind.Invokes, new EventSource(trigger.Value, new Delivery(DeliveryMode.Synchronous, EventSourceKind.Cognito), pool, pool.LogicalId, value.Span));
            }
        }
    }
}
