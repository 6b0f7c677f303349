using FitCheck.Analysis.Traffic;
using FitCheck.Model;
using FitCheck.Rules.Analyses;

namespace FitCheck.Analysis.Cost;

/// <summary>One component's cost for one billed dimension group (a function's requests and duration are one item).</summary>
/// <param name="Service">lambda, apigateway, sqs, sns, eventbridge, scheduler, stepfunctions, dynamodb, logs or xray.</param>
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
    /// <summary>The total, rounded to the cent.</summary>
    public decimal MonthlyTotal => Math.Round(Items.Sum(i => i.Monthly), 2, MidpointRounding.AwayFromZero);
}

/// <summary>Prices every component from the workload profile with <see cref="CostMath"/>. Without traffic or durations it lists
/// the missing inputs instead of inventing them.</summary>
public static class CostEstimator
{
    /// <summary>A retry factor above this is called out as a cost driver (and by rule FC5901).</summary>
    public const int DefaultRetryThreshold = FitCheck.Rules.Cost.RetryAmplificationWithinBounds.DefaultThreshold;

    public static CostEstimate Estimate(IReadOnlyList<Architecture> architectures, WorkloadProfile? profile, bool freeTier = false, int retryThreshold = DefaultRetryThreshold)
    {
        var lookup = PriceTable.Resolve(profile?.Region?.Value);
        var prices = lookup.Prices;
        var items = new List<CostItem>();
        var missing = new SortedSet<string>(StringComparer.Ordinal);
        var notes = new List<string>();
        var drivers = new List<string>();
        if (lookup.Warning is { } warning)
        {
            notes.Add(warning);
        }

        if (profile is null)
        {
            missing.Add("a workload profile (--profile FILE or fitcheck.workload.yml): traffic.requestsPerMonth or traffic.requestsPerSecond.average, functions.averageDurationMs");
        }
        else if (!profile.System.HasTraffic && profile.Components.Values.All(v => !v.HasTraffic))
        {
            missing.Add("traffic.requestsPerMonth or traffic.requestsPerSecond.average");
        }

        foreach (var architecture in architectures)
        {
            var traffic = new TrafficModel(architecture, profile);
            var path = architecture.Template.Path;
            foreach (var c in architecture.Components)
            {
                var volume = traffic.Of(c);
                switch (c)
                {
                    case Function f:
                        PriceFunction(path, f, volume, profile, prices, freeTier, items, missing);
                        break;
                    case Api api when volume is { Monthly: > 0 } v:
                        PriceApi(path, api, v, profile, prices, freeTier, items, notes);
                        break;
                    case Queue q when volume is { Monthly: > 0 } v:
                        PriceQueue(path, architecture, q, v, profile, prices, freeTier, items);
                        break;
                    case Topic t when volume is { Monthly: > 0 } v:
                    {
                        var subscribers = architecture.FlowsFrom(t).Count(Topology.CarriesWork);
                        var payload = profile?.Get(t.LogicalId, x => x.PayloadKb)?.Value ?? 0m;
                        var lines = CostMath.Sns(v.Monthly, payload, v.Monthly * subscribers, SnsProtocol.LambdaOrSqs, freeTier, prices);
                        items.Add(Item(path, t, "sns", v, lines, $"{subscribers} subscriber(s)"));
                        break;
                    }

                    case EventBus bus when volume is { Monthly: > 0 } v:
                    {
                        var payload = profile?.Get(bus.LogicalId, x => x.PayloadKb)?.Value ?? 0m;
                        items.Add(Item(path, bus, "eventbridge", v, [CostMath.EventBridge(v.Monthly, payload, prices)], null));
                        break;
                    }

                    case Schedule s when volume is { Monthly: > 0 } v:
                        items.Add(Item(path, s, "scheduler", v, [CostMath.Scheduler(v.Monthly, freeTier, prices)], null));
                        break;
                    case StateMachine sm when volume is { Monthly: > 0 } v:
                        PriceStateMachine(path, sm, v, profile, prices, freeTier, items, missing);
                        break;
                    case Table table when table.BillingMode is { IsKnown: true, Value: "PAY_PER_REQUEST" }:
                        PriceDynamoDb(path, architecture, table, traffic, profile, prices, items);
                        break;
                    case DataStream stream:
                        notes.Add($"{stream.LogicalId}: Kinesis shard-hours and PUT payload units are not in the price table; not priced.");
                        break;
                    case Table table when table.BillingMode.IsKnown:
                        notes.Add($"{table.LogicalId}: provisioned-capacity tables are not priced (on-demand only).");
                        break;
                }
            }

            Drivers(architecture, profile, items, drivers, retryThreshold);
        }

        notes.Add("Not priced: data transfer, NAT gateways, KMS, S3 storage and requests, CloudWatch metrics and alarms, SQS empty receives by Lambda pollers.");
        var top = new List<string>();
        if (items.Count > 0 && items.Sum(i => i.Monthly) is var total and > 0m)
        {
            top.AddRange(items.OrderByDescending(i => i.Monthly).Take(3).Where(i => i.Monthly > 0)
                .Select(i => $"{i.Component.LogicalId} ({i.Service}): {CostMath.Money(i.Monthly)}/month, {Math.Round(i.Monthly / total * 100m, 0)}% of the total"));
        }

        drivers.InsertRange(0, top);
        var date = prices.PricesReadOn;
        return new CostEstimate(prices.Currency, prices.Region, date, prices.Source, freeTier, items, [.. missing], drivers, notes);
    }

    private static void PriceFunction(string path, Function f, ComponentTraffic? volume, WorkloadProfile? profile, PriceTable prices, bool freeTier,
        List<CostItem> items, SortedSet<string> missing)
    {
        var memory = profile?.Get(f.LogicalId, v => v.MemoryMb)?.Value ?? f.MemoryMb.Value;
        var arch = CpuArchitectures.Parse(f.Architecture.Value);
        if (f.ProvisionedConcurrency is { IsKnown: true, Value: > 0 } pc)
        {
            var line = CostMath.LambdaProvisioned(pc.Value!.Value, memory, arch, PriceTable.HoursPerMonth, prices);
            items.Add(new CostItem(path, f, "lambda", line.Monthly, $"provisioned concurrency {pc.Value} all month: {line.Arithmetic}", [line]));
        }

        if (volume is null)
        {
            if (profile is not null && profile.System.HasTraffic)
            {
                missing.Add($"components.{f.LogicalId}.traffic.requestsPerMonth (no traffic reaches {f.LogicalId} in the template)");
            }

            return;
        }

        if (profile?.Get(f.LogicalId, v => v.AverageDurationMs) is not { } duration)
        {
            missing.Add("functions.averageDurationMs");
            return;
        }

        var lines = new List<CostLine> { CostMath.LambdaRequests(volume.Monthly, freeTier, prices) };
        lines.Add(f.ProvisionedConcurrency is { IsKnown: true, Value: > 0 }
            ? CostMath.LambdaProvisionedDuration(volume.Monthly, duration.Value, memory, arch, prices)
            : CostMath.LambdaDuration(volume.Monthly, duration.Value, memory, arch, freeTier, prices));
        items.Add(Item(path, f, "lambda", volume, lines, null));

        if (profile.Get(f.LogicalId, v => v.LogKbPerInvocation) is { } logKb)
        {
            var gb = volume.Monthly * logKb.Value / 1024m / 1024m;
            var ingest = CostMath.LogsIngestion(gb, freeTier, lambdaVendedTiers: true, prices);
            var retention = f.LoggingLogGroup?.Target is LogGroup lg ? lg.RetentionDays.Value : null;
            var months = retention is { } days ? Math.Min(days / 30.4167m, 120m) : 12m;
            var storage = CostMath.LogsStorage(gb * months, freeTier, freeTier ? gb : 0m, prices);
            var storageText = retention is null ? "12 months kept (never expires; the first year shown)" : $"{retention} days kept";
            items.Add(new CostItem(path, f, "logs", ingest.Monthly + storage.Monthly,
                $"{CostMath.Qty(Math.Round(volume.Monthly, 2))} invocations × {CostMath.Qty(logKb.Value)} KB = {CostMath.Qty(Math.Round(gb, 4))} GB/month; " +
                $"{ingest.Arithmetic}; storage at steady state, {storageText}, uncompressed (an upper bound): {storage.Arithmetic}", [ingest, storage]));
        }
        else
        {
            missing.Add("logs.kbPerInvocation (CloudWatch Logs not priced)");
        }

        if (f.Tracing is { IsKnown: true, Value: "Active" })
        {
            items.Add(XRayItem(path, f, volume.Monthly, freeTier, prices));
        }
    }

    private static void PriceApi(string path, Api api, ComponentTraffic v, WorkloadProfile? profile, PriceTable prices, bool freeTier,
        List<CostItem> items, List<string> notes)
    {
        var payload = profile?.Get(api.LogicalId, x => x.PayloadKb)?.Value ?? 0m;
        switch (api.Protocol)
        {
            case ApiProtocol.Rest:
                items.Add(Item(path, api, "apigateway", v, [CostMath.ApiGatewayRest(v.Monthly, freeTier, prices)], null));
                break;
            case ApiProtocol.Http:
                items.Add(Item(path, api, "apigateway", v, [CostMath.ApiGatewayHttp(v.Monthly, payload, freeTier, prices)], null));
                break;
            case ApiProtocol.WebSocket:
                items.Add(Item(path, api, "apigateway", v, CostMath.WebSocket(v.Monthly, 0m, payload, freeTier, prices), "messages only; connection minutes not given"));
                break;
            default:
                notes.Add($"{api.LogicalId}: {api.Protocol.Name()} APIs are not priced.");
                break;
        }

        if (api.TracingEnabled is { IsKnown: true, Value: true })
        {
            items.Add(XRayItem(path, api, v.Monthly, freeTier, prices));
        }
    }

    private static void PriceQueue(string path, Architecture architecture, Queue q, ComponentTraffic v, WorkloadProfile? profile, PriceTable prices,
        bool freeTier, List<CostItem> items)
    {
        var payload = profile?.Get(q.LogicalId, x => x.PayloadKb)?.Value ?? 0m;
        var consumers = architecture.FlowsFrom(q).Where(f => f.Delivery?.Mode == DeliveryMode.QueuePolling).ToList();
        var requests = v.Monthly;
        var working = $"{CostMath.Qty(Math.Round(v.Monthly, 2))} sends";
        foreach (var c in consumers)
        {
            var batch = Math.Max(1, c.Delivery?.Mapping?.BatchSize.Value ?? 1);
            var perBatch = v.Monthly / batch * 2m;
            requests += perBatch;
            working += $" + {CostMath.Qty(Math.Round(v.Monthly, 2))} ÷ {batch} per batch × 2 (receive + delete) by {c.To.LogicalId}";
        }

        var line = CostMath.Sqs(requests, payload, q.IsFifo, freeTier, prices);
        items.Add(new CostItem(path, q, "sqs", line.Monthly, $"{v.Working}; {working} = {CostMath.Qty(Math.Round(requests, 2))} requests; {line.Arithmetic}", [line]));
    }

    private static void PriceStateMachine(string path, StateMachine sm, ComponentTraffic v, WorkloadProfile? profile,
        PriceTable prices, bool freeTier, List<CostItem> items, SortedSet<string> missing)
    {
        if (sm.WorkflowType is { IsKnown: true, Value: "EXPRESS" })
        {
            var own = profile?.Components.GetValueOrDefault(sm.LogicalId)?.AverageDurationMs?.Value;
            var tasks = sm.States.Where(s => s.Target is Function).Select(s => profile?.Get(s.Target!.LogicalId, x => x.AverageDurationMs)?.Value).ToList();
            decimal? duration = own ?? (tasks.Count > 0 && tasks.All(t => t is not null) ? tasks.Sum() : profile?.System.AverageDurationMs?.Value);
            if (duration is null)
            {
                missing.Add($"components.{sm.LogicalId}.functions.averageDurationMs (Express workflow duration)");
                return;
            }

            items.Add(Item(path, sm, "stepfunctions", v, CostMath.StepFunctionsExpress(v.Monthly, duration.Value, 64, prices), "64 MB execution memory assumed"));
            return;
        }

        if (!sm.DefinitionKnown || sm.States.Count == 0)
        {
            missing.Add($"the definition of {sm.LogicalId} (its states set the transitions per execution)");
            return;
        }

        var perExecution = sm.States.Count;
        var transitions = v.Monthly * perExecution;
        var line = CostMath.StepFunctionsStandard(transitions, freeTier, prices);
        items.Add(new CostItem(path, sm, "stepfunctions", line.Monthly,
            $"{v.Working}; × {perExecution} state transitions per execution (every state once, retries extra) = {CostMath.Qty(Math.Round(transitions, 2))}; {line.Arithmetic}", [line]));
    }

    private static void PriceDynamoDb(string path, Architecture architecture, Table table, TrafficModel traffic, WorkloadProfile? profile, PriceTable prices,
        List<CostItem> items)
    {
        decimal reads = 0m, writes = 0m;
        var readers = new List<string>();
        var writers = new List<string>();
        foreach (var flow in architecture.FlowsTo(table))
        {
            if (traffic.Of(flow.From) is not { Monthly: > 0 } v)
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

        if (reads == 0m && writes == 0m)
        {
            return;
        }

        var itemKb = profile?.Get(table.LogicalId, x => x.PayloadKb)?.Value ?? 1m;
        var lines = CostMath.DynamoDbOnDemand(reads, writes, itemKb, ReadConsistency.Eventual, prices);
        items.Add(new CostItem(path, table, "dynamodb", lines.Sum(l => l.Monthly),
            $"one eventually consistent read per invocation of {(readers.Count > 0 ? string.Join(", ", readers.Distinct()) : "no reader")} and one write per invocation of " +
            $"{(writers.Count > 0 ? string.Join(", ", writers.Distinct()) : "no writer")} (from their permissions); {string.Join("; ", lines.Select(l => l.Arithmetic))}", lines));
    }

    /// <summary>X-Ray's default sampling rule records the first request each second and 5% of the rest; with only a monthly
    /// average to go on, that is min(rate, 1) + 5% × (rate − 1) traces a second (an upper bound for bursty traffic).</summary>
    private static CostItem XRayItem(string path, Component c, decimal monthly, bool freeTier, PriceTable prices)
    {
        var rate = monthly / Cost.PriceTable.SecondsPerMonth;
        var perSecond = Math.Min(rate, 1m) + 0.05m * Math.Max(rate - 1m, 0m);
        var traces = perSecond * Cost.PriceTable.SecondsPerMonth;
        var line = CostMath.XRay(traces, freeTier, prices);
        return new CostItem(path, c, "xray", line.Monthly,
            $"default sampling (1 request a second + 5% of the rest): {CostMath.Qty(Math.Round(rate, 4))} req/s → {CostMath.Qty(Math.Round(perSecond, 4))} traces/s × 2,628,000 s = " +
            $"{CostMath.Qty(Math.Round(traces, 0))} traces; {line.Arithmetic}", [line]);
    }

    private static CostItem Item(string path, Component c, string service, ComponentTraffic v, IReadOnlyList<CostLine> lines, string? note) =>
        new(path, c, service, lines.Sum(l => l.Monthly),
            $"{v.Working}; {string.Join("; ", lines.Select(l => $"{l.Dimension}: {l.Arithmetic}"))}" + (note is null ? "" : $" ({note})"), lines);

    private static void Drivers(Architecture architecture, WorkloadProfile? profile, List<CostItem> items, List<string> drivers, int retryThreshold)
    {
        var priced = items.Select(i => i.Component).ToHashSet(ReferenceEqualityComparer.Instance);
        foreach (var p in RetryAmplification.Analyse(architecture).Paths)
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
            if (lambda is not null && logs is not null && logs.Monthly > lambda.Monthly)
            {
                drivers.Add($"noisy logs: {f.LogicalId}'s logs ({CostMath.Money(logs.Monthly)}) cost more than its compute ({CostMath.Money(lambda.Monthly)})");
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
