using System.Globalization;
using FitCheck.Analysis.Cost;
using FitCheck.Analysis.Traffic;
using FitCheck.Analysis.WorkloadFit;
using FitCheck.Model;
using FitCheck.Analysis.Design;

namespace FitCheck.Analysis.Alternatives;

/// <summary>Lambda against the Fargate baseline for one function, with one EC2 example.</summary>
public sealed record Comparison(Component Component, BreakEvenResult BreakEven, CostLine Ec2Example);

/// <summary>Another model the evidence points to, with the reasons and numbers.</summary>
public sealed record Recommendation(string Model, string Reason, Component? Component, SourceSpan? Span);

/// <summary>When to use something else: the comparisons, and either recommendations or the reason to stay.</summary>
public sealed record AlternativesResult(IReadOnlyList<Comparison> Comparisons, IReadOnlyList<Recommendation> Recommendations, IReadOnlyList<string> Notes)
{
    public bool StaysServerless => Recommendations.Count == 0;
}

/// <summary>Compares each function's Lambda cost with an always-on Fargate baseline (<see cref="BreakEven"/>) and recommends another
/// model on sustained compute, long-lived sessions, in-memory coordination, or a cheaper always-on baseline.</summary>
public static class AlternativesAnalysis
{
    /// <summary>Containers are recommended on cost only when Lambda costs more than this much above them (20%).</summary>
    public const decimal ContainerMargin = 0.20m;

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static AlternativesResult Analyse(IReadOnlyList<Architecture> architectures, WorkloadProfile? profile, FitResult? fit = null)
    {
        var comparisons = new List<Comparison>();
        var recommendations = new List<Recommendation>();
        var notes = new List<string>();
        var burstyWithoutPeak = new List<string>();
        var prices = PriceTable.Resolve(profile?.Region?.Value).Prices;

        foreach (var architecture in architectures)
        {
            var traffic = new TrafficModel(architecture, profile);
            foreach (var f in architecture.OfType<Function>())
            {
                if (f.TimeoutSeconds is { IsKnown: true, Value: >= FitEvidence.LongFunctionSeconds } t && f.ProvisionedConcurrency is { IsKnown: true, Value: > 0 } pc)
                {
                    recommendations.Add(new Recommendation("batch or container tasks (AWS Batch, ECS on Fargate)",
                        $"sustained compute: {f.LogicalId} runs up to {t.Value} s and keeps {pc.Value} environments provisioned all month; " +
                        $"the provisioned capacity alone is {CostMath.Money(CostMath.LambdaProvisioned(pc.Value!.Value, f.MemoryMb.Value, CpuArchitectures.Parse(f.Architecture.Value), prices: prices).Monthly)}/month before any work is done",
                        f, pc.Span));
                }

                if (profile is null || traffic.Of(f) is not { Monthly: > 0 } volume || profile.Get(f.LogicalId, v => v.AverageDurationMs) is not { } duration)
                {
                    continue;
                }

                var memory = profile.Get(f.LogicalId, v => v.MemoryMb)?.Value ?? f.MemoryMb.Value;
                var arch = CpuArchitectures.Parse(f.Architecture.Value);
                var rate = volume.Invocations / PriceTable.SecondsPerMonth;
                var peakFactor = PeakFactor(profile, f.LogicalId);
                var door = architecture.FlowsTo(f).Select(x => x.From).OfType<Api>().FirstOrDefault();
                var options = new BreakEvenOptions
                {
                    PeakRequestsPerSecond = rate * peakFactor,
                    CpuSecondsPerRequest = profile.Get(f.LogicalId, v => v.CpuMsPerRequest)?.Value / 1000m,
                    LambdaFrontDoor = door?.Protocol switch { ApiProtocol.Rest => prices.ApiGatewayRest, ApiProtocol.Http => prices.ApiGatewayHttp, _ => null },
                    FargateLoadBalancer = door is not null || f.Url is not null,
                };
                var result = BreakEven.Compare(rate, duration.Value, memory, arch, options, prices);

                // The EC2 example is sized by vCPU: m7g.large has 2; at least 2 instances for two Availability Zones.
                var ec2Count = Math.Max(2, (int)Math.Ceiling(result.Sizing.VcpuNeeded / 2m));
                var ec2 = CostMath.Ec2(ec2Count * PriceTable.HoursPerMonth, null, prices);
                comparisons.Add(new Comparison(f, result, ec2));
                var bursty = profile.Get(f.LogicalId, v => v.Shape)?.Value == "bursty" && peakFactor == 1m;
                if (bursty)
                {
                    burstyWithoutPeak.Add(f.LogicalId);
                }

                if (result.FargateCheaper && result.LambdaMonthly <= result.FargateMonthly * (1m + ContainerMargin))
                {
                    notes.Add($"{f.LogicalId}: the containers are cheaper by {CostMath.Money(result.LambdaMonthly - result.FargateMonthly)}/month, within the 20% margin a move needs; Lambda stays.");
                }
                else if (result.FargateCheaper && fit?.Verdict == FitVerdict.Strong)
                {
                    notes.Add($"{f.LogicalId}: the containers are cheaper at this load, but the workload is a strong fit for serverless; no move is recommended on cost alone.");
                }
                else if (result.FargateCheaper && !bursty)
                {
                    recommendations.Add(new Recommendation("containers (ECS on Fargate)",
                        $"a cheaper always-on baseline: at {rate.ToString("#,##0.##", Inv)} req/s × {duration.Value} ms, {f.LogicalId} costs {CostMath.Money(result.LambdaMonthly)}/month on Lambda " +
                        $"and {CostMath.Money(result.FargateMonthly)}/month on {result.Sizing.Tasks} Fargate task(s) of {result.Sizing.VcpuPerTask} vCPU; break-even at " +
                        (result.BreakEvenRequestsPerSecond is { } be ? $"{be.ToString("#,##0.00", Inv)} req/s, above which the containers stay cheaper" : "no rate") +
                        $" (more than the 20% margin; front doors on both sides; NAT and logs not included)",
                        f, duration.Span));
                }
            }
        }

        foreach (var e in fit?.Evidence ?? [])
        {
            switch (e.Kind)
            {
                case "long-lived-sessions":
                    recommendations.Add(new Recommendation("containers or instances behind a load balancer", "long-lived sessions: " + e.Message, e.Component, e.Span));
                    break;
                case "in-memory-coordination":
                    recommendations.Add(new Recommendation("a long-running service (ECS on Fargate, EC2)", "tight in-memory coordination: " + e.Message, e.Component, e.Span));
                    break;
                case "steady-high-utilisation" when fit?.Verdict != FitVerdict.Strong:
                    recommendations.Add(new Recommendation("containers (ECS on Fargate)", "a stable workload gaining nothing from elasticity: " + e.Message, e.Component, e.Span));
                    break;
            }
        }

        if (burstyWithoutPeak.Count > 0)
        {
            notes.Add($"Bursty traffic without a peak ({string.Join(", ", burstyWithoutPeak)}): the containers are sized for the average, which understates them, " +
                "so none is recommended on cost. Give traffic.requestsPerSecond.peak (the comparison then runs from the average to the peak).");
        }

        if (comparisons.Count == 0)
        {
            notes.Add(profile is null
                ? "No comparison: the Fargate baseline needs traffic and durations from a workload profile."
                : "No comparison: no function has both traffic and functions.averageDurationMs.");
        }

        return new AlternativesResult(comparisons, recommendations, notes);
    }

    private static decimal PeakFactor(WorkloadProfile profile, string id)
    {
        var own = profile.Components.GetValueOrDefault(id);
        foreach (var v in new[] { own, profile.System })
        {
            if (v?.RequestsPerSecondPeak is { } peak && v.RequestsPerSecondAverage is { Value: > 0 } avg)
            {
                return peak.Value / avg.Value;
            }
        }

        return 1m;
    }
}
