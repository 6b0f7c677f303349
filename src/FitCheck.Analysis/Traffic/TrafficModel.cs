using System.Globalization;
using FitCheck.Model;
using FitCheck.Rules.Analyses;

namespace FitCheck.Analysis.Traffic;

/// <summary>How many events a month reach one component, and why.</summary>
public sealed record ComponentTraffic(Component Component, decimal Monthly, string Working);

/// <summary>Monthly volumes per component: profile traffic (system-wide or the component's own) enters at every entry point, schedules
/// fire at their expression's rate, and volumes flow along the work-carrying flows (a topic delivers to every subscriber, a bus to
/// every rule).</summary>
public sealed class TrafficModel
{
    private readonly Dictionary<Component, ComponentTraffic?> _volumes = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<Component> _inProgress = new(ReferenceEqualityComparer.Instance);
    private readonly Architecture _architecture;
    private readonly WorkloadProfile? _profile;
    private readonly HashSet<Component> _entries;

    public TrafficModel(Architecture architecture, WorkloadProfile? profile)
    {
        _architecture = architecture;
        _profile = profile;
        _entries = new HashSet<Component>(Topology.EntryPoints(architecture), ReferenceEqualityComparer.Instance);
    }

    public IReadOnlyCollection<Component> EntryPoints => _entries;

    /// <summary>Events per month reaching <paramref name="component"/>; null when the inputs do not say.</summary>
    public ComponentTraffic? Of(Component component)
    {
        if (_volumes.TryGetValue(component, out var known))
        {
            return known;
        }

        if (!_inProgress.Add(component))
        {
            return null; // a cycle: count the traffic once, where it entered
        }

        var result = Compute(component);
        _inProgress.Remove(component);
        _volumes[component] = result;
        return result;
    }

    private ComponentTraffic? Compute(Component c)
    {
        if (_profile?.Components.GetValueOrDefault(c.LogicalId) is { MonthlyRequests: { } own } values)
        {
            return new ComponentTraffic(c, own, $"{Qty(own)} /month ({Source(values, $"components.{c.LogicalId}")})");
        }

        if (ScheduleExpression(c) is { } expression && PerMonth(expression) is { } fired)
        {
            return new ComponentTraffic(c, fired.Count, $"{Qty(fired.Count)} /month ({expression}: {fired.Working})");
        }

        if (Upstream(c).Count == 0 && (c is Queue { IsDeadLetterQueue: true } || _architecture.FlowsTo(c).Any(f => f.Kind.IsFailurePath())))
        {
            return new ComponentTraffic(c, 0m, "0 /month (a dead-letter queue or failure destination receives only failed work)");
        }

        if (_entries.Contains(c) && Upstream(c).Count == 0)
        {
            return _profile?.System.MonthlyRequests is { } system
                ? new ComponentTraffic(c, system, $"{Qty(system)} /month (entry point; {Source(_profile.System, "traffic")})")
                : null;
        }

        var parts = new List<ComponentTraffic>();
        foreach (var flow in Upstream(c))
        {
            if (Of(flow.From) is { } from)
            {
                parts.Add(from);
            }
        }

        if (parts.Count == 0)
        {
            return null;
        }

        var total = parts.Sum(p => p.Monthly);
        var working = parts.Count == 1
            ? $"{Qty(total)} /month (from {parts[0].Component.LogicalId})"
            : $"{string.Join(" + ", parts.Select(p => $"{Qty(p.Monthly)} from {p.Component.LogicalId}"))} = {Qty(total)} /month";
        return new ComponentTraffic(c, total, working);
    }

    // A permission to send to one's own failure destination is how failed work gets there, not normal traffic.
    private List<Flow> Upstream(Component c)
    {
        var failing = _architecture.FlowsTo(c).Where(f => f.Kind.IsFailurePath()).Select(f => f.From).ToHashSet(ReferenceEqualityComparer.Instance);
        return _architecture.FlowsTo(c).Where(f => Topology.CarriesWork(f) && !ReferenceEquals(f.From, c) && !failing.Contains(f.From)).ToList();
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

    private static string Qty(decimal value) => Cost.CostMath.Qty(Math.Round(value, 2));
}
