using FitCheck.Model;
using FitCheck.Templates.Reading;

namespace FitCheck.Templates.Dialects.CloudFormation;

/// <summary>First pass: one typed component per resource, with the settings that need no references.</summary>
internal static class ComponentFactory
{
    public static void Create(MappingContext context, ResourceEntry r)
    {
        var t = context.Template;
        var span = r.Span;
        Component component = r.Type switch
        {
            "AWS::Serverless::Function" or "AWS::Lambda::Function" => FunctionSettings.Create(context, r),
            "AWS::Serverless::Api" => new Api(r.LogicalId, r.Type, t, span)
            {
                Protocol = "REST",
                TracingEnabled = context.Bool(r["TracingEnabled"], false, span),
            },
            "AWS::ApiGateway::RestApi" => new Api(r.LogicalId, r.Type, t, span)
            {
                Protocol = "REST",
                TracingEnabled = Setting.Default(false, span),
            },
            "AWS::Serverless::HttpApi" => new Api(r.LogicalId, r.Type, t, span) { Protocol = "HTTP", TracingEnabled = Setting.Default(false, span) },
            "AWS::Serverless::WebSocketApi" => new Api(r.LogicalId, r.Type, t, span) { Protocol = "WEBSOCKET", TracingEnabled = Setting.Default(false, span) },
            "AWS::ApiGatewayV2::Api" => new Api(r.LogicalId, r.Type, t, span)
            {
                Protocol = string.Equals(r["ProtocolType"]?.Text, "WEBSOCKET", StringComparison.OrdinalIgnoreCase) ? "WEBSOCKET" : "HTTP",
                TracingEnabled = Setting.Default(false, span),
            },
            "AWS::AppSync::GraphQLApi" or "AWS::Serverless::GraphQLApi" => new Api(r.LogicalId, r.Type, t, span)
            {
                Protocol = "GRAPHQL",
                TracingEnabled = context.Bool(r["XrayEnabled"], false, span),
                FieldLogLevel = (r["LogConfig"] ?? r["Logging"]) is { } log && log is not MappingNode
                    ? Setting.Unresolved<string?>(null, log.Span)
                    : context.OptionalString((r["LogConfig"] ?? r["Logging"])?["FieldLogLevel"], span),
            },
            "AWS::SQS::Queue" => new Queue(r.LogicalId, r.Type, t, span)
            {
                VisibilityTimeoutSeconds = context.Int(r["VisibilityTimeout"], 30, span),
                MessageRetentionSeconds = context.Int(r["MessageRetentionPeriod"], 345_600, span),
                IsFifo = string.Equals(r["FifoQueue"]?.Text, "true", StringComparison.OrdinalIgnoreCase),
                RedriveAllowPolicy = r["RedriveAllowPolicy"] is not null,
            },
            "AWS::SNS::Topic" => new Topic(r.LogicalId, r.Type, t, span)
            {
                IsFifo = string.Equals(r["FifoTopic"]?.Text, "true", StringComparison.OrdinalIgnoreCase),
            },
            "AWS::Events::EventBus" => new EventBus(r.LogicalId, r.Type, t, span),
            "AWS::Events::Rule" => new EventRule(r.LogicalId, r.Type, t, span)
            {
                ScheduleExpression = r["ScheduleExpression"]?.Text,
                HasEventPattern = r["EventPattern"] is not null,
                Enabled = !string.Equals(r["State"]?.Text, "DISABLED", StringComparison.OrdinalIgnoreCase),
            },
            "AWS::IoT::TopicRule" => new EventRule(r.LogicalId, r.Type, t, span) { HasEventPattern = true },
            "AWS::Scheduler::Schedule" => new Schedule(r.LogicalId, r.Type, t, span) { ScheduleExpression = r["ScheduleExpression"]?.Text },
            "AWS::Serverless::StateMachine" or "AWS::StepFunctions::StateMachine" => StateMachineMapper.Create(context, r),
            "AWS::DynamoDB::Table" or "AWS::DynamoDB::GlobalTable" => new Table(r.LogicalId, r.Type, t, span)
            {
                BillingMode = context.String(r["BillingMode"], "PROVISIONED", span),
                StreamViewType = r["StreamSpecification"]?["StreamViewType"]?.Text ?? (r["StreamSpecification"] is not null ? "UNKNOWN" : null),
                PointInTimeRecovery = context.Bool(r["PointInTimeRecoverySpecification"]?["PointInTimeRecoveryEnabled"], false, span),
                HasTimeToLive = r["TimeToLiveSpecification"]?["Enabled"]?.Text?.Equals("true", StringComparison.OrdinalIgnoreCase) == true,
            },
            "AWS::Serverless::SimpleTable" => new Table(r.LogicalId, r.Type, t, span)
            {
                BillingMode = r["ProvisionedThroughput"] is null ? Setting.Default("PAY_PER_REQUEST", span) : Setting.Explicit("PROVISIONED", r["ProvisionedThroughput"]!.Span),
                PointInTimeRecovery = context.Bool(r["PointInTimeRecoverySpecification"]?["PointInTimeRecoveryEnabled"], false, span),
            },
            "AWS::S3::Bucket" => new Bucket(r.LogicalId, r.Type, t, span)
            {
                HasPublicAccessBlock = r["PublicAccessBlockConfiguration"] is not null,
                HasEventBridgeNotifications = r["NotificationConfiguration"]?["EventBridgeConfiguration"] is not null,
            },
            "AWS::Kinesis::Stream" => new DataStream(r.LogicalId, r.Type, t, span) { RetentionHours = context.Int(r["RetentionPeriodHours"], 24, span) },
            "AWS::KinesisFirehose::DeliveryStream" => new DataStream(r.LogicalId, r.Type, t, span),
            "AWS::Logs::LogGroup" => new LogGroup(r.LogicalId, r.Type, t, span)
            {
                RetentionDays = context.OptionalInt(r["RetentionInDays"], span),
            },
            "AWS::CloudWatch::Alarm" => new Alarm(r.LogicalId, r.Type, t, span)
            {
                MetricName = r["MetricName"]?.Text,
                Namespace = r["Namespace"]?.Text,
            },
            "AWS::CloudWatch::CompositeAlarm" => new Alarm(r.LogicalId, r.Type, t, span) { IsComposite = true },
            "AWS::IAM::Role" => new Role(r.LogicalId, r.Type, t, span),
            "AWS::SNS::Subscription" => new Subscription(r.LogicalId, r.Type, t, span) { Protocol = r["Protocol"]?.Text?.ToLowerInvariant() },
            "AWS::Lambda::EventSourceMapping" => new EventMapping(r.LogicalId, r.Type, t, span),
            _ => new Component(r.LogicalId, r.Type, KindOf(r.Type), t, span),
        };

        if (r.Body["Metadata"] is MappingNode metadata)
        {
            Suppressions.Read(metadata, component.Suppressions, allowTemplateLevel: false);
        }

        context.Architecture.Add(component);
    }

    /// <summary>Physical names (FunctionName, QueueName...) and alias targets, so literal ARNs resolve.</summary>
    public static void RegisterNames(MappingContext context, ResourceEntry r)
    {
        var component = context.Architecture.Find(r.LogicalId);
        if (component is null)
        {
            return;
        }

        var nameProperty = r.Type switch
        {
            "AWS::Serverless::Function" or "AWS::Lambda::Function" => "FunctionName",
            "AWS::SQS::Queue" => "QueueName",
            "AWS::SNS::Topic" => "TopicName",
            "AWS::DynamoDB::Table" or "AWS::Serverless::SimpleTable" or "AWS::DynamoDB::GlobalTable" => "TableName",
            "AWS::S3::Bucket" => "BucketName",
            "AWS::Events::EventBus" or "AWS::Events::Rule" or "AWS::Kinesis::Stream" or "AWS::Scheduler::Schedule" or "AWS::SecretsManager::Secret" or "AWS::SSM::Parameter" => "Name",
            "AWS::Serverless::StateMachine" => "Name",
            "AWS::StepFunctions::StateMachine" => "StateMachineName",
            "AWS::Logs::LogGroup" => "LogGroupName",
            "AWS::IAM::Role" => "RoleName",
            "AWS::KinesisFirehose::DeliveryStream" => "DeliveryStreamName",
            "AWS::CloudWatch::Alarm" => "AlarmName",
            _ => null,
        };
        if (nameProperty is not null && context.Literal(r[nameProperty]).Text is { } name)
        {
            context.RegisterPhysicalName(component, name);
        }

        if (r.Type is "AWS::Lambda::Alias" or "AWS::Lambda::Version" && r["FunctionName"] is { } fn)
        {
            var target = context.Reference(fn).Target;
            if (target is not null)
            {
                context.FunctionOfAlias[r.LogicalId] = target.LogicalId;
            }
        }
    }

    public static ComponentKind KindOf(string type) => type switch
    {
        "AWS::ApiGateway::Method" or "AWS::ApiGatewayV2::Route" or "AWS::ApiGateway::Resource" => ComponentKind.Route,
        "AWS::Lambda::EventSourceMapping" => ComponentKind.EventSourceMapping,
        "AWS::Lambda::Permission" => ComponentKind.Permission,
        "AWS::Lambda::LayerVersion" or "AWS::Serverless::LayerVersion" => ComponentKind.Layer,
        "AWS::Lambda::Alias" or "AWS::StepFunctions::StateMachineAlias" => ComponentKind.Alias,
        "AWS::Lambda::Version" or "AWS::StepFunctions::StateMachineVersion" => ComponentKind.Version,
        "AWS::Lambda::Url" => ComponentKind.FunctionUrl,
        "AWS::SNS::Subscription" => ComponentKind.Subscription,
        "AWS::CloudWatch::Dashboard" => ComponentKind.Dashboard,
        "AWS::SecretsManager::Secret" => ComponentKind.Secret,
        "AWS::SSM::Parameter" => ComponentKind.Parameter,
        "AWS::KMS::Key" or "AWS::KMS::Alias" => ComponentKind.Key,
        "AWS::IAM::Policy" or "AWS::IAM::ManagedPolicy" or "AWS::SQS::QueuePolicy" or "AWS::SNS::TopicPolicy" or "AWS::S3::BucketPolicy" or "AWS::Events::EventBusPolicy" => ComponentKind.Policy,
        "AWS::CodeDeploy::DeploymentGroup" or "AWS::CodeDeploy::Application" or "AWS::ApiGateway::Deployment" or "AWS::ApiGateway::Stage" or "AWS::ApiGatewayV2::Stage" or "AWS::ApiGatewayV2::Deployment" => ComponentKind.Deployment,
        "AWS::Pipes::Pipe" => ComponentKind.Pipe,
        "AWS::Cognito::UserPool" => ComponentKind.UserPool,
        "AWS::Serverless::Application" or "AWS::CloudFormation::Stack" => ComponentKind.NestedStack,
        "AWS::Serverless::Connector" => ComponentKind.Connector,
        "AWS::WAFv2::WebACL" or "AWS::WAFv2::WebACLAssociation" or "AWS::WAF::WebACL" or "AWS::WAFRegional::WebACL" => ComponentKind.WebAcl,
        "AWS::EFS::FileSystem" or "AWS::EFS::AccessPoint" => ComponentKind.FileSystem,
        "AWS::ECS::Cluster" or "AWS::EKS::Cluster" or "AWS::RDS::DBCluster" or "AWS::MSK::Cluster" or "AWS::ElastiCache::CacheCluster" => ComponentKind.Cluster,
        "AWS::ECS::Service" or "AWS::ECS::TaskDefinition" or "AWS::EC2::Instance" or "AWS::AutoScaling::AutoScalingGroup" or "AWS::AppRunner::Service" => ComponentKind.Container,
        "AWS::Logs::SubscriptionFilter" => ComponentKind.Subscription,
        _ => ComponentKind.Other,
    };
}
