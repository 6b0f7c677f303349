using FitCheck.Model;
using FitCheck.Templates.Dialects.Terraform.Evaluation;
using FitCheck.Templates.Dialects.Terraform.Hcl;
using FitCheck.Templates.Reading;

namespace FitCheck.Templates.Dialects.Terraform;

/// <summary>
/// First mapping of Terraform into the model: each <c>aws_*</c> resource becomes its CloudFormation twin (same component
/// kinds, flows and grants as the CloudFormation mappers build), keyed by its Terraform address and keeping the spans of
/// the <c>.tf</c> lines. References become <c>Ref</c>/<c>Fn::GetAtt</c> to the referenced address; an unknown value
/// that references nothing stays unresolved, so rules stay silent on it. Resources that Terraform splits off
/// (<c>aws_iam_role_policy</c>, attachments, <c>aws_s3_bucket_notification</c>, <c>aws_cloudwatch_event_target</c>) are
/// folded into the resource they configure, as CloudFormation writes them; an <c>aws_api_gateway_integration</c> becomes
/// the <c>Integration</c> of the method it belongs to.
/// </summary>
internal static class CloudFormationTwins
{
    private static readonly Dictionary<string, string> Types = new(StringComparer.Ordinal)
    {
        ["aws_lambda_function"] = "AWS::Lambda::Function",
        ["aws_lambda_event_source_mapping"] = "AWS::Lambda::EventSourceMapping",
        ["aws_lambda_permission"] = "AWS::Lambda::Permission",
        ["aws_lambda_function_event_invoke_config"] = "AWS::Lambda::EventInvokeConfig",
        ["aws_lambda_function_url"] = "AWS::Lambda::Url",
        ["aws_lambda_alias"] = "AWS::Lambda::Alias",
        ["aws_lambda_layer_version"] = "AWS::Lambda::LayerVersion",
        ["aws_sqs_queue"] = "AWS::SQS::Queue",
        ["aws_sns_topic"] = "AWS::SNS::Topic",
        ["aws_sns_topic_subscription"] = "AWS::SNS::Subscription",
        ["aws_dynamodb_table"] = "AWS::DynamoDB::Table",
        ["aws_s3_bucket"] = "AWS::S3::Bucket",
        ["aws_cloudwatch_event_rule"] = "AWS::Events::Rule",
        ["aws_cloudwatch_event_bus"] = "AWS::Events::EventBus",
        ["aws_scheduler_schedule"] = "AWS::Scheduler::Schedule",
        ["aws_pipes_pipe"] = "AWS::Pipes::Pipe",
        ["aws_sfn_state_machine"] = "AWS::StepFunctions::StateMachine",
        ["aws_iam_role"] = "AWS::IAM::Role",
        ["aws_cloudwatch_log_group"] = "AWS::Logs::LogGroup",
        ["aws_cloudwatch_log_subscription_filter"] = "AWS::Logs::SubscriptionFilter",
        ["aws_cloudwatch_metric_alarm"] = "AWS::CloudWatch::Alarm",
        ["aws_apigatewayv2_api"] = "AWS::ApiGatewayV2::Api",
        ["aws_apigatewayv2_integration"] = "AWS::ApiGatewayV2::Integration",
        ["aws_apigatewayv2_route"] = "AWS::ApiGatewayV2::Route",
        ["aws_apigatewayv2_stage"] = "AWS::ApiGatewayV2::Stage",
        ["aws_apigatewayv2_authorizer"] = "AWS::ApiGatewayV2::Authorizer",
        ["aws_api_gateway_rest_api"] = "AWS::ApiGateway::RestApi",
        ["aws_api_gateway_resource"] = "AWS::ApiGateway::Resource",
        ["aws_api_gateway_method"] = "AWS::ApiGateway::Method",
        ["aws_api_gateway_stage"] = "AWS::ApiGateway::Stage",
        ["aws_api_gateway_deployment"] = "AWS::ApiGateway::Deployment",
        ["aws_api_gateway_authorizer"] = "AWS::ApiGateway::Authorizer",
        ["aws_kinesis_stream"] = "AWS::Kinesis::Stream",
        ["aws_kms_key"] = "AWS::KMS::Key",
        ["aws_secretsmanager_secret"] = "AWS::SecretsManager::Secret",
        ["aws_ssm_parameter"] = "AWS::SSM::Parameter",
        ["aws_cognito_user_pool"] = "AWS::Cognito::UserPool",
        ["aws_appsync_graphql_api"] = "AWS::AppSync::GraphQLApi",
        ["aws_appsync_resolver"] = "AWS::AppSync::Resolver",
        ["aws_iot_topic_rule"] = "AWS::IoT::TopicRule",
        ["aws_cognito_user_pool_client"] = "AWS::Cognito::UserPoolClient",
        ["aws_cloudwatch_event_connection"] = "AWS::Events::Connection",
        ["aws_appautoscaling_target"] = "AWS::ApplicationAutoScaling::ScalableTarget",
        ["aws_sqs_queue_policy"] = "AWS::SQS::QueuePolicy",
        ["aws_sns_topic_policy"] = "AWS::SNS::TopicPolicy",
        ["aws_s3_bucket_policy"] = "AWS::S3::BucketPolicy",
    };

    /// <summary>Terraform attribute names whose CloudFormation property is not the PascalCase of the name, per type ("*" for all).</summary>
    private static readonly Dictionary<(string, string), string> Renames = new()
    {
        [("aws_sqs_queue", "name")] = "QueueName",
        [("aws_sqs_queue", "visibility_timeout_seconds")] = "VisibilityTimeout",
        [("aws_sqs_queue", "message_retention_seconds")] = "MessageRetentionPeriod",
        [("aws_sqs_queue", "receive_wait_time_seconds")] = "ReceiveMessageWaitTimeSeconds",
        [("aws_sns_topic", "name")] = "TopicName",
        [("aws_dynamodb_table", "name")] = "TableName",
        [("aws_dynamodb_table", "attribute")] = "AttributeDefinitions",
        [("aws_dynamodb_table", "point_in_time_recovery")] = "PointInTimeRecoverySpecification",
        [("aws_s3_bucket", "bucket")] = "BucketName",
        [("aws_sfn_state_machine", "name")] = "StateMachineName",
        [("aws_sfn_state_machine", "type")] = "StateMachineType",
        [("aws_sfn_state_machine", "definition")] = "Definition",
        [("aws_iam_role", "name")] = "RoleName",
        [("aws_iam_role", "assume_role_policy")] = "AssumeRolePolicyDocument",
        [("aws_cloudwatch_log_group", "name")] = "LogGroupName",
        [("aws_lambda_function_url", "function_name")] = "TargetFunctionArn",
        [("aws_lambda_function_url", "authorization_type")] = "AuthType",
        [("aws_apigatewayv2_stage", "name")] = "StageName",
        [("aws_api_gateway_stage", "stage_name")] = "StageName",
        [("aws_cloudwatch_metric_alarm", "alarm_name")] = "AlarmName",
        [("aws_scheduler_schedule", "target")] = "Target",
        [("aws_apigatewayv2_stage", "destination_arn")] = "DestinationArn",
        [("aws_api_gateway_stage", "destination_arn")] = "DestinationArn",
        [("aws_pipes_pipe", "dynamodb_stream_parameters")] = "DynamoDBStreamParameters",
        [("aws_appsync_graphql_api", "additional_authentication_provider")] = "AdditionalAuthenticationProviders",
        [("aws_appsync_resolver", "type")] = "TypeName",
        [("aws_appsync_resolver", "field")] = "FieldName",
        [("aws_cloudwatch_event_connection", "api_key")] = "ApiKeyAuthParameters",
        [("aws_cloudwatch_event_connection", "value")] = "ApiKeyValue",
        [("aws_cloudwatch_event_connection", "basic")] = "BasicAuthParameters",
        [("aws_cloudwatch_event_connection", "oauth")] = "OAuthParameters",
        // destination_config.on_failure.destination_arn: CloudFormation's DestinationConfig.OnFailure.Destination. Every other
        // destination_arn (stage access_log_settings, log subscription filter) is CloudFormation's DestinationArn.
        [("aws_lambda_event_source_mapping", "destination_arn")] = "Destination",
        [("aws_cloudwatch_log_subscription_filter", "name")] = "FilterName",
        [("aws_sqs_queue_policy", "policy")] = "PolicyDocument",
        [("aws_sns_topic_policy", "policy")] = "PolicyDocument",
        [("aws_s3_bucket_policy", "policy")] = "PolicyDocument",
        [("aws_api_gateway_integration", "timeout_milliseconds")] = "TimeoutInMillis",
        [("*", "filter")] = "Filters",
        [("*", "attribute")] = "AttributeDefinitions",
    };

    /// <summary>Attributes that name one resource where CloudFormation's property is a list of them, per type: the value
    /// becomes a one-item list under that property.</summary>
    private static readonly Dictionary<(string, string), string> OneItemLists = new()
    {
        [("aws_sqs_queue_policy", "queue_url")] = "Queues",
        [("aws_sns_topic_policy", "arn")] = "Topics",
    };

    /// <summary>Resources whose <c>policy</c> argument is their resource policy, written inline: it becomes a separate
    /// policy twin (type, list property) named <c>ADDRESS.policy</c>, as CloudFormation declares it apart.</summary>
    private static readonly Dictionary<string, (string Type, string Property)> InlinePolicies = new(StringComparer.Ordinal)
    {
        ["aws_sqs_queue"] = ("AWS::SQS::QueuePolicy", "Queues"),
        ["aws_sns_topic"] = ("AWS::SNS::TopicPolicy", "Topics"),
        ["aws_s3_bucket"] = ("AWS::S3::BucketPolicy", "Bucket"),
    };

    /// <summary>Nested blocks that stay lists (the others are single blocks, written as one object in CloudFormation).</summary>
    private static readonly HashSet<string> RepeatedBlocks = new(StringComparer.Ordinal) { "attribute", "filter", "statement", "global_secondary_index", "inline_policy", "additional_authentication_provider" };

    /// <summary>Attributes whose value is a JSON document (CloudFormation takes the object).</summary>
    private static readonly HashSet<string> JsonDocuments = new(StringComparer.Ordinal)
    {
        "redrive_policy", "redrive_allow_policy", "filter_policy", "event_pattern", "definition", "assume_role_policy", "policy",
    };

    /// <summary>Maps whose keys are data (content types, request parameter names), written as they are, not renamed.</summary>
    private static readonly HashSet<(string, string)> KeysAsWritten =
    [
        ("aws_api_gateway_integration", "request_parameters"),
        ("aws_api_gateway_integration", "request_templates"),
    ];

    /// <summary>The arguments that say which method an <c>aws_api_gateway_integration</c> belongs to.</summary>
    private static readonly string[] MethodKey = ["rest_api_id", "resource_id", "http_method"];

    /// <summary>Terraform's defaults that differ from CloudFormation's, applied with the resource's span.</summary>
    private static readonly Dictionary<string, (string Attribute, HclValue Value)[]> TerraformDefaults = new(StringComparer.Ordinal)
    {
        ["aws_dynamodb_table"] = [("billing_mode", new HclString("PROVISIONED"))],
    };

    public static TemplateDocument Translate(TerraformProject project)
    {
        var addresses = new Dictionary<string, TerraformResource>(StringComparer.Ordinal);
        foreach (var r in project.Managed)
        {
            addresses.TryAdd(r.Address, r);
        }

        var byBlock = project.Managed.GroupBy(r => r.BlockAddress).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var resources = new List<KeyValuePair<ScalarNode, TemplateNode>>();
        var properties = new Dictionary<string, List<KeyValuePair<ScalarNode, TemplateNode>>>(StringComparer.Ordinal);
        var spans = new Dictionary<string, SourceSpan>(StringComparer.Ordinal);
        var converter = new Converter(addresses, byBlock);
        var inlinePolicies = new List<KeyValuePair<ScalarNode, TemplateNode>>();

        foreach (var resource in project.Managed)
        {
            if (!Types.TryGetValue(resource.Type, out _))
            {
                continue;
            }

            var props = new List<KeyValuePair<ScalarNode, TemplateNode>>();
            var values = resource.Values;
            if (TerraformDefaults.TryGetValue(resource.Type, out var defaults))
            {
                foreach (var (attribute, value) in defaults)
                {
                    if (values[attribute] is null)
                    {
                        values = values with { Entries = new SortedDictionary<string, HclValue>(values.Entries.Append(new(attribute, value with { Span = resource.Block.TypeSpan })).ToDictionary(), StringComparer.Ordinal) };
                    }
                }
            }

            if (resource.Type == "aws_iot_topic_rule")
            {
                properties[resource.Address] = [IotTopicRulePayload(resource, values, converter)];
                spans[resource.Address] = resource.Block.TypeSpan;
                continue;
            }

            foreach (var (name, value) in values.Entries)
            {
                if (resource.Type == "aws_dynamodb_table" && name is "stream_enabled" or "stream_view_type" or "read_capacity" or "write_capacity")
                {
                    continue;
                }

                var keySpan = values.KeySpans?.GetValueOrDefault(name) ?? resource.Block.TypeSpan;
                var node = converter.Node(resource.Type, name, value, resource.Span);
                if (name == "policy" && InlinePolicies.TryGetValue(resource.Type, out var inline))
                {
                    var span = value.Span ?? keySpan;
                    var self = new IntrinsicNode("Ref", new ScalarNode(resource.Address, false, keySpan), keySpan);
                    inlinePolicies.Add(new(new ScalarNode(resource.Address + ".policy", false, keySpan), new MappingNode([
                        new(new ScalarNode("Type", false, keySpan), new ScalarNode(inline.Type, false, keySpan)),
                        new(new ScalarNode("Properties", false, span), new MappingNode([
                            new(new ScalarNode(inline.Property, false, keySpan), new SequenceNode([self], keySpan)),
                            new(new ScalarNode("PolicyDocument", false, keySpan), node),
                        ], span)),
                    ], span)));
                    continue;
                }

                if (OneItemLists.TryGetValue((resource.Type, name), out var listProperty))
                {
                    props.Add(new(new ScalarNode(listProperty, false, keySpan), new SequenceNode([node], node.Span)));
                    continue;
                }

                props.Add(new(Key(resource.Type, name, keySpan), node));
            }

            if (resource.Type == "aws_dynamodb_table" && values["stream_enabled"] is HclBool { Value: true })
            {
                var span = values.KeySpans?.GetValueOrDefault("stream_enabled") ?? resource.Block.TypeSpan;
                props.Add(new(new ScalarNode("StreamSpecification", false, span), new MappingNode([
                    new(new ScalarNode("StreamViewType", false, span), converter.Node(resource.Type, "stream_view_type", values["stream_view_type"] ?? new HclString("NEW_AND_OLD_IMAGES"), span)),
                ], span)));
            }

            if (resource.Type == "aws_dynamodb_table" && (values["read_capacity"] is not null || values["write_capacity"] is not null))
            {
                var span = values.KeySpans?.GetValueOrDefault("write_capacity") ?? values.KeySpans?.GetValueOrDefault("read_capacity") ?? resource.Block.TypeSpan;
                var throughput = new List<KeyValuePair<ScalarNode, TemplateNode>>();
                foreach (var (attribute, property) in new[] { ("read_capacity", "ReadCapacityUnits"), ("write_capacity", "WriteCapacityUnits") })
                {
                    if (values[attribute] is { } capacity)
                    {
                        throughput.Add(new(new ScalarNode(property, false, values.KeySpans?.GetValueOrDefault(attribute) ?? span), converter.Node(resource.Type, attribute, capacity, span)));
                    }
                }

                props.Add(new(new ScalarNode("ProvisionedThroughput", false, span), new MappingNode(throughput, span)));
            }

            properties[resource.Address] = props;
            spans[resource.Address] = resource.Block.TypeSpan;
        }

        Fold(project, properties, converter);
        FoldIntegrations(project, properties, converter);

        foreach (var (address, props) in properties)
        {
            var resource = project.Find(address)!;
            var span = resource.Span;
            resources.Add(new(new ScalarNode(address, false, spans[address]), new MappingNode([
                new(new ScalarNode("Type", false, span), new ScalarNode(Types[resource.Type], false, span)),
                new(new ScalarNode("Properties", false, span), new MappingNode(props, span)),
            ], span)));
        }

        resources.AddRange(inlinePolicies);
        var file = SourceSpan.FileStart(project.Directory);
        var root = new MappingNode([new(new ScalarNode("Resources", false, file), new MappingNode(resources, file))], file);
        return new TemplateDocument(project.Directory, "hcl", root, project.Diagnostics);
    }

    /// <summary>An IoT topic rule's action blocks (<c>lambda</c>, <c>sqs</c>, <c>dynamodbv2</c>...) and <c>error_action</c>
    /// become CloudFormation's <c>TopicRulePayload</c> with <c>Actions</c> and <c>ErrorAction</c>.</summary>
    private static KeyValuePair<ScalarNode, TemplateNode> IotTopicRulePayload(TerraformResource resource, HclMap values, Converter converter)
    {
        var span = resource.Block.TypeSpan;
        var payload = new List<KeyValuePair<ScalarNode, TemplateNode>>();
        var actions = new List<TemplateNode>();
        foreach (var (name, value) in values.Entries)
        {
            var keySpan = values.KeySpans?.GetValueOrDefault(name) ?? span;
            switch (name)
            {
                case "sql" or "sql_version" or "description":
                    payload.Add(new(Key(resource.Type, name, keySpan), converter.Node(resource.Type, name, value, span)));
                    break;
                case "enabled":
                    payload.Add(new(new ScalarNode("RuleDisabled", false, keySpan), value is HclBool b ? new ScalarNode(b.Value ? "false" : "true", false, keySpan) : new ScalarNode("?", false, keySpan)));
                    break;
                case "error_action":
                    payload.Add(new(new ScalarNode("ErrorAction", false, keySpan), converter.Node(resource.Type, name, value, span)));
                    break;
                case "tags" or "tags_all" or "name" or "timeouts":
                    break;
                default:
                    if (value is HclList { Items: var items } && items.All(i => i is HclMap))
                    {
                        foreach (var item in items)
                        {
                            var itemSpan = item.Span ?? keySpan;
                            actions.Add(new MappingNode([new(Key(resource.Type, name, keySpan), converter.Node(resource.Type, name, item, itemSpan))], itemSpan));
                        }
                    }

                    break;
            }
        }

        payload.Add(new(new ScalarNode("Actions", false, span), new SequenceNode(actions, span)));
        return new(new ScalarNode("TopicRulePayload", false, span), new MappingNode(payload, span));
    }

    /// <summary>Resources Terraform splits off are folded into the one they configure, as CloudFormation writes them.</summary>
    private static void Fold(TerraformProject project, Dictionary<string, List<KeyValuePair<ScalarNode, TemplateNode>>> properties, Converter converter)
    {
        foreach (var r in project.Managed)
        {
            switch (r.Type)
            {
                case "aws_iam_role_policy" when Target(r["role"], properties, "aws_iam_role") is { } role:
                    AddToList(properties[role], "Policies", PolicyEntry(r, r["name"] ?? new HclString(r.Name), r["policy"], converter));
                    break;
                case "aws_iam_role_policy_attachment" when Target(r["role"], properties, "aws_iam_role") is { } role:
                    var arn = r["policy_arn"];
                    if (arn is not null && Target(arn, null, "aws_iam_policy") is { } policyAddress && project.Find(policyAddress) is { } policy)
                    {
                        AddToList(properties[role], "Policies", PolicyEntry(r, new HclString(policy.Name), policy["policy"], converter));
                    }
                    else if (arn is not null)
                    {
                        AddToList(properties[role], "ManagedPolicyArns", converter.Node(r.Type, "policy_arn", arn, r.Span));
                    }

                    break;
                case "aws_s3_bucket_notification" when Target(r["bucket"], properties, "aws_s3_bucket") is { } bucket:
                    var configuration = new List<KeyValuePair<ScalarNode, TemplateNode>>();
                    Notification(r, "lambda_function", "LambdaConfigurations", "lambda_function_arn", "Function", configuration, converter);
                    Notification(r, "queue", "QueueConfigurations", "queue_arn", "Queue", configuration, converter);
                    Notification(r, "topic", "TopicConfigurations", "topic_arn", "Topic", configuration, converter);
                    if (r["eventbridge"] is HclBool { Value: true })
                    {
                        configuration.Add(new(new ScalarNode("EventBridgeConfiguration", false, r.Block.TypeSpan), new MappingNode([
                            new(new ScalarNode("EventBridgeEnabled", false, r.Block.TypeSpan), new ScalarNode("true", false, r.Block.TypeSpan)),
                        ], r.Block.TypeSpan)));
                    }

                    properties[bucket].Add(new(new ScalarNode("NotificationConfiguration", false, r.Block.TypeSpan), new MappingNode(configuration, r.Span)));
                    break;
                case "aws_cloudwatch_event_target" when Target(r["rule"], properties, "aws_cloudwatch_event_rule") is { } rule:
                    var target = new List<KeyValuePair<ScalarNode, TemplateNode>>
                    {
                        new(new ScalarNode("Id", false, r.Block.TypeSpan), new ScalarNode(r["target_id"] is HclString id ? id.Value : r.Name, true, r.Block.TypeSpan)),
                    };
                    foreach (var (name, value) in r.Values.Entries)
                    {
                        if (name is "rule" or "target_id" or "event_bus_name")
                        {
                            continue;
                        }

                        target.Add(new(Key(r.Type, name, r.Values.KeySpans?.GetValueOrDefault(name) ?? r.Block.TypeSpan), converter.Node(r.Type, name, value, r.Span)));
                    }

                    AddToList(properties[rule], "Targets", new MappingNode(target, r.Span));
                    break;
            }
        }
    }

    /// <summary>
    /// Each <c>aws_api_gateway_integration</c> becomes the <c>Integration</c> property of the <c>aws_api_gateway_method</c>
    /// with the same rest_api_id, resource_id and http_method (the same known value, or the same references once those
    /// that only go through the method are set aside), keeping the spans of the integration's lines. An integration that
    /// matches no method or several, and a method that several integrations match, are left alone: no guessing.
    /// </summary>
    private static void FoldIntegrations(TerraformProject project, Dictionary<string, List<KeyValuePair<ScalarNode, TemplateNode>>> properties, Converter converter)
    {
        var methods = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        List<TerraformResource>? integrations = null;
        foreach (var r in project.Managed)
        {
            if (r.Type == "aws_api_gateway_integration")
            {
                (integrations ??= []).Add(r);
            }
            else if (r.Type == "aws_api_gateway_method" && properties.ContainsKey(r.Address) && MethodIdentity(r) is { } key)
            {
                if (!methods.TryGetValue(key, out var list))
                {
                    methods[key] = list = [];
                }

                list.Add(r.Address);
            }
        }

        if (integrations is null)
        {
            return;
        }

        var matched = new Dictionary<string, List<TerraformResource>>(StringComparer.Ordinal);
        foreach (var integration in integrations)
        {
            if (MethodIdentity(integration) is { } key && methods.TryGetValue(key, out var candidates) && candidates.Count == 1)
            {
                if (!matched.TryGetValue(candidates[0], out var list))
                {
                    matched[candidates[0]] = list = [];
                }

                list.Add(integration);
            }
        }

        foreach (var (method, found) in matched)
        {
            if (found.Count != 1)
            {
                continue;
            }

            var r = found[0];
            var entries = new List<KeyValuePair<ScalarNode, TemplateNode>>();
            foreach (var (name, value) in r.Values.Entries)
            {
                if (Array.IndexOf(MethodKey, name) < 0 && name != "provider")
                {
                    entries.Add(new(Key(r.Type, name, r.Values.KeySpans?.GetValueOrDefault(name) ?? r.Block.TypeSpan), converter.Node(r.Type, name, value, r.Span)));
                }
            }

            properties[method].Add(new(new ScalarNode("Integration", false, r.Block.TypeSpan), new MappingNode(entries, r.Span)));
        }
    }

    /// <summary>rest_api_id, resource_id and http_method of a method or an integration as one comparable text, or null
    /// when one of them is missing or unknown without a reference to compare.</summary>
    private static string? MethodIdentity(TerraformResource r)
    {
        var parts = new string[MethodKey.Length];
        for (var i = 0; i < MethodKey.Length; i++)
        {
            var value = r[MethodKey[i]];
            switch (value)
            {
                case HclString s:
                    parts[i] = "=" + (MethodKey[i] == "http_method" ? s.Value.ToUpperInvariant() : s.Value);
                    break;
                case HclUnknown:
                    // An integration often reads the method's own arguments (aws_api_gateway_method.m.resource_id): the
                    // value then carries the method's references plus one to the method, which is set aside.
                    var references = value.AllReferences().Where(x => !IsMethodAddress(x.Address)).Select(x => x.ToString()).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
                    if (references.Count == 0)
                    {
                        return null;
                    }

                    parts[i] = "&" + string.Join(' ', references);
                    break;
                default:
                    return null;
            }
        }

        return string.Join('\n', parts);
    }

    private static bool IsMethodAddress(string address)
    {
        var at = address.LastIndexOf("aws_api_gateway_method.", StringComparison.Ordinal);
        return at == 0 || (at > 0 && address[at - 1] == '.');
    }

    private static void Notification(TerraformResource r, string block, string property, string arnAttribute, string cfnKey, List<KeyValuePair<ScalarNode, TemplateNode>> into, Converter converter)
    {
        if (r[block] is not HclList list)
        {
            return;
        }

        var items = new List<TemplateNode>();
        foreach (var item in list.Items.OfType<HclMap>())
        {
            var span = item.Span ?? r.Span;
            var events = item["events"] is HclList e ? e.Items : [new HclString("s3:ObjectCreated:*")];
            foreach (var ev in events)
            {
                var entries = new List<KeyValuePair<ScalarNode, TemplateNode>>
                {
                    new(new ScalarNode("Event", false, span), converter.Node(r.Type, "events", ev, span)),
                };
                if (item[arnAttribute] is { } arn)
                {
                    entries.Add(new(new ScalarNode(cfnKey, false, span), converter.Node(r.Type, arnAttribute, arn, span)));
                }

                items.Add(new MappingNode(entries, span));
            }
        }

        into.Add(new(new ScalarNode(property, false, list.Span ?? r.Span), new SequenceNode(items, list.Span ?? r.Span)));
    }

    private static MappingNode PolicyEntry(TerraformResource r, HclValue name, HclValue? policy, Converter converter)
    {
        var span = r.Span;
        return new MappingNode([
            new(new ScalarNode("PolicyName", false, span), converter.Node(r.Type, "name", name, span)),
            new(new ScalarNode("PolicyDocument", false, span), converter.Node(r.Type, "policy", policy ?? HclUnknown.Of([], span), span)),
        ], span);
    }

    private static void AddToList(List<KeyValuePair<ScalarNode, TemplateNode>> props, string key, TemplateNode item)
    {
        var i = props.FindIndex(p => p.Key.Value == key);
        if (i < 0)
        {
            props.Add(new(new ScalarNode(key, false, item.Span), new SequenceNode([item], item.Span)));
            return;
        }

        var existing = props[i].Value is SequenceNode s ? s.Items : [props[i].Value];
        props[i] = new(props[i].Key, new SequenceNode([.. existing, item], props[i].Value.Span));
    }

    /// <summary>The address a value references, when it references one resource of the type.</summary>
    private static string? Target(HclValue? value, Dictionary<string, List<KeyValuePair<ScalarNode, TemplateNode>>>? known, string type)
    {
        if (value is null)
        {
            return null;
        }

        foreach (var reference in value.AllReferences())
        {
            var address = reference.Address;
            var typeAt = address.LastIndexOf(type + ".", StringComparison.Ordinal);
            if (typeAt >= 0 && (known is null || known.ContainsKey(address)))
            {
                return address;
            }
        }

        return null;
    }

    private static ScalarNode Key(string type, string name, SourceSpan span) =>
        new(Renames.TryGetValue((type, name), out var renamed) || Renames.TryGetValue(("*", name), out renamed) ? renamed : Pascal(name), false, span);

    private static string Pascal(string name)
    {
        // Each part between underscores with its first letter upper-cased, in one buffer (this runs for every attribute).
        var buffer = name.Length <= 256 ? stackalloc char[name.Length] : new char[name.Length];
        var length = 0;
        var first = true;
        foreach (var c in name)
        {
            if (c == '_')
            {
                first = true;
                continue;
            }

            buffer[length++] = first ? char.ToUpperInvariant(c) : c;
            first = false;
        }

        return new string(buffer[..length]);
    }

    private sealed class Converter(Dictionary<string, TerraformResource> addresses, Dictionary<string, List<TerraformResource>> byBlock)
    {
        public TemplateNode Node(string type, string name, HclValue value, SourceSpan fallback)
        {
            var span = value.Span ?? fallback;
            if (JsonDocuments.Contains(name) && HclJson.Structure(value) is { } structure)
            {
                return Plain(structure, span, type);
            }

            if (value is HclMap && KeysAsWritten.Contains((type, name)))
            {
                return Plain(value, span, type);
            }

            if (value is HclList { Items.Count: 1 } single && single.Items[0] is HclMap && !RepeatedBlocks.Contains(name))
            {
                return Node(type, name, single.Items[0], span);
            }

            return Value(value, span, type);
        }

        private TemplateNode Value(HclValue value, SourceSpan span, string type)
        {
            span = value.Span ?? span;
            if (Reference(value, span) is { } reference)
            {
                return reference;
            }

            switch (value)
            {
                case HclMap map:
                    var entries = new List<KeyValuePair<ScalarNode, TemplateNode>>();
                    foreach (var (k, v) in map.Entries)
                    {
                        var keySpan = map.KeySpans?.GetValueOrDefault(k) ?? v.Span ?? span;
                        entries.Add(new(map.KeySpans is null ? new ScalarNode(k, true, keySpan) : Key(type, k, keySpan), Node(type, k, v, span)));
                    }

                    return new MappingNode(entries, span);
                case HclList list:
                    return new SequenceNode([.. list.Items.Select(i => Value(i, span, type))], span);
                default:
                    return Plain(value, span, type);
            }
        }

        /// <summary>A JSON document's content: keys as written (no renaming), references still become intrinsics.</summary>
        private TemplateNode Plain(HclValue value, SourceSpan span, string type)
        {
            span = value.Span ?? span;
            if (Reference(value, span) is { } reference)
            {
                return reference;
            }

            return value switch
            {
                HclString s => new ScalarNode(s.Value, true, span),
                HclNumber n => new ScalarNode(HclNumber.Format(n.Value), false, span),
                HclBool b => new ScalarNode(b.Value ? "true" : "false", false, span),
                HclNull => new ScalarNode("null", false, span),
                HclList l => new SequenceNode([.. l.Items.Select(i => Plain(i, span, type))], span),
                // A decoded JSON map has no key spans: a key is written on the line of its value.
                HclMap m => new MappingNode([.. m.Entries.Select(e => new KeyValuePair<ScalarNode, TemplateNode>(new ScalarNode(e.Key, true, m.KeySpans?.GetValueOrDefault(e.Key) ?? e.Value.Span ?? span), Plain(e.Value, span, type)))], span),
                HclUnknown u => Unresolved(u, span),
                _ => new ScalarNode("", true, span),
            };
        }

        /// <summary>A value standing for one resource's attribute becomes Ref or Fn::GetAtt; a template around it becomes Fn::Join.</summary>
        private IntrinsicNode? Reference(HclValue value, SourceSpan span)
        {
            if (value.References.Count == 0)
            {
                return null; // most values refer to nothing: no query over an empty list
            }

            var references = value.References.Where(r => Resolve(r.Address) is not null).ToList();
            if (references.Count == 0)
            {
                return null;
            }

            if (value is HclUnknown { PartialText: { } text } && references.Count >= 1)
            {
                var parts = new List<TemplateNode>();
                var rest = text;
                // A reference whose value was known is written into the text as that value (a resource's name beside an
                // unknown region): it is found by that value, so the resource is still referenced.
                var marks = references.Select(r => (r, Mark: text.Contains(r.Placeholder, StringComparison.Ordinal) ? r.Placeholder : KnownIdentity(r) ?? r.Placeholder)).ToList();
                while (rest.Length > 0)
                {
                    var next = marks.Select(m => (m.r, m.Mark, i: rest.IndexOf(m.Mark, StringComparison.Ordinal))).Where(p => p.i >= 0).OrderBy(p => p.i).FirstOrDefault();
                    if (next.r is null)
                    {
                        parts.Add(new ScalarNode(rest, true, span));
                        break;
                    }

                    if (next.i > 0)
                    {
                        parts.Add(new ScalarNode(rest[..next.i], true, span));
                    }

                    parts.Add(Intrinsic(next.r, span));
                    rest = rest[(next.i + next.Mark.Length)..];
                }

                return new IntrinsicNode("Fn::Join", new SequenceNode([new ScalarNode("", true, span), new SequenceNode(parts, span)], span), span);
            }

            if (references.Count == 1 && (value is HclUnknown || IsIdentity(references[0].Attribute)))
            {
                return Intrinsic(references[0], span);
            }

            return null;
        }

        /// <summary>The known value of a name-like attribute the reference reads (a resource's <c>name</c> argument),
        /// when it is long enough not to be found by chance.</summary>
        private string? KnownIdentity(HclReference reference) =>
            reference.Attribute is "name" or "function_name" or "bucket" && Resolve(reference.Address) is { } address
            && addresses.TryGetValue(address, out var resource) && resource[reference.Attribute] is HclString { Value.Length: >= 4 } known
                ? known.Value
                : null;

        private static bool IsIdentity(string? attribute) => attribute is null or "arn" or "id" or "name" or "function_name" or "bucket" or "url" or "invoke_arn";

        private string? Resolve(string address)
        {
            if (addresses.ContainsKey(address))
            {
                return address;
            }

            // aws_x.y with count or for_each referenced as a whole, or with an index the expansion did not make: its first instance.
            return byBlock.TryGetValue(address, out var instances) && instances.Count > 0 ? instances[0].Address : null;
        }

        private IntrinsicNode Intrinsic(HclReference reference, SourceSpan span)
        {
            var address = Resolve(reference.Address)!;
            var attribute = reference.Attribute switch
            {
                "arn" or "invoke_arn" or "qualified_arn" or "qualified_invoke_arn" or "execution_arn" => "Arn",
                "stream_arn" => "StreamArn",
                _ => null,
            };
            return attribute is null
                ? new IntrinsicNode("Ref", new ScalarNode(address, false, span), span)
                : new IntrinsicNode("Fn::GetAtt", new SequenceNode([new ScalarNode(address, false, span), new ScalarNode(attribute, false, span)], span), span);
        }

        private static IntrinsicNode Unresolved(HclUnknown unknown, SourceSpan span) =>
            new("Ref", new ScalarNode(unknown.References.Count > 0 ? unknown.References[0].ToString() : "unknown", false, span), span);
    }
}
