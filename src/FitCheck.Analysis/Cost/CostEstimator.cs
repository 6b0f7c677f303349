using FitCheck.Analysis.Traffic;
using FitCheck.Model;
using FitCheck.Analysis.Design;

namespace FitCheck.Analysis.Cost;

/// <summary>One component's cost for one billed dimension group (a function's requests and duration are one item).</summary>
/// <param name="Service">lambda, apigateway, sqs, sns, eventbridge, pipes, scheduler, stepfunctions, dynamodb, s3, logs, cloudwatch, xray or datatransfer.</param>
/// <param name="Arithmetic">The traffic reaching the component and every priced line, with the numbers substituted.</param>
public sealed record CostItem(string Template, Component Component, string Service, decimal Monthly, string Arithmetic, IReadOnlyList<CostLine> Lines);

/// <summary>The monthly estimate: per component and in total, the inputs that were missing, and what drives the cost.</summary>
public sealed record CostEstimate(
    string Currency,
    string Region,
    DateOnly PriceDate,
    string PriceSource,
    bool FreeTier,
    IReadOnlyList<CostItem> Items,
    IReadOnlyList<string> MissingInputs,
    IReadOnlyList<string> Drivers,
    IReadOnlyList<string> Notes)
{
    /// <summary>Problems with the inputs found while estimating (a profile id that names nothing, a duration longer than the
    /// function's timeout, a value out of range), each at its line.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; init; } = [];

    /// <summary>The batching assumption of every event source mapping that was priced.</summary>
    public IReadOnlyList<string> Batching { get; init; } = [];

    /// <summary>The total, rounded to the cent.</summary>
    public decimal MonthlyTotal => Math.Round(Items.Sum(i => i.Monthly), 2, MidpointRounding.AwayFromZero);
}

/// <summary>Prices every component from the workload profile with <see cref="CostMath"/>. Without traffic or durations it lists
/// the missing inputs instead of inventing them. Volume tiers and free allowances apply once per account (all templates
/// together), per architecture for Lambda and per API type for API Gateway.</summary>
public static class CostEstimator
{
    /// <summary>A retry factor above this is called out as a cost driver (and by rule FC5901).</summary>
    public const int DefaultRetryThreshold = RetryAmplification.DefaultThreshold;

    /// <summary>Standard workflows: StartExecution's refill rate in us-east-1 (executions a second).</summary>
    public const decimal StandardStartExecutionPerSecond = 300m;

    /// <summary>Express duration assumed for a workflow with no Lambda task and no duration of its own: the 100 ms minimum.</summary>
    public const decimal ExpressMinimumMs = 100m;

    private sealed class Draft(string template, Component component, string service, string prefix, List<CostLine> lines, string? note)
    {
        public string Template { get; } = template;
        public Component Component { get; } = component;
        public string Service { get; } = service;
        public string Prefix { get; } = prefix;
        public List<CostLine> Lines { get; } = lines;
        public string? Note { get; } = note;
    }

    private sealed class Context(PriceTable prices, WorkloadProfile? profile, bool freeTier)
    {
        public PriceTable Prices { get; } = prices;
        public WorkloadProfile? Profile { get; } = profile;
        public bool FreeTier { get; } = freeTier;
        public List<Draft> Drafts { get; } = [];
        public SortedSet<string> Missing { get; } = new(StringComparer.Ordinal);
        public List<string> Notes { get; } = [];
        public List<Diagnostic> Diagnostics { get; } = [];
        public List<string> Batching { get; } = [];
        public string Path { get; set; } = "";
        public TrafficModel Traffic { get; set; } = null!;
        public Architecture Architecture { get; set; } = null!;

        public void Add(Component c, string service, string prefix, IEnumerable<CostLine> lines, string? note = null) =>
            Drafts.Add(new Draft(Path, c, service, prefix, [.. lines], note));

        private readonly HashSet<string> _said = new(StringComparer.Ordinal);

        public void Note(string text)
        {
            if (_said.Add("note:" + text))
            {
                Notes.Add(text);
            }
        }

        public void Warn(string message, SourceSpan span) => Warn(new Diagnostic(DiagnosticCodes.Profile, DiagnosticLevel.Warning, message, span));

        public void Warn(Diagnostic diagnostic)
        {
            if (_said.Add("diagnostic:" + diagnostic.Message))
            {
                Diagnostics.Add(diagnostic);
            }
        }
    }

    public static CostEstimate Estimate(IReadOnlyList<Architecture> architectures, WorkloadProfile? profile, bool freeTier = false, int retryThreshold = DefaultRetryThreshold)
    {
        var lookup = PriceTable.Resolve(profile?.Region?.Value);
        var prices = lookup.Prices;
        var all = new Context(prices, profile, freeTier);
        var drivers = new List<string>();
        if (lookup.Warning is { } warning)
        {
            all.Note(warning);
        }

        if (profile is null)
        {
            all.Missing.Add("a workload profile (--profile FILE or fitcheck.workload.yml): traffic.requestsPerMonth or traffic.requestsPerSecond.average, functions.averageDurationMs");
        }
        else
        {
            if (!profile.System.HasTraffic && profile.Components.Values.All(v => !v.HasTraffic))
            {
                all.Missing.Add("traffic.requestsPerMonth or traffic.requestsPerSecond.average");
            }

            foreach (var d in ProfileChecks.UnknownComponents(profile, architectures))
            {
                all.Warn(d);
            }
        }

        foreach (var architecture in architectures)
        {
            // One template's bad value (an overflow, a setting out of range) costs that template its estimate, not the run.
            var one = new Context(prices, profile, freeTier) { Path = architecture.Template.Path, Architecture = architecture };
            try
            {
                one.Traffic = new TrafficModel(architecture, profile);
                PriceTemplate(one);
                Drivers(architecture, profile, one.Drafts, drivers, retryThreshold);
            }
            catch (Exception ex) when (ex is OverflowException or ArgumentException or InvalidOperationException)
            {
                all.Warn(new Diagnostic(DiagnosticCodes.Profile, DiagnosticLevel.Warning,
                    $"the cost of {architecture.Template.Path} was not estimated: {ex.Message}", SourceSpan.FileStart(architecture.Template.Path)));
                continue;
            }

            all.Drafts.AddRange(one.Drafts);
            foreach (var m in one.Missing)
            {
                all.Missing.Add(m);
            }

            foreach (var n in one.Notes)
            {
                all.Note(n);
            }

            foreach (var d in one.Diagnostics)
            {
                all.Warn(d);
            }

            all.Batching.AddRange(one.Batching);
        }

        if (all.Drafts.Any(d => d.Service == "lambda"))
        {
            all.Note("Lambda: invocations are billed per batch for polled consumers (see the batching assumptions); functions.averageDurationMs is per invocation.");
        }

        all.Note("Tiers and free allowances apply once per account (all templates together): Lambda per architecture, API Gateway per API type. " +
            (freeTier ? "The free tier is granted once: 1M Lambda requests and 400,000 GB-s (x86_64 first), 1M API calls per type, 750,000 WebSocket connection minutes, 1M SQS requests, 1M SNS publishes, 14M schedules, 4,000 transitions, 100,000 traces, 5 GB of logs, 100 GB out."
                : "No free tier (--free-tier grants it once)."));
        all.Note("Not priced: NAT gateways, KMS keys and requests, Kinesis shards and PUT units, DynamoDB-to-Kinesis change data capture, IoT Core messages and rules, " +
            "API Gateway cache, S3 storage, DynamoDB storage growth, custom metrics and dashboards, SQS empty receives by Lambda pollers (none are in the pricing facts, or they need inputs the profile does not have).");
        var items = Resolve(all);
        var top = new List<string>();
        if (items.Count > 0 && items.Sum(i => i.Monthly) is var total and > 0m)
        {
            top.AddRange(items.OrderByDescending(i => i.Monthly).Take(3).Where(i => i.Monthly > 0)
                .Select(i => $"{i.Component.LogicalId} ({i.Service}): {CostMath.Money(i.Monthly)}/month, {Math.Round(i.Monthly / total * 100m, 0)}% of the total"));
        }

        drivers.InsertRange(0, top);
        return new CostEstimate(prices.Currency, prices.Region, prices.PricesReadOn, prices.Source, freeTier, items, [.. all.Missing], drivers, all.Notes)
        {
            Diagnostics = all.Diagnostics,
            Batching = all.Batching,
        };
    }

    private static void PriceTemplate(Context x)
    {
        var architecture = x.Architecture;
        var traffic = x.Traffic;
        foreach (var m in traffic.MissingInputs)
        {
            x.Missing.Add(m);
        }

        foreach (var n in traffic.Notes)
        {
            x.Note(n);
        }

        if (x.Profile is not null && architecture.Components.Any(c => traffic.Of(c) is { FailuresOnly: true }))
        {
            x.Note($"Dead-letter queues and failure destinations carry only failed work: {traffic.FailureRateText} of what reaches their source (give failureRate, top-level or per component).");
        }

        foreach (var c in architecture.Components)
        {
            var volume = traffic.Of(c);
            switch (c)
            {
                case Function f:
                    PriceFunction(x, f, volume);
                    break;
                case Api api when volume is { Monthly: > 0 } v:
                    PriceApi(x, api, v);
                    break;
                case Api api when api.RestOnlyFeatures.Any(r => r.Kind == RestFeatureKind.Caching):
                    x.Note($"{api.LogicalId}: the API Gateway cache is not priced (the pricing facts give only about $0.020/hour for 0.5 GB, unconfirmed).");
                    break;
                case Queue q when volume is { Monthly: > 0 } v:
                    PriceQueue(x, q, v);
                    break;
                case Topic t when volume is { Monthly: > 0 } v:
                    PriceTopic(x, t, v);
                    break;
                case EventBus bus when volume is { Monthly: > 0 } v:
                {
                    var payload = x.Profile?.Get(bus.LogicalId, p => p.PayloadKb)?.Value ?? 0m;
                    var rules = architecture.FlowsFrom(bus).Count(f => f.Kind == FlowKind.Routes);
                    x.Add(bus, "eventbridge", v.Working, [CostMath.EventBridge(v.Monthly, payload, x.Prices)],
                        $"{rules} rule(s) on the bus, each assumed to match every event unless the profile gives the rule its own traffic; deliveries to targets in the account are free");
                    break;
                }

                case Schedule s when volume is { Monthly: > 0 } v:
                    x.Add(s, "scheduler", v.Working, [CostMath.Scheduler(v.Monthly, false, x.Prices)]);
                    break;
                case StateMachine sm when volume is { Monthly: > 0 } v:
                    PriceStateMachine(x, sm, v);
                    break;
                case Table table:
                    PriceDynamoDb(x, table);
                    break;
                case Bucket bucket:
                    PriceBucket(x, bucket, volume);
                    break;
                case DataStream stream:
                    x.Note($"{stream.LogicalId}: Kinesis shard-hours (or on-demand stream hours) and PUT payload units are not in the pricing facts; not priced.");
                    break;
                case EventRule { IsIotTopicRule: true } rule:
                    x.Note($"{rule.LogicalId}: IoT Core messages and rule actions are not in the pricing facts; not priced.");
                    break;
                case { Kind: ComponentKind.Pipe } pipe when volume is { Monthly: > 0 } v:
                {
                    var payload = x.Profile?.Get(pipe.LogicalId, p => p.PayloadKb)?.Value ?? 0m;
                    x.Add(pipe, "pipes", v.Working, [CostMath.Pipes(v.Monthly, payload, x.Prices)], "counted before filtering: an upper bound");
                    break;
                }

                case { Kind: ComponentKind.Key } key:
                    x.Note($"{key.LogicalId}: KMS keys ($1 a month each) and their requests are not in the pricing facts; not priced.");
                    break;
            }
        }

        var alarms = architecture.OfType<Alarm>().Where(a => !a.IsComposite).ToList();
        if (alarms.Count > 0)
        {
            x.Add(alarms[0], "cloudwatch", $"{alarms.Count} standard-resolution alarm(s) ({string.Join(", ", alarms.Take(5).Select(a => a.LogicalId))}{(alarms.Count > 5 ? "..." : "")}), one metric each",
                [CostMath.Alarms(alarms.Count, x.Prices)]);
        }

        PriceTraces(x);
    }

    private static void PriceFunction(Context x, Function f, ComponentTraffic? volume)
    {
        var profile = x.Profile;
        var memory = profile?.Get(f.LogicalId, v => v.MemoryMb)?.Value ?? f.MemoryMb.Value;
        if (memory is < 128 or > 10_240)
        {
            x.Warn($"{f.LogicalId} has MemorySize {memory}, outside the 128–10,240 MB Lambda accepts; it is not priced", f.MemoryMb.Span);
            x.Missing.Add($"a valid MemorySize for {f.LogicalId}");
            return;
        }

        var arch = CpuArchitectures.Parse(f.Architecture.Value);
        if (f.ProvisionedConcurrency is { IsKnown: true, Value: > 0 } pc)
        {
            var line = CostMath.LambdaProvisioned(pc.Value!.Value, memory, arch, PriceTable.HoursPerMonth, x.Prices);
            x.Add(f, "lambda", $"provisioned concurrency {pc.Value} all month", [line]);
        }

        if (volume is null)
        {
            if (profile is not null && (profile.System.HasTraffic || profile.Components.Values.Any(v => v.HasTraffic)))
            {
                x.Missing.Add($"components.{f.LogicalId}.traffic.requestsPerMonth (no traffic reaches {f.LogicalId} in the template{(IsAuthorizer(x, f) ? "; an authorizer runs once per uncached request" : "")})");
            }

            return;
        }

        if (profile?.Get(f.LogicalId, v => v.AverageDurationMs) is not { } duration)
        {
            x.Missing.Add("functions.averageDurationMs");
            return;
        }

        if (f.TimeoutSeconds is { IsKnown: true, Value: > 0 } timeout && duration.Value > timeout.Value * 1000m)
        {
            x.Warn($"functions.averageDurationMs {CostMath.Qty(duration.Value)} ms for {f.LogicalId} is longer than its Timeout of {timeout.Value} s: " +
                "every invocation would time out; measure the duration again or raise the Timeout", duration.Span);
        }

        foreach (var batch in x.Traffic.BatchesInto(f))
        {
            x.Batching.Add($"{batch.Flow.From.LogicalId} → {f.LogicalId}: {batch.Working}");
        }

        var invocations = volume.Invocations;
        var lines = new List<CostLine> { CostMath.LambdaRequests(invocations, false, x.Prices) };
        lines.Add(f.ProvisionedConcurrency is { IsKnown: true, Value: > 0 }
            ? CostMath.LambdaProvisionedDuration(invocations, duration.Value, memory, arch, x.Prices)
            : CostMath.LambdaDuration(invocations, duration.Value, memory, arch, false, x.Prices));
        var prefix = volume.BatchedInvocations is { } b ? $"{volume.Working}; {CostMath.Qty(Math.Round(b, 2))} invocations" : volume.Working;
        x.Add(f, "lambda", prefix, lines);

        if (profile.Get(f.LogicalId, v => v.LogKbPerInvocation) is { } logKb)
        {
            var gb = invocations * logKb.Value / 1024m / 1024m;
            var ingest = CostMath.LogsIngestion(gb, false, lambdaVendedTiers: true, x.Prices);
            var retention = f.LoggingLogGroup?.Target is LogGroup lg ? lg.RetentionDays.Value : null;
            var months = retention is { } days ? Math.Min(days / 30.4167m, 120m) : 12m;
            var storage = CostMath.LogsStorage(gb * months, false, 0m, x.Prices);
            var storageText = retention is null
                ? "month 12 of a log group that never expires (12 months of logs held; it keeps growing)"
                : $"steady state, {retention} days kept";
            x.Add(f, "logs", $"{CostMath.Qty(Math.Round(invocations, 2))} invocations × {CostMath.Qty(logKb.Value)} KB = {CostMath.Qty(Math.Round(gb, 4))} GB/month; " +
                $"storage at {storageText}, counted uncompressed (an upper bound: CloudWatch bills stored logs compressed)", [ingest, storage]);
        }
        else
        {
            x.Missing.Add("logs.kbPerInvocation (CloudWatch Logs not priced)");
        }
    }

    private static bool IsAuthorizer(Context x, Function f) =>
        x.Architecture.OfType<Api>().Any(a => a.DefaultAuthorizer.Value is { } name && name.Contains(f.LogicalId, StringComparison.Ordinal));

    /// <summary>60 minutes × 730 hours.</summary>
    private const decimal MinutesPerMonth = 43_800m;

    private static void PriceApi(Context x, Api api, ComponentTraffic v)
    {
        var profile = x.Profile;
        var payload = profile?.Get(api.LogicalId, p => p.PayloadKb)?.Value;
        switch (api.Protocol)
        {
            case ApiProtocol.Rest:
                x.Add(api, "apigateway", v.Working, [CostMath.ApiGatewayRest(v.Monthly, false, x.Prices)]);
                break;
            case ApiProtocol.Http:
                x.Add(api, "apigateway", v.Working, [CostMath.ApiGatewayHttp(v.Monthly, payload ?? 0m, false, x.Prices)]);
                break;
            case ApiProtocol.WebSocket:
            {
                x.Add(api, "apigateway", $"{v.Working}; × 2 (one message in and one reply out each) = {CostMath.Qty(Math.Round(v.Monthly * 2m, 2))} messages",
                    [CostMath.WebSocket(v.Monthly * 2m, 0m, payload ?? 0m, false, x.Prices)[0]]);
                if (profile?.Get(api.LogicalId, p => p.ConcurrentConnections) is { } open)
                {
                    // Connection minutes: connections open on average × 60 minutes × 730 hours.
                    var minutes = open.Value * MinutesPerMonth;
                    x.Add(api, "apigateway", $"{CostMath.Qty(open.Value)} connections open on average (concurrentConnections) × {CostMath.Qty(MinutesPerMonth)} minutes = " +
                        $"{CostMath.Qty(minutes)} connection minutes", [CostMath.WebSocket(0m, minutes, 0m, false, x.Prices)[1]]);
                }
                else
                {
                    x.Missing.Add($"components.{api.LogicalId}.concurrentConnections (WebSocket connection minutes not priced)");
                }

                break;
            }
            default:
                x.Note($"{api.LogicalId}: {api.Protocol.Name()} APIs are not priced.");
                break;
        }

        if (api.RestOnlyFeatures.Any(r => r.Kind == RestFeatureKind.Caching))
        {
            x.Note($"{api.LogicalId}: the API Gateway cache is not priced (the pricing facts give only about $0.020/hour for 0.5 GB, unconfirmed).");
        }

        if (api.AccessLog is not null)
        {
            if (profile?.Get(api.LogicalId, p => p.LogKbPerInvocation) is { } kb)
            {
                var gb = v.Monthly * kb.Value / 1024m / 1024m;
                x.Add(api, "logs", $"access logs: {CostMath.Qty(Math.Round(v.Monthly, 2))} requests × {CostMath.Qty(kb.Value)} KB = {CostMath.Qty(Math.Round(gb, 4))} GB/month",
                    [CostMath.LogsIngestion(gb, false, false, x.Prices)]);
            }
            else
            {
                x.Missing.Add($"components.{api.LogicalId}.logs.kbPerInvocation (access logs not priced)");
            }
        }

        if (payload is { } kbOut)
        {
            var gbOut = v.Monthly * kbOut / 1024m / 1024m;
            x.Add(api, "datatransfer", $"{CostMath.Qty(Math.Round(v.Monthly, 2))} responses × {CostMath.Qty(kbOut)} KB (payloadKb) = {CostMath.Qty(Math.Round(gbOut, 4))} GB out",
                [CostMath.DataTransferOut(gbOut, x.Prices)]);
        }
        else if (profile is not null)
        {
            x.Missing.Add("payloadKb (data transfer out not priced)");
        }
    }

    private static void PriceQueue(Context x, Queue q, ComponentTraffic v)
    {
        var payload = x.Profile?.Get(q.LogicalId, p => p.PayloadKb)?.Value ?? 0m;
        var chunks = CostMath.Chunks(payload, x.Prices.SqsChunkKb);
        var sends = v.Monthly * chunks;
        var working = $"{CostMath.Qty(Math.Round(v.Monthly, 2))} sends" + (chunks > 1 ? $" × {chunks} ({CostMath.Qty(payload)} KB in 64 KB chunks)" : "");
        var requests = sends;
        var batches = x.Traffic.BatchesFrom(q);
        foreach (var b in batches)
        {
            var calls = Math.Ceiling(b.MessagesPerBatch / 10m);
            var receiveUnits = Math.Max(calls, Math.Ceiling(b.MessagesPerBatch * Math.Max(payload, 0.001m) / x.Prices.SqsChunkKb));
            var receives = b.Batches * receiveUnits;
            var deletes = b.Batches * calls;
            requests += receives + deletes;
            working += $" + {CostMath.Qty(Math.Round(b.Batches, 2))} batches of {CostMath.Qty(Math.Round(b.MessagesPerBatch, 4))} polled by {b.Flow.To.LogicalId} " +
                $"× ({receiveUnits} receive + {calls} delete request(s))";
        }

        if (batches.Count == 0 && !x.Architecture.FlowsFrom(q).Any(f => f.Delivery?.Mode == DeliveryMode.QueuePolling))
        {
            working += " (no consumer in the template: receives and deletes not counted)";
        }

        var line = CostMath.Sqs(requests, 0m, q.IsFifo, false, x.Prices);
        x.Add(q, "sqs", $"{v.Working}; {working} = {CostMath.Qty(Math.Round(requests, 2))} requests", [line]);
    }

    private static void PriceTopic(Context x, Topic t, ComponentTraffic v)
    {
        var payload = x.Profile?.Get(t.LogicalId, p => p.PayloadKb)?.Value ?? 0m;
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var bound = new HashSet<Component>(ReferenceEqualityComparer.Instance);
        foreach (var s in x.Traffic.SubscriptionsOf(t))
        {
            var protocol = (s.Protocol ?? "unknown").ToLowerInvariant();
            counts[protocol] = counts.GetValueOrDefault(protocol) + 1;
            if (s.Endpoint?.Target is { } target)
            {
                bound.Add(target);
            }
        }

        foreach (var f in x.Architecture.FlowsFrom(t).Where(Topology.CarriesWork))
        {
            if (f.Binding is not Subscription && bound.Add(f.To))
            {
                var protocol = f.To is Queue ? "sqs" : "lambda";
                counts[protocol] = counts.GetValueOrDefault(protocol) + 1;
            }
        }

        var free = counts.Where(c => c.Key is "lambda" or "sqs").Sum(c => c.Value);
        var lines = CostMath.Sns(v.Monthly, payload, v.Monthly * free, SnsProtocol.LambdaOrSqs, false, x.Prices).ToList();
        foreach (var (protocol, n) in counts.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            var deliveries = v.Monthly * n;
            var (price, label) = protocol switch
            {
                "http" or "https" => (x.Prices.SnsDeliveriesHttp, "HTTP/S"),
                "email" or "email-json" => (x.Prices.SnsDeliveriesEmail, "email"),
                "application" => (x.Prices.SnsDeliveriesMobilePush, "mobile push"),
                "firehose" => (x.Prices.SnsDeliveriesFirehose, "Data Firehose"),
                _ => ((Price?)null, protocol),
            };
            if (price is not null)
            {
                lines.Add(CostMath.Line(CostMath.SnsService, $"deliveries ({label})", price, deliveries, $"{CostMath.Qty(Math.Round(v.Monthly, 2))} × {n} subscription(s) = "));
            }
            else if (protocol is not ("lambda" or "sqs"))
            {
                x.Note($"{t.LogicalId}: {n} {protocol} subscription(s) not priced (SMS is priced per message by destination country; not in the pricing facts).");
            }
        }

        x.Add(t, "sns", v.Working, lines, $"{counts.Values.Sum()} subscription(s): {string.Join(", ", counts.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Value} {c.Key}"))}");
    }

    private static void PriceStateMachine(Context x, StateMachine sm, ComponentTraffic v)
    {
        var profile = x.Profile;
        if (sm.WorkflowType is { IsKnown: true, Value: "EXPRESS" })
        {
            var (ms, how) = ExpressDuration(x, sm);
            x.Add(sm, "stepfunctions", $"{v.Working}; {how}", CostMath.StepFunctionsExpress(v.Monthly, ms, 64, x.Prices), "64 MB execution memory assumed");
            return;
        }

        if (!sm.DefinitionKnown || sm.States.Count == 0)
        {
            x.Missing.Add($"the definition of {sm.LogicalId} (its states set the transitions per execution)");
            return;
        }

        var maps = sm.States.Where(s => s.Type == "Map").ToList();
        var inside = sm.States.Where(s => maps.Any(m => s.Path.StartsWith(m.Path + "/", StringComparison.Ordinal))).ToList();
        var outside = sm.States.Count - inside.Count;
        var perExecution = (decimal)outside;
        var text = $"{outside} state transition(s) per execution (every state once, retries extra)";
        if (inside.Count > 0)
        {
            if (profile?.Get(sm.LogicalId, p => p.MapItems is null ? null : p) is { MapItems: { } items })
            {
                perExecution += items.Value * inside.Count;
                text += $" + {CostMath.Qty(items.Value)} Map items (mapItems) × {inside.Count} state(s) inside the Map";
            }
            else
            {
                x.Missing.Add($"components.{sm.LogicalId}.mapItems (the items each Map state iterates over; the Map's inner states are not counted)");
                text += $"; the {inside.Count} state(s) inside the Map are not counted (mapItems not given)";
            }
        }

        var transitions = v.Monthly * perExecution;
        x.Add(sm, "stepfunctions", $"{v.Working}; × {CostMath.Qty(perExecution)} = {CostMath.Qty(Math.Round(transitions, 2))} transitions ({text})",
            [CostMath.StepFunctionsStandard(transitions, false, x.Prices)]);

        var rate = v.Monthly / PriceTable.SecondsPerMonth;
        var peak = profile?.Get(sm.LogicalId, p => p.RequestsPerSecondPeak)?.Value ?? rate;
        if (Math.Max(rate, peak) > StandardStartExecutionPerSecond)
        {
            var (ms, _) = ExpressDuration(x, sm);
            var express = CostMath.StepFunctionsExpress(v.Monthly, ms, 64, x.Prices).Sum(l => l.Monthly);
            x.Warn($"{sm.LogicalId} is a Standard workflow started {CostMath.Qty(Math.Round(Math.Max(rate, peak), 2))} times a second, above the StartExecution " +
                $"rate of {StandardStartExecutionPerSecond} a second (us-east-1): starts will be throttled. As an Express workflow it would cost about {CostMath.Money(express)}/month " +
                $"(executions of {CostMath.Qty(ms)} ms, 64 MB) against {CostMath.Money(CostMath.StepFunctionsStandard(transitions, false, x.Prices).Monthly)}", sm.Span);
        }

        if (sm.LoggingLevel is { IsKnown: true, Value: "ALL" or "ERROR" or "FATAL" } level)
        {
            if (profile?.Get(sm.LogicalId, p => p.LogKbPerInvocation) is { } kb)
            {
                var events = level.Value == "ALL" ? transitions : v.Monthly * x.Traffic.FailureRate;
                var gb = events * kb.Value / 1024m / 1024m;
                x.Add(sm, "logs", $"execution logs at {level.Value}: {CostMath.Qty(Math.Round(events, 2))} log events × {CostMath.Qty(kb.Value)} KB = {CostMath.Qty(Math.Round(gb, 4))} GB/month",
                    [CostMath.LogsIngestion(gb, false, false, x.Prices)]);
            }
            else
            {
                x.Missing.Add($"components.{sm.LogicalId}.logs.kbPerInvocation (execution logs not priced)");
            }
        }
    }

    // An Express execution lasts as long as its own work: the profile's duration for the workflow, else its Lambda tasks'
    // durations end to end, else the 100 ms minimum (a Pass state or an SNS publish takes less).
    private static (decimal Ms, string How) ExpressDuration(Context x, StateMachine sm)
    {
        if (x.Profile?.Components.GetValueOrDefault(sm.LogicalId)?.AverageDurationMs?.Value is { } own)
        {
            return (own, $"{CostMath.Qty(own)} ms per execution (components.{sm.LogicalId}.functions.averageDurationMs)");
        }

        var tasks = sm.States.Where(s => s.Target is Function).ToList();
        var durations = tasks.Select(s => x.Profile?.Get(s.Target!.LogicalId, p => p.AverageDurationMs)?.Value).ToList();
        if (tasks.Count > 0 && durations.All(d => d is not null))
        {
            var sum = durations.Sum()!.Value;
            return (Math.Max(sum, ExpressMinimumMs), $"{CostMath.Qty(sum)} ms per execution (its Lambda tasks end to end: {string.Join(" + ", tasks.Select(t => t.Target!.LogicalId))})");
        }

        return (ExpressMinimumMs, $"{ExpressMinimumMs} ms per execution (the billing minimum: no Lambda task, and no components.{sm.LogicalId}.functions.averageDurationMs)");
    }

    private static void PriceDynamoDb(Context x, Table table)
    {
        if (table.BillingMode is not { IsKnown: true })
        {
            return;
        }

        decimal reads = 0m, writes = 0m;
        var readers = new List<string>();
        var writers = new List<string>();
        foreach (var flow in x.Architecture.FlowsTo(table))
        {
            if (x.Traffic.Of(flow.From) is not { Monthly: > 0 } v)
            {
                continue;
            }

            if (flow.Kind == FlowKind.Reads)
            {
                reads += v.Monthly;
                readers.Add(flow.From.LogicalId);
            }
            else if (flow.Kind == FlowKind.Writes)
            {
                writes += v.Monthly;
                writers.Add(flow.From.LogicalId);
            }
        }

        var itemKb = x.Profile?.Get(table.LogicalId, p => p.PayloadKb)?.Value ?? 1m;
        if (table.BillingMode.Value != "PAY_PER_REQUEST")
        {
            PriceProvisionedTable(x, table, reads, writes, itemKb);
            return;
        }

        if (reads == 0m && writes == 0m)
        {
            return;
        }

        var lines = CostMath.DynamoDbOnDemand(reads, writes, itemKb, ReadConsistency.Eventual, x.Prices);
        x.Add(table, "dynamodb",
            $"one eventually consistent read per event handled by {(readers.Count > 0 ? string.Join(", ", readers.Distinct()) : "no reader")} and one write per event handled by " +
            $"{(writers.Count > 0 ? string.Join(", ", writers.Distinct()) : "no writer")} (from their permissions)" +
            (table.StreamViewType is not null ? "; its stream gets one record per write (Lambda's stream reads are free)" : ""), lines);
    }

    /// <summary>A provisioned table pays its capacity every hour, whatever the traffic; the traffic the profile implies is
    /// checked against it (a table that cannot take the writes throttles its writers).</summary>
    private static void PriceProvisionedTable(Context x, Table table, decimal reads, decimal writes, decimal itemKb)
    {
        if (table.WriteCapacityUnits is not { IsKnown: true } wcu || table.ReadCapacityUnits is not { IsKnown: true } rcu)
        {
            x.Note($"{table.LogicalId}: provisioned capacity ($0.00065 per WCU-hour, $0.00013 per RCU-hour) is not priced: " +
                   "its ReadCapacityUnits and WriteCapacityUnits are not written in the template.");
            return;
        }

        var scaled = table.AutoScaledDimensions.Count > 0
            ? $"; Application Auto Scaling scales {string.Join(" and ", table.AutoScaledDimensions.Order(StringComparer.Ordinal).Select(d => d[(d.LastIndexOf(':') + 1)..]))}, priced at the written capacity (its floor)"
            : "";
        x.Add(table, "dynamodb", $"provisioned capacity all month ({wcu.Value} WCU, {rcu.Value} RCU){scaled}", CostMath.DynamoDbProvisioned(wcu.Value, rcu.Value, x.Prices));

        // Capacity check: one WCU takes one write per second of up to 1 KB; one RCU two eventually consistent reads of up to 4 KB.
        var peakFactor = x.Profile?.System is { RequestsPerSecondPeak.Value: > 0 and var peak, RequestsPerSecondAverage.Value: > 0 and var average } && peak > average
            ? peak / average
            : 1m;
        var rateWord = peakFactor > 1m ? "at the profile's peak" : "on average";
        var writeUnits = writes / PriceTable.SecondsPerMonth * CostMath.Chunks(itemKb, x.Prices.DynamoDbWriteUnitKb) * peakFactor;
        var readUnits = reads / PriceTable.SecondsPerMonth * CostMath.Chunks(itemKb, x.Prices.DynamoDbReadUnitKb) * 0.5m * peakFactor;
        if (!table.AutoScaledDimensions.Contains("dynamodb:table:WriteCapacityUnits") && writeUnits > wcu.Value)
        {
            x.Warn($"{table.LogicalId} is provisioned with {wcu.Value} WCU, but the profile sends it about {CostMath.Qty(Math.Round(writeUnits, 1))} write units a second " +
                   $"{rateWord} ({CostMath.Qty(Math.Round(writes, 0))} writes a month, {CostMath.Qty(itemKb)} KB items): writes above the capacity are throttled. " +
                   "Raise WriteCapacityUnits, add auto scaling, or use PAY_PER_REQUEST.", wcu.Span);
        }

        if (!table.AutoScaledDimensions.Contains("dynamodb:table:ReadCapacityUnits") && readUnits > rcu.Value)
        {
            x.Warn($"{table.LogicalId} is provisioned with {rcu.Value} RCU, but the profile sends it about {CostMath.Qty(Math.Round(readUnits, 1))} read units a second " +
                   $"{rateWord} ({CostMath.Qty(Math.Round(reads, 0))} eventually consistent reads a month, {CostMath.Qty(itemKb)} KB items): reads above the capacity are throttled. " +
                   "Raise ReadCapacityUnits, add auto scaling, or use PAY_PER_REQUEST.", rcu.Span);
        }
    }

    private static void PriceBucket(Context x, Bucket bucket, ComponentTraffic? volume)
    {
        var puts = volume?.Monthly ?? 0m;
        decimal gets = 0m;
        var readers = new List<string>();
        foreach (var flow in x.Architecture.FlowsTo(bucket).Where(f => f.Kind == FlowKind.Reads))
        {
            if (x.Traffic.Of(flow.From) is { Monthly: > 0 } v)
            {
                gets += v.Monthly;
                readers.Add(flow.From.LogicalId);
            }
        }

        if (puts == 0m && gets == 0m)
        {
            return;
        }

        x.Add(bucket, "s3", $"{(volume is null ? "no writes" : volume.Working)}; one GET per event handled by {(readers.Count > 0 ? string.Join(", ", readers.Distinct()) : "no reader")}",
            CostMath.S3Requests(puts, gets, x.Prices), "storage not priced");
    }

    // X-Ray records a trace per sampled request where the trace starts; downstream hops (SQS and SNS propagate the trace
    // header, Lambda and Step Functions continue it) add segments to the same trace, not traces.
    private static void PriceTraces(Context x)
    {
        var traced = x.Architecture.Components.Where(c => c switch
        {
            Function f => f.Tracing is { IsKnown: true, Value: "Active" },
            Api api => api.TracingEnabled is { IsKnown: true, Value: true },
            StateMachine sm => sm.TracingEnabled is { IsKnown: true, Value: true },
            _ => false,
        }).ToList();
        if (traced.Count == 0)
        {
            return;
        }

        var reached = new HashSet<Component>(ReferenceEqualityComparer.Instance);
        var queue = new Queue<Component>();
        foreach (var t in traced)
        {
            foreach (var f in x.Architecture.FlowsFrom(t).Where(Topology.CarriesWork))
            {
                if (!ReferenceEquals(f.To, t) && reached.Add(f.To))
                {
                    queue.Enqueue(f.To);
                }
            }
        }

        while (queue.Count > 0)
        {
            foreach (var f in x.Architecture.FlowsFrom(queue.Dequeue()).Where(Topology.CarriesWork))
            {
                if (reached.Add(f.To))
                {
                    queue.Enqueue(f.To);
                }
            }
        }

        foreach (var c in traced)
        {
            if (reached.Contains(c) || x.Traffic.Of(c) is not { Monthly: > 0 } v)
            {
                continue;
            }

            var rate = v.Monthly / PriceTable.SecondsPerMonth;
            var perSecond = Math.Min(rate, 1m) + 0.05m * Math.Max(rate - 1m, 0m);
            var traces = perSecond * PriceTable.SecondsPerMonth;
            x.Add(c, "xray", $"traces start here (downstream traced hops add segments, not traces); default sampling (1 request a second + 5% of the rest): " +
                $"{CostMath.Qty(Math.Round(rate, 4))} req/s → {CostMath.Qty(Math.Round(perSecond, 4))} traces/s × 2,628,000 s = {CostMath.Qty(Math.Round(traces, 0))} traces",
                [CostMath.XRay(traces, false, x.Prices)]);
        }
    }

    // ---- Account-level pricing -------------------------------------------------------------------------------------

    private sealed record Pool(string Key, Price Price, string? FreeGroup);

    private static Pool? PoolOf(CostLine line, PriceTable p) => (line.Service, line.Dimension) switch
    {
        (CostMath.Lambda, "requests") => new Pool("lambda requests", p.LambdaRequests, "lambda requests"),
        (CostMath.Lambda, "duration (x86_64)") => new Pool("lambda duration x86_64", p.LambdaDurationX86, "lambda GB-s"),
        (CostMath.Lambda, "duration (arm64)") => new Pool("lambda duration arm64", p.LambdaDurationArm64, "lambda GB-s"),
        (CostMath.ApiGatewayRestService, "requests") => new Pool("REST API requests", p.ApiGatewayRest, "REST API requests"),
        (CostMath.ApiGatewayHttpService, "requests") => new Pool("HTTP API requests", p.ApiGatewayHttp, "HTTP API requests"),
        (CostMath.ApiGatewayWebSocketService, "messages") => new Pool("WebSocket messages", p.WebSocketMessages, "WebSocket messages"),
        (CostMath.ApiGatewayWebSocketService, "connection minutes") => new Pool("WebSocket connection minutes", p.WebSocketConnectionMinutes, "WebSocket connection minutes"),
        (CostMath.SqsService, "requests (standard)") => new Pool("SQS standard requests", p.SqsStandard, "SQS requests"),
        (CostMath.SqsService, "requests (FIFO)") => new Pool("SQS FIFO requests", p.SqsFifo, "SQS requests"),
        (CostMath.SnsService, "publishes") => new Pool("SNS publishes", p.SnsPublishes, "SNS publishes"),
        (CostMath.SchedulerService, _) => new Pool("schedules", p.SchedulerInvocations, "schedules"),
        (CostMath.StepFunctionsStandardService, _) => new Pool("state transitions", p.StepFunctionsStandardTransitions, "state transitions"),
        (CostMath.StepFunctionsExpressService, "duration") => new Pool("Express duration", p.StepFunctionsExpressDuration, null),
        (CostMath.LogsService, "ingestion (Lambda logs)") => new Pool("Lambda logs ingestion", p.LogsIngestionLambdaVended, "logs GB"),
        (CostMath.LogsService, "ingestion") => new Pool("logs ingestion", p.LogsIngestion, "logs GB"),
        (CostMath.LogsService, "storage") => new Pool("logs storage", p.LogsStorage, "logs GB"),
        (CostMath.XRayService, "traces recorded") => new Pool("traces", p.XRayTracesRecorded, "traces"),
        (CostMath.DataTransferService, _) => new Pool("data transfer out", p.DataTransferOut, "data transfer out"),
        _ => null,
    };

    private static decimal FreeAmount(string group, PriceTable p) => group switch
    {
        "lambda requests" => p.LambdaFreeRequests,
        "lambda GB-s" => p.LambdaFreeGbSeconds,
        "REST API requests" => p.ApiGatewayFreeRestCalls,
        "HTTP API requests" => p.ApiGatewayFreeHttpCalls,
        "WebSocket messages" => p.ApiGatewayFreeWebSocketMessages,
        "WebSocket connection minutes" => p.ApiGatewayFreeConnectionMinutes,
        "SQS requests" => p.SqsFreeRequests,
        "SNS publishes" => p.SnsFreePublishes,
        "schedules" => p.SchedulerFreeInvocations,
        "state transitions" => p.StepFunctionsFreeTransitions,
        "logs GB" => p.LogsFreeGb,
        "traces" => p.XRayFreeTracesRecorded,
        "data transfer out" => p.DataTransferFreeGb,
        _ => 0m,
    };

    // Prices every pooled dimension once for the account: the tiers see the total, the free allowance (with --free-tier) comes
    // off the total once, and each line carries its share in proportion to its quantity.
    private static List<CostItem> Resolve(Context all)
    {
        var p = all.Prices;
        var members = new Dictionary<string, List<(Draft Draft, int Index, Pool Pool)>>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var d in all.Drafts)
        {
            for (var i = 0; i < d.Lines.Count; i++)
            {
                if (PoolOf(d.Lines[i], p) is { } pool)
                {
                    if (!members.TryGetValue(pool.Key, out var list))
                    {
                        members[pool.Key] = list = [];
                        order.Add(pool.Key);
                    }

                    list.Add((d, i, pool));
                }
            }
        }

        // x86_64 before arm64 for the shared Lambda GB-s allowance; otherwise first come.
        var freeLeft = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var key in order.OrderBy(k => k == "lambda duration arm64" ? 1 : 0))
        {
            var list = members[key];
            var pool = list[0].Pool;
            var total = list.Sum(m => m.Draft.Lines[m.Index].Quantity);
            var free = 0m;
            if (all.FreeTier && pool.FreeGroup is { } group)
            {
                var left = freeLeft.TryGetValue(group, out var l) ? l : FreeAmount(group, p);
                free = Math.Min(left, total);
                freeLeft[group] = left - free;
            }

            if (list.Count == 1 && free == 0m)
            {
                continue;
            }

            var billable = total - free;
            var cost = pool.Price.Cost(billable);
            foreach (var (draft, index, _) in list)
            {
                var line = draft.Lines[index];
                var share = total > 0m ? cost * line.Quantity / total : 0m;
                var together = list.Count == 1 ? "" : $"billed with the account's other {pool.Key} ({list.Count} lines, {CostMath.Qty(Math.Round(total, 2))} {pool.Price.Unit} in all): ";
                var freeText = free > 0m ? $"{CostMath.Qty(Math.Round(total, 2))} − {CostMath.Qty(Math.Round(free, 2))} free = " : "";
                var shareText = list.Count == 1 ? "" : $"; this line's share {CostMath.Qty(Math.Round(line.Quantity, 2))} ÷ {CostMath.Qty(Math.Round(total, 2))} = {CostMath.Money(share)}";
                draft.Lines[index] = line with
                {
                    Monthly = share,
                    Arithmetic = $"{line.Working}{CostMath.Qty(Math.Round(line.Quantity, 2))} {pool.Price.Unit}; {together}{freeText}{CostMath.Parts(pool.Price, billable)} = {CostMath.Money(cost)}{shareText}",
                };
            }
        }

        return all.Drafts.Select(d => new CostItem(d.Template, d.Component, d.Service, d.Lines.Sum(l => l.Monthly),
            $"{d.Prefix}; {string.Join("; ", d.Lines.Select(l => $"{l.Dimension}: {l.Arithmetic}"))}" + (d.Note is null ? "" : $" ({d.Note})"), d.Lines)).ToList();
    }

    private static void Drivers(Architecture architecture, WorkloadProfile? profile, List<Draft> items, List<string> drivers, int retryThreshold)
    {
        var priced = items.Select(i => i.Component).ToHashSet(ReferenceEqualityComparer.Instance);
        foreach (var p in DesignAnalyses.Of(architecture).RetryAmplification.Paths)
        {
            if (priced.Contains(p.Consumer) && (p.Factor is null || p.Factor > retryThreshold))
            {
                drivers.Add($"retries: one failing event can make {p.Consumer.LogicalId} process work {(p.Factor is null ? "without bound" : $"{p.Factor} times")} ({p.Expression}) on {p.Route}");
            }
        }

        foreach (var f in architecture.OfType<Function>())
        {
            var memory = profile?.Get(f.LogicalId, v => v.MemoryMb)?.Value ?? f.MemoryMb.Value;
            if (memory >= 3008 || f.TimeoutSeconds is { IsKnown: true, Value: >= FitEvidence.LongFunctionSeconds })
            {
                drivers.Add($"oversized or long function: {f.LogicalId} has {memory} MB and a {f.TimeoutSeconds.Describe()} s timeout");
            }

            if (f.ApplicationLogLevel?.Value is "DEBUG" or "TRACE")
            {
                drivers.Add($"noisy logs: {f.LogicalId} logs at {f.ApplicationLogLevel.Value}");
            }

            var lambda = items.FirstOrDefault(i => ReferenceEquals(i.Component, f) && i.Service == "lambda" && i.Lines.Count == 2);
            var logs = items.FirstOrDefault(i => ReferenceEquals(i.Component, f) && i.Service == "logs");
            if (lambda is not null && logs is not null && logs.Lines.Sum(l => l.Monthly) > lambda.Lines.Sum(l => l.Monthly))
            {
                drivers.Add($"noisy logs: {f.LogicalId}'s logs ({CostMath.Money(logs.Lines.Sum(l => l.Monthly))}) cost more than its compute ({CostMath.Money(lambda.Lines.Sum(l => l.Monthly))})");
            }

            var polled = f.Events.Where(e => e.Delivery.Mode is DeliveryMode.QueuePolling or DeliveryMode.StreamPolling).ToList();
            if (polled.Count > 0 && f.ReservedConcurrency.Value is null && polled.All(e => e.Delivery.Mapping?.MaximumConcurrency.Value is null))
            {
                drivers.Add($"uncontrolled concurrency: {f.LogicalId} scales with its {polled[0].Delivery.Source} backlog (no reserved concurrency or MaximumConcurrency)");
            }
        }

        var region = profile?.Region?.Value ?? Cost.PriceTable.DefaultRegion;
        foreach (var ext in architecture.ExternalReferences.Where(e => e.Region is { Length: > 0 } r && !string.Equals(r, region, StringComparison.OrdinalIgnoreCase)))
        {
            drivers.Add($"cross-region traffic: {ext.From.LogicalId} uses {ext.Service} in {ext.Region} while the workload runs in {region} (inter-region transfer is billed)");
        }
    }
}
