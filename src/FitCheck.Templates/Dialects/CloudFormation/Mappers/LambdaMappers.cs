using FitCheck.Model;
using FitCheck.Templates.Reading;
using static FitCheck.Templates.Dialects.CloudFormation.Wiring;

namespace FitCheck.Templates.Dialects.CloudFormation.Mappers;

/// <summary>Lambda functions (plain CloudFormation), event source mappings, async invoke configs, permissions, aliases, URLs and layers.</summary>
internal static class LambdaMappers
{
    public static IReadOnlyList<ResourceMapper> All { get; } =
    [
        new(["AWS::Lambda::Function"], (context, r) => FunctionSettings.Create(context, r), "FunctionName", (c, context, r) => LambdaFunction((Function)c, context, r)),
        new(["AWS::Lambda::EventSourceMapping"], (context, r) => new EventMapping(r.LogicalId, r.Type, context.Template, r.Span),
            Wire: (c, context, r) => EventSourceMapping((EventMapping)c, context, r)),
        new(["AWS::Lambda::EventInvokeConfig"], ResourceMapper.Plain(ComponentKind.Other), Wire: EventInvokeConfig),
        new(["AWS::Lambda::Permission"], ResourceMapper.Plain(ComponentKind.Permission), Wire: LambdaPermission),
        new(["AWS::Lambda::Alias"], ResourceMapper.Plain(ComponentKind.Alias), Wire: (_, context, r) => LambdaAlias(context, r)) { RegisterNames = PointsAtFunction },
        new(["AWS::Lambda::Version"], ResourceMapper.Plain(ComponentKind.Version)) { RegisterNames = PointsAtFunction },
        new(["AWS::Lambda::Url"], ResourceMapper.Plain(ComponentKind.FunctionUrl), Wire: (_, context, r) => LambdaUrl(context, r)),
        ResourceMapper.Kind(ComponentKind.Layer, "AWS::Lambda::LayerVersion", "AWS::Serverless::LayerVersion"),
    ];

    /// <summary>Aliases and versions resolve to the function they point at.</summary>
    private static void PointsAtFunction(Component alias, MappingContext context, ResourceEntry r)
    {
        if (r["FunctionName"] is { } fn && context.Reference(fn).Target is { } target)
        {
            context.FunctionOfAlias[r.LogicalId] = target.LogicalId;
        }
    }

    private static void LambdaFunction(Function f, MappingContext context, ResourceEntry r)
    {
        if (r["Role"] is { } role)
        {
            f.ExecutionRole = context.Reference(role);
        }

        if (r["DeadLetterConfig"]?["TargetArn"] is { } dlq)
        {
            f.DeadLetter = Destination(context, f, dlq, null, FlowKind.DeadLetter, "DeadLetterConfig");
        }

        if (r["LoggingConfig"]?["LogGroup"] is { } logGroup)
        {
            f.LoggingLogGroup = context.Reference(logGroup);
        }

        if (r["Layers"] is SequenceNode layers)
        {
            f.Layers.AddRange(layers.Items.Select(context.Reference));
        }
    }

    private static void EventSourceMapping(EventMapping esm, MappingContext context, ResourceEntry r)
    {
        var functionRef = r["FunctionName"] is { } fn ? context.Reference(fn) : null;
        var function = context.FunctionTarget(functionRef?.Target);
        var source = r["EventSourceArn"] is { } arn ? context.Reference(arn) : null;
        esm.Function = functionRef is null ? null : functionRef with { Target = function };
        esm.Source = source;

        var text = source?.Text ?? "";
        var sourceType = source?.Target switch
        {
            Queue => "SQS",
            Table => "DynamoDB",
            DataStream => "Kinesis",
            _ when r["SelfManagedEventSource"] is not null => "SelfManagedKafka",
            _ when text.Contains(":sqs:", StringComparison.Ordinal) => "SQS",
            _ when text.Contains(":kinesis:", StringComparison.Ordinal) => "Kinesis",
            _ when text.Contains(":dynamodb:", StringComparison.Ordinal) => "DynamoDB",
            _ when text.Contains(":kafka:", StringComparison.Ordinal) => "MSK",
            _ when text.Contains(":mq:", StringComparison.Ordinal) => "MQ",
            _ when text.Contains(":rds:", StringComparison.Ordinal) || r["DocumentDBEventSourceConfig"] is not null => "DocumentDB",
            _ => r["StartingPosition"] is not null ? "Stream" : "SQS",
        };
        var stream = sourceType is not ("SQS" or "MQ");

        // Without the function in the template, failure destinations still hang off the mapping itself.
        var mapping = SamEvents.Mapping(context, r.Properties, r.Span, stream, function ?? esm);
        var delivery = new Delivery(stream ? DeliveryMode.StreamPolling : DeliveryMode.QueuePolling, SamEventKinds.Of(sourceType)) { Source = sourceType, Mapping = mapping };
        esm.Delivery = delivery;
        if (function is not Function f)
        {
            return;
        }

        var ev = new EventSource(r.LogicalId, delivery, source?.Target, source?.Text ?? "event source", r.Span);
        if (source?.Target is { } from)
        {
            AddEvent(context, from, f, FlowKind.Triggers, ev, esm);
        }
        else
        {
            AddUnresolvedEvent(f, ev);
        }
    }

    private static void EventInvokeConfig(Component eic, MappingContext context, ResourceEntry r)
    {
        if (r["FunctionName"] is { } fn && context.FunctionTarget(context.Reference(fn).Target) is Function f)
        {
            SamFunctionMapper.AsyncConfig(context, f, r.Properties, samAutoCreate: false);
        }
    }

    private static readonly Dictionary<string, string> AsyncPrincipals = new(StringComparer.Ordinal)
    {
        ["s3.amazonaws.com"] = "S3",
        ["sns.amazonaws.com"] = "SNS",
        ["events.amazonaws.com"] = "EventBridgeRule",
        ["iot.amazonaws.com"] = "IoTRule",
        ["logs.amazonaws.com"] = "CloudWatchLogs",
        ["ses.amazonaws.com"] = "SES",
        ["scheduler.amazonaws.com"] = "ScheduleV2",
    };

    private static void LambdaPermission(Component permission, MappingContext context, ResourceEntry r)
    {
        var function = r["FunctionName"] is { } fn ? context.FunctionTarget(context.Reference(fn).Target) : null;
        if (function is null)
        {
            return;
        }

        var principal = context.Literal(r["Principal"]).Text ?? "?";
        var hasSource = r["SourceArn"] is not null || r["SourceAccount"] is not null;
        context.Architecture.ResourcePermissions.Add(new ResourcePermission(function, principal,
            [r["Action"]?.Text ?? "lambda:InvokeFunction"], hasSource, r["PrincipalOrgID"] is not null, permission, r.Span));

        // A service allowed to invoke the function tells how it is invoked, even when the source is elsewhere.
        if (function is Function f && AsyncPrincipals.TryGetValue(principal, out var source))
        {
            var sourceRef = r["SourceArn"] is { } arn ? context.Reference(arn) : null;
            if (!f.Events.Any(e => e.Source is not null && ReferenceEquals(e.Source, sourceRef?.Target)))
            {
                var ev = new EventSource(r.LogicalId, new Delivery(DeliveryMode.Asynchronous, SamEventKinds.Of(source)) { Source = source }, sourceRef?.Target, sourceRef?.Text ?? principal, r.Span);
                f.Events.Add(ev);
                context.PermissionEvents.Add(ev);
            }
        }
    }

    private static void LambdaAlias(MappingContext context, ResourceEntry r)
    {
        if (context.FunctionOfAlias.TryGetValue(r.LogicalId, out var fnId) && context.Architecture.Find(fnId) is Function f
            && r["ProvisionedConcurrencyConfig"]?["ProvisionedConcurrentExecutions"] is { } pc)
        {
            f.ProvisionedConcurrency = context.OptionalInt(pc, r.Span);
        }
    }

    private static void LambdaUrl(MappingContext context, ResourceEntry r)
    {
        if (r["TargetFunctionArn"] is { } fn && context.FunctionTarget(context.Reference(fn).Target) is Function f)
        {
            f.Url = new FunctionUrlSettings(context.String(r["AuthType"], "AWS_IAM", r.Span, property: "AuthType"), r.Span);
        }
    }
}
