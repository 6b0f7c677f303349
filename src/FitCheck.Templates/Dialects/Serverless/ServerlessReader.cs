using FitCheck.Model;
using FitCheck.Templates.Reading;

namespace FitCheck.Templates.Dialects.Serverless;

/// <summary>The outcome of reading one serverless.yml.</summary>
/// <param name="Service">The typed service; null when the file could not be read or targets another provider.</param>
/// <param name="SkippedProvider">The provider named when the service is not an AWS one (openwhisk, azure...).</param>
public sealed record ServerlessReadResult(string Path, ServerlessService? Service, IReadOnlyList<Diagnostic> Diagnostics, string? SkippedProvider = null)
{
    public bool Failed => Service is null && SkippedProvider is null;
}

/// <summary>
/// Reads a Serverless Framework service: <c>serverless.yml</c>, <c>serverless.yaml</c> or <c>serverless.json</c>, with the
/// positioned YAML/JSON reader, then resolves its variables and types what matters for the design. Never runs the
/// framework, never reads the process environment, never throws for problems with the input.
/// </summary>
public static class ServerlessReader
{
    /// <summary>The file names the framework reads as data.</summary>
    public static IReadOnlyList<string> ServiceFileNames { get; } = ["serverless.yml", "serverless.yaml", "serverless.json"];

    /// <summary>The file names the framework runs as code (they are reported and skipped).</summary>
    public static IReadOnlyList<string> CodeFileNames { get; } = ["serverless.ts", "serverless.js", "serverless.cjs", "serverless.mjs"];

    /// <summary>Plugins that only package, bundle or run locally: they do not change the deployed design.</summary>
    private static readonly HashSet<string> DesignNeutralPlugins = new(StringComparer.Ordinal)
    {
        "serverless-offline", "serverless-webpack", "serverless-esbuild", "serverless-python-requirements",
        "serverless-plugin-typescript", "serverless-dotenv-plugin", "serverless-prune-plugin", "serverless-dynamodb-local",
        "serverless-s3-local", "serverless-plugin-include-dependencies", "serverless-bundle", "serverless-pseudo-parameters",
        "serverless-jetpack", "serverless-plugin-optimize", "serverless-offline-sqs", "serverless-offline-sns",
        "serverless-dynamodb", "serverless-step-functions-local", "serverless-offline-scheduler", "serverless-wsgi",
        "serverless-go-build", "serverless-rust", "serverless-plugin-warmup-ts", "serverless-deployment-bucket",
        "serverless-stage-manager", "serverless-manifest-plugin", "serverless-export-env", "serverless-iam-helper",
    };

    /// <summary>Plugins whose additions fitcheck models.</summary>
    private static readonly HashSet<string> UnderstoodPlugins = new(StringComparer.Ordinal)
    {
        ServerlessPlugins.StepFunctions, ServerlessPlugins.CanaryDeployments, ServerlessPlugins.ApiGatewayThrottling,
    };

    private static readonly Dictionary<string, ServerlessEventKind> EventKinds = new(StringComparer.Ordinal)
    {
        ["http"] = ServerlessEventKind.Http,
        ["httpApi"] = ServerlessEventKind.HttpApi,
        ["websocket"] = ServerlessEventKind.Websocket,
        ["sqs"] = ServerlessEventKind.Sqs,
        ["stream"] = ServerlessEventKind.Stream,
        ["s3"] = ServerlessEventKind.S3,
        ["sns"] = ServerlessEventKind.Sns,
        ["schedule"] = ServerlessEventKind.Schedule,
        ["eventBridge"] = ServerlessEventKind.EventBridge,
        ["cloudwatchEvent"] = ServerlessEventKind.CloudWatchEvent,
        ["cloudwatchLog"] = ServerlessEventKind.CloudWatchLog,
        ["cognitoUserPool"] = ServerlessEventKind.CognitoUserPool,
        ["alb"] = ServerlessEventKind.Alb,
        ["iot"] = ServerlessEventKind.Iot,
        ["iotFleetProvisioning"] = ServerlessEventKind.IotFleetProvisioning,
        ["msk"] = ServerlessEventKind.Msk,
        ["kafka"] = ServerlessEventKind.Kafka,
        ["activemq"] = ServerlessEventKind.ActiveMq,
        ["rabbitmq"] = ServerlessEventKind.RabbitMq,
        ["alexaSkill"] = ServerlessEventKind.AlexaSkill,
        ["alexaSmartHome"] = ServerlessEventKind.AlexaSmartHome,
        ["cloudFront"] = ServerlessEventKind.CloudFront,
    };

    /// <summary>True for <c>serverless.yml</c>, <c>serverless.yaml</c> and <c>serverless.json</c>.</summary>
    public static bool IsServiceFile(string path) =>
        ServiceFileNames.Contains(System.IO.Path.GetFileName(path), StringComparer.Ordinal);

    /// <summary>True for <c>serverless.ts</c>, <c>serverless.js</c> and the like: configuration written as code.</summary>
    public static bool IsCodeFile(string path) =>
        CodeFileNames.Contains(System.IO.Path.GetFileName(path), StringComparer.Ordinal);

    /// <summary>The one line said about a configuration written as code: fitcheck does not run it, and how to review it.</summary>
    public static Diagnostic CodeFileDiagnostic(string displayPath) =>
        new(DiagnosticCodes.NotATemplate, DiagnosticLevel.Warning,
            $"{System.IO.Path.GetFileName(displayPath)} is code and fitcheck never runs code; run 'serverless package' and assess " +
            ".serverless/cloudformation-template-update-stack.json, which fitcheck reads as CloudFormation",
            SourceSpan.FileStart(displayPath));

    /// <summary>Reads a service file from disk. <paramref name="scanRoot"/> bounds the files <c>${file(...)}</c> may read.</summary>
    public static ServerlessReadResult ReadFile(string fullPath, string displayPath, ServerlessOptions? options = null, string? scanRoot = null)
    {
        var document = TemplateReader.ReadFile(fullPath, displayPath);
        return Read(document, options, System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(fullPath)), scanRoot);
    }

    /// <summary>Resolves and types a service already read into nodes.</summary>
    /// <param name="serviceDirectory">The service's folder, for <c>${file(...)}</c>; null to read no other file.</param>
    public static ServerlessReadResult Read(TemplateDocument document, ServerlessOptions? options = null, string? serviceDirectory = null, string? scanRoot = null)
    {
        ArgumentNullException.ThrowIfNull(document);
        options ??= ServerlessOptions.Default;
        var diagnostics = new List<Diagnostic>(document.Diagnostics);
        if (document.Root is null || document.Failed)
        {
            return new ServerlessReadResult(document.Path, null, diagnostics);
        }

        if (document.Root is not MappingNode raw)
        {
            diagnostics.Add(new Diagnostic(DiagnosticCodes.Structure, DiagnosticLevel.Error,
                "a serverless.yml is a mapping of sections (service, provider, functions...)", document.Root.Span));
            return new ServerlessReadResult(document.Path, null, diagnostics);
        }

        var resolver = new VariableResolver(raw, options, document.Path, serviceDirectory, scanRoot, diagnostics);
        try
        {
            var provider = ProviderName(raw, resolver);
            if (provider.Name != "aws")
            {
                var what = raw["component"] is not null
                    ? "a Serverless Components file (component:), not a service"
                    : provider.Name is null
                        ? "a serverless.yml without provider.name"
                        : $"a service for provider '{provider.Name}'";
                var skip = new Diagnostic(DiagnosticCodes.NotATemplate, DiagnosticLevel.Info,
                    $"{what}: fitcheck reviews AWS services only, so it is skipped", provider.Span ?? raw.Span);
                diagnostics.Add(skip);
                return new ServerlessReadResult(document.Path, null, diagnostics, provider.Name ?? "(none)");
            }

            if (resolver.Resolve(raw) is not MappingNode root)
            {
                diagnostics.Add(new Diagnostic(DiagnosticCodes.Structure, DiagnosticLevel.Error,
                    "the service could not be resolved into a mapping of sections", raw.Span));
                return new ServerlessReadResult(document.Path, null, diagnostics);
            }

            var service = new ServerlessService(document.Path, root, resolver.Resolutions);
            (service.Stage, service.StageOrigin, _) = resolver.Stage;
            (service.Region, service.RegionOrigin, _) = resolver.Region;
            Type(service, diagnostics);
            return new ServerlessReadResult(document.Path, service, diagnostics);
        }
        catch (InsufficientExecutionStackException)
        {
            diagnostics.Add(new Diagnostic(DiagnosticCodes.Limit, DiagnosticLevel.Error,
                "the service nests too deeply to resolve; it is not assessed", raw.Span));
            return new ServerlessReadResult(document.Path, null, diagnostics);
        }
    }

    private static (string? Name, SourceSpan? Span) ProviderName(MappingNode raw, VariableResolver resolver)
    {
        var provider = raw["provider"];
        if (provider is null)
        {
            return (null, null);
        }

        provider = resolver.Resolve(provider);
        var name = provider is ScalarNode ? provider : provider["name"];
        return name is null ? (null, provider.Span) : (name.Text?.Trim().ToLowerInvariant(), name.Span);
    }

    private static void Type(ServerlessService service, List<Diagnostic> diagnostics)
    {
        var root = service.Root;
        var serviceNode = root["service"];
        var nameNode = serviceNode is MappingNode m ? m["name"] : serviceNode;
        service.Name = nameNode is null ? null : new ServerlessProperty("service", nameNode);
        service.FrameworkVersion = Property(root, "frameworkVersion");
        service.Custom = root["custom"] as MappingNode;
        service.Provider = ReadProvider(root["provider"] as MappingNode ?? new MappingNode([], root.Span));

        foreach (var (key, value) in Entries(root["functions"], "functions", diagnostics))
        {
            if (value is not MappingNode body)
            {
                if (value is not ScalarNode { IsNull: true })
                {
                    diagnostics.Add(Warning($"function {key.Value} is not a mapping of settings; it is ignored", value.Span));
                }

                continue;
            }

            var function = new ServerlessFunction
            {
                Key = key.Value,
                LogicalId = ServerlessNaming.FunctionLogicalId(key.Value),
                Span = key.Span,
                Body = body,
            };
            ReadEvents(body["events"], function.Events, $"function {key.Value}", diagnostics);
            service.Functions.Add(function);
        }

        ReadResources(root["resources"], service, diagnostics);
        ReadPlugins(root["plugins"], service);
        ReadStepFunctions(root["stepFunctions"], service, diagnostics);

        var changing = service.Plugins.Where(p => p.MayChangeDeployment).ToList();
        if (changing.Count > 0)
        {
            diagnostics.Add(new Diagnostic(DiagnosticCodes.Structure, DiagnosticLevel.Info,
                $"plugin{(changing.Count == 1 ? "" : "s")} {string.Join(", ", changing.Select(p => p.Name))} may add or change resources that fitcheck does not model; " +
                "'serverless package' shows the full stack in .serverless/cloudformation-template-update-stack.json", changing[0].Span));
        }
    }

    private static ServerlessProvider ReadProvider(MappingNode provider)
    {
        var iam = provider["iam"] as MappingNode;
        var iamRole = iam?["role"];
        var roleMapping = iamRole as MappingNode;
        var result = new ServerlessProvider
        {
            Span = provider.Span,
            Name = Property(provider, "name"),
            Runtime = Property(provider, "runtime"),
            MemorySize = Property(provider, "memorySize"),
            Timeout = Property(provider, "timeout"),
            Architecture = Property(provider, "architecture"),
            EphemeralStorageSize = Property(provider, "ephemeralStorageSize"),
            LambdaTracing = provider["tracing"]?["lambda"] is { } lt ? new ServerlessProperty("tracing.lambda", lt) : null,
            ApiGatewayTracing = provider["tracing"]?["apiGateway"] is { } at ? new ServerlessProperty("tracing.apiGateway", at) : null,
            Logs = provider["logs"] as MappingNode,
            LogRetentionInDays = Property(provider, "logRetentionInDays"),
            Role = iamRole is not null and not MappingNode ? new ServerlessProperty("iam.role", iamRole) : Property(provider, "role"),
            PermissionsBoundary = roleMapping?["permissionsBoundary"] is { } pb ? new ServerlessProperty("iam.role.permissionsBoundary", pb) : Property(provider, "rolePermissionsBoundary"),
            Environment = provider["environment"] as MappingNode,
            ApiGateway = provider["apiGateway"] as MappingNode,
            HttpApi = provider["httpApi"] as MappingNode,
            EndpointType = Property(provider, "endpointType"),
            Vpc = provider["vpc"] as MappingNode,
            DeploymentBucket = Property(provider, "deploymentBucket"),
            StackPolicy = provider["stackPolicy"],
            Layers = provider["layers"],
            KmsKeyArn = Property(provider, "kmsKeyArn"),
            Tags = provider["tags"] as MappingNode,
            VersionFunctions = Property(provider, "versionFunctions"),
            EventBridge = provider["eventBridge"] as MappingNode,
        };

        AddItems(result.IamStatements, roleMapping?["statements"]);
        AddItems(result.IamStatements, provider["iamRoleStatements"]);
        AddItems(result.ManagedPolicies, roleMapping?["managedPolicies"]);
        AddItems(result.ManagedPolicies, provider["iamManagedPolicies"]);
        return result;
    }

    private static void AddItems(List<TemplateNode> list, TemplateNode? node)
    {
        switch (node)
        {
            case SequenceNode seq:
                foreach (var item in seq.Items)
                {
                    // A list of lists (statements spliced in from several files) is flattened, as the framework does.
                    if (item is SequenceNode inner)
                    {
                        list.AddRange(inner.Items);
                    }
                    else
                    {
                        list.Add(item);
                    }
                }

                break;
            case null:
            case ScalarNode { IsNull: true }:
                break;
            default:
                list.Add(node);
                break;
        }
    }

    /// <summary>The entries of a section written as a mapping, or as a list of mappings the framework merges (<c>- ${file(a.yml)}</c>).</summary>
    private static IEnumerable<KeyValuePair<ScalarNode, TemplateNode>> Entries(TemplateNode? section, string name, List<Diagnostic> diagnostics)
    {
        switch (section)
        {
            case MappingNode m:
                foreach (var pair in m.Pairs)
                {
                    yield return pair;
                }

                break;
            case SequenceNode seq:
                foreach (var item in seq.Items)
                {
                    if (item is MappingNode part)
                    {
                        foreach (var pair in part.Pairs)
                        {
                            yield return pair;
                        }
                    }
                    else if (item is UnknownNode unknown)
                    {
                        diagnostics.Add(Info($"part of {name} is unknown ({unknown.Reason}); what it declares is not modelled", unknown.Span));
                    }
                }

                break;
            case UnknownNode unknown:
                diagnostics.Add(Warning($"{name} is unknown ({unknown.Reason}); what it declares is not modelled", unknown.Span));
                break;
            case null:
            case ScalarNode { IsNull: true }:
                break;
            default:
                diagnostics.Add(Warning($"{name} must be a mapping; it is ignored", section.Span));
                break;
        }
    }

    private static void ReadEvents(TemplateNode? events, List<ServerlessEvent> into, string owner, List<Diagnostic> diagnostics)
    {
        switch (events)
        {
            case null:
            case ScalarNode { IsNull: true }:
                return;
            case UnknownNode unknown:
                diagnostics.Add(Warning($"the events of {owner} are unknown ({unknown.Reason}); they are not modelled", unknown.Span));
                return;
            case not SequenceNode:
                diagnostics.Add(Warning($"the events of {owner} must be a list; they are ignored", events.Span));
                return;
        }

        var index = 0;
        foreach (var item in ((SequenceNode)events).Items)
        {
            if (item is ScalarNode { IsNull: false } bare && EventKinds.TryGetValue(bare.Value, out var bareKind))
            {
                // "- alexaSkill" alone: an event type without settings.
                into.Add(Event(bare, new ScalarNode("", false, bare.Span), bareKind, index++));
                continue;
            }

            if (item is not MappingNode entry || entry.Count == 0)
            {
                if (item is not ScalarNode { IsNull: true })
                {
                    diagnostics.Add(Warning($"an event of {owner} is not a mapping such as '- sqs: ...'; it is ignored", item.Span));
                }

                continue;
            }

            var (key, body) = entry.Pairs.First();
            var kind = EventKinds.GetValueOrDefault(key.Value, ServerlessEventKind.Unknown);
            if (kind == ServerlessEventKind.Unknown)
            {
                diagnostics.Add(Info($"{owner}: event type '{key.Value}' is not an AWS event of the framework (a plugin's?); it is not modelled", key.Span));
            }

            into.Add(Event(key, body, kind, index++));
        }
    }

    private static ServerlessEvent Event(ScalarNode key, TemplateNode body, ServerlessEventKind kind, int index)
    {
        var mapping = body as MappingNode;
        var shorthand = body is ScalarNode { IsNull: false } s ? s : null;
        string? method = null, path = null, streamType = null;
        ServerlessProperty? source = null;

        ServerlessProperty? Prop(string name) => mapping?[name] is { } n ? new ServerlessProperty(name, n) : null;
        ServerlessProperty? ShortOr(string name) => shorthand is not null ? new ServerlessProperty(name, shorthand) : Prop(name);

        switch (kind)
        {
            case ServerlessEventKind.Http:
            case ServerlessEventKind.HttpApi:
                if (shorthand is not null)
                {
                    var text = shorthand.Value.Trim();
                    var space = text.IndexOf(' ', StringComparison.Ordinal);
                    (method, path) = text == "*" ? ("*", "*") : space > 0 ? (text[..space], text[(space + 1)..].Trim()) : (null, text);
                }
                else
                {
                    method = mapping?["method"]?.Text;
                    path = mapping?["path"]?.Text;
                }

                break;
            case ServerlessEventKind.Websocket:
                path = shorthand?.Value ?? mapping?["route"]?.Text;
                break;
            case ServerlessEventKind.Sqs:
            case ServerlessEventKind.Msk:
            case ServerlessEventKind.ActiveMq:
            case ServerlessEventKind.RabbitMq:
                source = ShortOr("arn");
                break;
            case ServerlessEventKind.Stream:
                source = ShortOr("arn");
                streamType = mapping?["type"]?.Text ?? StreamTypeOf(source?.Node);
                break;
            case ServerlessEventKind.S3:
                source = ShortOr("bucket");
                break;
            case ServerlessEventKind.Sns:
                source = shorthand is not null ? new ServerlessProperty("sns", shorthand) : Prop("arn") ?? Prop("topicName");
                break;
            case ServerlessEventKind.Schedule:
                source = ShortOr("rate");
                break;
            case ServerlessEventKind.EventBridge:
                source = Prop("eventBus");
                break;
            case ServerlessEventKind.CloudWatchLog:
                source = ShortOr("logGroup");
                break;
            case ServerlessEventKind.CognitoUserPool:
                source = Prop("pool");
                break;
            case ServerlessEventKind.Alb:
                source = Prop("listenerArn");
                method = mapping?["conditions"]?["method"] switch
                {
                    SequenceNode methods => string.Join(',', methods.Items.Select(i => i.Text)),
                    var other => other?.Text,
                };
                path = mapping?["conditions"]?["path"] switch
                {
                    SequenceNode paths => string.Join(',', paths.Items.Select(i => i.Text)),
                    var other => other?.Text,
                };
                break;
            case ServerlessEventKind.Iot:
                source = Prop("sql");
                break;
            case ServerlessEventKind.Kafka:
                source = Prop("bootstrapServers");
                break;
            case ServerlessEventKind.AlexaSkill:
                source = ShortOr("appId");
                break;
            case ServerlessEventKind.CloudWatchEvent:
                source = Prop("event");
                break;
        }

        return new ServerlessEvent
        {
            Type = key.Value,
            Kind = kind,
            Index = index,
            Span = key.Span,
            Body = body,
            Source = source,
            Method = method,
            Path = path,
            StreamType = streamType,
        };
    }

    /// <summary>dynamodb or kinesis, from a literal ARN or the attribute a <c>Fn::GetAtt</c> reads (StreamArn is DynamoDB's).</summary>
    private static string? StreamTypeOf(TemplateNode? arn) => arn switch
    {
        ScalarNode s when s.Value.StartsWith("arn:aws", StringComparison.Ordinal) && s.Value.Contains(":dynamodb:", StringComparison.Ordinal) => "dynamodb",
        ScalarNode s when s.Value.StartsWith("arn:aws", StringComparison.Ordinal) && s.Value.Contains(":kinesis:", StringComparison.Ordinal) => "kinesis",
        IntrinsicNode { Name: "Fn::GetAtt", Argument: SequenceNode { Items: [_, ScalarNode { Value: "StreamArn" }] } } => "dynamodb",
        _ => null,
    };

    private static void ReadResources(TemplateNode? resources, ServerlessService service, List<Diagnostic> diagnostics)
    {
        var parts = resources switch
        {
            MappingNode m => [m],
            SequenceNode seq => seq.Items.OfType<MappingNode>().ToList(),
            UnknownNode unknown => Skip(unknown),
            _ => [],
        };

        List<MappingNode> Skip(UnknownNode unknown)
        {
            diagnostics.Add(Warning($"resources are unknown ({unknown.Reason}); they are not modelled", unknown.Span));
            return [];
        }

        service.Resources = Merge(parts.Select(p => p["Resources"]), "resources.Resources", diagnostics);
        service.Outputs = Merge(parts.Select(p => p["Outputs"]), "resources.Outputs", diagnostics);
        service.Conditions = Merge(parts.Select(p => p["Conditions"]), "resources.Conditions", diagnostics);
    }

    private static MappingNode? Merge(IEnumerable<TemplateNode?> sections, string name, List<Diagnostic> diagnostics)
    {
        var present = sections.Where(s => s is not null and not ScalarNode { IsNull: true }).ToList();
        if (present.Count == 0)
        {
            return null;
        }

        if (present is [MappingNode single])
        {
            return single;
        }

        var entries = new List<KeyValuePair<ScalarNode, TemplateNode>>();
        foreach (var section in present)
        {
            entries.AddRange(Entries(section, name, diagnostics));
        }

        return new MappingNode(entries, present[0]!.Span);
    }

    private static void ReadPlugins(TemplateNode? plugins, ServerlessService service)
    {
        var list = plugins is MappingNode m ? m["modules"] : plugins;
        foreach (var item in list is SequenceNode seq ? seq.Items : [])
        {
            if (item.Text is { } name)
            {
                var bare = name.StartsWith('@') ? name : name.Split('@')[0];
                service.Plugins.Add(new ServerlessPlugin(name, item.Span, UnderstoodPlugins.Contains(bare),
                    !UnderstoodPlugins.Contains(bare) && !DesignNeutralPlugins.Contains(bare)));
            }
        }
    }

    private static void ReadStepFunctions(TemplateNode? stepFunctions, ServerlessService service, List<Diagnostic> diagnostics)
    {
        if (stepFunctions?["stateMachines"] is not { } machines)
        {
            return;
        }

        if (!service.HasPlugin(ServerlessPlugins.StepFunctions) && service.Plugins.Count > 0)
        {
            diagnostics.Add(Info("stepFunctions is declared but the serverless-step-functions plugin is not listed in plugins; it is read anyway", machines.Span));
        }

        foreach (var (key, value) in Entries(machines, "stepFunctions.stateMachines", diagnostics))
        {
            if (value is not MappingNode body)
            {
                diagnostics.Add(Warning($"state machine {key.Value} is not a mapping; it is ignored", value.Span));
                continue;
            }

            var machine = new ServerlessStateMachine
            {
                Key = key.Value,
                LogicalId = ServerlessNaming.StateMachineLogicalId(key.Value, body["id"]?.Text),
                Span = key.Span,
                Body = body,
            };
            if (body["definition"] is UnknownNode unknown)
            {
                diagnostics.Add(Info($"the definition of state machine {key.Value} is unknown ({unknown.Reason}); its states are not modelled", unknown.Span));
            }

            ReadEvents(body["events"], machine.Events, $"state machine {key.Value}", diagnostics);
            service.StateMachines.Add(machine);
        }
    }

    private static ServerlessProperty? Property(TemplateNode? mapping, string name) =>
        mapping?[name] is { } node ? new ServerlessProperty(name, node) : null;

    private static Diagnostic Warning(string message, SourceSpan span) => new(DiagnosticCodes.Structure, DiagnosticLevel.Warning, message, span);

    private static Diagnostic Info(string message, SourceSpan span) => new(DiagnosticCodes.Structure, DiagnosticLevel.Info, message, span);
}
