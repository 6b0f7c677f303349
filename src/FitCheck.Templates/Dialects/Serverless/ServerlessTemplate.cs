using FitCheck.Model;
using FitCheck.Templates.Reading;

namespace FitCheck.Templates.Dialects.Serverless;

/// <summary>
/// Writes a typed service as the SAM template it stands for, node by node, so the shared SAM and CloudFormation mappers
/// model it: functions become <c>AWS::Serverless::Function</c>s whose logical id is the key under <c>functions:</c>,
/// events become SAM events (the same flows and triggers), <c>provider</c> becomes <c>Globals</c>, the shared role
/// <c>IamRoleLambdaExecution</c> holds the provider's statements, and <c>resources.Resources</c> are copied as written.
/// Every node keeps the position of the serverless.yml value it comes from, so findings land on the user's lines.
/// </summary>
internal sealed class ServerlessTemplate
{
    private readonly ServerlessService _service;
    private readonly List<Diagnostic> _diagnostics;
    private readonly List<KeyValuePair<ScalarNode, TemplateNode>> _resources = [];
    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);
    private readonly HashSet<string> _userIds;
    private readonly List<TemplateNode> _frameworkStatements = [];

    private ServerlessTemplate(ServerlessService service, List<Diagnostic> diagnostics)
    {
        _service = service;
        _diagnostics = diagnostics;
        _userIds = new HashSet<string>(service.Resources?.Pairs.Select(p => p.Key.Value) ?? [], StringComparer.Ordinal);
    }

    /// <summary>The component id of each function (its key, or its logical id when the key clashes), by key.</summary>
    public Dictionary<string, string> FunctionIds { get; } = new(StringComparer.Ordinal);

    /// <summary>Framework logical ids (<c>HelloLambdaFunction</c>) and their component ids, for references in <c>resources</c>.</summary>
    public Dictionary<string, string> Aliases { get; } = new(StringComparer.Ordinal);

    /// <summary>Events the SAM vocabulary has no type for (alb, alexaSmartHome, cloudFront): added to the model afterwards.</summary>
    public List<(string FunctionId, ServerlessEvent Event)> OtherEvents { get; } = [];

    /// <summary>The function names the framework deploys (<c>service-stage-key</c>), by component id, when known.</summary>
    public Dictionary<string, string> DeployedNames { get; } = new(StringComparer.Ordinal);

    /// <summary>Builds the SAM template tree of <paramref name="service"/>.</summary>
    public static (MappingNode Root, ServerlessTemplate Template) Build(ServerlessService service, List<Diagnostic> diagnostics)
    {
        var template = new ServerlessTemplate(service, diagnostics);
        return (template.Root(), template);
    }

    private MappingNode Root()
    {
        var span = _service.Root.Span;
        foreach (var function in _service.Functions)
        {
            var id = function.Key;
            if (_userIds.Contains(id) || !_ids.Add(id))
            {
                id = function.LogicalId;
                _ids.Add(id);
            }

            FunctionIds[function.Key] = id;
            Aliases[function.LogicalId] = id;
        }

        foreach (var machine in _service.StateMachines)
        {
            _ids.Add(machine.Key);
            Aliases[machine.LogicalId] = machine.Key;
        }

        foreach (var function in _service.Functions)
        {
            Function(function);
        }

        foreach (var machine in _service.StateMachines)
        {
            StateMachine(machine);
        }

        if (_service.Functions.Any(f => f.Role is null) && _service.Provider.Role is null && _service.Functions.Count > 0)
        {
            ExecutionRole();
        }

        // The user's resources last, with references to the framework's logical ids pointed at the components.
        if (_service.Resources is { } resources)
        {
            foreach (var (key, value) in resources.Pairs)
            {
                if (_ids.Contains(key.Value))
                {
                    // S3Bucket<Name>, SNSTopic<Name>, CognitoUserPool<Name>: the framework merges the user's resource into its own.
                    var index = _resources.FindIndex(p => p.Key.Value == key.Value);
                    if (index >= 0)
                    {
                        _resources[index] = new(key, Relink(value));
                        continue;
                    }
                }

                _resources.Add(new(key, Relink(value)));
            }
        }

        var entries = new List<KeyValuePair<ScalarNode, TemplateNode>>
        {
            new(S("Transform", span), S("AWS::Serverless-2016-10-31", span)),
        };
        if (Globals() is { } globals)
        {
            entries.Add(new(S("Globals", _service.Provider.Span), globals));
        }

        if (_service.Conditions is { } conditions)
        {
            entries.Add(new(S("Conditions", conditions.Span), conditions));
        }

        entries.Add(new(S("Resources", span), new MappingNode(_resources, span)));
        if (_service.Outputs is { } outputs)
        {
            entries.Add(new(S("Outputs", outputs.Span), Relink(outputs)));
        }

        return new MappingNode(entries, span);
    }

    // ---- provider ----------------------------------------------------------------------------------------------

    private MappingNode? Globals()
    {
        var p = _service.Provider;
        var function = Map(p.Span,
            ("Runtime", p.Runtime?.Node),
            ("MemorySize", p.MemorySize?.Node),
            ("Timeout", p.Timeout?.Node),
            ("Architectures", p.Architecture is { } a ? L(a.Span, a.Node) : null),
            ("Tracing", p.LambdaTracing is { } t ? TracingMode(t) : null),
            ("EphemeralStorage", p.EphemeralStorageSize is { } e ? Map(e.Span, ("Size", e.Node)) : null),
            ("KmsKeyArn", p.KmsKeyArn?.Node),
            ("Environment", p.Environment is { } env ? Map(env.Span, ("Variables", Relink(env))) : null));
        return function.Count == 0 ? null : Map(p.Span, ("Function", function));
    }

    private static ScalarNode TracingMode(ServerlessProperty tracing) => tracing.Text?.ToLowerInvariant() switch
    {
        "true" or "active" => S("Active", tracing.Span),
        "passthrough" => S("PassThrough", tracing.Span),
        "false" => S("Disabled", tracing.Span),
        _ => S(tracing.Text ?? "Disabled", tracing.Span),
    };

    private void ExecutionRole()
    {
        var p = _service.Provider;
        var span = p.IamStatements.Count > 0 ? p.IamStatements[0].Span : p.Span;
        var statements = new List<TemplateNode>();
        statements.AddRange(p.IamStatements.Select(Relink));
        statements.AddRange(_frameworkStatements);
        var managed = new List<TemplateNode>(p.ManagedPolicies.Select(Relink));
        if (_service.Functions.Any(f => (f.Vpc ?? p.Vpc) is not null))
        {
            managed.Add(S("arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole", (p.Vpc ?? _service.Functions.First(f => f.Vpc is not null).Vpc!).Span));
        }

        var properties = Map(p.Span,
            ("AssumeRolePolicyDocument", Map(p.Span, ("Statement", L(p.Span, Map(p.Span,
                ("Effect", S("Allow", p.Span)),
                ("Principal", Map(p.Span, ("Service", L(p.Span, S("lambda.amazonaws.com", p.Span))))),
                ("Action", L(p.Span, S("sts:AssumeRole", p.Span)))))))),
            ("ManagedPolicyArns", managed.Count > 0 ? new SequenceNode(managed, p.Span) : null),
            ("PermissionsBoundary", p.PermissionsBoundary?.Node),
            ("Policies", statements.Count > 0
                ? L(span, Map(span,
                    ("PolicyName", S("lambda", span)),
                    ("PolicyDocument", Map(span, ("Version", S("2012-10-17", span)), ("Statement", new SequenceNode(statements, span))))))
                : null));
        AddResource(ServerlessNaming.ExecutionRole, "AWS::IAM::Role", properties, p.Span);
    }

    /// <summary>A statement the framework adds to the shared role for an event source or destination it wires.</summary>
    private void Allow(SourceSpan span, TemplateNode resource, params string[] actions) =>
        _frameworkStatements.Add(Map(span,
            ("Effect", S("Allow", span)),
            ("Action", new SequenceNode(actions.Select(a => (TemplateNode)S(a, span)).ToList(), span)),
            ("Resource", resource)));

    // ---- functions ---------------------------------------------------------------------------------------------

    private void Function(ServerlessFunction f)
    {
        var id = FunctionIds[f.Key];
        var span = f.Span;
        var name = f.Name?.Node ?? (DeployedName(f.Key) is { } deployed ? S(deployed, span) : null);
        if (name is ScalarNode n)
        {
            DeployedNames[id] = n.Value;
        }

        var events = new List<KeyValuePair<ScalarNode, TemplateNode>>();
        var counters = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var ev in f.Events)
        {
            var number = counters[ev.Type] = counters.GetValueOrDefault(ev.Type) + 1;
            var eventName = ServerlessNaming.AlphaNumericOnly(ev.Type) + number;
            if (Event(f, id, ev, eventName) is { } sam)
            {
                events.Add(new(S(eventName, ev.Span), sam));
            }
        }

        var canary = CanarySettings(f);
        var properties = Map(span,
            ("FunctionName", name),
            ("Handler", f.Handler?.Node),
            ("PackageType", f.Image is { } image ? S("Image", image.Span) : null),
            ("ImageUri", f.Image?.Node is ScalarNode ? f.Image.Node : null),
            ("Runtime", f.Runtime?.Node),
            ("MemorySize", f.MemorySize?.Node),
            ("Timeout", f.Timeout?.Node),
            ("Architectures", f.Architecture is { } a ? L(a.Span, a.Node) : null),
            ("Tracing", f.Tracing is { } t ? TracingMode(t) : null),
            ("EphemeralStorage", f["ephemeralStorageSize"] is { } e ? Map(e.Span, ("Size", e.Node)) : null),
            ("ReservedConcurrentExecutions", f.ReservedConcurrency?.Node),
            ("AutoPublishAlias", canary?["alias"] ?? (f.ProvisionedConcurrency is { } pc ? S("provisioned", pc.Span) : null)),
            ("DeploymentPreference", canary is null ? null : DeploymentPreference(canary)),
            ("ProvisionedConcurrencyConfig", f.ProvisionedConcurrency is { } pcc ? Map(pcc.Span, ("ProvisionedConcurrentExecutions", pcc.Node)) : null),
            ("DeadLetterQueue", DeadLetter(f)),
            ("EventInvokeConfig", InvokeConfig(f)),
            ("FunctionUrlConfig", Url(f)),
            ("VpcConfig", Vpc(f.Vpc ?? _service.Provider.Vpc)),
            ("Layers", Layers(f.Layers ?? _service.Provider.Layers)),
            ("KmsKeyArn", f["kmsKeyArn"]?.Node),
            ("Environment", f.Environment is { } env ? Map(env.Span, ("Variables", Relink(env))) : null),
            ("Role", Role(f)),
            ("Events", events.Count > 0 ? new MappingNode(events, span) : null));
        AddResource(id, "AWS::Serverless::Function", properties, span, f.Body["condition"]?.Text);
        LogGroup(f, id, name as ScalarNode);
    }

    /// <summary>
    /// The serverless-plugin-canary-deployments settings of a function: <c>custom.deploymentSettings</c> overlaid with the
    /// function's <c>deploymentSettings</c>, as the plugin merges them. Only functions with their own deploymentSettings
    /// are shifted, and only when the plugin is loaded.
    /// </summary>
    private MappingNode? CanarySettings(ServerlessFunction f)
    {
        if (f.Body["deploymentSettings"] is not MappingNode own || !_service.HasPlugin(ServerlessPlugins.CanaryDeployments))
        {
            return null;
        }

        var entries = new List<KeyValuePair<ScalarNode, TemplateNode>>();
        if (_service.Custom?["deploymentSettings"] is MappingNode defaults)
        {
            entries.AddRange(defaults.Entries.Where(d => own[d.Key.Value] is null));
        }

        entries.AddRange(own.Entries);
        return new MappingNode(entries, own.Span);
    }

    /// <summary>The SAM DeploymentPreference the plugin's alias and CodeDeploy deployment group stand for.</summary>
    private MappingNode DeploymentPreference(MappingNode settings)
    {
        var span = settings.Span;
        var stages = settings["stages"] is SequenceNode list ? list.Items.Select(i => i.Text).ToList() : [];
        var enabled = stages.Count > 0 && _service.Stage is { } stage && !stages.Contains(stage)
            ? S("false", settings["stages"]!.Span, quoted: false)
            : null;
        var alarms = settings["alarms"] is SequenceNode alarmList
            ? new SequenceNode(alarmList.Items.Select(Alarm).ToList(), alarmList.Span)
            : null;
        var pre = settings["preTrafficHook"] is { } preHook ? Hook(preHook) : null;
        var post = settings["postTrafficHook"] is { } postHook ? Hook(postHook) : null;
        return Map(span,
            ("Type", settings["type"]),
            ("Enabled", enabled),
            ("Alarms", alarms),
            ("Hooks", pre is null && post is null ? null : Map(span, ("PreTraffic", pre), ("PostTraffic", post))));

        // A string is the alarm's logical id; an object names the alarm (name).
        TemplateNode Alarm(TemplateNode alarm) => alarm switch
        {
            ScalarNode id => _userIds.Contains(id.Value) ? R(id.Value, id.Span) : id,
            MappingNode m when m["name"] is { } alarmName => Relink(alarmName),
            _ => Relink(alarm),
        };

        // A hook is a function of the service, by key.
        TemplateNode Hook(TemplateNode hook) =>
            hook.Text is { } key && FunctionIds.TryGetValue(key, out var id) ? R(id, hook.Span) : Relink(hook);
    }

    private string? DeployedName(string key) =>
        _service.Name?.Text is { } service && _service.Stage is { } stage ? $"{service}-{stage}-{key}" : null;

    private void LogGroup(ServerlessFunction f, string id, ScalarNode? name)
    {
        if (f.Body["disableLogs"]?.Text == "true")
        {
            return;
        }

        var retention = f.LogRetentionInDays ?? _service.Provider.LogRetentionInDays;
        var properties = Map(f.Span,
            // When the deployed name is unknown, the group still names its function: /aws/lambda/<Ref function>.
            ("LogGroupName", name is null
                ? new IntrinsicNode("Fn::Join", L(f.Span, S("", f.Span), L(f.Span, S("/aws/lambda/", f.Span), R(id, f.Span))), f.Span)
                : S("/aws/lambda/" + name.Value, f.Span)),
            ("RetentionInDays", retention?.Node));
        AddResource(ServerlessNaming.LogGroupLogicalId(f.Key), "AWS::Logs::LogGroup", properties, f.Span);
    }

    private TemplateNode? Role(ServerlessFunction f)
    {
        var role = f.Role ?? _service.Provider.Role;
        if (role is null)
        {
            return G(ServerlessNaming.ExecutionRole, "Arn", f.Span);
        }

        // A role written as a logical id of resources, or an ARN, a reference...
        return role.Node is ScalarNode s && !s.Value.StartsWith("arn:", StringComparison.Ordinal) && _userIds.Contains(s.Value)
            ? G(s.Value, "Arn", s.Span)
            : Relink(role.Node);
    }

    private MappingNode? DeadLetter(ServerlessFunction f)
    {
        if (f.OnError is not { } onError)
        {
            return null;
        }

        var type = TypeOfArn(onError.Node) ?? "SNS";
        if (_service.Functions.Any(x => x.Role is null) && _service.Provider.Role is null)
        {
            Allow(onError.Span, Relink(onError.Node), type == "SQS" ? "sqs:SendMessage" : "sns:Publish");
        }

        return Map(onError.Span, ("Type", S(type, onError.Span)), ("TargetArn", Relink(onError.Node)));
    }

    private MappingNode? InvokeConfig(ServerlessFunction f)
    {
        var success = Destination(f.OnSuccess);
        var failure = Destination(f.OnFailure);
        if (f.MaximumRetryAttempts is null && f.MaximumEventAge is null && success is null && failure is null)
        {
            return null;
        }

        var span = f.MaximumRetryAttempts?.Span ?? f.MaximumEventAge?.Span ?? f.Body["destinations"]?.Span ?? f.Span;
        return Map(span,
            ("MaximumRetryAttempts", f.MaximumRetryAttempts?.Node),
            ("MaximumEventAgeInSeconds", f.MaximumEventAge?.Node),
            ("DestinationConfig", success is null && failure is null ? null : Map(span, ("OnSuccess", success), ("OnFailure", failure))));
    }

    /// <summary><c>destinations.onSuccess/onFailure</c>: an ARN, a function key, or <c>{type, arn}</c>.</summary>
    private MappingNode? Destination(ServerlessProperty? destination)
    {
        if (destination is null)
        {
            return null;
        }

        var span = destination.Span;
        TemplateNode target;
        string? type;
        if (destination.Node is MappingNode m && m["arn"] is { } arn)
        {
            target = Relink(arn);
            type = m["type"]?.Text?.ToLowerInvariant() switch
            {
                "sqs" => "SQS",
                "sns" => "SNS",
                "eventbus" => "EventBridge",
                "function" => "Lambda",
                _ => TypeOfArn(arn),
            };
        }
        else if (destination.Text is { } text && !text.StartsWith("arn:", StringComparison.Ordinal) && FunctionIds.TryGetValue(text, out var fn))
        {
            target = G(fn, "Arn", span);
            type = "Lambda";
        }
        else
        {
            target = Relink(destination.Node);
            type = TypeOfArn(destination.Node);
        }

        if (_service.Provider.Role is null)
        {
            var action = type switch { "SQS" => "sqs:SendMessage", "SNS" => "sns:Publish", "EventBridge" => "events:PutEvents", _ => "lambda:InvokeFunction" };
            Allow(span, target, action);
        }

        return Map(span, ("Type", type is null ? null : S(type, span)), ("Destination", target));
    }

    private static MappingNode? Url(ServerlessFunction f)
    {
        if (f.Url is not { } url || url.Text == "false")
        {
            return null;
        }

        var authType = f.UrlAuthorizer?.Text?.Equals("aws_iam", StringComparison.OrdinalIgnoreCase) == true ? "AWS_IAM" : "NONE";
        return Map(url.Span,
            ("AuthType", S(authType, f.UrlAuthorizer?.Span ?? url.Span)),
            ("InvokeMode", url.Node["invokeMode"]));
    }

    private MappingNode? Vpc(MappingNode? vpc) => vpc is null
        ? null
        : Map(vpc.Span, ("SecurityGroupIds", vpc["securityGroupIds"] is { } sg ? Relink(sg) : null), ("SubnetIds", vpc["subnetIds"] is { } sn ? Relink(sn) : null));

    private TemplateNode? Layers(TemplateNode? layers) => layers switch
    {
        null => null,
        SequenceNode seq => new SequenceNode(seq.Items.Select(Layer).ToList(), seq.Span),
        _ => Relink(layers),
    };

    /// <summary>A layer ARN, a reference, or the name of a layer under <c>layers:</c> (<c>{Ref: CommonLambdaLayer}</c>).</summary>
    private TemplateNode Layer(TemplateNode layer) => Relink(layer);

    // ---- events ------------------------------------------------------------------------------------------------

    private MappingNode? Event(ServerlessFunction f, string functionId, ServerlessEvent ev, string eventName)
    {
        var span = ev.Span;
        var body = ev.Body as MappingNode;
        MappingNode Sam(string type, params (string Key, TemplateNode? Value)[] properties) =>
            Map(ev.Body.Span.Line > 0 ? Cover(ev) : span, ("Type", S(type, span)), ("Properties", Map(span, properties)));
        TemplateNode? P(string name) => body?[name] is { } node ? Relink(node) : null;

        switch (ev.Kind)
        {
            case ServerlessEventKind.Http:
                return Sam("Api",
                    ("Path", S(NormalizePath(ev.Path), span)),
                    ("Method", S(ev.Method ?? "ANY", span)),
                    ("RestApiId", R(RestApi(span), span)),
                    ("Auth", HttpAuth(body, span)),
                    ("RequestModel", RequestSchema(body)));
            case ServerlessEventKind.HttpApi:
                return Sam("HttpApi",
                    ("Path", S(ev.Path == "*" ? "$default" : NormalizePath(ev.Path), span)),
                    ("Method", S(ev.Method is null or "*" ? "ANY" : ev.Method, span)),
                    ("ApiId", R(HttpApi(span), span)),
                    ("Auth", HttpApiAuth(body?["authorizer"], span)));
            case ServerlessEventKind.Websocket:
                Websocket(functionId, ev, eventName);
                return null;
            case ServerlessEventKind.Sqs:
                if (ev.Source is { } queue)
                {
                    Allow(span, Relink(queue.Node), "sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes");
                }

                return Sam("SQS",
                    ("Queue", ev.Source is { } q ? Relink(q.Node) : null),
                    ("BatchSize", P("batchSize")),
                    ("MaximumBatchingWindowInSeconds", P("maximumBatchingWindow")),
                    ("FunctionResponseTypes", ResponseTypes(body, span)),
                    ("Enabled", P("enabled")),
                    ("FilterCriteria", Filter(body)),
                    ("ScalingConfig", body?["maximumConcurrency"] is { } mc ? Map(mc.Span, ("MaximumConcurrency", mc)) : null));
            case ServerlessEventKind.Stream:
            {
                var kinesis = ev.StreamType == "kinesis";
                if (ev.Source is { } stream)
                {
                    Allow(span, Relink(stream.Node), kinesis
                        ? ["kinesis:GetRecords", "kinesis:GetShardIterator", "kinesis:DescribeStream", "kinesis:DescribeStreamSummary", "kinesis:ListShards", "kinesis:ListStreams"]
                        : ["dynamodb:GetRecords", "dynamodb:GetShardIterator", "dynamodb:DescribeStream", "dynamodb:ListStreams"]);
                }

                var onFailure = body?["destinations"]?["onFailure"];
                var failureArn = onFailure is MappingNode fm ? fm["arn"] : onFailure;
                return Sam(kinesis ? "Kinesis" : "DynamoDB",
                    ("Stream", ev.Source is { } s ? Relink(s.Node) : null),
                    ("StartingPosition", P("startingPosition") ?? S("TRIM_HORIZON", span)),
                    ("BatchSize", P("batchSize")),
                    ("MaximumBatchingWindowInSeconds", P("maximumBatchingWindow")),
                    ("MaximumRetryAttempts", P("maximumRetryAttempts")),
                    ("MaximumRecordAgeInSeconds", P("maximumRecordAgeInSeconds")),
                    ("BisectBatchOnFunctionError", P("bisectBatchOnFunctionError")),
                    ("ParallelizationFactor", P("parallelizationFactor")),
                    ("TumblingWindowInSeconds", P("tumblingWindowInSeconds")),
                    ("FunctionResponseTypes", ResponseTypes(body, span)),
                    ("Enabled", P("enabled")),
                    ("FilterCriteria", Filter(body)),
                    ("DestinationConfig", failureArn is null ? null : Map(failureArn.Span, ("OnFailure", Map(failureArn.Span, ("Destination", Relink(failureArn)))))));
            }
            case ServerlessEventKind.S3:
            {
                var bucket = ev.Source?.Text;
                var existing = body?["existing"]?.Text == "true";
                TemplateNode? bucketRef = null;
                if (bucket is not null && !existing)
                {
                    var bucketId = ServerlessNaming.BucketLogicalId(bucket);
                    EnsureResource(bucketId, "AWS::S3::Bucket", Map(span, ("BucketName", S(bucket, ev.Source!.Span))), span);
                    bucketRef = R(bucketId, ev.Source!.Span);
                }
                else if (ev.Source is { } given)
                {
                    bucketRef = Relink(given.Node);
                }

                return Sam("S3",
                    ("Bucket", bucketRef),
                    ("Events", P("event") ?? S("s3:ObjectCreated:*", span)),
                    ("Filter", body?["rules"] is { } rules ? Map(rules.Span, ("S3Key", Map(rules.Span, ("Rules", Relink(rules))))) : null));
            }
            case ServerlessEventKind.Sns:
            {
                TemplateNode? topic = null;
                var source = ev.Source;
                if (source?.Node is ScalarNode { Value: var name } && !name.StartsWith("arn:", StringComparison.Ordinal))
                {
                    var topicId = ServerlessNaming.TopicLogicalId(name);
                    EnsureResource(topicId, "AWS::SNS::Topic", Map(span, ("TopicName", S(name, source.Span)), ("DisplayName", P("displayName"))), span);
                    topic = R(topicId, source.Span);
                }
                else if (source is not null)
                {
                    topic = Relink(source.Node);
                }

                return Sam("SNS",
                    ("Topic", topic),
                    ("FilterPolicy", P("filterPolicy")),
                    ("FilterPolicyScope", P("filterPolicyScope")),
                    ("RedrivePolicy", body?["redrivePolicy"] is MappingNode redrive
                        ? Map(redrive.Span, ("deadLetterTargetArn", RedriveTarget(redrive)))
                        : null));
            }
            case ServerlessEventKind.Schedule:
            {
                var scheduler = body?["method"]?.Text == "scheduler";
                var rate = ev.Source?.Node is SequenceNode rates ? (rates.Items.Count > 0 ? rates.Items[0] : null) : ev.Source?.Node;
                return scheduler
                    ? Sam("ScheduleV2", ("ScheduleExpression", rate), ("State", body?["enabled"]?.Text == "false" ? S("DISABLED", span) : null), ("Input", P("input")))
                    : Sam("Schedule", ("Schedule", rate), ("Enabled", P("enabled")), ("Input", P("input")), ("Name", P("name")));
            }
            case ServerlessEventKind.EventBridge:
            {
                var bus = ev.Source?.Node;
                if (bus is ScalarNode { Value: var busName } && !busName.StartsWith("arn:", StringComparison.Ordinal) && busName != "default")
                {
                    // A bus given by name is created by the framework.
                    var busId = "EventBridgeEventBus" + ServerlessNaming.AlphaNumericOnly(busName);
                    EnsureResource(busId, "AWS::Events::EventBus", Map(span, ("Name", S(busName, bus.Span))), span);
                    bus = R(busId, bus.Span);
                }

                return Sam("EventBridgeRule",
                    ("Pattern", P("pattern")),
                    ("Schedule", P("schedule")),
                    ("EventBusName", bus is null ? null : Relink(bus)),
                    ("Input", P("input")),
                    ("RetryPolicy", body?["retryPolicy"] is MappingNode retry
                        ? Map(retry.Span, ("MaximumRetryAttempts", retry["maximumRetryAttempts"]), ("MaximumEventAgeInSeconds", retry["maximumEventAge"]))
                        : null),
                    ("DeadLetterConfig", body?["deadLetterQueueArn"] is { } dlq ? Map(dlq.Span, ("Arn", Relink(dlq))) : null));
            }
            case ServerlessEventKind.CloudWatchEvent:
                return Sam("CloudWatchEvent", ("Pattern", P("event")), ("Input", P("input")), ("Enabled", P("enabled")));
            case ServerlessEventKind.CloudWatchLog:
                return Sam("CloudWatchLogs", ("LogGroupName", ev.Source is { } g ? Relink(g.Node) : null), ("FilterPattern", P("filter") ?? S("", span)));
            case ServerlessEventKind.CognitoUserPool:
            {
                var pool = ev.Source?.Text;
                TemplateNode? poolRef = null;
                if (pool is not null && body?["existing"]?.Text != "true")
                {
                    var poolId = "CognitoUserPool" + ServerlessNaming.AlphaNumericOnly(pool);
                    EnsureResource(poolId, "AWS::Cognito::UserPool", Map(span, ("UserPoolName", S(pool, ev.Source!.Span))), span);
                    poolRef = R(poolId, ev.Source!.Span);
                }
                else if (ev.Source is { } given)
                {
                    poolRef = Relink(given.Node);
                }

                return Sam("Cognito", ("UserPool", poolRef), ("Trigger", P("trigger")));
            }
            case ServerlessEventKind.Iot:
                return Sam("IoTRule", ("Sql", P("sql")), ("AwsIotSqlVersion", P("sqlVersion")));
            case ServerlessEventKind.Msk:
                return Sam("MSK",
                    ("Stream", ev.Source is { } cluster ? Relink(cluster.Node) : null),
                    ("Topics", body?["topic"] is { } mskTopic ? L(mskTopic.Span, Relink(mskTopic)) : null),
                    ("StartingPosition", P("startingPosition") ?? S("TRIM_HORIZON", span)),
                    ("BatchSize", P("batchSize")),
                    ("Enabled", P("enabled")));
            case ServerlessEventKind.Kafka:
                return Sam("SelfManagedKafka",
                    ("KafkaBootstrapServers", P("bootstrapServers")),
                    ("Topics", body?["topic"] is { } kafkaTopic ? L(kafkaTopic.Span, Relink(kafkaTopic)) : null),
                    ("BatchSize", P("batchSize")),
                    ("Enabled", P("enabled")));
            case ServerlessEventKind.ActiveMq:
            case ServerlessEventKind.RabbitMq:
                return Sam("MQ",
                    ("Broker", ev.Source is { } broker ? Relink(broker.Node) : null),
                    ("Queues", body?["queue"] is { } mq ? L(mq.Span, Relink(mq)) : null),
                    ("BatchSize", P("batchSize")),
                    ("Enabled", P("enabled")),
                    ("SourceAccessConfigurations", body?["basicAuthArn"] is { } auth
                        ? L(auth.Span, Map(auth.Span, ("Type", S("BASIC_AUTH", auth.Span)), ("URI", Relink(auth))))
                        : null));
            case ServerlessEventKind.AlexaSkill:
                return Sam("AlexaSkill", ("SkillId", ev.Source?.Node));
            case ServerlessEventKind.Unknown:
                return null;
            default:
                // alb, alexaSmartHome, cloudFront, iotFleetProvisioning: no SAM event type; added to the model afterwards.
                OtherEvents.Add((functionId, ev));
                return null;
        }
    }

    private static SourceSpan Cover(ServerlessEvent ev) =>
        new(ev.Span.File, ev.Span.Line, ev.Span.Column, Math.Max(ev.Body.Span.EndLine, ev.Span.EndLine), ev.Body.Span.EndLine >= ev.Span.EndLine ? ev.Body.Span.EndColumn : ev.Span.EndColumn);

    private static string NormalizePath(string? path) =>
        path is null ? "/" : path.StartsWith('/') ? path : "/" + path;

    private TemplateNode? RedriveTarget(MappingNode redrive)
    {
        if (redrive["deadLetterTargetArn"] is { } arn)
        {
            return Relink(arn);
        }

        if (redrive["deadLetterTargetRef"]?.Text is { } id)
        {
            return G(id, "Arn", redrive.Span);
        }

        return redrive["deadLetterTargetImport"] is { } import ? Relink(import) : null;
    }

    private static SequenceNode? ResponseTypes(MappingNode? body, SourceSpan span) =>
        body?["functionResponseType"] is { } type ? L(type.Span, type) : null;

    private MappingNode? Filter(MappingNode? body)
    {
        if (body?["filterPatterns"] is not { } patterns)
        {
            return null;
        }

        return Map(patterns.Span, ("Filters", new SequenceNode(
            Items(patterns).Select(p => (TemplateNode)Map(p.Span, ("Pattern", Relink(p)))).ToList(), patterns.Span)));
    }

    private static MappingNode? HttpAuth(MappingNode? body, SourceSpan span)
    {
        var authorizer = body?["authorizer"];
        var apiKey = body?["private"]?.Text == "true";
        string? name = authorizer switch
        {
            null => null,
            ScalarNode s when s.Value.Equals("aws_iam", StringComparison.OrdinalIgnoreCase) => "AWS_IAM",
            ScalarNode s => s.Value.StartsWith("arn:", StringComparison.Ordinal) ? s.Value[(s.Value.LastIndexOf(':') + 1)..] : s.Value,
            MappingNode m when m["type"]?.Text?.Equals("aws_iam", StringComparison.OrdinalIgnoreCase) == true => "AWS_IAM",
            MappingNode m => m["name"]?.Text ?? m["type"]?.Text ?? (m["arn"] is not null ? "Authorizer" : null),
            _ => null,
        };
        if (name is null && !apiKey)
        {
            return null;
        }

        return Map(authorizer?.Span ?? span,
            ("Authorizer", name is null ? null : S(name, authorizer!.Span)),
            ("ApiKeyRequired", apiKey ? S("true", body!["private"]!.Span, quoted: false) : null));
    }

    /// <summary>
    /// <c>request.schemas</c> (or the legacy <c>request.schema</c>) of an <c>http</c> event: the framework creates a model
    /// and a request validator that checks the body, which SAM writes as a RequestModel with ValidateBody.
    /// </summary>
    private static MappingNode? RequestSchema(MappingNode? body)
    {
        var schemas = body?["request"]?["schemas"] ?? body?["request"]?["schema"];
        if (schemas is not MappingNode { Entries.Count: > 0 } m)
        {
            return null;
        }

        return Map(m.Span,
            ("Model", S(m.Entries[0].Value["name"]?.Text ?? m.Entries[0].Key.Value, m.Span)),
            ("ValidateBody", S("true", m.Span, quoted: false)));
    }

    private static MappingNode? HttpApiAuth(TemplateNode? authorizer, SourceSpan span)
    {
        var name = authorizer switch
        {
            ScalarNode s => s.Value,
            MappingNode m when m["type"]?.Text?.Equals("aws_iam", StringComparison.OrdinalIgnoreCase) == true => "AWS_IAM",
            MappingNode m => m["name"]?.Text ?? m["id"]?.Text,
            _ => null,
        };
        return name is null ? null : Map(authorizer!.Span, ("Authorizer", S(name, authorizer.Span)));
    }

    private string RestApi(SourceSpan span)
    {
        var id = ServerlessNaming.RestApi;
        var p = _service.Provider;
        var at = p.ApiGateway?.Span ?? span;
        var logs = p.Logs?["restApi"];
        EnsureResource(id, "AWS::Serverless::Api", Map(at,
            ("StageName", S(_service.Stage ?? "dev", at)),
            ("Name", DeployedApiName(at)),
            ("TracingEnabled", p.ApiGatewayTracing?.Node),
            ("EndpointConfiguration", p.EndpointType is { } endpoint ? Map(endpoint.Span, ("Type", endpoint.Node)) : null),
            ("MinimumCompressionSize", p.ApiGateway?["minimumCompressionSize"]),
            ("MethodSettings", StageThrottling() is { } rest ? L(rest.Span, Map(rest.Span,
                ("HttpMethod", S("*", rest.Span)), ("ResourcePath", S("/*", rest.Span)),
                ("ThrottlingBurstLimit", rest["ThrottlingBurstLimit"]), ("ThrottlingRateLimit", rest["ThrottlingRateLimit"]))) : null),
            ("Auth", UsagePlan() is { } plan ? Map(plan.Span, ("UsagePlan", plan)) : null),
            ("AccessLogSetting", logs is not null && logs.Text != "false" ? Map(logs.Span, ("DestinationArn", G(ApiLogGroup(logs, "/aws/api-gateway/"), "Arn", logs.Span))) : null)),
            at);
        return id;
    }

    private string HttpApi(SourceSpan span)
    {
        var id = ServerlessNaming.HttpApi;
        var p = _service.Provider;
        var at = p.HttpApi?.Span ?? span;
        var logs = p.Logs?["httpApi"];
        EnsureResource(id, "AWS::Serverless::HttpApi", Map(at,
            ("CorsConfiguration", p.HttpApi?["cors"]),
            ("DefaultRouteSettings", StageThrottling()),
            ("AccessLogSettings", logs is not null && logs.Text != "false" ? Map(logs.Span, ("DestinationArn", G(ApiLogGroup(logs, "/aws/http-api/"), "Arn", logs.Span))) : null)),
            at);
        return id;
    }

    /// <summary>
    /// The stage limits the serverless-api-gateway-throttling plugin sets from <c>custom.apiGatewayThrottling</c>: a limit
    /// left out takes the plugin's default (10,000 requests per second, 5,000 concurrent requests).
    /// </summary>
    private MappingNode? StageThrottling()
    {
        if (_service.Custom?["apiGatewayThrottling"] is not MappingNode settings || !_service.HasPlugin(ServerlessPlugins.ApiGatewayThrottling))
        {
            return null;
        }

        var span = settings.Span;
        return Map(span,
            ("ThrottlingBurstLimit", settings["maxConcurrentRequests"] ?? S("5000", span, quoted: false)),
            ("ThrottlingRateLimit", settings["maxRequestsPerSecond"] ?? S("10000", span, quoted: false)));
    }

    /// <summary>
    /// <c>provider.apiGateway.usagePlan</c> (one plan, or a list of named plans) with its <c>throttle</c>, as SAM's
    /// Auth.UsagePlan: the first plan that throttles.
    /// </summary>
    private MappingNode? UsagePlan()
    {
        IEnumerable<TemplateNode> plans = _service.Provider.ApiGateway?["usagePlan"] switch
        {
            MappingNode one => [one],
            SequenceNode list => list.Items.Select(i => i is MappingNode { Entries.Count: 1 } named ? named.Entries[0].Value : i),
            _ => [],
        };
        foreach (var plan in plans)
        {
            if (plan["throttle"] is MappingNode throttle)
            {
                return Map(plan.Span,
                    ("CreateUsagePlan", S("PER_API", plan.Span)),
                    ("Throttle", Map(throttle.Span, ("BurstLimit", throttle["burstLimit"]), ("RateLimit", throttle["rateLimit"]))));
            }
        }

        return null;
    }

    private ScalarNode? DeployedApiName(SourceSpan span) =>
        _service.Name?.Text is { } service && _service.Stage is { } stage ? S($"{stage}-{service}", span) : null;

    private string ApiLogGroup(TemplateNode logs, string prefix)
    {
        var id = prefix.Contains("http", StringComparison.Ordinal) ? "HttpApiLogGroup" : "ApiGatewayLogGroup";
        var name = _service.Name?.Text is { } service && _service.Stage is { } stage ? S($"{prefix}{service}-{stage}", logs.Span) : null;
        EnsureResource(id, "AWS::Logs::LogGroup", Map(logs.Span, ("LogGroupName", name), ("RetentionInDays", _service.Provider.LogRetentionInDays?.Node)), logs.Span);
        return id;
    }

    private void Websocket(string functionId, ServerlessEvent ev, string eventName)
    {
        var span = ev.Span;
        var api = ServerlessNaming.WebsocketsApi;
        EnsureResource(api, "AWS::ApiGatewayV2::Api", Map(span,
            ("Name", DeployedApiName(span) is { } n ? S(n.Value + "-websockets", span) : null),
            ("ProtocolType", S("WEBSOCKET", span)),
            ("RouteSelectionExpression", S("$request.body.action", span))), span);
        var integration = ServerlessNaming.NormalizedFunctionName(functionId) + "WebsocketsIntegration";
        EnsureResource(integration, "AWS::ApiGatewayV2::Integration", Map(span,
            ("ApiId", R(api, span)),
            ("IntegrationType", S("AWS_PROXY", span)),
            ("IntegrationUri", G(functionId, "Arn", span))), span);
        var route = ev.Path ?? "$default";
        AddResource(ServerlessNaming.NormalizedFunctionName(functionId) + eventName + "WebsocketsRoute", "AWS::ApiGatewayV2::Route", Map(span,
            ("ApiId", R(api, span)),
            ("RouteKey", S(route, span)),
            ("AuthorizationType", ev.Body["authorizer"] is { } auth ? S(auth is ScalarNode s && s.Value == "aws_iam" ? "AWS_IAM" : "CUSTOM", auth.Span) : null),
            ("Target", new IntrinsicNode("Fn::Join", L(span, S("/", span), L(span, S("integrations", span), R(integration, span))), span))), span);
    }

    // ---- state machines ----------------------------------------------------------------------------------------

    private void StateMachine(ServerlessStateMachine machine)
    {
        var span = machine.Span;
        var events = new List<KeyValuePair<ScalarNode, TemplateNode>>();
        var counters = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var ev in machine.Events)
        {
            var number = counters[ev.Type] = counters.GetValueOrDefault(ev.Type) + 1;
            var name = ServerlessNaming.AlphaNumericOnly(ev.Type) + number;
            var body = ev.Body as MappingNode;
            MappingNode? sam = ev.Kind switch
            {
                ServerlessEventKind.Http => Map(Cover(ev), ("Type", S("Api", ev.Span)), ("Properties", Map(ev.Span,
                    ("Path", S(NormalizePath(ev.Path), ev.Span)), ("Method", S(ev.Method ?? "ANY", ev.Span)), ("RestApiId", R(RestApi(ev.Span), ev.Span))))),
                ServerlessEventKind.Schedule => Map(Cover(ev), ("Type", S("Schedule", ev.Span)), ("Properties", Map(ev.Span,
                    ("Schedule", ev.Source?.Node), ("Enabled", body?["enabled"]), ("Input", body?["input"])))),
                ServerlessEventKind.EventBridge or ServerlessEventKind.CloudWatchEvent => Map(Cover(ev), ("Type", S("EventBridgeRule", ev.Span)), ("Properties", Map(ev.Span,
                    ("Pattern", body?["event"] ?? body?["pattern"]), ("EventBusName", body?["eventBusName"] is { } bus ? Relink(bus) : null)))),
                _ => null,
            };
            if (sam is not null)
            {
                events.Add(new(S(name, ev.Span), sam));
            }
        }

        var definition = machine.Definition switch
        {
            MappingNode m => Relink(m),
            ScalarNode s => s, // A JSON string definition: the mapper reads it as DefinitionString.
            _ => null,
        };
        var properties = Map(span,
            ("Name", machine.Name?.Node),
            ("Type", machine.Type?.Node),
            (definition is ScalarNode ? "DefinitionString" : "Definition", definition),
            ("Role", machine.Role?.Node is { } role ? Relink(role) : null),
            ("Logging", machine.LoggingConfig is { } logging ? Relink(logging) : null),
            ("Tracing", machine.TracingConfig?["enabled"] is { } tracing ? Map(tracing.Span, ("Enabled", tracing)) : null),
            ("Events", events.Count > 0 ? new MappingNode(events, span) : null));
        AddResource(machine.Key, "AWS::Serverless::StateMachine", properties, span);
    }

    // ---- references --------------------------------------------------------------------------------------------

    /// <summary>
    /// A copy of <paramref name="node"/> whose <c>Ref</c>, <c>Fn::GetAtt</c> and <c>Fn::Sub</c> references to the framework's
    /// logical ids (<c>HelloLambdaFunction</c>) point at the components (<c>hello</c>). Unchanged nodes are shared.
    /// </summary>
    private TemplateNode Relink(TemplateNode node)
    {
        if (Aliases.Count == 0)
        {
            return node;
        }

        switch (node)
        {
            case IntrinsicNode { Name: "Ref", Argument: ScalarNode id } when Aliases.TryGetValue(id.Value, out var target):
                return new IntrinsicNode("Ref", new ScalarNode(target, id.IsQuoted, id.Span), node.Span);
            case IntrinsicNode { Name: "Fn::GetAtt", Argument: SequenceNode { Items: [ScalarNode id, ..] } seq } when Aliases.TryGetValue(id.Value, out var target):
                return new IntrinsicNode("Fn::GetAtt", new SequenceNode([new ScalarNode(target, id.IsQuoted, id.Span), .. seq.Items.Skip(1)], seq.Span), node.Span);
            case IntrinsicNode { Name: "Fn::Sub" } sub:
                return RelinkSub(sub.Argument) is var subArgument && ReferenceEquals(subArgument, sub.Argument) ? sub : new IntrinsicNode("Fn::Sub", subArgument, sub.Span);
            case IntrinsicNode intrinsic:
                var argument = Relink(intrinsic.Argument);
                return ReferenceEquals(argument, intrinsic.Argument) ? node : new IntrinsicNode(intrinsic.Name, argument, intrinsic.Span);
            case MappingNode mapping:
            {
                List<KeyValuePair<ScalarNode, TemplateNode>>? entries = null;
                for (var i = 0; i < mapping.Entries.Count; i++)
                {
                    var (key, value) = mapping.Entries[i];
                    var relinked = Relink(value);
                    if (!ReferenceEquals(relinked, value))
                    {
                        entries ??= [.. mapping.Entries];
                        entries[i] = new(key, relinked);
                    }
                }

                return entries is null ? node : new MappingNode(entries, mapping.Span);
            }
            case SequenceNode sequence:
            {
                TemplateNode[]? items = null;
                for (var i = 0; i < sequence.Items.Count; i++)
                {
                    var relinked = Relink(sequence.Items[i]);
                    if (!ReferenceEquals(relinked, sequence.Items[i]))
                    {
                        items ??= [.. sequence.Items];
                        items[i] = relinked;
                    }
                }

                return items is null ? node : new SequenceNode(items, sequence.Span);
            }
            default:
                return node;
        }
    }

    private TemplateNode RelinkSub(TemplateNode argument)
    {
        switch (argument)
        {
            case ScalarNode s:
            {
                var text = s.Value;
                foreach (var (alias, target) in Aliases)
                {
                    text = text.Replace("${" + alias + "}", "${" + target + "}", StringComparison.Ordinal)
                        .Replace("${" + alias + ".", "${" + target + ".", StringComparison.Ordinal);
                }

                return text == s.Value ? s : new ScalarNode(text, s.IsQuoted, s.Span);
            }
            case SequenceNode { Items.Count: 2 } seq:
            {
                var first = RelinkSub(seq.Items[0]);
                var second = Relink(seq.Items[1]);
                return ReferenceEquals(first, seq.Items[0]) && ReferenceEquals(second, seq.Items[1]) ? seq : new SequenceNode([first, second], seq.Span);
            }
            default:
                return argument;
        }
    }

    // ---- nodes -------------------------------------------------------------------------------------------------

    private void AddResource(string id, string type, MappingNode properties, SourceSpan span, string? condition = null)
    {
        _ids.Add(id);
        var body = Map(span, ("Type", S(type, span)), ("Condition", condition is null ? null : S(condition, span)), ("Properties", properties));
        _resources.Add(new(S(id, span), body));
    }

    /// <summary>Adds a resource the framework creates once per service (an API, a bucket of an s3 event...), unless there.</summary>
    private void EnsureResource(string id, string type, MappingNode properties, SourceSpan span)
    {
        if (_resources.Exists(p => p.Key.Value == id))
        {
            return;
        }

        if (_userIds.Contains(id))
        {
            // Declared in resources: the user's definition is what is deployed (the framework merges into it).
            _ids.Add(id);
            return;
        }

        AddResource(id, type, properties, span);
    }

    private static string? TypeOfArn(TemplateNode node)
    {
        var text = node switch
        {
            ScalarNode s => s.Value,
            IntrinsicNode { Name: "Fn::Sub", Argument: ScalarNode sub } => sub.Value,
            _ => null,
        };
        return text switch
        {
            null => null,
            _ when text.Contains(":sqs:", StringComparison.Ordinal) => "SQS",
            _ when text.Contains(":sns:", StringComparison.Ordinal) => "SNS",
            _ when text.Contains(":lambda:", StringComparison.Ordinal) => "Lambda",
            _ when text.Contains(":events:", StringComparison.Ordinal) => "EventBridge",
            _ => null,
        };
    }

    private static IEnumerable<TemplateNode> Items(TemplateNode node) => node is SequenceNode seq ? seq.Items : [node];

    private static ScalarNode S(string value, SourceSpan span, bool quoted = true) => new(value, quoted, span);

    private static SequenceNode L(SourceSpan span, params TemplateNode[] items) => new(items, span);

    private static IntrinsicNode R(string id, SourceSpan span) => new("Ref", S(id, span), span);

    private static IntrinsicNode G(string id, string attribute, SourceSpan span) => new("Fn::GetAtt", L(span, S(id, span), S(attribute, span)), span);

    private static MappingNode Map(SourceSpan span, params (string Key, TemplateNode? Value)[] entries) =>
        new(entries.Where(e => e.Value is not null).Select(e => new KeyValuePair<ScalarNode, TemplateNode>(S(e.Key, e.Value!.Span), e.Value!)).ToList(), span);
}
