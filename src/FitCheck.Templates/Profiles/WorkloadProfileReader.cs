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

    private static readonly string[] TopKeys = ["region", "traffic", "functions", "payloadKb", "sessions", "inMemoryCoordination", "logs", "components"];
    private static readonly string[] ComponentKeys = ["traffic", "functions", "payloadKb", "sessions", "inMemoryCoordination", "logs"];
    private static readonly string[] TrafficKeys = ["requestsPerMonth", "requestsPerSecond", "shape"];
    private static readonly string[] RateKeys = ["average", "peak"];
    private static readonly string[] FunctionKeys = ["averageDurationMs", "p95DurationMs", "memoryMb"];
    private static readonly string[] LogKeys = ["kbPerInvocation"];

    public static WorkloadProfileResult ReadFile(string fullPath, string displayPath) => Read(TemplateReader.ReadFile(fullPath, displayPath, "workload profile"));

    public static WorkloadProfileResult ReadText(string text, string displayPath) => Read(TemplateReader.ReadText(text, displayPath, "yaml"));

    private static WorkloadProfileResult Read(TemplateDocument document)
    {
        var errors = new List<Diagnostic>(document.Diagnostics.Where(d => d.Level == DiagnosticLevel.Error));
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
            if (region is ScalarNode { IsNull: false } s && s.Value.Length > 0)
            {
                profile.Region = Setting.Explicit(s.Value, s.Span);
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
            v.RequestsPerMonth = Number(traffic, "requestsPerMonth", prefix + "traffic.", errors);
            if (Mapping(traffic, "requestsPerSecond", prefix + "traffic.", errors) is { } rate)
            {
                Keys(rate, RateKeys, prefix + "traffic.requestsPerSecond.", errors);
                v.RequestsPerSecondAverage = Number(rate, "average", prefix + "traffic.requestsPerSecond.", errors);
                v.RequestsPerSecondPeak = Number(rate, "peak", prefix + "traffic.requestsPerSecond.", errors);
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
            v.AverageDurationMs = Number(functions, "averageDurationMs", prefix + "functions.", errors);
            v.P95DurationMs = Number(functions, "p95DurationMs", prefix + "functions.", errors);
            if (v.AverageDurationMs is { } a && v.P95DurationMs is { } p95 && p95.Value < a.Value)
            {
                errors.Add(Error(p95.Span, $"{prefix}functions.p95DurationMs ({Show(p95.Value)}) is below averageDurationMs ({Show(a.Value)})"));
            }

            if (Number(functions, "memoryMb", prefix + "functions.", errors) is { } memory)
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
            v.LogKbPerInvocation = Number(logs, "kbPerInvocation", prefix + "logs.", errors);
        }

        v.PayloadKb = Number(node, "payloadKb", prefix, errors);
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

    private static Setting<decimal>? Number(MappingNode node, string key, string prefix, List<Diagnostic> errors)
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

            return Setting.Explicit(d, s.Span);
        }

        errors.Add(Error(value.Span, $"{prefix}{key} must be a number"));
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

    private static string Show(decimal value) => value.ToString("0.##########", CultureInfo.InvariantCulture);

    private static Diagnostic Error(SourceSpan span, string message) => new(DiagnosticCodes.Profile, DiagnosticLevel.Error, message, span);
}
