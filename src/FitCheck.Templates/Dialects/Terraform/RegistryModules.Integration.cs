using FitCheck.Model;
using FitCheck.Templates.Dialects.Terraform.Hcl;

namespace FitCheck.Templates.Dialects.Terraform;

/// <summary>
/// The integration modules: <c>terraform-aws-modules/eventbridge/aws</c> (bus, rules, targets, schedules, the role and
/// its target policies), <c>step-functions/aws</c> (state machine, role with the service-integration policies, log
/// group) and <c>apigateway-v2/aws</c> (API, routes and integrations, authorizers, stage with its access-log group; the
/// v5+ <c>routes</c> input and the earlier <c>integrations</c> input). Names, defaults and addresses follow the
/// modules' <c>main.tf</c>, <c>iam.tf</c> and <c>variables.tf</c>.
/// </summary>
internal static partial class RegistryModules
{
    public const string EventBridge = "terraform-aws-modules/eventbridge/aws";
    public const string StepFunctions = "terraform-aws-modules/step-functions/aws";
    public const string ApiGatewayV2 = "terraform-aws-modules/apigateway-v2/aws";

    /// <summary>Outputs that are maps over the module's instances (<c>eventbridge_rule_arns</c>).</summary>
    private static HclMap? MapOutput(string source, string address, string output, Func<string, HclValue?> input, SourceSpan span)
    {
        (string Input, string Resource, string Attribute)? target = (source, output) switch
        {
            (EventBridge, "eventbridge_rule_arns") => ("rules", "aws_cloudwatch_event_rule.this", "arn"),
            (EventBridge, "eventbridge_rule_ids") => ("rules", "aws_cloudwatch_event_rule.this", "id"),
            (EventBridge, "eventbridge_schedule_arns") => ("schedules", "aws_scheduler_schedule.this", "arn"),
            _ => null,
        };
        if (target is not { } t || input(t.Input) is not HclMap keys)
        {
            return null;
        }

        return HclMap.From(keys.Entries.Keys.Select(k => new KeyValuePair<string, HclValue>(k,
            HclUnknown.Of([new HclReference($"{address}.{t.Resource}[\"{k}\"]", t.Attribute, span)], span))));
    }

    // ---------------------------------------------------------------- terraform-aws-modules/eventbridge/aws

    private static List<TerraformResource> EventBridgeResources(string address, HclBlock call, HclMap inputs)
    {
        if (False(inputs["create"]))
        {
            return [];
        }

        var result = new List<TerraformResource>();
        HclValue busName = inputs["bus_name"] ?? new HclString("default");

        // The bus of the rules and targets, when the module creates it; a bus it does not create is not in the model, and
        // its name alone would match the module's role, which takes the bus's name by default.
        HclValue? ruleBus = null;
        if (!False(inputs["create_bus"]))
        {
            var bus = Copy(inputs, call, ("bus_name", "name"), ("bus_description", "description"), ("event_source_name", "event_source_name"),
                ("kms_key_identifier", "kms_key_identifier"), ("tags", "tags"));
            bus.Set("name", busName, SpanOf(inputs, call, "bus_name"));
            if (inputs["dead_letter_config"] is HclMap { Entries.Count: > 0 } dlq && dlq["arn"] is { } dlqArn)
            {
                bus.Set("dead_letter_config", new HclList([BlockOf([new("arn", dlqArn)], SpanOf(inputs, call, "dead_letter_config"))]), SpanOf(inputs, call, "dead_letter_config"));
            }

            result.Add(Make(address, "aws_cloudwatch_event_bus", "this", 0, call, bus));
            ruleBus = busName.WithReferences([new HclReference(address + ".aws_cloudwatch_event_bus.this[0]", "name", call.TypeSpan)]);
        }

        var schedules = !False(inputs["create_schedules"]) && inputs["schedules"] is HclMap { Entries.Count: > 0 } s ? s : null;
        var createRole = !False(inputs["create_role"]);
        var roleArn = HclUnknown.Of([new HclReference(address + ".aws_iam_role.eventbridge[0]", "arn", call.TypeSpan)], call.TypeSpan);
        if (createRole)
        {
            var role = new Values(call);
            role.Set("name", inputs["role_name"] ?? busName, SpanOf(inputs, call, "role_name"));
            var trusted = new List<string> { "events.amazonaws.com" };
            if (inputs["trusted_entities"] is HclList more)
            {
                trusted.AddRange(more.Items.OfType<HclString>().Select(e => e.Value));
            }

            if (schedules is not null)
            {
                trusted.Add("scheduler.amazonaws.com");
            }

            role.Set("assume_role_policy", AssumeRolePolicy(call, [.. trusted.Distinct(StringComparer.Ordinal)]), call.TypeSpan);
            result.Add(Make(address, "aws_iam_role", "eventbridge", 0, call, role));
            var roleName = HclUnknown.Of([new HclReference(address + ".aws_iam_role.eventbridge[0]", "name", call.TypeSpan)], call.TypeSpan);
            foreach (var (attach, arns, name, actions) in new[]
            {
                ("attach_sqs_policy", "sqs_target_arns", "sqs", new[] { "sqs:SendMessage*", "kms:Decrypt", "kms:GenerateDataKey" }),
                ("attach_sns_policy", "sns_target_arns", "sns", ["sns:Publish"]),
                ("attach_lambda_policy", "lambda_target_arns", "lambda", ["lambda:InvokeFunction"]),
                ("attach_sfn_policy", "sfn_target_arns", "sfn", ["states:StartExecution"]),
                ("attach_kinesis_policy", "kinesis_target_arns", "kinesis", ["kinesis:PutRecord"]),
                ("attach_kinesis_firehose_policy", "kinesis_firehose_target_arns", "kinesis_firehose", ["firehose:PutRecord"]),
            })
            {
                if (True(inputs[attach]) && inputs[arns] is HclList { Items.Count: > 0 } targets)
                {
                    AddPolicy(result, address, name, call, roleName, [Statement(call, actions, [.. targets.Items])]);
                }
            }
        }

        var rules = inputs["rules"] as HclMap;
        var appendRule = !False(inputs["append_rule_postfix"]);
        var ruleNames = new Dictionary<string, HclValue>(StringComparer.Ordinal);
        if (rules is not null && !False(inputs["create_rules"]))
        {
            foreach (var (key, value) in rules.Entries)
            {
                if (value is not HclMap rule)
                {
                    continue;
                }

                var span = rules.KeySpans?.GetValueOrDefault(key) ?? rule.Span ?? call.TypeSpan;
                var name = new HclString(appendRule ? key.Replace('_', '-') + "-rule" : key) { Span = span };
                var values = new Values(call);
                values.Set("name", name, span);
                values.Set("event_bus_name", ruleBus, SpanOf(inputs, call, "bus_name"));
                CopyEntries(values, rule, span, ("description", "description"), ("event_pattern", "event_pattern"), ("schedule_expression", "schedule_expression"));
                var state = rule["enabled"] switch
                {
                    HclBool b => new HclString(b.Value ? "ENABLED" : "DISABLED") { Span = b.Span },
                    _ => rule["state"] is HclString st ? new HclString(st.Value.ToUpperInvariant()) { Span = st.Span } : rule["state"] is HclBool sb ? new HclString(sb.Value ? "ENABLED" : "DISABLED") { Span = sb.Span } : null,
                };
                values.Set("state", state, state?.Span ?? span);
                if (True(rule["role_arn"]) && createRole)
                {
                    values.Set("role_arn", roleArn, span);
                }

                result.Add(Make(address, "aws_cloudwatch_event_rule", "this", key, call, values));
                ruleNames[key] = name.WithReferences([new HclReference($"{address}.aws_cloudwatch_event_rule.this[\"{key}\"]", "name", span)]);
            }
        }

        if (rules is not null && !False(inputs["create_targets"]) && inputs["targets"] is HclMap targetsByRule)
        {
            foreach (var (ruleKey, ruleName) in ruleNames)
            {
                if (targetsByRule[ruleKey] is not HclList targets)
                {
                    continue;
                }

                foreach (var target in targets.Items.OfType<HclMap>())
                {
                    if (target["name"] is not HclString { Value: var targetKey })
                    {
                        continue; // the module keys its targets by name: one without a name fails to plan
                    }

                    var span = target.Span ?? call.TypeSpan;
                    var values = new Values(call);
                    values.Set("rule", ruleName, span);
                    values.Set("event_bus_name", ruleBus, SpanOf(inputs, call, "bus_name"));
                    CopyEntries(values, target, span, ("arn", "arn"), ("target_id", "target_id"), ("input", "input"), ("input_path", "input_path"));
                    values.Set("role_arn", target["attach_role_arn"] switch
                    {
                        HclString explicitRole => explicitRole,
                        HclBool { Value: true } when createRole => roleArn,
                        _ => null,
                    }, span);
                    NestedBlock(values, "dead_letter_config", span, ("arn", target["dead_letter_arn"]));
                    if (target["retry_policy"] is HclMap retry)
                    {
                        NestedBlock(values, "retry_policy", retry.Span ?? span, ("maximum_event_age_in_seconds", retry["maximum_event_age_in_seconds"]), ("maximum_retry_attempts", retry["maximum_retry_attempts"]));
                    }

                    NestedBlock(values, "sqs_target", span, ("message_group_id", target["message_group_id"]));
                    NestedBlock(values, "kinesis_target", span, ("partition_key_path", target["partition_key_path"]));
                    if (target["input_transformer"] is HclMap transformer)
                    {
                        NestedBlock(values, "input_transformer", transformer.Span ?? span, ("input_paths", transformer["input_paths"]), ("input_template", transformer["input_template"]));
                    }

                    result.Add(Make(address, "aws_cloudwatch_event_target", "this", targetKey, call, values));
                }
            }
        }

        if (schedules is not null)
        {
            var appendSchedule = !False(inputs["append_schedule_postfix"]);
            foreach (var (key, value) in schedules.Entries)
            {
                if (value is not HclMap schedule)
                {
                    continue;
                }

                var span = schedules.KeySpans?.GetValueOrDefault(key) ?? schedule.Span ?? call.TypeSpan;
                var values = new Values(call);
                values.Set("name", new HclString(appendSchedule ? key.Replace('_', '-') + "-schedule" : key) { Span = span }, span);
                CopyEntries(values, schedule, span, ("description", "description"), ("group_name", "group_name"), ("schedule_expression", "schedule_expression"),
                    ("timezone", "schedule_expression_timezone"), ("start_date", "start_date"), ("end_date", "end_date"), ("kms_key_arn", "kms_key_arn"));
                values.Set("state", new HclString(False(schedule["state"]) ? "DISABLED" : "ENABLED"), schedule["state"]?.Span ?? span);
                var flexible = True(schedule["use_flexible_time_window"]);
                NestedBlock(values, "flexible_time_window", span, ("mode", new HclString(flexible ? "FLEXIBLE" : "OFF")), ("maximum_window_in_minutes", schedule["maximum_window_in_minutes"]));
                var target = new List<KeyValuePair<string, HclValue>>();
                if (schedule["arn"] is { } arn)
                {
                    target.Add(new("arn", arn));
                }

                if ((schedule["role_arn"] is HclString { Value.Length: > 0 } explicitRole ? (HclValue)explicitRole : createRole ? roleArn : null) is { } scheduleRole)
                {
                    target.Add(new("role_arn", scheduleRole));
                }

                if (schedule["input"] is { } input)
                {
                    target.Add(new("input", input));
                }

                if (schedule["dead_letter_arn"] is { } dead)
                {
                    target.Add(new("dead_letter_config", new HclList([BlockOf([new("arn", dead)], dead.Span ?? span)])));
                }

                if (schedule["maximum_retry_attempts"] is { } attempts || schedule["maximum_event_age_in_seconds"] is not null)
                {
                    var retry = new List<KeyValuePair<string, HclValue>>();
                    if (schedule["maximum_retry_attempts"] is { } a)
                    {
                        retry.Add(new("maximum_retry_attempts", a));
                    }

                    if (schedule["maximum_event_age_in_seconds"] is { } age)
                    {
                        retry.Add(new("maximum_event_age_in_seconds", age));
                    }

                    target.Add(new("retry_policy", new HclList([BlockOf(retry, span)])));
                }

                values.Set("target", new HclList([BlockOf(target, span)]), span);
                result.Add(Make(address, "aws_scheduler_schedule", "this", key, call, values));
            }
        }

        return result;
    }

    // ---------------------------------------------------------------- terraform-aws-modules/step-functions/aws

    /// <summary>The module's <c>aws_service_policies</c> for the services serverless designs integrate (the others are not modelled).</summary>
    private static readonly Dictionary<(string Service, string Statement), (string[] Actions, string[]? DefaultResources)> StepFunctionsPolicies = new()
    {
        [("lambda", "lambda")] = (["lambda:InvokeFunction"], null),
        [("sns", "sns")] = (["sns:Publish"], null),
        [("sqs", "sqs")] = (["sqs:SendMessage"], null),
        [("xray", "xray")] = (["xray:PutTraceSegments", "xray:PutTelemetryRecords", "xray:GetSamplingRules", "xray:GetSamplingTargets"], ["*"]),
        [("dynamodb", "dynamodb")] = (["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem"], null),
        [("stepfunction", "stepfunction")] = (["states:StartExecution"], null),
        [("eventbridge", "eventbridge")] = (["events:PutEvents"], ["*"]),
    };

    private static List<TerraformResource> StepFunctionsResources(string address, HclBlock call, HclMap inputs)
    {
        if (False(inputs["create"]))
        {
            return [];
        }

        var result = new List<TerraformResource>();
        var useExistingRole = True(inputs["use_existing_role"]);
        var createRole = !False(inputs["create_role"]) && !useExistingRole;
        var machine = Copy(inputs, call, ("name", "name"), ("definition", "definition"), ("publish", "publish"), ("tags", "tags"));
        machine.Set("type", inputs["type"] is HclString type ? new HclString(type.Value.ToUpperInvariant()) { Span = type.Span } : new HclString("STANDARD"), SpanOf(inputs, call, "type"));
        machine.Set("role_arn", useExistingRole ? inputs["role_arn"] : createRole ? HclUnknown.Of([new HclReference(address + ".aws_iam_role.this[0]", "arn", call.TypeSpan)], call.TypeSpan) : null, SpanOf(inputs, call, "role_arn"));

        var logging = inputs["logging_configuration"] as HclMap;
        var level = logging?["level"] is HclString l ? l.Value : "OFF";
        if (level != "OFF" && logging is not null)
        {
            var span = SpanOf(inputs, call, "logging_configuration");
            var useExisting = True(inputs["use_existing_cloudwatch_log_group"]);
            if (!useExisting)
            {
                var logs = new Values(call);
                logs.Set("name", inputs["cloudwatch_log_group_name"] ?? (inputs["name"] is HclString n ? new HclString("/aws/vendedlogs/states/" + n.Value) : HclUnknown.Of([], call.TypeSpan)), SpanOf(inputs, call, "cloudwatch_log_group_name"));
                logs.Copy(inputs, ("cloudwatch_log_group_retention_in_days", "retention_in_days"), ("cloudwatch_log_group_kms_key_id", "kms_key_id"));
                result.Add(Make(address, "aws_cloudwatch_log_group", "sfn", 0, call, logs));
            }

            var reference = new HclReference(address + (useExisting ? ".data.aws_cloudwatch_log_group.sfn[0]" : ".aws_cloudwatch_log_group.sfn[0]"), "arn", span);
            var destination = logging["log_destination"] ?? new HclUnknown { References = [reference], Span = span, PartialText = reference.Placeholder + ":*" };
            NestedBlock(machine, "logging_configuration", span, ("log_destination", destination), ("include_execution_data", logging["include_execution_data"]), ("level", logging["level"]));
        }

        var integrations = inputs["service_integrations"] as HclMap;
        if (integrations?["xray"] is HclMap xray && True(xray["xray"]))
        {
            NestedBlock(machine, "tracing_configuration", SpanOf(inputs, call, "service_integrations"), ("enabled", HclValue.True));
        }

        result.Insert(0, Make(address, "aws_sfn_state_machine", "this", 0, call, machine));
        if (!createRole)
        {
            return result;
        }

        var role = new Values(call);
        role.Set("name", inputs["role_name"] ?? inputs["name"] ?? HclUnknown.Of([], call.TypeSpan), SpanOf(inputs, call, "role_name"));
        role.Set("assume_role_policy", AssumeRolePolicy(call, "states.amazonaws.com"), call.TypeSpan);
        result.Add(Make(address, "aws_iam_role", "this", 0, call, role));
        var roleName = HclUnknown.Of([new HclReference(address + ".aws_iam_role.this[0]", "name", call.TypeSpan)], call.TypeSpan);
        if (integrations is not null && !False(inputs["attach_policies_for_integrations"]))
        {
            foreach (var (service, value) in integrations.Entries)
            {
                if (value is not HclMap statements)
                {
                    continue;
                }

                var list = new List<HclValue>();
                foreach (var (statement, resources) in statements.Entries)
                {
                    if (!StepFunctionsPolicies.TryGetValue((service, statement), out var policy))
                    {
                        continue;
                    }

                    List<HclValue>? targets = resources switch
                    {
                        HclBool { Value: true } when policy.DefaultResources is { } all => [.. all.Select(r => (HclValue)new HclString(r))],
                        HclList items => [.. items.Items],
                        _ => null,
                    };
                    if (targets is not null)
                    {
                        list.Add(Statement(call, policy.Actions, targets) with { Span = statements.Span ?? call.TypeSpan });
                    }
                }

                if (list.Count > 0)
                {
                    AddPolicy(result, address, "service", call, roleName, list, service);
                }
            }
        }

        if (True(inputs["attach_policy_statements"]) && inputs["policy_statements"] is HclMap policyStatements)
        {
            AddPolicy(result, address, "additional_inline", call, roleName, [.. policyStatements.Entries.Values.OfType<HclMap>().Select(PolicyStatement)]);
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

        return result;
    }

    // ---------------------------------------------------------------- terraform-aws-modules/apigateway-v2/aws

    private static List<TerraformResource> ApiGatewayV2Resources(string address, HclBlock call, HclMap inputs)
    {
        // Before v5 the routes were the 'integrations' input and the stage was aws_apigatewayv2_stage.default.
        var legacy = inputs["routes"] is null && inputs["integrations"] is not null;
        if (False(inputs["create"]) || (legacy && False(inputs["create_api_gateway"])))
        {
            return [];
        }

        var result = new List<TerraformResource>();
        var protocol = inputs["protocol_type"] is HclString p ? p.Value : "HTTP";
        var isHttp = protocol == "HTTP";
        var api = Copy(inputs, call, ("name", "name"), ("description", "description"), ("disable_execute_api_endpoint", "disable_execute_api_endpoint"),
            ("route_selection_expression", "route_selection_expression"), ("api_key_selection_expression", "api_key_selection_expression"), ("tags", "tags"));
        api.Set("protocol_type", new HclString(protocol), SpanOf(inputs, call, "protocol_type"));
        if (isHttp)
        {
            api.Copy(inputs, ("body", "body"), ("credentials_arn", "credentials_arn"), ("route_key", "route_key"), ("target", "target"));
            if (inputs["cors_configuration"] is HclMap { Entries.Count: > 0 } cors)
            {
                api.Set("cors_configuration", new HclList([BlockOf(cors.Entries, cors.Span ?? SpanOf(inputs, call, "cors_configuration"))]), SpanOf(inputs, call, "cors_configuration"));
            }
        }

        result.Add(Make(address, "aws_apigatewayv2_api", "this", 0, call, api));
        var apiId = HclUnknown.Of([new HclReference(address + ".aws_apigatewayv2_api.this[0]", "id", call.TypeSpan)], call.TypeSpan);

        if (inputs["authorizers"] is HclMap authorizers && !(legacy && False(inputs["create_routes_and_integrations"])))
        {
            foreach (var (key, value) in authorizers.Entries)
            {
                if (value is not HclMap a)
                {
                    continue;
                }

                var span = authorizers.KeySpans?.GetValueOrDefault(key) ?? a.Span ?? call.TypeSpan;
                var values = new Values(call);
                values.Set("api_id", apiId, call.TypeSpan);
                values.Set("name", a["name"] ?? new HclString(key), span);
                values.Set("authorizer_type", a["authorizer_type"] ?? new HclString("REQUEST"), span);
                CopyEntries(values, a, span, ("authorizer_uri", "authorizer_uri"), ("identity_sources", "identity_sources"), ("authorizer_payload_format_version", "authorizer_payload_format_version"),
                    ("enable_simple_responses", "enable_simple_responses"), ("authorizer_result_ttl_in_seconds", "authorizer_result_ttl_in_seconds"), ("authorizer_credentials_arn", "authorizer_credentials_arn"));
                var jwt = a["jwt_configuration"] as HclMap;
                NestedBlock(values, "jwt_configuration", span, ("audience", jwt?["audience"] ?? a["audience"]), ("issuer", jwt?["issuer"] ?? a["issuer"]));
                result.Add(Make(address, "aws_apigatewayv2_authorizer", "this", key, call, values));
            }
        }

        var routes = (legacy ? inputs["integrations"] : inputs["routes"]) as HclMap;
        if (routes is not null && !False(inputs["create_routes_and_integrations"]))
        {
            foreach (var (key, value) in routes.Entries)
            {
                if (value is not HclMap route)
                {
                    continue;
                }

                var span = routes.KeySpans?.GetValueOrDefault(key) ?? route.Span ?? call.TypeSpan;
                var integration = new Values(call);
                integration.Set("api_id", apiId, call.TypeSpan);
                if (legacy)
                {
                    var uri = route["lambda_arn"] ?? route["integration_uri"];
                    integration.Set("integration_type", route["integration_type"] ?? new HclString(uri is null ? "MOCK" : "AWS_PROXY"), span);
                    integration.Set("integration_uri", uri, uri?.Span ?? span);
                    integration.Set("integration_method", route["integration_method"] ?? (route["integration_subtype"] is null ? new HclString("POST") : null), span);
                    integration.Set("connection_type", route["connection_type"] ?? new HclString("INTERNET"), span);
                    CopyEntries(integration, route, span, ("integration_subtype", "integration_subtype"), ("payload_format_version", "payload_format_version"), ("timeout_milliseconds", "timeout_milliseconds"),
                        ("credentials_arn", "credentials_arn"), ("description", "description"), ("connection_id", "connection_id"));
                }
                else if (route["integration"] is HclMap i)
                {
                    integration.Set("integration_type", i["type"] ?? new HclString("AWS_PROXY"), i["type"]?.Span ?? span);
                    CopyEntries(integration, i, span, ("uri", "integration_uri"), ("method", "integration_method"), ("subtype", "integration_subtype"), ("payload_format_version", "payload_format_version"),
                        ("timeout_milliseconds", "timeout_milliseconds"), ("credentials_arn", "credentials_arn"), ("description", "description"), ("connection_type", "connection_type"), ("connection_id", "connection_id"));
                }

                result.Add(Make(address, "aws_apigatewayv2_integration", "this", key, call, integration));

                var values = new Values(call);
                values.Set("api_id", apiId, call.TypeSpan);
                values.Set("route_key", new HclString(key) { Span = span }, span);
                values.Set("authorization_type", route["authorization_type"] ?? (legacy ? new HclString("NONE") : null), route["authorization_type"]?.Span ?? span);
                if (route["authorizer_key"] is HclString authorizerKey)
                {
                    values.Set("authorizer_id", HclUnknown.Of([new HclReference($"{address}.aws_apigatewayv2_authorizer.this[\"{authorizerKey.Value}\"]", "id", authorizerKey.Span ?? span)], authorizerKey.Span ?? span), authorizerKey.Span ?? span);
                }
                else
                {
                    values.Set("authorizer_id", route["authorizer_id"], span);
                }

                values.Set("authorization_scopes", route["authorization_scopes"] is HclString scopes ? new HclList([.. scopes.Value.Split(',').Select(s => (HclValue)new HclString(s))]) : route["authorization_scopes"], span);
                CopyEntries(values, route, span, ("operation_name", "operation_name"), ("api_key_required", "api_key_required"));
                var integrationId = new HclReference($"{address}.aws_apigatewayv2_integration.this[\"{key}\"]", "id", span);
                values.Set("target", new HclUnknown { References = [integrationId], Span = span, PartialText = "integrations/" + integrationId.Placeholder }, span);
                result.Add(Make(address, "aws_apigatewayv2_route", "this", key, call, values));
            }
        }

        if (legacy)
        {
            LegacyStage(address, call, inputs, apiId, result);
        }
        else
        {
            Stage(address, call, inputs, apiId, isHttp, result);
        }

        return result;
    }

    /// <summary>v5+: the stage (default <c>$default</c>) with access logs into a log group the module creates by default (30 days).</summary>
    private static void Stage(string address, HclBlock call, HclMap inputs, HclValue apiId, bool isHttp, List<TerraformResource> result)
    {
        if (False(inputs["create_stage"]))
        {
            return;
        }

        var stage = new Values(call);
        stage.Set("api_id", apiId, call.TypeSpan);
        var stageName = inputs["stage_name"] ?? new HclString("$default");
        stage.Set("name", stageName, SpanOf(inputs, call, "stage_name"));
        stage.Set("auto_deploy", isHttp ? HclValue.True : null, call.TypeSpan);
        stage.Copy(inputs, ("stage_description", "description"), ("stage_variables", "stage_variables"));

        // stage_access_log_settings defaults to {}: access logs on, into a log group the module creates (30 days).
        var logSpan = SpanOf(inputs, call, "stage_access_log_settings");
        var logSettings = inputs.Entries.ContainsKey("stage_access_log_settings") ? inputs["stage_access_log_settings"] as HclMap : HclMap.From([]);
        if (logSettings is not null)
        {
            HclValue? destination = logSettings["destination_arn"];
            if (!False(logSettings["create_log_group"]))
            {
                var logs = new Values(call);
                var name = logSettings["log_group_name"]
                    ?? (inputs["name"] is HclString api && stageName is HclString st ? new HclString($"/aws/apigateway/{api.Value}/{st.Value.Replace("$", "", StringComparison.Ordinal)}") : HclUnknown.Of([], logSpan));
                logs.Set("name", name, logSpan);
                logs.Set("retention_in_days", logSettings["log_group_retention_in_days"] ?? new HclNumber(30), logSettings["log_group_retention_in_days"]?.Span ?? logSpan);
                logs.Set("kms_key_id", logSettings["log_group_kms_key_id"], logSpan);
                result.Add(Make(address, "aws_cloudwatch_log_group", "this", "this", call, logs));
                destination = HclUnknown.Of([new HclReference(address + ".aws_cloudwatch_log_group.this[\"this\"]", "arn", logSpan)], logSpan);
            }

            NestedBlock(stage, "access_log_settings", logSpan, ("destination_arn", destination), ("format", logSettings["format"] ?? HclUnknown.Of([], logSpan, "the module's default JSON access log format")));
        }

        var routeSettings = inputs.Entries.ContainsKey("stage_default_route_settings") ? inputs["stage_default_route_settings"] as HclMap : HclMap.From([]);
        if (routeSettings is not null)
        {
            var span = SpanOf(inputs, call, "stage_default_route_settings");
            NestedBlock(stage, "default_route_settings", span,
                ("detailed_metrics_enabled", routeSettings["detailed_metrics_enabled"] ?? HclValue.True),
                ("throttling_burst_limit", routeSettings["throttling_burst_limit"] ?? new HclNumber(500)),
                ("throttling_rate_limit", routeSettings["throttling_rate_limit"] ?? new HclNumber(1000)));
        }

        stage.Copy(inputs, ("stage_tags", "tags"));
        result.Add(Make(address, "aws_apigatewayv2_stage", "this", 0, call, stage));
    }

    /// <summary>Before v5: the <c>$default</c> stage, with access logs only when a destination (or the module's log group) and a format are given.</summary>
    private static void LegacyStage(string address, HclBlock call, HclMap inputs, HclValue apiId, List<TerraformResource> result)
    {
        if (False(inputs["create_default_stage"]))
        {
            return;
        }

        var stage = new Values(call);
        stage.Set("api_id", apiId, call.TypeSpan);
        stage.Set("name", new HclString("$default"), call.TypeSpan);
        stage.Set("auto_deploy", HclValue.True, call.TypeSpan);
        var destination = inputs["default_stage_access_log_destination_arn"];
        if (True(inputs["create_default_stage_access_log_group"]))
        {
            var logs = new Values(call);
            logs.Copy(inputs, ("default_stage_access_log_group_name", "name"), ("default_stage_access_log_group_retention_in_days", "retention_in_days"));
            result.Add(Make(address, "aws_cloudwatch_log_group", "this", 0, call, logs));
            destination = HclUnknown.Of([new HclReference(address + ".aws_cloudwatch_log_group.this[0]", "arn", call.TypeSpan)], call.TypeSpan);
        }

        if (destination is not null && inputs["default_stage_access_log_format"] is { } format)
        {
            NestedBlock(stage, "access_log_settings", SpanOf(inputs, call, "default_stage_access_log_format"), ("destination_arn", destination), ("format", format));
        }

        if (inputs["default_route_settings"] is HclMap { Entries.Count: > 0 } settings)
        {
            NestedBlock(stage, "default_route_settings", SpanOf(inputs, call, "default_route_settings"),
                ("detailed_metrics_enabled", settings["detailed_metrics_enabled"] ?? HclValue.False),
                ("throttling_burst_limit", settings["throttling_burst_limit"]), ("throttling_rate_limit", settings["throttling_rate_limit"]));
        }

        stage.Copy(inputs, ("default_stage_tags", "tags"));
        result.Add(Make(address, "aws_apigatewayv2_stage", "default", 0, call, stage));
    }

    // ---------------------------------------------------------------- helpers

    /// <summary>Copies entries of an input object (a rule, a route) with their own spans.</summary>
    private static void CopyEntries(Values values, HclMap from, SourceSpan fallback, params (string From, string To)[] names)
    {
        foreach (var (source, to) in names)
        {
            if (from[source] is { } v)
            {
                values.Set(to, v, from.KeySpans?.GetValueOrDefault(source) ?? v.Span ?? fallback);
            }
        }
    }

    /// <summary>A nested block of the given values, added only when one of them is set.</summary>
    private static void NestedBlock(Values values, string type, SourceSpan span, params (string Name, HclValue? Value)[] entries)
    {
        var set = entries.Where(e => e.Value is not null and not HclNull).Select(e => new KeyValuePair<string, HclValue>(e.Name, e.Value!)).ToList();
        if (set.Count > 0)
        {
            values.Set(type, new HclList([BlockOf(set, span)]), span);
        }
    }

    /// <summary>A nested block's body: its keys are attribute names (renamed into the twin's property names), unlike a map's.</summary>
    private static HclMap BlockOf(IEnumerable<KeyValuePair<string, HclValue>> entries, SourceSpan span)
    {
        var list = entries.ToList();
        return HclMap.From(list) with { Span = span, KeySpans = list.ToDictionary(e => e.Key, _ => span, StringComparer.Ordinal) };
    }
}
