using System.Globalization;
using FitCheck.Model;
using FitCheck.Analysis.Cost;
using FitCheck.Analysis.Design;

namespace FitCheck.Analysis.Traffic;

/// <summary>How many events a month reach one component, and why.</summary>
/// <param name="Monthly">Events (requests, messages, records) the component handles a month.</param>
/// <param name="Working">How the figure was reached, with the numbers substituted.</param>
public sealed record ComponentTraffic(Component Component, decimal Monthly, string Working)
{
    /// <summary>Invocations, for a function that polls a queue or stream in batches; null when every event is one invocation.</summary>
    public decimal? BatchedInvocations { get; init; }

    /// <summary>Invocations a month: batches for a polled consumer, otherwise one per event.</summary>
    public decimal Invocations => BatchedInvocations ?? Monthly;

    /// <summary>True when only failed work reaches the component (a dead-letter queue, a failure destination).</summary>
    public bool FailuresOnly { get; init; }
}

/// <summary>The one batching assumption for an event source mapping: how many messages a batch holds, and so how many
/// invocations (and receives) the messages make. The queue's (or stream's) line and its consumer's line both use it.</summary>
/// <param name="MessagesPerBatch">clamp(rate × (window + consumer duration) ÷ pollers, 1, BatchSize).</param>
public sealed record BatchAssumption(Flow Flow, decimal Messages, int BatchSize, int WindowSeconds, decimal Pollers, decimal DurationSeconds,
    decimal MessagesPerBatch, decimal Batches, string Working);

/// <summary>
/// Monthly volumes per component. Traffic enters at the front doors (APIs and function URLs get the profile's system traffic;
/// with no front door, a template's single entry point gets it), at schedules (their own rate) and at any component the
/// profile gives its own traffic; it then flows along the work-carrying flows (a topic delivers to every subscriber, a bus
/// to every rule). Dead-letter queues, failure destinations and alarm notifications carry only the failure rate. A table,
/// stream or bucket carries the writes made to it. Polled consumers are invoked once per batch (<see cref="BatchAssumption"/>).
/// Every walk is iterative and linear in components and flows.
/// </summary>
public sealed class TrafficModel
{
    /// <summary>Pollers Lambda starts for an SQS event source mapping (it adds more as the backlog grows).</summary>
    public const int SqsPollers = 5;

    /// <summary>Consumer duration assumed for batching when the profile gives none.</summary>
    public const decimal DefaultBatchDurationSeconds = 0.1m;

    private readonly Dictionary<Component, ComponentTraffic?> _volumes = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<Flow, BatchAssumption> _batches = new(ReferenceEqualityComparer.Instance);
    private readonly SortedSet<string> _missing = new(StringComparer.Ordinal);
    private readonly List<string> _notes = [];
    private readonly Architecture _architecture;
    private readonly WorkloadProfile? _profile;
    private readonly HashSet<Component> _entries;
    private readonly HashSet<Component> _frontDoors;
    private readonly Dictionary<Component, List<Subscription>> _subscriptions = new(ReferenceEqualityComparer.Instance);

    public TrafficModel(Architecture architecture, WorkloadProfile? profile)
    {
        _architecture = architecture;
        _profile = profile;
        foreach (var s in architecture.OfType<Subscription>())
        {
            if (s.Topic?.Target is { } topic)
            {
                if (!_subscriptions.TryGetValue(topic, out var list))
                {
                    _subscriptions[topic] = list = [];
                }

                list.Add(s);
            }
        }
        _entries = new HashSet<Component>(Topology.EntryPoints(architecture), ReferenceEqualityComparer.Instance);
        _frontDoors = new HashSet<Component>(_entries.Where(IsFrontDoor), ReferenceEqualityComparer.Instance);
        if (_frontDoors.Count == 0 && _entries.Where(e => e is not Table && !(e is Bucket or DataStream && Writers(e).Count > 0)).ToList() is [var only])
        {
            _frontDoors.Add(only);
        }

        var (failureRate, failureText) = FailureRateOf(null);
        FailureRate = failureRate;
        FailureRateText = failureText;
        Compute();
    }

    public IReadOnlyCollection<Component> EntryPoints => _entries;

    /// <summary>The system failure rate and where it comes from.</summary>
    public decimal FailureRate { get; }

    public string FailureRateText { get; }

    /// <summary>Inputs the traffic model needed and did not have (sources with no traffic of their own...).</summary>
    public IReadOnlyCollection<string> MissingInputs => _missing;

    /// <summary>Assumptions and values the model could not use, for the estimate's notes.</summary>
    public IReadOnlyList<string> Notes => _notes;

    /// <summary>Events per month reaching <paramref name="component"/>; null when the inputs do not say.</summary>
    public ComponentTraffic? Of(Component component) => _volumes.GetValueOrDefault(component);

    /// <summary>The batching assumptions of the mappings that poll <paramref name="source"/>.</summary>
    public IReadOnlyList<BatchAssumption> BatchesFrom(Component source) =>
        _architecture.FlowsFrom(source).Select(f => _batches.GetValueOrDefault(f)).OfType<BatchAssumption>().ToList();

    /// <summary>The batching assumptions of the mappings <paramref name="consumer"/> polls.</summary>
    public IReadOnlyList<BatchAssumption> BatchesInto(Component consumer) =>
        _architecture.FlowsTo(consumer).Select(f => _batches.GetValueOrDefault(f)).OfType<BatchAssumption>().ToList();

    private static bool IsFrontDoor(Component c) => c is Api || (c is Function f && f.Url is not null);

    private enum Edge
    {
        Work,
        Failure,
        Write,
    }

    // What feeds a component: work-carrying flows, failure routing (including a grant to send to a dead-letter queue and an
    // alarm's notification) and writes to a table, stream or bucket whose changes trigger work.
    private List<(Flow Flow, Edge Edge)> Incoming(Component c)
    {
        var list = new List<(Flow, Edge)>();
        var dlq = c is Queue { IsDeadLetterQueue: true } || _architecture.FlowsTo(c).Any(f => f.Kind.IsFailurePath());
        foreach (var f in _architecture.FlowsTo(c))
        {
            if (ReferenceEquals(f.From, c))
            {
                continue;
            }

            if (f.Kind.IsFailurePath() || f.From is Alarm)
            {
                list.Add((f, Edge.Failure));
            }
            else if (Topology.CarriesWork(f))
            {
                // A permission to send to a dead-letter queue or failure destination is how failed work gets there.
                list.Add((f, dlq && f.Kind == FlowKind.Publishes && f.Delivery is null ? Edge.Failure : Edge.Work));
            }
            else if (f.Kind == FlowKind.Writes && c is Table or DataStream or Bucket)
            {
                list.Add((f, Edge.Write));
            }
        }

        return list;
    }

    private List<Flow> Writers(Component c) => _architecture.FlowsTo(c).Where(f => f.Kind is FlowKind.Writes or FlowKind.Publishes && !ReferenceEquals(f.From, c)).ToList();

    // Kahn's algorithm over the feeding edges; a component left in a cycle is computed from what is known when the walk
    // reaches it (traffic is counted once, where it entered). Linear in components and flows, no recursion.
    private void Compute()
    {
        var components = _architecture.Components;
        var incoming = new Dictionary<Component, List<(Flow Flow, Edge Edge)>>(ReferenceEqualityComparer.Instance);
        var pending = new Dictionary<Component, int>(ReferenceEqualityComparer.Instance);
        var downstream = new Dictionary<Component, List<Component>>(ReferenceEqualityComparer.Instance);
        foreach (var c in components)
        {
            var edges = Incoming(c);
            incoming[c] = edges;
            pending[c] = edges.Count;
            foreach (var (flow, _) in edges)
            {
                if (!downstream.TryGetValue(flow.From, out var list))
                {
                    downstream[flow.From] = list = [];
                }

                list.Add(c);
            }
        }

        var ready = new Queue<Component>(components.Where(c => pending[c] == 0));
        var done = new HashSet<Component>(ReferenceEqualityComparer.Instance);
        var next = 0;
        while (done.Count < components.Count)
        {
            Component c;
            if (ready.Count > 0)
            {
                c = ready.Dequeue();
                if (done.Contains(c))
                {
                    continue;
                }
            }
            else
            {
                while (done.Contains(components[next]))
                {
                    next++;
                }

                c = components[next];
            }

            done.Add(c);
            _volumes[c] = Volume(c, incoming[c], done);
            foreach (var d in downstream.GetValueOrDefault(c) ?? [])
            {
                if (--pending[d] == 0 && !done.Contains(d))
                {
                    ready.Enqueue(d);
                }
            }
        }
    }

    private ComponentTraffic? Volume(Component c, List<(Flow Flow, Edge Edge)> edges, HashSet<Component> done)
    {
        if (_profile?.Components.GetValueOrDefault(c.LogicalId) is { MonthlyRequests: { } own } values)
        {
            return new ComponentTraffic(c, own, $"{Qty(own)} /month ({Source(values, $"components.{c.LogicalId}")})");
        }

        if (ScheduleExpression(c) is { } expression)
        {
            if (PerMonth(expression) is { } fired)
            {
                return new ComponentTraffic(c, fired.Count, $"{Qty(fired.Count)} /month ({expression}: {fired.Working})");
            }

            _missing.Add($"components.{c.LogicalId}.traffic.requestsPerMonth (its schedule '{expression}' could not be read)");
            return null;
        }

        if (_frontDoors.Contains(c) && edges.Count == 0)
        {
            if (_profile?.System.MonthlyRequests is { } system)
            {
                return new ComponentTraffic(c, system, $"{Qty(system)} /month ({(c is Api || c is Function ? "front door" : "the template's one entry point")}; {Source(_profile.System, "traffic")})");
            }

            return null;
        }

        decimal events = 0m, invocations = 0m;
        var batched = false;
        var parts = new List<string>();
        var failuresOnly = edges.Count > 0;
        var known = 0;
        foreach (var (flow, edge) in edges)
        {
            if (!done.Contains(flow.From) || _volumes.GetValueOrDefault(flow.From) is not { } from)
            {
                continue;
            }

            known++;
            switch (edge)
            {
                case Edge.Failure when flow.From is Alarm:
                    parts.Add($"alarm notifications from {flow.From.LogicalId} (a few a month, not counted)");
                    break;
                case Edge.Failure:
                {
                    var (rate, rateText) = FailureRateOf(flow.From.LogicalId);
                    var failed = from.Monthly * rate;
                    events += failed;
                    invocations += failed;
                    parts.Add($"{Qty(from.Monthly)} from {flow.From.LogicalId} × {rateText} = {Qty(failed)} failures");
                    break;
                }

                case Edge.Write:
                    failuresOnly = false;
                    events += from.Monthly;
                    invocations += from.Monthly;
                    parts.Add($"{Qty(from.Monthly)} writes by {flow.From.LogicalId}");
                    break;
                default:
                    failuresOnly = false;
                    events += from.Monthly;
                    if (c is Function && flow.Delivery?.Mapping is { } mapping && flow.Delivery.Mode is DeliveryMode.QueuePolling or DeliveryMode.StreamPolling
                        && Batch(flow, c, mapping, from.Monthly) is { } batch)
                    {
                        batched = true;
                        invocations += batch.Batches;
                        parts.Add($"{Qty(from.Monthly)} from {flow.From.LogicalId} in batches: {batch.Working}");
                    }
                    else
                    {
                        invocations += from.Monthly;
                        parts.Add($"{Qty(from.Monthly)} from {flow.From.LogicalId}");
                    }

                    break;
            }
        }

        if (known == 0)
        {
            if (_profile is not null && edges.Count == 0 && IsSource(c) && !_frontDoors.Contains(c))
            {
                _missing.Add($"components.{c.LogicalId}.traffic.requestsPerMonth ({Why(c)})");
            }

            return null;
        }

        var working = parts.Count == 1 ? $"{Qty(events)} /month ({parts[0]})" : $"{string.Join(" + ", parts)} = {Qty(events)} /month";
        return new ComponentTraffic(c, events, working)
        {
            BatchedInvocations = batched ? invocations : null,
            FailuresOnly = failuresOnly,
        };
    }

    // A component work starts from: an entry point, or a table, stream or bucket whose changes trigger work.
    private bool IsSource(Component c) => _entries.Contains(c)
        || (c is Table or DataStream or Bucket && _architecture.FlowsFrom(c).Any(Topology.CarriesWork))
        || (c is Topic && _subscriptions.ContainsKey(c));

    /// <summary>The <c>AWS::SNS::Subscription</c> resources of a topic.</summary>
    public IReadOnlyList<Subscription> SubscriptionsOf(Component topic) => _subscriptions.GetValueOrDefault(topic) ?? [];

    private string Why(Component c) => c switch
    {
        Table => $"the writes to {c.LogicalId}, whose stream triggers work; nothing in the template with traffic writes to it",
        DataStream => $"the records put on {c.LogicalId}; nothing in the template with traffic writes to it",
        Bucket => $"the objects written to {c.LogicalId}, whose notifications trigger work",
        _ when _frontDoors.Count > 0 => $"{c.LogicalId} receives events from outside the template; the system traffic enters at {string.Join(", ", _frontDoors.Select(d => d.LogicalId).Order(StringComparer.Ordinal))}",
        _ => $"{c.LogicalId} receives events from outside the template, and the template has no single front door for the system traffic",
    };

    private BatchAssumption? Batch(Flow flow, Component consumer, MappingSettings mapping, decimal messages)
    {
        var size = mapping.BatchSize.Value;
        var window = mapping.MaximumBatchingWindowSeconds.Value;
        if (size < 1 || size > 10_000 || window < 0 || window > 300)
        {
            _notes.Add($"{consumer.LogicalId}: the mapping from {flow.From.LogicalId} has BatchSize {size} and MaximumBatchingWindowInSeconds {window}, " +
                "outside what Lambda accepts (1–10,000 and 0–300 s); its invocations are counted one per message.");
            return null;
        }

        var polling = flow.Delivery!.Mode == DeliveryMode.QueuePolling;
        decimal pollers;
        string pollersText;
        if (polling)
        {
            pollers = SqsPollers;
            pollersText = $"{SqsPollers} pollers";
        }
        else
        {
            var shards = _profile?.GetValue(flow.From.LogicalId, v => v.Shards)?.Value ?? 1;
            var factor = Math.Max(1, mapping.ParallelizationFactor.Value);
            pollers = shards * factor;
            pollersText = $"{shards} shard(s){(_profile?.GetValue(flow.From.LogicalId, v => v.Shards) is null ? " (assumed; give components." + flow.From.LogicalId + ".shards)" : "")} × ParallelizationFactor {factor}";
        }

        var durationMs = _profile?.Get(consumer.LogicalId, v => v.AverageDurationMs)?.Value;
        var seconds = durationMs is { } ms ? ms / 1000m : DefaultBatchDurationSeconds;
        var rate = messages / PriceTable.SecondsPerMonth;
        var fill = rate * (window + seconds) / pollers;
        var perBatch = Math.Clamp(fill, 1m, size);
        var batches = messages / perBatch;
        var working = $"{Qty(Math.Round(rate, 4))} msg/s × ({window} s window + {Qty(seconds)} s per invocation{(durationMs is null ? ", assumed" : "")}) ÷ {pollersText} = " +
            $"{Qty(Math.Round(fill, 4))} → {Qty(Math.Round(perBatch, 4))} message(s) a batch (1 to BatchSize {size}); {Qty(Math.Round(messages, 2))} ÷ {Qty(Math.Round(perBatch, 4))} = {Qty(Math.Round(batches, 2))} invocations";
        var result = new BatchAssumption(flow, messages, size, window, pollers, seconds, perBatch, batches, working);
        _batches[flow] = result;
        return result;
    }

    private (decimal Rate, string Text) FailureRateOf(string? logicalId)
    {
        if (_profile?.Get(logicalId, v => v.FailureRate is null ? null : v) is { FailureRate: { } given })
        {
            return (given.Value, $"failureRate {Qty(given.Value)}");
        }

        var d = WorkloadValues.DefaultFailureRate;
        return (d, $"failureRate {Qty(d)} (default)");
    }

    private static string Source(WorkloadValues v, string prefix) => v.RequestsPerMonth is not null
        ? $"{prefix}.requestsPerMonth"
        : $"{prefix}.requestsPerSecond.average {Qty(v.RequestsPerSecondAverage!.Value)} × 2,628,000 s";

    private static string? ScheduleExpression(Component c) => c switch
    {
        Schedule s => s.ScheduleExpression,
        EventRule r => r.ScheduleExpression,
        _ => null,
    };

    /// <summary>Runs per 730-hour month of a <c>rate(...)</c> or <c>cron(...)</c> expression, with the working; null when it cannot be read.</summary>
    public static (decimal Count, string Working)? PerMonth(string expression)
    {
        var e = expression.Trim();
        const decimal minutes = 730m * 60m;
        if (e.StartsWith("rate(", StringComparison.OrdinalIgnoreCase) && e.EndsWith(')'))
        {
            var parts = e[5..^1].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 2 || !decimal.TryParse(parts[0], NumberStyles.Number, CultureInfo.InvariantCulture, out var n) || n <= 0)
            {
                return null;
            }

            var unitMinutes = parts[1].TrimEnd('s').ToLowerInvariant() switch
            {
                "minute" => 1m,
                "hour" => 60m,
                "day" => 1440m,
                _ => 0m,
            };
            return unitMinutes == 0 ? null : (minutes / (n * unitMinutes), $"43,800 min ÷ {Qty(n * unitMinutes)} min");
        }

        if (e.StartsWith("cron(", StringComparison.OrdinalIgnoreCase) && e.EndsWith(')'))
        {
            var f = e[5..^1].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (f.Length < 5 || Count(f[0], 60) is not { } perHourMinutes || Count(f[1], 24) is not { } hours)
            {
                return null;
            }

            var days = 730m / 24m;
            var dayText = "30.42 days";
            if (f[2] is not ("*" or "?"))
            {
                if (Count(f[2], 31) is not { } dom)
                {
                    return null;
                }

                days = dom;
                dayText = $"{dom} day(s)";
            }
            else if (f[4] is not ("*" or "?"))
            {
                var dow = f[4].Contains("MON-FRI", StringComparison.OrdinalIgnoreCase) || f[4] == "2-6" ? 5 : Count(f[4], 7) ?? 7;
                days = 730m / 24m * dow / 7m;
                dayText = $"30.42 days × {dow}/7";
            }

            var monthsFactor = f[3] is "*" or "?" ? 1m : (Count(f[3], 12) ?? 12) / 12m;
            var count = perHourMinutes * hours * days * monthsFactor;
            return (count, $"{perHourMinutes} × {hours} runs a day × {dayText}" + (monthsFactor == 1m ? "" : $" × {Qty(monthsFactor)}"));
        }

        return null;
    }

    private static int? Count(string field, int range)
    {
        if (field is "*" or "?")
        {
            return range;
        }

        var total = 0;
        foreach (var part in field.Split(','))
        {
            var step = 1;
            var body = part;
            if (part.Split('/') is [var b, var s] && int.TryParse(s, out var st) && st > 0)
            {
                body = b;
                step = st;
            }

            if (body is "*")
            {
                total += (range + step - 1) / step;
            }
            else if (body.Split('-') is [var lo, var hi] && int.TryParse(lo, out var l) && int.TryParse(hi, out var h) && h >= l)
            {
                total += ((h - l) / step) + 1;
            }
            else if (int.TryParse(body, out _))
            {
                total += step == 1 ? 1 : Math.Max(1, (range - 1) / step);
            }
            else if (body.Length > 0 && char.IsLetter(body[0]))
            {
                total += 1;
            }
            else
            {
                return null;
            }
        }

        return total;
    }

    private static string Qty(decimal value) => CostMath.Qty(Math.Round(value, value < 1m ? 6 : 2));
}
