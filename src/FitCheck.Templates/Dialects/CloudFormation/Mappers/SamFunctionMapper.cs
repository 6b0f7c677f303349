using FitCheck.Model;
using FitCheck.Templates.Reading;
using static FitCheck.Templates.Dialects.CloudFormation.Wiring;

namespace FitCheck.Templates.Dialects.CloudFormation.Mappers;

/// <summary>SAM functions: events, policies, async config, deployment preference and the components SAM creates for them.</summary>
internal static class SamFunctionMapper
{
    public static IReadOnlyList<ResourceMapper> All { get; } =
    [
        new(["AWS::Serverless::Function"], (context, r) => FunctionSettings.Create(context, r), "FunctionName", (c, context, r) => SamFunction((Function)c, context, r)),
    ];

    private static void SamFunction(Function f, MappingContext context, ResourceEntry r)
    {
        var t = context.Template;

        // Execution role: the given Role, or the one SAM generates with the Policies.
        if (r["Role"] is { } roleNode)
        {
            f.ExecutionRole = context.Reference(roleNode);
        }
        else
        {
            var role = Implicit(context, new Role(f.LogicalId + "Role", "AWS::IAM::Role", t, r.Span) { ImpliedBy = f });
            role.TrustedServices.Add("lambda.amazonaws.com");
            f.ExecutionRole = new ComponentRef(role, role.LogicalId, SettingOrigin.ServiceDefault, r.Span);
            Grants.SamPolicies(context, role, r["Policies"]);
        }

        if (r["DeadLetterQueue"] is MappingNode dlq)
        {
            f.DeadLetter = Destination(context, f, dlq["TargetArn"], dlq["Type"]?.Text, FlowKind.DeadLetter, "DeadLetterQueue");
        }

        if (r["EventInvokeConfig"] is MappingNode eic)
        {
            AsyncConfig(context, f, eic, samAutoCreate: true);
        }

        if (r["DeploymentPreference"] is MappingNode dp)
        {
            f.Deployment = Deployment(context, dp);
        }

        if (r["FunctionUrlConfig"] is MappingNode url)
        {
            f.Url = new FunctionUrlSettings(context.String(url["AuthType"], "AWS_IAM", url.Span, property: "AuthType"), url.Span);
        }

        if (r["LoggingConfig"]?["LogGroup"] is { } logGroup)
        {
            f.LoggingLogGroup = context.Reference(logGroup);
        }

        if (r["Layers"] is SequenceNode layers)
        {
            f.Layers.AddRange(layers.Items.Select(context.Reference));
        }

        if (r["Events"] is MappingNode events)
        {
            foreach (var (key, value) in events.Pairs)
            {
                if (value is MappingNode ev)
                {
                    SamEvents.Wire(context, f, key, ev);
                }
            }
        }
    }

    internal static void AsyncConfig(MappingContext context, Function f, MappingNode eic, bool samAutoCreate)
    {
        var owner = eic.Span;
        f.AsyncInvoke.MaximumRetryAttempts = context.Int(eic["MaximumRetryAttempts"], 2, f.AsyncInvoke.MaximumRetryAttempts.Span, property: "MaximumRetryAttempts");
        f.AsyncInvoke.MaximumEventAgeSeconds = context.Int(eic["MaximumEventAgeInSeconds"], AwsDefaults.AsyncMaximumEventAgeSeconds, f.AsyncInvoke.MaximumEventAgeSeconds.Span, property: "MaximumEventAgeInSeconds");
        if (f.AsyncInvoke.MaximumRetryAttempts.Origin == SettingOrigin.ServiceDefault)
        {
            f.AsyncInvoke.MaximumRetryAttempts = Setting.Default(AwsDefaults.AsyncMaximumRetryAttempts, owner);
        }

        var config = eic["DestinationConfig"];
        f.AsyncInvoke.OnFailure = AsyncDestination(context, f, config?["OnFailure"], "OnFailure", FlowKind.OnFailure, samAutoCreate) ?? f.AsyncInvoke.OnFailure;
        f.AsyncInvoke.OnSuccess = AsyncDestination(context, f, config?["OnSuccess"], "OnSuccess", FlowKind.OnSuccess, samAutoCreate) ?? f.AsyncInvoke.OnSuccess;
    }

    private static Destination? AsyncDestination(MappingContext context, Function f, TemplateNode? node, string which, FlowKind kind, bool samAutoCreate)
    {
        if (node is not MappingNode m)
        {
            return null;
        }

        var type = m["Type"]?.Text;
        if (m["Destination"] is { } arn)
        {
            return Destination(context, f, arn, type, kind, "EventInvokeConfig " + which);
        }

        if (samAutoCreate && type is "SQS" or "SNS")
        {
            // SAM creates the queue or topic when no Destination is given.
            Component created = type == "SQS"
                ? Implicit(context, new Queue($"{f.LogicalId}EventInvokeConfig{which}Queue", "AWS::SQS::Queue", context.Template, m.Span)
                {
                    ImpliedBy = f,
                    VisibilityTimeoutSeconds = Setting.Default(AwsDefaults.QueueVisibilityTimeoutSeconds, m.Span),
                    MessageRetentionSeconds = Setting.Default(AwsDefaults.QueueMessageRetentionSeconds, m.Span),
                    IsFifo = false,
                })
                : Implicit(context, new Topic($"{f.LogicalId}EventInvokeConfig{which}Topic", "AWS::SNS::Topic", context.Template, m.Span) { ImpliedBy = f });
            AddFlow(context, new Flow(f, created, kind, m.Span, "EventInvokeConfig " + which));
            if (kind == FlowKind.OnFailure && created is Queue q)
            {
                q.DeadLetterFor.Add(f);
            }

            return new Destination(type, new ComponentRef(created, created.LogicalId, SettingOrigin.Explicit, m.Span), m.Span);
        }

        return null;
    }

    private static DeploymentSettings Deployment(MappingContext context, MappingNode dp)
    {
        var settings = new DeploymentSettings
        {
            Type = context.OptionalString(dp["Type"], dp.Span, property: "Type"),
            Enabled = context.Bool(dp["Enabled"], true, dp.Span, property: "Enabled"),
            Span = dp.Span,
        };
        if (dp["Alarms"] is SequenceNode alarms)
        {
            settings.Alarms.AddRange(alarms.Items.Select(context.Reference));
        }

        if (dp["Hooks"]?["PreTraffic"] is { } pre)
        {
            settings.PreTrafficHook = context.Reference(pre);
        }

        if (dp["Hooks"]?["PostTraffic"] is { } post)
        {
            settings.PostTrafficHook = context.Reference(post);
        }

        return settings;
    }
}
