using FitCheck.Model;
using FitCheck.Templates.Reading;

namespace FitCheck.Templates.Dialects.CloudFormation.Mappers;

/// <summary>Step Functions: settings, the definition's states (Map, Parallel and nested states included), and what each task calls.</summary>
internal static class StateMachineMapper
{
    public static IReadOnlyList<ResourceMapper> All { get; } =
    [
        new(["AWS::Serverless::StateMachine"], (context, r) => Create(context, r), "Name", (c, context, r) => Wire((StateMachine)c, context, r)),
        new(["AWS::StepFunctions::StateMachine"], (context, r) => Create(context, r), "StateMachineName", (c, context, r) => Wire((StateMachine)c, context, r)),
        ResourceMapper.Kind(ComponentKind.Alias, "AWS::StepFunctions::StateMachineAlias"),
        ResourceMapper.Kind(ComponentKind.Version, "AWS::StepFunctions::StateMachineVersion"),
    ];

    public static StateMachine Create(MappingContext context, ResourceEntry r)
    {
        var sam = r.Type == "AWS::Serverless::StateMachine";
        var span = r.Span;
        var logging = sam ? r["Logging"] : r["LoggingConfiguration"];
        var tracing = sam ? r["Tracing"]?["Enabled"] : r["TracingConfiguration"]?["Enabled"];
        return new StateMachine(r.LogicalId, r.Type, context.Template, span)
        {
            WorkflowType = context.String(sam ? r["Type"] : r["StateMachineType"], "STANDARD", span, property: sam ? "Type" : "StateMachineType"),
            TracingEnabled = context.Bool(tracing, false, span),
            LoggingLevel = context.String(logging?["Level"], "OFF", logging?.Span ?? span, property: "Level"),
            LogIncludesExecutionData = context.Bool(logging?["IncludeExecutionData"], false, logging?.Span ?? span, property: "IncludeExecutionData"),
        };
    }

    public static void Wire(StateMachine sm, MappingContext context, ResourceEntry r)
    {
        var sam = r.Type == "AWS::Serverless::StateMachine";
        if (sam)
        {
            if (r["Role"] is { } role)
            {
                sm.ExecutionRole = context.Reference(role);
            }
            else
            {
                var generated = Wiring.Implicit(context, new Role(sm.LogicalId + "Role", "AWS::IAM::Role", context.Template, r.Span) { ImpliedBy = sm });
                generated.TrustedServices.Add("states.amazonaws.com");
                sm.ExecutionRole = new ComponentRef(generated, generated.LogicalId, SettingOrigin.ServiceDefault, r.Span);
                Grants.SamPolicies(context, generated, r["Policies"]);
            }

            if (r["Events"] is MappingNode events)
            {
                foreach (var (key, value) in events.Pairs)
                {
                    if (value is MappingNode ev)
                    {
                        SamEvents.Wire(context, sm, key, ev);
                    }
                }
            }
        }
        else if (r["RoleArn"] is { } roleArn)
        {
            sm.ExecutionRole = context.Reference(roleArn);
        }

        var substitutions = r["DefinitionSubstitutions"] as MappingNode;
        var definition = Definition(context, r, sam);
        if (definition is null)
        {
            return;
        }

        sm.DefinitionKnown = true;
        var walker = new Walker(context, sm, substitutions);
        walker.Walk(definition.Root, definition.Span, "");
    }

    private sealed record DefinitionSource(TemplateNode Root, SourceSpan? Span);

    private static DefinitionSource? Definition(MappingContext context, ResourceEntry r, bool sam)
    {
        if ((sam ? r["Definition"] : r["Definition"]) is MappingNode inline)
        {
            return new DefinitionSource(inline, null);
        }

        var defString = r["DefinitionString"];
        if (defString is not null)
        {
            var text = defString switch
            {
                ScalarNode s => s.Value,
                IntrinsicNode { Name: "Fn::Sub", Argument: ScalarNode s } => s.Value,
                IntrinsicNode { Name: "Fn::Sub", Argument: SequenceNode { Items.Count: >= 1 } seq } => seq.Items[0].Text,
                IntrinsicNode { Name: "Fn::Join", Argument: SequenceNode { Items.Count: 2 } join } when join.Items[1] is SequenceNode parts =>
                    string.Concat(parts.Items.Select(p => p.Text ?? "\"${" + RefName(p) + "}\"")),
                _ => null,
            };
            if (text is null)
            {
                return null;
            }

            var parsed = TemplateReader.ReadText(text, context.Path, "json");
            if (parsed.Root is null && MalformedDefinition(text, parsed) is { } why)
            {
                context.Architecture.Diagnostics.Add(new Diagnostic(DiagnosticCodes.Structure, DiagnosticLevel.Warning,
                    $"DefinitionString is not a valid JSON state machine definition ({why}); the workflow's states are not modelled", defString.Span));
            }

            return parsed.Root is null ? null : new DefinitionSource(parsed.Root, defString.Span);
        }

        var uri = sam ? r["DefinitionUri"] : r["DefinitionS3Location"];
        if (uri is ScalarNode { Value: var relative } && !relative.StartsWith("s3://", StringComparison.Ordinal) && context.BaseDirectory is not null)
        {
            return LocalFile(context, relative, uri.Span);
        }

        return null;
    }

    /// <summary>Why a definition that did not parse is malformed, with its place inside the string; null when it only
    /// fails because Fn::Sub placeholders stand where numbers or objects go (<c>"TimeoutSeconds": ${Timeout}</c>).</summary>
    private static string? MalformedDefinition(string text, TemplateDocument parsed)
    {
        if (text.Contains("${", StringComparison.Ordinal)
            && TemplateReader.ReadText(System.Text.RegularExpressions.Regex.Replace(text, @"\$\{[^}]*\}", "0"), parsed.Path, "json").Root is not null)
        {
            return null;
        }

        return parsed.Diagnostics.FirstOrDefault(d => d.Level == DiagnosticLevel.Error) is { } error
            ? $"{error.Message} at line {error.Location.Line}, column {error.Location.Column} of the definition"
            : "it is empty";
    }

    private static string RefName(TemplateNode node) => node switch
    {
        IntrinsicNode { Name: "Ref", Argument: ScalarNode s } => s.Value,
        IntrinsicNode { Name: "Fn::GetAtt", Argument: SequenceNode { Items.Count: >= 1 } seq } => seq.Items[0].Text + ".Arn",
        _ => "?",
    };

    private static DefinitionSource? LocalFile(MappingContext context, string relative, SourceSpan at)
    {
        var full = Path.GetFullPath(Path.Combine(context.BaseDirectory!, relative));
        var root = context.ScanRoot is null ? context.BaseDirectory! : Path.GetFullPath(context.ScanRoot);
        // Compared by real paths too, so a symbolic link inside the folder cannot lead out of it.
        if (!IsUnder(full, root) || !IsUnder(RealPath(full), RealPath(root)))
        {
            context.Architecture.Diagnostics.Add(new Diagnostic(DiagnosticCodes.OutsideRoot, DiagnosticLevel.Warning,
                $"DefinitionUri '{relative}' points outside the scanned folder; fitcheck does not read it", at));
            return null;
        }

        if (!File.Exists(full))
        {
            // A name that matches only when case is ignored works on macOS and Windows and fails on Linux, where CI deploys.
            var folder = Path.GetDirectoryName(full);
            var near = folder is not null && Directory.Exists(folder)
                ? Directory.EnumerateFiles(folder).FirstOrDefault(f => string.Equals(Path.GetFileName(f), Path.GetFileName(full), StringComparison.OrdinalIgnoreCase))
                : null;
            context.Architecture.Diagnostics.Add(new Diagnostic(DiagnosticCodes.MissingFile, DiagnosticLevel.Warning,
                near is not null
                    ? $"DefinitionUri '{relative}' matches '{Path.GetFileName(near)}' only when letter case is ignored; a case-sensitive file system (Linux) does not find it, so fitcheck does not read it"
                    : $"DefinitionUri '{relative}' does not exist; the state machine's definition is not read",
                at));
            return null;
        }

        var display = Path.GetRelativePath(Directory.GetCurrentDirectory(), full).Replace('\\', '/');
        if (display.StartsWith("..", StringComparison.Ordinal))
        {
            display = full;
        }

        var document = TemplateReader.ReadFile(full, display);
        foreach (var d in document.Diagnostics)
        {
            context.Architecture.Diagnostics.Add(d with { Level = d.Level == DiagnosticLevel.Error ? DiagnosticLevel.Warning : d.Level });
        }

        return document.Root is null ? null : new DefinitionSource(document.Root, null);
    }

    private static bool IsUnder(string path, string root)
    {
        var rootWithSlash = root.EndsWith(Path.DirectorySeparatorChar) ? root : root + Path.DirectorySeparatorChar;
        return path.StartsWith(rootWithSlash, StringComparison.Ordinal);
    }

    /// <summary>The path with every symbolic link in it resolved, as far as the path exists.</summary>
    private static string RealPath(string fullPath)
    {
        try
        {
            var parent = Path.GetDirectoryName(fullPath);
            var resolvedParent = parent is null ? null : RealPath(parent);
            var joined = resolvedParent is null ? fullPath : Path.Combine(resolvedParent, Path.GetFileName(fullPath));
            FileSystemInfo info = Directory.Exists(joined) ? new DirectoryInfo(joined) : new FileInfo(joined);
            return info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? joined;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return fullPath;
        }
    }

    private sealed class Walker(MappingContext context, StateMachine sm, MappingNode? substitutions)
    {
        private int _visited;

        public void Walk(TemplateNode definition, SourceSpan? fixedSpan, string prefix)
        {
            if (definition["States"] is not MappingNode states || ++_visited > 10_000)
            {
                return;
            }

            _fixedSpans = fixedSpan is not null;

            foreach (var (name, state) in states.Pairs)
            {
                var type = state["Type"]?.Text ?? "?";
                var span = fixedSpan ?? name.Span;
                var path = prefix.Length == 0 ? name.Value : prefix + "/" + name.Value;
                switch (type)
                {
                    case "Task":
                        Task(name.Value, path, state, span);
                        break;
                    case "Map":
                        Add(new WorkflowState(name.Value, path, type, null, null, span) with { HasRetry = state["Retry"] is not null, HasCatch = state["Catch"] is not null, Retriers = Retriers(state["Retry"] as SequenceNode, span) });
                        Walk(state["ItemProcessor"] ?? state["Iterator"] ?? new MappingNode([], span), fixedSpan, path);
                        break;
                    case "Parallel":
                        Add(new WorkflowState(name.Value, path, type, null, null, span) with { HasRetry = state["Retry"] is not null, HasCatch = state["Catch"] is not null, Retriers = Retriers(state["Retry"] as SequenceNode, span) });
                        if (state["Branches"] is SequenceNode branches)
                        {
                            foreach (var branch in branches.Items)
                            {
                                Walk(branch, fixedSpan, path);
                            }
                        }

                        break;
                    case "Choice":
                        ChoiceFields(state);
                        // A Choice that sends execution back to a Wait state is a polling loop.
                        var loops = Flatten(state).Any(t => states[t]?["Type"]?.Text == "Wait");
                        Add(new WorkflowState(name.Value, path, type, null, null, span) { IsPollingLoop = loops });
                        break;
                    default:
                        Add(new WorkflowState(name.Value, path, type, null, null, span));
                        break;
                }
            }
        }

        private void Add(WorkflowState state) => sm.States.Add(state);

        /// <summary>The fields a Choice state tests: the last segment of each Variable path (And, Or and Not included) and
        /// the names a JSONata Condition mentions.</summary>
        private void ChoiceFields(TemplateNode state)
        {
            var stack = new Stack<TemplateNode>();
            stack.Push(state);
            while (stack.Count > 0 && sm.ChoiceFields.Count < 1_000)
            {
                switch (stack.Pop())
                {
                    case MappingNode m:
                        foreach (var (k, v) in m.Pairs)
                        {
                            if (k.Value == "Variable" && v is ScalarNode variable)
                            {
                                var path = variable.Value.TrimEnd(']', ' ');
                                sm.ChoiceFields.Add(path[(path.LastIndexOfAny(['.', '$', '[']) + 1)..]);
                            }
                            else if (k.Value == "Condition" && v is ScalarNode condition)
                            {
                                foreach (System.Text.RegularExpressions.Match word in System.Text.RegularExpressions.Regex.Matches(condition.Value, "[A-Za-z_][A-Za-z0-9_]*"))
                                {
                                    sm.ChoiceFields.Add(word.Value);
                                }
                            }
                            else if (v is MappingNode or SequenceNode)
                            {
                                stack.Push(v);
                            }
                        }

                        break;
                    case SequenceNode seq:
                        foreach (var i in seq.Items)
                        {
                            stack.Push(i);
                        }

                        break;
                }
            }
        }

        private List<Retrier> Retriers(SequenceNode? retries, SourceSpan span)
        {
            if (retries is null)
            {
                return [];
            }

            var list = new List<Retrier>();
            foreach (var item in retries.Items)
            {
                var errors = item["ErrorEquals"] is SequenceNode e ? e.Items.Select(i => i.Text ?? "?").ToList() : [];
                var at = Pick(item.Span, span);
                var rate = item["BackoffRate"] is { } b
                    ? context.Literal(b) is { Text: { } text } && decimal.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value)
                        ? new Setting<decimal>(value, SettingOrigin.Explicit, Pick(b.Span, span)) { Property = "BackoffRate" }
                        : Setting.Unresolved(2m, at) with { Property = "BackoffRate" }
                    : Setting.Default(2m, at) with { Property = "BackoffRate" };
                list.Add(new Retrier(errors,
                    context.Int(item["IntervalSeconds"], 1, at, property: "IntervalSeconds") is var interval && item["IntervalSeconds"] is { } iv ? interval with { Span = Pick(iv.Span, span) } : interval,
                    context.Int(item["MaxAttempts"], 3, at, property: "MaxAttempts") is var attempts && item["MaxAttempts"] is { } ma ? attempts with { Span = Pick(ma.Span, span) } : attempts,
                    rate,
                    item["MaxDelaySeconds"] is { } md ? context.Int(md, 0, at, property: "MaxDelaySeconds") with { Span = Pick(md.Span, span) } : null,
                    at));
            }

            return list;
        }

        private void Task(string name, string path, TemplateNode state, SourceSpan span)
        {
            var resourceNode = state["Resource"];
            var resource = resourceNode is null ? null : Substitute(resourceNode);
            var parameters = state["Parameters"] ?? state["Arguments"];
            string? service = null, action = null;
            var pattern = "request-response";
            Component? target = null;
            if (resource is not null)
            {
                if (resource.EndsWith(".sync", StringComparison.Ordinal) || resource.Contains(".sync:", StringComparison.Ordinal))
                {
                    pattern = "sync";
                }
                else if (resource.EndsWith(".waitForTaskToken", StringComparison.Ordinal))
                {
                    pattern = "callback";
                }

                var bare = resource.Split(".sync")[0].Replace(".waitForTaskToken", "", StringComparison.Ordinal);
                if (bare.StartsWith("arn:aws:states:::", StringComparison.Ordinal) || bare.Contains(":states:::", StringComparison.Ordinal))
                {
                    var tail = bare[(bare.IndexOf(":::", StringComparison.Ordinal) + 3)..];
                    var parts = tail.Split(':');
                    service = parts[0] == "aws-sdk" && parts.Length > 1 ? parts[1] : parts[0];
                    action = parts.Length > 1 ? parts[^1] : null;
                    target = ParameterTarget(parameters, service);
                }
                else if (bare.Contains(":lambda:", StringComparison.Ordinal) || bare.Contains(":function:", StringComparison.Ordinal))
                {
                    service = "lambda";
                    action = "invoke";
                    target = resourceNode is null ? null : ResolveNode(resourceNode);
                }
                else if (bare.Contains(":activity:", StringComparison.Ordinal))
                {
                    service = "activity";
                    pattern = "callback";
                }

                target ??= resourceNode is null ? null : ResolveNode(resourceNode);
            }

            var retries = state["Retry"] as SequenceNode;
            var maxAttempts = retries?.Items.Select(i => context.Int(i["MaxAttempts"], 3, span, property: "MaxAttempts").Value).DefaultIfEmpty(0).Max() ?? 0;
            var workflowState = new WorkflowState(name, path, "Task", resource, target, span)
            {
                HasRetry = retries is { Items.Count: > 0 },
                HasCatch = state["Catch"] is SequenceNode { Items.Count: > 0 },
                MaxRetryAttempts = maxAttempts,
                Retriers = Retriers(retries, span),
                TimeoutSeconds = state["TimeoutSeconds"] is { } timeout ? context.Int(timeout, 0, span) with { Span = Pick(timeout.Span, span) } : state["TimeoutSecondsPath"] is not null ? Setting.Unresolved(0, span) : null,
                HeartbeatSeconds = state["HeartbeatSeconds"] is { } hb ? context.Int(hb, 0, span) with { Span = Pick(hb.Span, span) } : state["HeartbeatSecondsPath"] is not null ? Setting.Unresolved(0, span) : null,
                IntegrationPattern = pattern,
                Service = service,
                Action = action,
            };
            Add(workflowState);
            if (target is null || ReferenceEquals(target, sm))
            {
                return;
            }

            var kind = FlowFor(service, action, target, pattern);
            var via = $"task {path}";
            if (target is Function or StateMachine)
            {
                var mode = kind == FlowKind.Invokes ? DeliveryMode.Synchronous : DeliveryMode.Asynchronous;
                Wiring.AddEvent(context, sm, target, kind, new EventSource(via, new Delivery(mode, EventSourceKind.StepFunctions), sm, sm.LogicalId, span));
            }
            else
            {
                Wiring.AddFlow(context, new Flow(sm, target, kind, span, via));
            }
        }

        // Positions inside a DefinitionString are relative to the string, so findings point at the state's span instead.
        private SourceSpan Pick(SourceSpan candidate, SourceSpan fallback) => _fixedSpans ? fallback : candidate;

        private bool _fixedSpans;

        private static FlowKind FlowFor(string? service, string? action, Component target, string pattern)
        {
            var a = action?.ToLowerInvariant() ?? "";
            return target switch
            {
                Function => pattern == "callback" || a == "invokeasync" ? FlowKind.Triggers : FlowKind.Invokes,
                StateMachine => pattern == "sync" ? FlowKind.Invokes : FlowKind.Triggers,
                Table => a.StartsWith("get", StringComparison.Ordinal) || a.StartsWith("query", StringComparison.Ordinal) || a.StartsWith("scan", StringComparison.Ordinal) || a.StartsWith("batchget", StringComparison.Ordinal) ? FlowKind.Reads : FlowKind.Writes,
                Bucket => a.StartsWith("get", StringComparison.Ordinal) || a.StartsWith("list", StringComparison.Ordinal) || a.StartsWith("head", StringComparison.Ordinal) ? FlowKind.Reads : FlowKind.Writes,
                Queue or Topic or EventBus or DataStream => a.StartsWith("receive", StringComparison.Ordinal) ? FlowKind.Reads : FlowKind.Publishes,
                _ => service is "ecs" or "batch" or "glue" or "sagemaker" or "codebuild" ? FlowKind.Invokes : FlowKind.Writes,
            };
        }

        private Component? ParameterTarget(TemplateNode? parameters, string? service)
        {
            if (parameters is not MappingNode p)
            {
                return null;
            }

            var keys = service switch
            {
                "lambda" => new[] { "FunctionName", "FunctionName.$" },
                "dynamodb" => ["TableName"],
                "sqs" => ["QueueUrl"],
                "sns" => ["TopicArn"],
                "states" => ["StateMachineArn"],
                "events" => ["Entries"],
                "s3" => ["Bucket"],
                "kinesis" => ["StreamName", "StreamARN"],
                "firehose" => ["DeliveryStreamName"],
                "ecs" => ["Cluster"],
                _ => [],
            };
            foreach (var key in keys)
            {
                if (p[key] is not { } value)
                {
                    continue;
                }

                if (key == "Entries")
                {
                    foreach (var entry in value is SequenceNode seq ? seq.Items : [value])
                    {
                        if (entry["EventBusName"] is { } bus && ResolveNode(bus) is { } b)
                        {
                            return b;
                        }
                    }

                    continue;
                }

                if (ResolveNode(value) is { } t)
                {
                    return t;
                }
            }

            return null;
        }

        /// <summary>Resolves a definition value: a literal, a <c>${Name}</c> substitution, or (inline definitions) an intrinsic.</summary>
        private Component? ResolveNode(TemplateNode node)
        {
            if (node is ScalarNode s)
            {
                var text = s.Value;
                if (text.Contains("${", StringComparison.Ordinal) && substitutions is not null)
                {
                    foreach (var name in Names(text))
                    {
                        if (substitutions[name] is { } sub && context.FunctionTarget(context.Reference(sub).Target) is { } viaSub)
                        {
                            return viaSub;
                        }
                    }
                }

                if (text.Contains("${", StringComparison.Ordinal))
                {
                    foreach (var name in Names(text))
                    {
                        if (context.Architecture.Find(name.Split('.')[0]) is { } byId)
                        {
                            return context.FunctionTarget(byId);
                        }
                    }
                }

                return context.FunctionTarget(context.MatchLiteral(text));
            }

            return context.FunctionTarget(context.Reference(node).Target);
        }

        private string Substitute(TemplateNode node)
        {
            if (node is not ScalarNode s)
            {
                return context.Reference(node).Text;
            }

            var text = s.Value;
            if (substitutions is null || !text.Contains("${", StringComparison.Ordinal))
            {
                return text;
            }

            foreach (var name in Names(text))
            {
                if (substitutions[name] is { } value && context.Literal(value).Text is { } literal)
                {
                    text = text.Replace("${" + name + "}", literal, StringComparison.Ordinal);
                }
            }

            return text;
        }

        private static IEnumerable<string> Names(string text)
        {
            var pos = 0;
            while ((pos = text.IndexOf("${", pos, StringComparison.Ordinal)) >= 0)
            {
                var close = text.IndexOf('}', pos);
                if (close < 0)
                {
                    yield break;
                }

                yield return text[(pos + 2)..close];
                pos = close + 1;
            }
        }

        private static IEnumerable<string> Flatten(TemplateNode node)
        {
            var stack = new Stack<TemplateNode>();
            stack.Push(node);
            while (stack.Count > 0)
            {
                switch (stack.Pop())
                {
                    case MappingNode m:
                        foreach (var (k, v) in m.Pairs)
                        {
                            if (k.Value is "Next" or "Default" && v is ScalarNode target)
                            {
                                yield return target.Value;
                            }
                            else
                            {
                                stack.Push(v);
                            }
                        }

                        break;
                    case SequenceNode seq:
                        foreach (var i in seq.Items)
                        {
                            stack.Push(i);
                        }

                        break;
                }
            }
        }
    }
}
