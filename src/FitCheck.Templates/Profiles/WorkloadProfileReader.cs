using System.Globalization;
using FitCheck.Model;
using FitCheck.Templates.Reading;

namespace FitCheck.Templates.Profiles;

/// <summary>The result of reading a workload profile: the profile when it is valid, and every problem with its line.</summary>
public sealed record WorkloadProfileResult(WorkloadProfile? Profile, IReadOnlyList<Diagnostic> Errors)
{
    public bool Failed => Profile is null || Errors.Count > 0;
}

/// <summary>Reads <c>fitcheck.workload.yml</c> with the template reader (so every error has a line and column) and checks
/// its keys and values. Unknown keys and impossible values (negative rates, a peak below the average) are errors.</summary>
public static class WorkloadProfileReader
{
    /// <summary>The file name looked for at the scan root.</summary>
    public const string DefaultName = "fitcheck.workload.yml";

    public static readonly string[] Shapes = ["bursty", "steady", "scheduled"];
    public static readonly string[] SessionKinds = ["none", "short", "long-lived"];

    // Upper bounds: far above any real workload, low enough that every product in the cost model stays inside decimal.
    private const decimal MaxRequestsPerMonth = 1e15m;          // 380 million requests a second, all month
    private const decimal MaxRequestsPerSecond = 1e15m / 2_628_000m;
    private const decimal MaxDurationMs = 31_536_000_000m;      // a year: the longest Standard workflow
    private const decimal MaxPayloadKb = 10_485_760m;           // 10 GB
    private const decimal MaxLogKb = 10_485_760m;
    private const decimal MaxMapItems = 100_000_000m;
    private const decimal MaxShards = 100_000m;

    private static readonly string[] TopKeys = ["region", "traffic", "functions", "payloadKb", "sessions", "inMemoryCoordination", "logs", "failureRate", "shards", "mapItems", "concurrentConnections", "components"];
    private static readonly string[] ComponentKeys = ["traffic", "functions", "payloadKb", "sessions", "inMemoryCoordination", "logs", "failureRate", "shards", "mapItems", "concurrentConnections"];
    private static readonly string[] TrafficKeys = ["requestsPerMonth", "requestsPerSecond", "shape"];
    private static readonly string[] RateKeys = ["average", "peak"];
    private static readonly string[] FunctionKeys = ["averageDurationMs", "p95DurationMs", "memoryMb", "cpuMsPerRequest"];
    private static readonly string[] LogKeys = ["kbPerInvocation"];

    public static WorkloadProfileResult ReadFile(string fullPath, string displayPath) => Read(TemplateReader.ReadFile(fullPath, displayPath, "workload profile"));

    public static WorkloadProfileResult ReadText(string text, string displayPath) => Read(TemplateReader.ReadText(text, displayPath, "yaml"));

    private static WorkloadProfileResult Read(TemplateDocument document)
    {
        // A duplicate key in a profile is an error: which of the two values was meant cannot be known.
        var errors = new List<Diagnostic>(document.Diagnostics
            .Where(d => d.Level == DiagnosticLevel.Error || d.Code == DiagnosticCodes.DuplicateKey)
            .Select(d => d.Level == DiagnosticLevel.Error ? d : d with { Level = DiagnosticLevel.Error }));
        if (document.Root is null || errors.Count > 0)
        {
            return new WorkloadProfileResult(null, errors);
        }

        if (document.Root is not MappingNode root)
        {
            errors.Add(Error(document.Root.Span, "a workload profile is a mapping of keys (region, traffic, functions, components...)"));
            return new WorkloadProfileResult(null, errors);
        }

        var profile = new WorkloadProfile(document.Path);
        Keys(root, TopKeys, "", errors);
        if (root["region"] is { } region)
        {
            if (region is ScalarNode { IsNull: false } s && s.Value.Length > 0 && !IsRegionName(s.Value))
            {
                errors.Add(Error(s.Span, $"region '{s.Value}' is not an AWS region name such as us-east-1 or eu-west-1"));
            }
            else if (region is ScalarNode { IsNull: false } s2 && s2.Value.Length > 0)
            {
                profile.Region = Setting.Explicit(s2.Value, s2.Span);
            }
            else
            {
                errors.Add(Error(region.Span, "region must be a region name such as us-east-1"));
            }
        }

        profile.System = Values(root, "", errors);
        if (root["components"] is { } components)
        {
            if (components is MappingNode map)
            {
                foreach (var (key, value) in map.Pairs)
                {
                    profile.ComponentSpans[key.Value] = key.Span;
                    if (value is MappingNode m)
                    {
                        Keys(m, ComponentKeys, $"components.{key.Value}.", errors);
                        profile.Components[key.Value] = Values(m, $"components.{key.Value}.", errors);
                    }
                    else
                    {
                        errors.Add(Error(value.Span, $"components.{key.Value} must be a mapping of the same keys as the top level (traffic, functions, payloadKb...)"));
                    }
                }
            }
            else
            {
                errors.Add(Error(components.Span, "components must map logical ids to overrides"));
            }
        }

        return new WorkloadProfileResult(errors.Count == 0 ? profile : null,
            [.. errors.OrderBy(e => e.Location.Line).ThenBy(e => e.Location.Column)]);
    }

    private static WorkloadValues Values(MappingNode node, string prefix, List<Diagnostic> errors)
    {
        var v = new WorkloadValues();
        if (Mapping(node, "traffic", prefix, errors) is { } traffic)
        {
            Keys(traffic, TrafficKeys, prefix + "traffic.", errors);
            v.RequestsPerMonth = Number(traffic, "requestsPerMonth", prefix + "traffic.", errors, MaxRequestsPerMonth);
            if (Mapping(traffic, "requestsPerSecond", prefix + "traffic.", errors) is { } rate)
            {
                Keys(rate, RateKeys, prefix + "traffic.requestsPerSecond.", errors);
                v.RequestsPerSecondAverage = Number(rate, "average", prefix + "traffic.requestsPerSecond.", errors, MaxRequestsPerSecond);
                v.RequestsPerSecondPeak = Number(rate, "peak", prefix + "traffic.requestsPerSecond.", errors, MaxRequestsPerSecond);
                if (v.RequestsPerSecondAverage is { } avg && v.RequestsPerSecondPeak is { } peak && peak.Value < avg.Value)
                {
                    errors.Add(Error(peak.Span, $"{prefix}traffic.requestsPerSecond.peak ({Show(peak.Value)}) is below the average ({Show(avg.Value)})"));
                }

                if (v.RequestsPerSecondPeak is { } p && v.RequestsPerSecondAverage is null)
                {
                    errors.Add(Error(p.Span, $"{prefix}traffic.requestsPerSecond.peak needs an average as well"));
                }
            }

            if (v.RequestsPerMonth is { } month && v.RequestsPerSecondAverage is { } average)
            {
                errors.Add(Error(average.Span, $"{prefix}traffic gives both requestsPerMonth (line {month.Span.Line}) and requestsPerSecond.average; give one"));
            }

            v.Shape = Choice(traffic, "shape", Shapes, prefix + "traffic.", errors);
        }

        if (Mapping(node, "functions", prefix, errors) is { } functions)
        {
            Keys(functions, FunctionKeys, prefix + "functions.", errors);
            v.AverageDurationMs = Number(functions, "averageDurationMs", prefix + "functions.", errors, MaxDurationMs);
            v.P95DurationMs = Number(functions, "p95DurationMs", prefix + "functions.", errors, MaxDurationMs);
            v.CpuMsPerRequest = Number(functions, "cpuMsPerRequest", prefix + "functions.", errors, MaxDurationMs);
            if (v.AverageDurationMs is { } a && v.P95DurationMs is { } p95 && p95.Value < a.Value)
            {
                errors.Add(Error(p95.Span, $"{prefix}functions.p95DurationMs ({Show(p95.Value)}) is below averageDurationMs ({Show(a.Value)})"));
            }

            if (Number(functions, "memoryMb", prefix + "functions.", errors, decimal.MaxValue) is { } memory)
            {
                if (memory.Value < 128 || memory.Value > 10240 || memory.Value != decimal.Truncate(memory.Value))
                {
                    errors.Add(Error(memory.Span, $"{prefix}functions.memoryMb must be a whole number of MB from 128 to 10240, not {Show(memory.Value)}"));
                }
                else
                {
                    v.MemoryMb = new Setting<int>((int)memory.Value, SettingOrigin.Explicit, memory.Span);
                }
            }
        }

        if (Mapping(node, "logs", prefix, errors) is { } logs)
        {
            Keys(logs, LogKeys, prefix + "logs.", errors);
            v.LogKbPerInvocation = Number(logs, "kbPerInvocation", prefix + "logs.", errors, MaxLogKb);
        }

        v.PayloadKb = Number(node, "payloadKb", prefix, errors, MaxPayloadKb);
        v.FailureRate = Number(node, "failureRate", prefix, errors, 1m);
        v.MapItems = Number(node, "mapItems", prefix, errors, MaxMapItems);
        v.ConcurrentConnections = Number(node, "concurrentConnections", prefix, errors, MaxMapItems);
        if (Number(node, "shards", prefix, errors, MaxShards) is { } shards)
        {
            if (shards.Value < 1m || shards.Value != decimal.Truncate(shards.Value))
            {
                errors.Add(Error(shards.Span, $"{prefix}shards must be a whole number of shards, at least 1, not {Show(shards.Value)}"));
            }
            else
            {
                v.Shards = new Setting<int>((int)shards.Value, SettingOrigin.Explicit, shards.Span);
            }
        }

        v.Sessions = Choice(node, "sessions", SessionKinds, prefix, errors);
        if (node["inMemoryCoordination"] is { } coordination)
        {
            if (coordination is ScalarNode s && bool.TryParse(s.Value, out var b))
            {
                v.InMemoryCoordination = Setting.Explicit(b, s.Span);
            }
            else
            {
                errors.Add(Error(coordination.Span, $"{prefix}inMemoryCoordination must be true or false"));
            }
        }

        return v;
    }

    private static MappingNode? Mapping(MappingNode node, string key, string prefix, List<Diagnostic> errors)
    {
        var value = node[key];
        if (value is null or MappingNode)
        {
            return value as MappingNode;
        }

        errors.Add(Error(value.Span, $"{prefix}{key} must be a mapping"));
        return null;
    }

    private static void Keys(MappingNode node, string[] allowed, string prefix, List<Diagnostic> errors)
    {
        foreach (var (key, _) in node.Pairs)
        {
            if (!allowed.Contains(key.Value, StringComparer.Ordinal))
            {
                errors.Add(Error(key.Span, $"unknown key '{prefix}{key.Value}'; expected one of: {string.Join(", ", allowed)}"));
            }
        }
    }

    private static Setting<decimal>? Number(MappingNode node, string key, string prefix, List<Diagnostic> errors, decimal max)
    {
        if (node[key] is not { } value)
        {
            return null;
        }

        if (value is ScalarNode s && decimal.TryParse(s.Value.Replace("_", "", StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
        {
            if (d < 0)
            {
                errors.Add(Error(s.Span, $"{prefix}{key} cannot be negative ({s.Value})"));
                return null;
            }

            if (d > max)
            {
                errors.Add(Error(s.Span, $"{prefix}{key} is {s.Value}, above the largest value fitcheck accepts ({Show(max)})"));
                return null;
            }

            return Setting.Explicit(d, s.Span);
        }

        errors.Add(Error(value.Span, value is ScalarNode big && LooksNumeric(big.Value)
            ? $"{prefix}{key} is {big.Value}, too large to be a number fitcheck accepts"
            : $"{prefix}{key} must be a number"));
        return null;
    }

    private static Setting<string>? Choice(MappingNode node, string key, string[] allowed, string prefix, List<Diagnostic> errors)
    {
        if (node[key] is not { } value)
        {
            return null;
        }

        if (value is ScalarNode s && allowed.Contains(s.Value, StringComparer.Ordinal))
        {
            return Setting.Explicit(s.Value, s.Span);
        }

        errors.Add(Error(value.Span, $"{prefix}{key} must be one of: {string.Join(", ", allowed)}"));
        return null;
    }

    private static bool LooksNumeric(string text) => double.TryParse(text.Replace("_", "", StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    /// <summary>An AWS region name: two letters, an optional partition word, a direction, a digit (us-east-1, us-gov-west-1, ap-southeast-7).</summary>
    public static bool IsRegionName(string value)
    {
        var parts = value.Split('-');
        return parts.Length is 3 or 4
            && parts[0].Length == 2 && parts[0].All(char.IsAsciiLetterLower)
            && parts[1..^1].All(p => p.Length > 0 && p.All(char.IsAsciiLetterLower))
            && parts[^1].Length is 1 or 2 && parts[^1].All(char.IsAsciiDigit);
    }

    private static string Show(decimal value) => value.ToString("0.##########", CultureInfo.InvariantCulture);

    private static Diagnostic Error(SourceSpan span, string message) => new(DiagnosticCodes.Profile, DiagnosticLevel.Error, message, span);
}
