using FitCheck.Model;
using FitCheck.Analysis.Design;

namespace FitCheck.Analysis.WorkloadFit;

public enum FitVerdict
{
    Strong,
    Mixed,
    Weak,
}

/// <summary>The verdict and the evidence behind it.</summary>
/// <param name="Rule">How the verdict follows from the evidence, for the report.</param>
public sealed record FitResult(FitVerdict Verdict, int For, int Against, IReadOnlyList<Evidence> Evidence, string Rule)
{
    public string VerdictName => Verdict.ToString().ToLowerInvariant();
}

/// <summary>Workload fit: template evidence (<see cref="FitEvidence"/>) plus what the profile says about traffic, sessions and coordination.</summary>
public static class WorkloadFitAnalysis
{
    /// <summary>Average concurrency (requests per second × seconds per request) at which steady traffic keeps capacity busy all month.</summary>
    public const decimal SteadyBusyConcurrency = 10m;

    public const string VerdictRule = "each kind of evidence weighs once for the workload, however many components show it; " +
        "strong when the evidence against weighs at most 1 and less than the evidence for; weak when it weighs 4 or more " +
        "and more than the evidence for; mixed otherwise (strong evidence weighs 2, a hint 1)";

    public static FitResult Analyse(IReadOnlyList<Architecture> architectures, WorkloadProfile? profile)
    {
        var evidence = architectures.SelectMany(a => DesignAnalyses.Of(a).FitEvidence).ToList();
        if (profile is not null)
        {
            // Measured durations beat configured timeouts: a 900 s timeout on a function whose profile duration is well inside
            // the limit is not a 15-minute function.
            for (var i = 0; i < evidence.Count; i++)
            {
                if (evidence[i] is { Kind: "fifteen-minute-function", Component: { } c } e
                    && (profile.Get(c.LogicalId, v => v.P95DurationMs) ?? profile.Get(c.LogicalId, v => v.AverageDurationMs)) is { Value: < 600_000m } measured)
                {
                    evidence[i] = new Evidence(true, 0, "measured-duration",
                        $"{c.LogicalId}'s timeout is the 15-minute maximum, but it runs {measured.Value} ms (profile): the measured duration counts, not the timeout.", c, measured.Span);
                }
            }

            evidence.AddRange(FromProfile(profile));
        }

        // Each kind weighs once: seven small functions are one piece of evidence about the workload, not seven.
        var favour = evidence.Where(e => e.Favours).GroupBy(e => e.Kind, StringComparer.Ordinal).Sum(g => g.Max(e => e.Weight));
        var against = evidence.Where(e => !e.Favours).GroupBy(e => e.Kind, StringComparer.Ordinal).Sum(g => g.Max(e => e.Weight));
        var verdict = against <= 1 && favour > against ? FitVerdict.Strong
            : against >= 4 && against > favour ? FitVerdict.Weak
            : FitVerdict.Mixed;
        return new FitResult(verdict, favour, against, evidence, VerdictRule);
    }

    private static IEnumerable<Evidence> FromProfile(WorkloadProfile profile)
    {
        foreach (var (id, values) in new[] { ((string?)null, profile.System) }.Concat(profile.Components.Select(kv => ((string?)kv.Key, kv.Value))))
        {
            var who = id is null ? "the workload" : id;
            if (values.Shape is { } shape)
            {
                var avg = values.RequestsPerSecondAverage?.Value ?? (values.RequestsPerMonth?.Value / 2_628_000m);
                var ms = profile.Get(id, v => v.AverageDurationMs)?.Value;
                var concurrency = avg * ms / 1000m;
                switch (shape.Value)
                {
                    case "bursty":
                        yield return new Evidence(true, 1, "bursty-traffic", $"{who} has bursty traffic: capacity that scales to zero between bursts pays off.", null, shape.Span);
                        break;
                    case "scheduled":
                        yield return new Evidence(true, 1, "scheduled-traffic", $"{who} runs on a schedule: nothing runs, or is paid for, between runs.", null, shape.Span);
                        break;
                    case "steady" when concurrency >= SteadyBusyConcurrency:
                        yield return new Evidence(false, 2, "steady-high-utilisation",
                            $"{who} has steady traffic keeping about {Math.Round(concurrency.Value, 1)} invocations busy at all times ({Math.Round(avg!.Value, 2)} req/s × {ms} ms): " +
                            "always-busy capacity gains nothing from per-request billing.", null, shape.Span);
                        break;
                    case "steady" when concurrency is null || concurrency >= 1m:
                        yield return new Evidence(false, 1, "steady-traffic", $"{who} has steady traffic" +
                            (concurrency is { } busy ? $" keeping about {Math.Round(busy, 2)} invocations busy" : "") + ": elasticity brings little.", null, shape.Span);
                        break;
                    case "steady":
                        yield return new Evidence(true, 1, "light-steady-traffic",
                            $"{who} has steady but light traffic (about {Math.Round(concurrency!.Value, 3)} invocations busy on average): always-on capacity would sit idle.", null, shape.Span);
                        break;
                }
            }

            if (values.RequestsPerSecondPeak is { } peak && values.RequestsPerSecondAverage is { Value: > 0 } average && peak.Value >= 3m * average.Value && values.Shape is null)
            {
                yield return new Evidence(true, 1, "bursty-traffic", $"{who} peaks at {peak.Value} req/s against {average.Value} on average: bursty.", null, peak.Span);
            }

            if (values.InMemoryCoordination is { Value: true } coordination)
            {
                yield return new Evidence(false, 2, "in-memory-coordination", $"{who} coordinates in memory: functions share no memory, so every exchange becomes a network call to a store.", null, coordination.Span);
            }

            if (values.Sessions is { Value: "long-lived" } sessions)
            {
                yield return new Evidence(false, 2, "long-lived-sessions", $"{who} keeps long-lived sessions: a function cannot hold a connection or session between invocations.", null, sessions.Span);
            }

            if (values.P95DurationMs is { Value: > 900_000m } p95)
            {
                yield return new Evidence(false, 2, "fifteen-minute-function", $"{who} has a p95 duration of {p95.Value} ms, beyond Lambda's 15-minute limit.", null, p95.Span);
            }
        }
    }
}
