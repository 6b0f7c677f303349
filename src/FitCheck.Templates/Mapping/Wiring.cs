using FitCheck.Model;
using FitCheck.Templates.Reading;

namespace FitCheck.Templates.Mapping;

/// <summary>Second pass: references, flows, grants and implicit components, one resource at a time.</summary>
internal static partial class Wiring
{
    public static void Wire(MappingContext context, ResourceEntry r)
    {
        var component = context.Architecture.Find(r.LogicalId);
        if (component is null)
        {
            return;
        }

        context.Current = component;
        switch (r.Type)
        {
            case "AWS::Serverless::Function":
                FileSystems((Function)component, context, r);
                SamFunction((Function)component, context, r);
                break;
            case "AWS::Lambda::Function":
                FileSystems((Function)component, context, r);
                LambdaFunction((Function)component, context, r);
                break;
            case "AWS::Lambda::EventSourceMapping":
                EventSourceMapping((EventMapping)component, context, r);
                break;
            case "AWS::Lambda::EventInvokeConfig":
                EventInvokeConfig(component, context, r);
                break;
            case "AWS::Lambda::Permission":
                LambdaPermission(component, context, r);
                break;
            case "AWS::Lambda::Alias":
                LambdaAlias(context, r);
                break;
            case "AWS::Lambda::Url":
                LambdaUrl(context, r);
                break;
            case "AWS::Serverless::Api":
            case "AWS::Serverless::HttpApi":
            case "AWS::Serverless::WebSocketApi":
                SamApi((Api)component, context, r);
                break;
            case "AWS::ApiGateway::RestApi":
                RestApi((Api)component, context, r);
                break;
            case "AWS::ApiGateway::Method":
                RestMethod(component, context, r);
                break;
            case "AWS::ApiGateway::Stage":
                RestStage(component, context, r);
                break;
            case "AWS::ApiGateway::Deployment":
                RestDeploymentStage(context, r);
                break;
            case "AWS::ApiGateway::RequestValidator":
            case "AWS::ApiGateway::UsagePlan":
            case "AWS::ApiGateway::ApiKey":
            case "AWS::ApiGateway::DomainName":
                RestFeature(context, r);
                break;
            case "AWS::ApiGatewayV2::Api":
                HttpApi((Api)component, context, r);
                break;
            case "AWS::ApiGatewayV2::Route":
                HttpRoute(component, context, r);
                break;
            case "AWS::ApiGatewayV2::Stage":
                HttpStage(component, context, r);
                break;
            case "AWS::AppSync::DataSource":
                AppSyncDataSource(component, context, r);
                break;
            case "AWS::WAFv2::WebACLAssociation":
                WebAclAssociation(context, r);
                break;
            case "AWS::SQS::Queue":
                SqsQueue((Queue)component, context, r);
                break;
            case "AWS::SNS::Topic":
                SnsTopic((Topic)component, context, r);
                break;
            case "AWS::SNS::Subscription":
                SnsSubscription((Subscription)component, context, r);
                break;
            case "AWS::Events::Rule":
                EventsRule((EventRule)component, context, r);
                break;
            case "AWS::Scheduler::Schedule":
                SchedulerSchedule((Schedule)component, context, r);
                break;
            case "AWS::Pipes::Pipe":
                Pipe(component, context, r);
                break;
            case "AWS::S3::Bucket":
                S3Bucket((Bucket)component, context, r);
                break;
            case "Custom::S3BucketNotifications":
                CdkBucketNotifications(context, r);
                break;
            case "AWS::Logs::SubscriptionFilter":
                LogSubscription(component, context, r);
                break;
            case "AWS::IoT::TopicRule":
                IotRule(component, context, r);
                break;
            case "AWS::Cognito::UserPool":
                UserPool(component, context, r);
                break;
            case "AWS::Serverless::StateMachine":
            case "AWS::StepFunctions::StateMachine":
                StateMachineMapper.Wire((StateMachine)component, context, r);
                break;
            case "AWS::IAM::Role":
                IamRole((Role)component, context, r);
                break;
            case "AWS::IAM::Policy":
            case "AWS::IAM::ManagedPolicy":
                IamPolicy(component, context, r);
                break;
            case "AWS::SQS::QueuePolicy":
            case "AWS::SNS::TopicPolicy":
            case "AWS::S3::BucketPolicy":
                ResourcePolicy(component, context, r);
                break;
            case "AWS::Serverless::Connector":
                Connector(context, r["Source"], r["Destination"], r["Permissions"], r.Span);
                break;
            case "AWS::Logs::LogGroup":
                LogGroupOwner((LogGroup)component, context, r);
                break;
            case "AWS::CloudWatch::Alarm":
                AlarmWatches((Alarm)component, context, r);
                break;
            case "AWS::CloudWatch::CompositeAlarm":
                ((Alarm)component).ActionCount = (r["AlarmActions"] as SequenceNode)?.Items.Count ?? 0;
                ((Alarm)component).Watches.AddRange(context.ReferencedComponents(r["AlarmRule"]).OfType<Alarm>());
                break;
            case "AWS::DynamoDB::Table":
            case "AWS::Serverless::SimpleTable":
                break;
        }

        // Whatever names an alarm reads its state (composite alarm rules, DeploymentPreference alarms, CodeDeploy groups, health checks).
        if (component.Kind is not ComponentKind.Dashboard)
        {
            foreach (var alarm in context.ReferencedComponents(r.Properties).OfType<Alarm>().Where(a => !ReferenceEquals(a, component)))
            {
                alarm.UsedBy.Add(component);
            }
        }

        // Embedded connectors sit beside Properties on a SAM resource; the resource itself is the source.
        if (r.Body["Connectors"] is MappingNode connectors)
        {
            foreach (var (key, value) in connectors.Pairs)
            {
                var properties = value["Properties"];
                var source = new MappingNode([new(new ScalarNode("Id", false, key.Span), new ScalarNode(r.LogicalId, false, key.Span))], key.Span);
                Connector(context, source, properties?["Destination"], properties?["Permissions"], key.Span);
            }
        }
    }

    // ---- shared helpers ----------------------------------------------------------------------------------------

    internal static void AddFlow(MappingContext context, Flow flow)
    {
        if (ReferenceEquals(flow.From, flow.To) && flow.Kind is not FlowKind.Invokes and not FlowKind.Triggers)
        {
            return;
        }

        context.Architecture.Flows.Add(flow);
    }

    /// <summary>Creates a component SAM generates, implied by <paramref name="owner"/>, unless the id is taken.</summary>
    internal static T Implicit<T>(MappingContext context, T component) where T : Component
    {
        if (context.Architecture.Find(component.LogicalId) is T existing)
        {
            return existing;
        }

        context.Architecture.Add(component);
        return component;
    }

    /// <summary>Records an event source on a function or state machine, and the flow when the source is a component.</summary>
    internal static void AddEvent(MappingContext context, Component source, Component target, FlowKind kind, EventSource ev, Component? binding = null)
    {
        // A source in the template is named by its logical id in messages, not by the intrinsic that points at it.
        if (ev.Source is not null)
        {
            ev = ev with { SourceText = ev.Source.LogicalId };
        }

        switch (target)
        {
            case Function f:
                f.Events.Add(ev);
                break;
            case StateMachine sm:
                sm.Events.Add(ev);
                break;
        }

        AddFlow(context, new Flow(source, target, kind, ev.Span, ev.Name) { Delivery = ev.Delivery, Binding = binding });
    }

    internal static void AddUnresolvedEvent(Component target, EventSource ev)
    {
        switch (target)
        {
            case Function f:
                f.Events.Add(ev);
                break;
            case StateMachine sm:
                sm.Events.Add(ev);
                break;
        }
    }

    /// <summary>Reads a destination given by ARN and adds the failure/success flow from <paramref name="from"/>.</summary>
    internal static Destination? Destination(MappingContext context, Component from, TemplateNode? arnNode, string? type, FlowKind kind, string via)
    {
        if (arnNode is null)
        {
            return null;
        }

        var target = context.Reference(arnNode);
        var resolved = context.FunctionTarget(target.Target);
        if (resolved is not null)
        {
            target = target with { Target = resolved };
            AddFlow(context, new Flow(from, resolved, kind, arnNode.Span, via));
            if (kind is FlowKind.DeadLetter or FlowKind.OnFailure && resolved is Queue q && !q.DeadLetterFor.Contains(from))
            {
                q.DeadLetterFor.Add(from);
            }
        }

        return new Destination(type ?? TypeOfArn(target), target, arnNode.Span);
    }

    private static string? TypeOfArn(ComponentRef target) => target.Target?.Kind switch
    {
        ComponentKind.Queue => "SQS",
        ComponentKind.Topic => "SNS",
        ComponentKind.EventBus => "EventBridge",
        ComponentKind.Function => "Lambda",
        ComponentKind.Bucket => "S3Bucket",
        _ => target.Text.Contains(":sqs:", StringComparison.Ordinal) ? "SQS" : target.Text.Contains(":sns:", StringComparison.Ordinal) ? "SNS" : null,
    };

    internal static DeliveryMode ModeForTarget(Component target) =>
        target is Function ? DeliveryMode.Asynchronous : DeliveryMode.ServiceDelivery;

    internal static Setting<int>? OptionalSetting(MappingContext context, TemplateNode? node, SourceSpan owner) =>
        node is null ? null : context.Int(node, 0, owner);
}
