using FitCheck.Model;
using FitCheck.Templates.Dialects.Terraform.Hcl;

namespace FitCheck.Templates.Dialects.Terraform;

/// <summary>
/// The most used registry modules, modelled by their documented inputs when <c>terraform init</c> has not downloaded
/// them: the resources each module creates, with the addresses the module gives them
/// (<c>module.NAME.aws_lambda_function.this[0]</c>), the module's defaults where the design depends on them, and the
/// outputs that point at them, so <c>module.NAME.lambda_function_arn</c> is a reference to the function. Every
/// modelled resource's span is the module block, and each value's span is the input that set it.
/// </summary>
internal static partial class RegistryModules
{
    public const string Lambda = "terraform-aws-modules/lambda/aws";
    public const string Sqs = "terraform-aws-modules/sqs/aws";
    public const string S3Bucket = "terraform-aws-modules/s3-bucket/aws";
    public const string S3Notification = "terraform-aws-modules/s3-bucket/aws//modules/notification";
    public const string DynamoDb = "terraform-aws-modules/dynamodb-table/aws";

    /// <summary>The registry address without host, version pin or trailing slash: <c>terraform-aws-modules/lambda/aws</c>.</summary>
    public static string Normalize(string source)
    {
        var s = source.Trim();
        foreach (var host in new[] { "registry.terraform.io/", "app.terraform.io/" })
        {
            if (s.StartsWith(host, StringComparison.Ordinal))
            {
                s = s[host.Length..];
            }
        }

        return s.TrimEnd('/');
    }

    public static bool IsModelled(string source) => Normalize(source) is Lambda or Sqs or S3Bucket or S3Notification or DynamoDb or EventBridge or StepFunctions or ApiGatewayV2;

    /// <summary>The resources a modelled module creates from its inputs; empty for a module fitcheck does not model.</summary>
    public static List<TerraformResource> Resources(string source, string address, HclBlock call, HclMap inputs) => Normalize(source) switch
    {
        Lambda => LambdaResources(address, call, inputs),
        Sqs => SqsResources(address, call, inputs),
        S3Bucket => [Make(address, "aws_s3_bucket", "this", 0, call, Copy(inputs, call, ("bucket", "bucket"), ("force_destroy", "force_destroy"), ("tags", "tags")))],
        S3Notification => NotificationResources(address, call, inputs),
        DynamoDb => DynamoDbResources(address, call, inputs),
        EventBridge => EventBridgeResources(address, call, inputs),
        StepFunctions => StepFunctionsResources(address, call, inputs),
        ApiGatewayV2 => ApiGatewayV2Resources(address, call, inputs),
        _ => [],
    };

    /// <summary>An output of a modelled module: a reference to the resource attribute it returns (known when the input set it).</summary>
    public static HclValue? Output(string source, string address, string output, Func<string, HclValue?> input, SourceSpan span)
    {
        if (MapOutput(Normalize(source), address, output, input, span) is { } map)
        {
            return map;
        }

        (string Resource, string Attribute)? target = (Normalize(source), output) switch
        {
            (Lambda, "lambda_function_arn" or "lambda_function_arn_static") => ("aws_lambda_function.this[0]", "arn"),
            (Lambda, "lambda_function_invoke_arn") => ("aws_lambda_function.this[0]", "invoke_arn"),
            (Lambda, "lambda_function_qualified_arn") => ("aws_lambda_function.this[0]", "qualified_arn"),
            (Lambda, "lambda_function_qualified_invoke_arn") => ("aws_lambda_function.this[0]", "qualified_invoke_arn"),
            (Lambda, "lambda_function_name") => ("aws_lambda_function.this[0]", "function_name"),
            (Lambda, "lambda_function_url") => ("aws_lambda_function_url.this[0]", "function_url"),
            (Lambda, "lambda_role_arn") => ("aws_iam_role.lambda[0]", "arn"),
            (Lambda, "lambda_role_name") => ("aws_iam_role.lambda[0]", "name"),
            (Lambda, "lambda_cloudwatch_log_group_arn") => ("aws_cloudwatch_log_group.lambda[0]", "arn"),
            (Sqs, "queue_arn") => ("aws_sqs_queue.this[0]", "arn"),
            (Sqs, "queue_url" or "queue_id") => ("aws_sqs_queue.this[0]", "url"),
            (Sqs, "queue_name") => ("aws_sqs_queue.this[0]", "name"),
            (Sqs, "dead_letter_queue_arn") => ("aws_sqs_queue.dlq[0]", "arn"),
            (Sqs, "dead_letter_queue_url" or "dead_letter_queue_id") => ("aws_sqs_queue.dlq[0]", "url"),
            (S3Bucket, "s3_bucket_arn") => ("aws_s3_bucket.this[0]", "arn"),
            (S3Bucket, "s3_bucket_id") => ("aws_s3_bucket.this[0]", "id"),
            (S3Bucket, "s3_bucket_bucket_domain_name") => ("aws_s3_bucket.this[0]", "bucket_domain_name"),
            (DynamoDb, "dynamodb_table_arn") => ("aws_dynamodb_table.this[0]", "arn"),
            (DynamoDb, "dynamodb_table_id") => ("aws_dynamodb_table.this[0]", "id"),
            (DynamoDb, "dynamodb_table_stream_arn") => ("aws_dynamodb_table.this[0]", "stream_arn"),
            (EventBridge, "eventbridge_bus_arn") => ("aws_cloudwatch_event_bus.this[0]", "arn"),
            (EventBridge, "eventbridge_bus_name") => ("aws_cloudwatch_event_bus.this[0]", "name"),
            (EventBridge, "eventbridge_role_arn") => ("aws_iam_role.eventbridge[0]", "arn"),
            (EventBridge, "eventbridge_role_name") => ("aws_iam_role.eventbridge[0]", "name"),
            (StepFunctions, "state_machine_arn" or "state_machine_id") => ("aws_sfn_state_machine.this[0]", "arn"),
            (StepFunctions, "state_machine_name") => ("aws_sfn_state_machine.this[0]", "name"),
            (StepFunctions, "role_arn") => ("aws_iam_role.this[0]", "arn"),
            (StepFunctions, "role_name") => ("aws_iam_role.this[0]", "name"),
            (ApiGatewayV2, "api_id" or "apigatewayv2_api_id") => ("aws_apigatewayv2_api.this[0]", "id"),
            (ApiGatewayV2, "api_arn" or "apigatewayv2_api_arn") => ("aws_apigatewayv2_api.this[0]", "arn"),
            (ApiGatewayV2, "api_execution_arn" or "apigatewayv2_api_execution_arn") => ("aws_apigatewayv2_api.this[0]", "execution_arn"),
            (ApiGatewayV2, "api_endpoint" or "apigatewayv2_api_api_endpoint") => ("aws_apigatewayv2_api.this[0]", "api_endpoint"),
            (ApiGatewayV2, "stage_id" or "stage_arn" or "stage_execution_arn" or "stage_invoke_url") => ("aws_apigatewayv2_stage.this[0]", output[("stage_".Length)..]),
            (ApiGatewayV2, "default_apigatewayv2_stage_id" or "default_apigatewayv2_stage_arn" or "default_apigatewayv2_stage_execution_arn" or "default_apigatewayv2_stage_invoke_url") =>
                ("aws_apigatewayv2_stage.default[0]", output[("default_apigatewayv2_stage_".Length)..]),
            _ => null,
        };
        if (target is not { } t)
        {
            return null;
        }

        var reference = new HclReference(address + "." + t.Resource, t.Attribute, span);
        var known = (t.Attribute, output) switch
        {
            ("function_name", _) => input("function_name"),
            ("name", "queue_name") => input("name"),
            ("id", "s3_bucket_id") => input("bucket"),
            ("id", "dynamodb_table_id") => input("name"),
            ("name", "eventbridge_bus_name") => input("bus_name") ?? new HclString("default"),
            ("name", "state_machine_name") => input("name"),
            _ => null,
        };
        return known is HclString ? known.WithReferences([reference]) : HclUnknown.Of([reference], span);
    }

    // ---------------------------------------------------------------- terraform-aws-modules/lambda/aws

    private static List<TerraformResource> LambdaResources(string address, HclBlock call, HclMap inputs)
    {
        if (False(inputs["create"]) || False(inputs["create_function"]) || True(inputs["create_layer"]))
        {
            return [];
        }

        var result = new List<TerraformResource>();
        var function = Copy(inputs, call,
            ("function_name", "function_name"), ("description", "description"), ("handler", "handler"), ("runtime", "runtime"),
            ("timeout", "timeout"), ("memory_size", "memory_size"), ("publish", "publish"), ("architectures", "architectures"),
            ("layers", "layers"), ("kms_key_arn", "kms_key_arn"), ("image_uri", "image_uri"), ("package_type", "package_type"),
            ("reserved_concurrent_executions", "reserved_concurrent_executions"), ("tags", "tags"));
        if (function.Entries.ContainsKey("reserved_concurrent_executions") && inputs["reserved_concurrent_executions"] is HclNumber { Value: -1 })
        {
            function.Remove("reserved_concurrent_executions");
        }

        function.Set("role", False(inputs["create_role"]) ? inputs["lambda_role"] : RoleArn(address, call), SpanOf(inputs, call, "lambda_role"));
        function.Block("environment", inputs, call, ("environment_variables", "variables"));
        function.Block("tracing_config", inputs, call, ("tracing_mode", "mode"));
        function.Block("dead_letter_config", inputs, call, ("dead_letter_target_arn", "target_arn"));
        function.Block("vpc_config", inputs, call, ("vpc_subnet_ids", "subnet_ids"), ("vpc_security_group_ids", "security_group_ids"));
        function.Block("ephemeral_storage", inputs, call, ("ephemeral_storage_size", "size"));
        function.Block("snap_start", inputs, call, ("snap_start", "apply_on"));
        result.Add(Make(address, "aws_lambda_function", "this", 0, call, function));

        var functionArn = HclUnknown.Of([new HclReference(address + ".aws_lambda_function.this[0]", "arn", call.TypeSpan)], call.TypeSpan);
        var functionName = inputs["function_name"] ?? functionArn;

        if (!False(inputs["create_role"]))
        {
            var role = new Values(call);
            role.Set("name", inputs["role_name"] ?? inputs["function_name"] ?? HclUnknown.Of([], call.TypeSpan), SpanOf(inputs, call, "role_name"));
            role.Set("assume_role_policy", AssumeRolePolicy(call), call.TypeSpan);
            result.Add(Make(address, "aws_iam_role", "lambda", 0, call, role));
            var roleName = HclUnknown.Of([new HclReference(address + ".aws_iam_role.lambda[0]", "name", call.TypeSpan)], call.TypeSpan);

            // attach_cloudwatch_logs_policy defaults to true: logs:CreateLogStream and PutLogEvents on the function's log group.
            if (!False(inputs["attach_cloudwatch_logs_policy"]))
            {
                AddPolicy(result, address, "logs", call, roleName, [Statement(call, ["logs:CreateLogStream", "logs:PutLogEvents"], [new HclString("arn:aws:logs:*:*:log-group:/aws/lambda/*")])]);
            }

            if (True(inputs["attach_dead_letter_policy"]) && inputs["dead_letter_target_arn"] is { } dlq)
            {
                AddPolicy(result, address, "dead_letter", call, roleName, [Statement(call, ["sns:Publish", "sqs:SendMessage"], [dlq])]);
            }

            if (True(inputs["attach_tracing_policy"]))
            {
                AddPolicy(result, address, "tracing", call, roleName, [Statement(call, ["xray:PutTraceSegments", "xray:PutTelemetryRecords"], [new HclString("*")])]);
            }

            if (True(inputs["attach_async_event_policy"]))
            {
                var destinations = new[] { inputs["destination_on_failure"], inputs["destination_on_success"] }.OfType<HclValue>().ToList();
                if (destinations.Count > 0)
                {
                    AddPolicy(result, address, "async", call, roleName, [Statement(call, ["sns:Publish", "sqs:SendMessage", "events:PutEvents", "lambda:InvokeFunction"], destinations)]);
                }
            }

            if (True(inputs["attach_policy_statements"]) && inputs["policy_statements"] is HclMap statements)
            {
                var list = new List<HclValue>();
                foreach (var (_, s) in statements.Entries)
                {
                    if (s is HclMap st)
                    {
                        list.Add(PolicyStatement(st));
                    }
                }

                AddPolicy(result, address, "additional_inline", call, roleName, list);
            }

            if (True(inputs["attach_policy_json"]) && inputs["policy_json"] is { } json)
            {
                var policy = new Values(call);
                policy.Set("policy", json, SpanOf(inputs, call, "policy_json"));
                result.Add(Make(address, "aws_iam_policy", "additional_json", 0, call, policy));
                result.Add(Attachment(address, "additional_json", 0, call, roleName, HclUnknown.Of([new HclReference(address + ".aws_iam_policy.additional_json[0]", "arn", call.TypeSpan)], call.TypeSpan)));
            }

            if (True(inputs["attach_policy"]) && inputs["policy"] is { } one)
            {
                result.Add(Attachment(address, "additional_one", 0, call, roleName, one));
            }

            if (True(inputs["attach_policies"]) && inputs["policies"] is HclList many)
            {
                for (var i = 0; i < many.Items.Count; i++)
                {
                    result.Add(Attachment(address, "additional_many", i, call, roleName, many.Items[i]));
                }
            }
        }

        if (!True(inputs["use_existing_cloudwatch_log_group"]))
        {
            var logs = new Values(call);
            logs.Set("name", inputs["function_name"] is HclString n ? new HclString("/aws/lambda/" + n.Value) : HclUnknown.Of([], call.TypeSpan), SpanOf(inputs, call, "function_name"));
            logs.Copy(inputs, ("cloudwatch_logs_retention_in_days", "retention_in_days"), ("cloudwatch_logs_kms_key_id", "kms_key_id"));
            result.Add(Make(address, "aws_cloudwatch_log_group", "lambda", 0, call, logs));
        }

        if (True(inputs["create_async_event_config"]))
        {
            var config = new Values(call);
            config.Set("function_name", functionName, call.TypeSpan);
            config.Copy(inputs, ("maximum_event_age_in_seconds", "maximum_event_age_in_seconds"), ("maximum_retry_attempts", "maximum_retry_attempts"));
            var destination = new Values(call);
            destination.Block("on_failure", inputs, call, ("destination_on_failure", "destination"));
            destination.Block("on_success", inputs, call, ("destination_on_success", "destination"));
            if (destination.Entries.Count > 0)
            {
                config.Set("destination_config", new HclList([destination.ToMap()]), call.TypeSpan);
            }

            result.Add(Make(address, "aws_lambda_function_event_invoke_config", "this", 0, call, config));
        }

        if (inputs["allowed_triggers"] is HclMap triggers && !False(inputs["create_unqualified_alias_allowed_triggers"]))
        {
            foreach (var (key, trigger) in triggers.Entries)
            {
                if (trigger is not HclMap t)
                {
                    continue;
                }

                var permission = new Values(call);
                permission.Set("function_name", functionName, call.TypeSpan);
                permission.Set("action", t["action"] ?? new HclString("lambda:InvokeFunction"), t.Span ?? call.TypeSpan);
                var principal = t["principal"] ?? (t["service"] is HclString service ? new HclString(service.Value + ".amazonaws.com") { Span = service.Span } : null);
                if (principal is not null)
                {
                    permission.Set("principal", principal, principal.Span ?? call.TypeSpan);
                }

                foreach (var k in new[] { "source_arn", "source_account", "event_source_token" })
                {
                    if (t[k] is { } v)
                    {
                        permission.Set(k, v, v.Span ?? call.TypeSpan);
                    }
                }

                result.Add(Make(address, "aws_lambda_permission", "unqualified_alias_triggers", key, call, permission));
            }
        }

        if (inputs["event_source_mapping"] is HclMap mappings && !False(inputs["create_unqualified_alias_async_event_config"]))
        {
            foreach (var (key, mapping) in mappings.Entries)
            {
                if (mapping is not HclMap m)
                {
                    continue;
                }

                var esm = new Values(call);
                esm.Set("function_name", functionArn, call.TypeSpan);
                foreach (var (k, v) in m.Entries)
                {
                    switch (k)
                    {
                        case "destination_arn_on_failure":
                            var at = v.Span ?? call.TypeSpan;
                            esm.Set("destination_config", new HclList([BlockOf([new("on_failure", new HclList([BlockOf([new("destination_arn", v)], at)]))], at)]), at);
                            break;
                        case "filter_criteria" when v is HclMap criteria:
                            var filters = criteria["pattern"] is { } single ? [BlockOf([new("pattern", single)], v.Span ?? call.TypeSpan)] : new List<HclValue>();
                            esm.Set("filter_criteria", new HclList([BlockOf([new("filter", new HclList(filters))], v.Span ?? call.TypeSpan)]), v.Span ?? call.TypeSpan);
                            break;
                        case "filter_criteria" when v is HclList list:
                            esm.Set("filter_criteria", new HclList([BlockOf([new("filter", new HclList([.. list.Items.Select(f => f is HclMap m ? BlockOf(m.Entries, m.Span ?? v.Span ?? call.TypeSpan) : f)]))], v.Span ?? call.TypeSpan)]), v.Span ?? call.TypeSpan);
                            break;
                        case "scaling_config" or "self_managed_event_source" or "source_access_configuration" or "amazon_managed_kafka_event_source_config" when v is HclMap block:
                            esm.Set(k, new HclList([BlockOf(block.Entries, block.Span ?? v.Span ?? call.TypeSpan)]), v.Span ?? call.TypeSpan);
                            break;
                        default:
                            esm.Set(k, v, v.Span ?? call.TypeSpan);
                            break;
                    }
                }

                result.Add(Make(address, "aws_lambda_event_source_mapping", "this", key, call, esm));
            }
        }

        if (True(inputs["create_lambda_function_url"]))
        {
            var url = new Values(call);
            url.Set("function_name", functionName, call.TypeSpan);
            url.Set("authorization_type", inputs["authorization_type"] ?? new HclString("NONE"), SpanOf(inputs, call, "authorization_type"));
            url.Copy(inputs, ("invoke_mode", "invoke_mode"));
            result.Add(Make(address, "aws_lambda_function_url", "this", 0, call, url));
        }

        return result;
    }

    private static HclUnknown RoleArn(string address, HclBlock call) =>
        HclUnknown.Of([new HclReference(address + ".aws_iam_role.lambda[0]", "arn", call.TypeSpan)], call.TypeSpan);

    private static HclString AssumeRolePolicy(HclBlock call, params string[] services)
    {
        if (services.Length == 0)
        {
            services = ["lambda.amazonaws.com"];
        }

        var statement = HclMap.From([
            new("Effect", new HclString("Allow")),
            new("Action", new HclList([new HclString("sts:AssumeRole")])),
            new("Principal", HclMap.From([new("Service", new HclList([.. services.Select(s => (HclValue)new HclString(s))]))])),
        ]) with { Span = call.TypeSpan };
        var policy = HclMap.From([new("Version", new HclString("2012-10-17")), new("Statement", new HclList([statement]))]);
        var text = "{\"Statement\":[{\"Action\":[\"sts:AssumeRole\"],\"Effect\":\"Allow\",\"Principal\":{\"Service\":[" + string.Join(",", services.Select(s => "\"" + s + "\"")) + "]}}],\"Version\":\"2012-10-17\"}";
        return new HclString(text) { Structure = policy, Span = call.TypeSpan };
    }

    private static HclMap Statement(HclBlock call, string[] actions, List<HclValue> resources) => HclMap.From([
        new("Effect", new HclString("Allow")),
        new("Action", new HclList([.. actions.Select(a => (HclValue)new HclString(a))])),
        new("Resource", new HclList(resources)),
    ]) with { Span = call.TypeSpan };

    /// <summary>A statement of <c>policy_statements</c> (<c>effect</c>, <c>actions</c>, <c>resources</c>, <c>principals</c>, <c>condition</c>) as IAM JSON.</summary>
    private static HclMap PolicyStatement(HclMap s)
    {
        var entries = new List<KeyValuePair<string, HclValue>> { new("Effect", s["effect"] ?? new HclString("Allow")) };
        foreach (var (from, to) in new[] { ("sid", "Sid"), ("actions", "Action"), ("not_actions", "NotAction"), ("resources", "Resource"), ("not_resources", "NotResource") })
        {
            if (s[from] is { } v)
            {
                entries.Add(new(to, v));
            }
        }

        return HclMap.From(entries) with { Span = s.Span };
    }

    private static void AddPolicy(List<TerraformResource> result, string address, string name, HclBlock call, HclValue roleName, List<HclValue> statements, object? key = null)
    {
        key ??= 0;
        var keyText = key is int i ? $"[{i}]" : $"[\"{key}\"]";
        var document = HclMap.From([new("Version", new HclString("2012-10-17")), new("Statement", new HclList(statements))]) with { Span = call.TypeSpan };
        var policy = new Values(call);
        policy.Set("policy", document.IsWhollyKnown ? new HclString("") { Structure = document } : new HclUnknown { Structure = document, References = [.. document.AllReferences()] }, call.TypeSpan);
        result.Add(Make(address, "aws_iam_policy", name, key, call, policy));
        result.Add(Attachment(address, name, key, call, roleName, HclUnknown.Of([new HclReference($"{address}.aws_iam_policy.{name}{keyText}", "arn", call.TypeSpan)], call.TypeSpan)));
    }

    private static TerraformResource Attachment(string address, string name, object key, HclBlock call, HclValue roleName, HclValue policyArn)
    {
        var attachment = new Values(call);
        attachment.Set("role", roleName, call.TypeSpan);
        attachment.Set("policy_arn", policyArn, policyArn.Span ?? call.TypeSpan);
        return Make(address, "aws_iam_role_policy_attachment", name, key, call, attachment);
    }

    // ---------------------------------------------------------------- sqs, s3 notification, dynamodb

    private static List<TerraformResource> SqsResources(string address, HclBlock call, HclMap inputs)
    {
        if (False(inputs["create"]))
        {
            return [];
        }

        var result = new List<TerraformResource>();
        var queue = Copy(inputs, call, ("name", "name"), ("fifo_queue", "fifo_queue"), ("visibility_timeout_seconds", "visibility_timeout_seconds"),
            ("message_retention_seconds", "message_retention_seconds"), ("delay_seconds", "delay_seconds"), ("receive_wait_time_seconds", "receive_wait_time_seconds"),
            ("max_message_size", "max_message_size"), ("kms_master_key_id", "kms_master_key_id"), ("sqs_managed_sse_enabled", "sqs_managed_sse_enabled"),
            ("content_based_deduplication", "content_based_deduplication"), ("tags", "tags"));
        if (True(inputs["create_dlq"]))
        {
            var dlqArn = HclUnknown.Of([new HclReference(address + ".aws_sqs_queue.dlq[0]", "arn", call.TypeSpan)], call.TypeSpan);
            var maxReceive = inputs["redrive_policy"] is HclMap rp && rp["maxReceiveCount"] is { } m ? m : new HclNumber(5);
            var redrive = HclMap.From([new("deadLetterTargetArn", dlqArn), new("maxReceiveCount", maxReceive)]);
            queue.Set("redrive_policy", new HclUnknown { Structure = redrive, References = [.. redrive.AllReferences()] }, SpanOf(inputs, call, "create_dlq"));
            var dlq = new Values(call);
            dlq.Set("name", inputs["dlq_name"] ?? (inputs["name"] is HclString n ? new HclString(n.Value + "-dlq") : HclUnknown.Of([], call.TypeSpan)), SpanOf(inputs, call, "dlq_name"));
            dlq.Copy(inputs, ("dlq_message_retention_seconds", "message_retention_seconds"));
            result.Add(Make(address, "aws_sqs_queue", "dlq", 0, call, dlq));
        }
        else if (inputs["redrive_policy"] is { } redrivePolicy)
        {
            queue.Set("redrive_policy", redrivePolicy is HclMap ? new HclUnknown { Structure = redrivePolicy, References = [.. redrivePolicy.AllReferences()] } : redrivePolicy, SpanOf(inputs, call, "redrive_policy"));
        }

        result.Insert(0, Make(address, "aws_sqs_queue", "this", 0, call, queue));
        return result;
    }

    private static List<TerraformResource> NotificationResources(string address, HclBlock call, HclMap inputs)
    {
        var notification = new Values(call);
        notification.Set("bucket", inputs["bucket"] ?? HclUnknown.Of([], call.TypeSpan), SpanOf(inputs, call, "bucket"));
        void Add(string input, string block, string arnKey, string arnInput)
        {
            if (inputs[input] is not HclMap map)
            {
                return;
            }

            var list = new List<HclValue>();
            foreach (var (_, n) in map.Entries)
            {
                if (n is HclMap m)
                {
                    var entries = new List<KeyValuePair<string, HclValue>>();
                    if (m[arnInput] is { } arn)
                    {
                        entries.Add(new(arnKey, arn));
                    }

                    foreach (var k in new[] { "events", "filter_prefix", "filter_suffix" })
                    {
                        if (m[k] is { } v)
                        {
                            entries.Add(new(k, v));
                        }
                    }

                    list.Add(HclMap.From(entries) with { Span = m.Span });
                }
            }

            notification.Set(block, new HclList(list), SpanOf(inputs, call, input));
        }

        Add("lambda_notifications", "lambda_function", "lambda_function_arn", "function_arn");
        Add("sqs_notifications", "queue", "queue_arn", "queue_arn");
        Add("sns_notifications", "topic", "topic_arn", "topic_arn");
        notification.Copy(inputs, ("eventbridge", "eventbridge"));
        return [Make(address, "aws_s3_bucket_notification", "this", 0, call, notification)];
    }

    private static List<TerraformResource> DynamoDbResources(string address, HclBlock call, HclMap inputs)
    {
        if (False(inputs["create_table"]))
        {
            return [];
        }

        var table = Copy(inputs, call, ("name", "name"), ("hash_key", "hash_key"), ("range_key", "range_key"), ("read_capacity", "read_capacity"),
            ("write_capacity", "write_capacity"), ("stream_enabled", "stream_enabled"), ("stream_view_type", "stream_view_type"), ("table_class", "table_class"),
            ("deletion_protection_enabled", "deletion_protection_enabled"), ("tags", "tags"));

        // The module's default billing mode is PAY_PER_REQUEST (the provider's is PROVISIONED).
        table.Set("billing_mode", inputs["billing_mode"] ?? new HclString("PAY_PER_REQUEST"), SpanOf(inputs, call, "billing_mode"));
        if (inputs["attributes"] is HclList attributes)
        {
            table.Set("attribute", attributes, SpanOf(inputs, call, "attributes"));
        }

        table.Block("point_in_time_recovery", inputs, call, ("point_in_time_recovery_enabled", "enabled"));
        table.Block("ttl", inputs, call, ("ttl_enabled", "enabled"), ("ttl_attribute_name", "attribute_name"));
        table.Block("server_side_encryption", inputs, call, ("server_side_encryption_enabled", "enabled"), ("server_side_encryption_kms_key_arn", "kms_key_arn"));
        return [Make(address, "aws_dynamodb_table", "this", 0, call, table)];
    }

    // ---------------------------------------------------------------- helpers

    private static bool True(HclValue? v) => v is HclBool { Value: true };

    private static bool False(HclValue? v) => v is HclBool { Value: false };

    private static SourceSpan SpanOf(HclMap inputs, HclBlock call, string input) =>
        inputs.KeySpans?.TryGetValue(input, out var s) == true ? s : call.TypeSpan;

    private static Values Copy(HclMap inputs, HclBlock call, params (string From, string To)[] names)
    {
        var values = new Values(call);
        values.Copy(inputs, names);
        return values;
    }

    private static TerraformResource Make(string address, string type, string name, object key, HclBlock call, Values values)
    {
        var keyText = key is int i ? $"[{i}]" : $"[\"{key}\"]";
        var map = values.ToMap() with { Span = call.Span };
        return new TerraformResource
        {
            Address = $"{address}.{type}.{name}{keyText}",
            BlockAddress = $"{address}.{type}.{name}",
            Type = type,
            Name = name,
            IsData = false,
            Module = address,
            InstanceKey = key is int n ? new HclNumber(n) : new HclString((string)key),
            Block = call,
            Values = map,
            References = [.. map.AllReferences().Distinct()],
        };
    }

    /// <summary>The configuration of a modelled resource being built: values with the spans of the inputs that set them.</summary>
    private sealed class Values(HclBlock call)
    {
        private readonly Dictionary<string, SourceSpan> _spans = new(StringComparer.Ordinal);

        public SortedDictionary<string, HclValue> Entries { get; } = new(StringComparer.Ordinal);

        public void Set(string key, HclValue? value, SourceSpan span)
        {
            if (value is null or HclNull)
            {
                return;
            }

            Entries[key] = value;
            _spans[key] = span;
        }

        public void Remove(string key) => Entries.Remove(key);

        public void Copy(HclMap inputs, params (string From, string To)[] names)
        {
            foreach (var (from, to) in names)
            {
                if (inputs[from] is { } v)
                {
                    Set(to, v, SpanOf(inputs, call, from));
                }
            }
        }

        /// <summary>A nested block made of inputs, added only when one of them is set.</summary>
        public void Block(string type, HclMap inputs, HclBlock block, params (string From, string To)[] names)
        {
            var entries = new List<KeyValuePair<string, HclValue>>();
            SourceSpan? span = null;
            foreach (var (from, to) in names)
            {
                if (inputs[from] is { } v and not HclNull && !(v is HclMap { Entries.Count: 0 } || v is HclList { Items.Count: 0 }))
                {
                    entries.Add(new(to, v));
                    span ??= SpanOf(inputs, block, from);
                }
            }

            if (entries.Count > 0)
            {
                Set(type, new HclList([BlockOf(entries, span!)]), span!);
            }
        }

        public HclMap ToMap() => new(Entries) { KeySpans = _spans };
    }
}
