using System.Collections.Concurrent;
using System.Globalization;

namespace FitCheck.Analysis.Cost;

/// <summary>Knobs for <see cref="BreakEven.Compare"/>; the defaults are the sizing rule described there.</summary>
public sealed record BreakEvenOptions
{
    /// <summary>The peak the containers must be sized for; null for a steady load (peak = average).</summary>
    public decimal? PeakRequestsPerSecond { get; init; }

    /// <summary>CPU utilisation the tasks are sized to run at, at the peak (pricing facts section 15: commonly 50–70 %).</summary>
    public decimal TargetUtilisation { get; init; } = 0.6m;

    /// <summary>Fewest tasks to run: 2 (two Availability Zones) for production, 1 to ignore availability.</summary>
    public int MinimumTasks { get; init; } = 2;

    /// <summary>Fixed monthly cost the container design adds (load balancer, NAT, public IPv4...); 0 by default.</summary>
    public decimal FargateExtraMonthly { get; init; }

    /// <summary>Throw in the free tier on the Lambda side (off: it is per account, not per application).</summary>
    public bool LambdaFreeTier { get; init; }

    /// <summary>CPU seconds one request needs, when measured; null derives it from the function (duration × memory ÷ 1,769 MB).</summary>
    public decimal? CpuSecondsPerRequest { get; init; }

    /// <summary>The Lambda design's front door priced per request (API Gateway REST or HTTP); null when there is none.</summary>
    public Price? LambdaFrontDoor { get; init; }

    /// <summary>Put an Application Load Balancer in front of the containers (fixed hours plus LCU-hours).</summary>
    public bool FargateLoadBalancer { get; init; }

    public static BreakEvenOptions Default { get; } = new();
}

/// <summary>The Fargate fleet the comparison prices.</summary>
/// <param name="VcpuNeeded">vCPU the peak needs at the target utilisation, before rounding to task sizes.</param>
public sealed record FargateSizing(int Tasks, decimal VcpuPerTask, decimal MemoryGbPerTask, decimal VcpuNeeded)
{
    public decimal TotalVcpu => Tasks * VcpuPerTask;
    public decimal TotalMemoryGb => Tasks * MemoryGbPerTask;
}

/// <summary>Lambda versus an always-on Fargate baseline for one request profile.</summary>
/// <param name="MonthlyRequests">Average rate × 2,628,000 s (730 h).</param>
/// <param name="LambdaMonthly">Lambda requests + duration (no front door), unrounded.</param>
/// <param name="FargateMonthly">The Fargate fleet for 730 h plus any fixed extra, unrounded.</param>
/// <param name="BreakEvenRequestsPerSecond">
/// The average rate at which Lambda costs as much as the Fargate baseline (same peak-to-average ratio); below it Lambda is
/// cheaper. Null when there is none below <see cref="BreakEven.SearchLimitRequestsPerSecond"/>.
/// </param>
/// <param name="Reasoning">The working, one step a line, for a report.</param>
public sealed record BreakEvenResult(
    decimal RequestsPerSecond,
    decimal PeakRequestsPerSecond,
    decimal AvgMs,
    int MemoryMb,
    CpuArchitecture Architecture,
    decimal MonthlyRequests,
    decimal LambdaMonthly,
    IReadOnlyList<CostLine> LambdaLines,
    decimal FargateMonthly,
    IReadOnlyList<CostLine> FargateLines,
    FargateSizing Sizing,
    decimal? BreakEvenRequestsPerSecond,
    IReadOnlyList<string> Reasoning)
{
    /// <summary>True when the always-on containers cost less than Lambda for this load.</summary>
    public bool FargateCheaper => FargateMonthly < LambdaMonthly;
}

/// <summary>
/// Compares the monthly cost of serving a request rate on Lambda with an always-on Fargate baseline, and finds the rate
/// where they cost the same (pricing facts, "15. Comparing Lambda and Fargate for a workload").
/// </summary>
/// <remarks>
/// <para>Sizing rule for the Fargate baseline:</para>
/// <list type="number">
/// <item>A function gets CPU in proportion to its memory: 1,769 MB ≈ 1 vCPU (pricing facts section 1, "Useful constants").
/// Doing the same work in a container takes the same CPU-seconds, so busy vCPU = peak req/s × avg duration (s) × memory MB ÷ 1,769.</item>
/// <item>vCPU needed = busy vCPU ÷ target utilisation (0.6 by default).</item>
/// <item>Tasks: at least 2 (one per Availability Zone; configurable down to 1). If the need split over that many tasks fits
/// 4 vCPU a task, each task gets the smallest Fargate size (0.25, 0.5, 1, 2 or 4 vCPU) holding its share; beyond that,
/// 4 vCPU tasks, as many as needed.</item>
/// <item>Memory per task: the Fargate minimum for the size (2 GB per vCPU), raised to the function's memory (rounded up to a
/// whole GB) so one request's working set fits; a size that cannot hold that much moves up a size. Valid combinations
/// are from the ECS task-definition CPU/memory table.</item>
/// <item>The fleet runs all month (730 h) on the same architecture as the function.</item>
/// </list>
/// <para>The Lambda side is requests + duration without a free tier; neither side includes the front door (API Gateway
/// vs load balancer), NAT, public IPv4 or logs unless <see cref="BreakEvenOptions.FargateExtraMonthly"/> is set.</para>
/// </remarks>
public static class BreakEven
{
    /// <summary>Lambda memory that buys one vCPU (pricing facts section 1, "A 1,769 MB function (≈1 vCPU)").</summary>
    public const decimal LambdaMbPerVcpu = 1769m;

    /// <summary>Largest task the baseline uses before adding tasks.</summary>
    public const decimal MaxTaskVcpu = 4m;

    /// <summary>The break-even search gives up above this average rate.</summary>
    public const decimal SearchLimitRequestsPerSecond = 1_000_000m;

    /// <summary>Fargate Linux sizes up to 4 vCPU: (vCPU, min GB, max GB); memory in 1 GB steps except 0.5 GB at 0.25 vCPU.</summary>
    private static readonly (decimal Vcpu, decimal MinGb, decimal MaxGb)[] Sizes =
    [
        (0.25m, 0.5m, 2m),
        (0.5m, 1m, 4m),
        (1m, 2m, 8m),
        (2m, 4m, 16m),
        (4m, 8m, 30m),
    ];

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Monthly Lambda vs Fargate cost for an average rate, and the break-even rate.</summary>
    /// <param name="requestsPerSecond">Average request rate over the month.</param>
    /// <param name="avgMs">Average billed duration per request (INIT included on cold starts).</param>
    /// <param name="memoryMb">Function memory.</param>
    /// <param name="architecture">Function architecture; the Fargate tasks use the same.</param>
    public static BreakEvenResult Compare(decimal requestsPerSecond, decimal avgMs, int memoryMb, CpuArchitecture architecture,
        BreakEvenOptions? options = null, PriceTable? prices = null)
    {
        var o = options ?? BreakEvenOptions.Default;
        var p = prices ?? PriceTable.UsEast1;
        ArgumentOutOfRangeException.ThrowIfNegative(requestsPerSecond);
        ArgumentOutOfRangeException.ThrowIfNegative(avgMs);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(memoryMb);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(o.TargetUtilisation);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(o.TargetUtilisation, 1m);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(o.MinimumTasks);
        ArgumentOutOfRangeException.ThrowIfNegative(o.FargateExtraMonthly);

        var peak = o.PeakRequestsPerSecond ?? requestsPerSecond;
        if (peak < requestsPerSecond)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "The peak rate cannot be below the average rate.");
        }

        // Peak-to-average ratio, held fixed while searching for the break-even rate.
        var peakFactor = requestsPerSecond > 0m ? peak / requestsPerSecond : 1m;

        var monthlyRequests = requestsPerSecond * PriceTable.SecondsPerMonth;
        IReadOnlyList<CostLine> lambdaLines =
        [
            CostMath.LambdaRequests(monthlyRequests, o.LambdaFreeTier, p),
            CostMath.LambdaDuration(monthlyRequests, avgMs, memoryMb, architecture, o.LambdaFreeTier, p),
        ];
        if (o.LambdaFrontDoor is { } door)
        {
            lambdaLines = [.. lambdaLines, CostMath.Line("API Gateway", "requests (front door)", door, monthlyRequests, "")];
        }

        var lambdaMonthly = CostMath.Total(lambdaLines);

        var sizing = Size(peak, avgMs, memoryMb, o);
        var fargateLines = CostMath.Fargate(sizing.TotalVcpu, sizing.TotalMemoryGb, PriceTable.HoursPerMonth, architecture, p);
        if (o.FargateLoadBalancer)
        {
            fargateLines = [.. fargateLines, .. CostMath.LoadBalancer(Lcu(peak), p)];
        }

        var fargateMonthly = CostMath.Total(fargateLines) + o.FargateExtraMonthly;

        var breakEven = Solved.GetOrAdd((avgMs, avgMs.Scale, memoryMb, architecture, peakFactor, peakFactor.Scale, o with { PeakRequestsPerSecond = null }, p),
            key => SolveBreakEven(key.AvgMs, key.MemoryMb, key.Architecture, key.PeakFactor, key.Options, key.Prices));
        if (Solved.Count > SolvedLimit)
        {
            Solved.Clear();
        }

        var reasoning = new List<string>
        {
            $"Load: {Qty(requestsPerSecond)} req/s average"
                + (peak == requestsPerSecond ? " (steady)" : $", peak {Qty(peak)} req/s")
                + $" × {Qty(PriceTable.SecondsPerMonth)} s/month (730 h) = {Qty(monthlyRequests)} requests/month; "
                + $"{Qty(avgMs)} ms average, {memoryMb} MB, {architecture.Name()}.",
            $"Lambda: {string.Join("; ", lambdaLines.Select(l => l.Arithmetic))}; total {Money(lambdaMonthly)}/month"
                + (o.LambdaFreeTier ? " with the free tier." : " (no free tier)."),
            SizingText(peak, avgMs, memoryMb, sizing, o),
            $"Fargate: {sizing.Tasks} × {Qty(sizing.VcpuPerTask)} vCPU / {Qty(sizing.MemoryGbPerTask)} GB tasks running 730 h: "
                + string.Join("; ", fargateLines.Select(l => l.Arithmetic))
                + (o.FargateExtraMonthly > 0m ? $"; plus {Money(o.FargateExtraMonthly)} fixed" : "")
                + $"; total {Money(fargateMonthly)}/month.",
            lambdaMonthly <= fargateMonthly
                ? $"Lambda is cheaper by {Money(fargateMonthly - lambdaMonthly)}/month at this load."
                : $"Fargate is cheaper by {Money(lambdaMonthly - fargateMonthly)}/month at this load: a candidate for containers.",
            breakEven is { } rate
                ? $"Break-even: Lambda costs as much as the Fargate baseline at {rate.ToString("#,##0.00", Inv)} req/s average "
                    + $"({Qty(Math.Round(rate * PriceTable.SecondsPerMonth, 0))} requests/month"
                    + (peakFactor == 1m ? ", steady load" : $", peaks {Qty(Math.Round(peakFactor, 2))}× the average")
                    + "); above it the containers cost less at every load, below it Lambda is cheaper."
                : $"No break-even below {Qty(SearchLimitRequestsPerSecond)} req/s"
                    + (peakFactor == 1m ? "" : $" with peaks {Qty(Math.Round(peakFactor, 2))}× the average")
                    + ": Lambda stays cheaper.",
            (o.LambdaFrontDoor is not null || o.FargateLoadBalancer
                ? "Front doors: " + (o.LambdaFrontDoor is not null ? "API Gateway per request on the Lambda side" : "none on the Lambda side")
                    + (o.FargateLoadBalancer ? "; an Application Load Balancer on the container side ($0.0225/hour + $0.008/LCU-hour, one LCU per 25 new connections a second at the peak, each request taken as a new connection: an upper bound; unconfirmed prices). " : ". ")
                : "")
                + (o.CpuSecondsPerRequest is { } cpuText ? $"CPU per request: {Qty(cpuText * 1000m)} ms (measured, from the profile). " : "CPU per request derived from Lambda memory (give functions.cpuMsPerRequest when measured). ")
                + "Not included: " + (o.LambdaFrontDoor is null && !o.FargateLoadBalancer ? "the front door (API Gateway for Lambda, a load balancer for Fargate), " : "") + "NAT gateway, public IPv4 addresses, "
                + "logs and Savings Plans. Lambda is billed for memory while it waits on I/O, so I/O-heavy steady work favours containers; "
                + "Fargate is billed while idle, so spiky or low traffic favours Lambda.",
        };

        return new BreakEvenResult(requestsPerSecond, peak, avgMs, memoryMb, architecture, monthlyRequests,
            lambdaMonthly, lambdaLines, fargateMonthly, fargateLines, sizing, breakEven, reasoning);
    }

    // The search costs thousands of price evaluations; functions of one run often share duration, memory and load shape,
    // and the answer depends on nothing else (the peak rate enters only as its ratio to the average).
    private const int SolvedLimit = 1_024;

    // Equal decimals of different scales (180 and 180.0) are told apart: the answer's trailing zeros follow the inputs'.
    private static readonly ConcurrentDictionary<(decimal AvgMs, byte AvgMsScale, int MemoryMb, CpuArchitecture Architecture,
        decimal PeakFactor, byte PeakFactorScale, BreakEvenOptions Options, PriceTable Prices), decimal?> Solved = new();

    /// <summary>The Fargate fleet for a peak rate under the sizing rule in the class remarks.</summary>
    public static FargateSizing Size(decimal peakRequestsPerSecond, decimal avgMs, int memoryMb, BreakEvenOptions? options = null)
    {
        var o = options ?? BreakEvenOptions.Default;
        ArgumentOutOfRangeException.ThrowIfNegative(peakRequestsPerSecond);
        ArgumentOutOfRangeException.ThrowIfNegative(avgMs);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(memoryMb);

        var busyVcpu = o.CpuSecondsPerRequest is { } cpu
            ? peakRequestsPerSecond * cpu
            : peakRequestsPerSecond * (avgMs / 1000m) * (memoryMb / LambdaMbPerVcpu);
        var needed = busyVcpu / o.TargetUtilisation;

        // The function's memory, rounded up to what a task can be given (0.5 GB, then whole GB).
        var functionGb = memoryMb / 1024m;
        var memoryFloor = functionGb <= 0.5m ? 0.5m : Math.Ceiling(functionGb);

        var tasks = o.MinimumTasks;
        var share = needed / tasks;
        if (share > MaxTaskVcpu)
        {
            tasks = (int)Math.Ceiling(needed / MaxTaskVcpu);
            share = MaxTaskVcpu;
        }

        foreach (var (vcpu, minGb, maxGb) in Sizes)
        {
            var memory = Math.Max(minGb, memoryFloor);
            if (vcpu >= share && memory <= maxGb)
            {
                return new FargateSizing(tasks, vcpu, memory, needed);
            }
        }

        // Unreachable for Lambda memory (at most 10,240 MB); keep the largest size.
        return new FargateSizing(tasks, MaxTaskVcpu, Math.Max(8m, memoryFloor), needed);
    }

    /// <summary>
    /// Smallest average rate r where Lambda(r) ≥ Fargate(r × peakFactor). Lambda cost rises continuously with r; the Fargate
    /// cost is a non-decreasing step function. Starting from r = 0: take the current Fargate cost F, find the rate where
    /// Lambda reaches F (bisection); if the fleet needed there still costs F, that is the answer, otherwise continue from there.
    /// </summary>
    private static decimal? SolveBreakEven(decimal avgMs, int memoryMb, CpuArchitecture architecture, decimal peakFactor,
        BreakEvenOptions o, PriceTable p)
    {
        // The crossover above which the containers stay cheaper: from each crossing, look for a higher rate (1% steps) where
        // Lambda is again no dearer (a Fargate step up); if there is one, search again from there.
        var start = 0m;
        for (var attempt = 0; attempt < 1_000; attempt++)
        {
            if (FirstCrossing(start, avgMs, memoryMb, architecture, peakFactor, o, p) is not { } cross)
            {
                return null;
            }

            decimal? again = null;
            for (var r = Math.Max(cross * 1.01m, cross + 0.000001m); r < SearchLimitRequestsPerSecond; r *= 1.01m)
            {
                if (LambdaCost(r, avgMs, memoryMb, architecture, o, p) <= FargateCost(r * peakFactor, avgMs, memoryMb, architecture, o, p))
                {
                    again = r;
                    break;
                }
            }

            if (again is null)
            {
                return cross;
            }

            start = again.Value;
        }

        return null;
    }

    private static decimal? FirstCrossing(decimal from, decimal avgMs, int memoryMb, CpuArchitecture architecture, decimal peakFactor,
        BreakEvenOptions o, PriceTable p)
    {
        var rate = from;
        for (var step = 0; step < 100_000; step++)
        {
            var fargate = FargateCost(rate * peakFactor, avgMs, memoryMb, architecture, o, p);
            if (LambdaCost(SearchLimitRequestsPerSecond, avgMs, memoryMb, architecture, o, p) < fargate)
            {
                return null;
            }

            var lo = rate;
            var hi = SearchLimitRequestsPerSecond;
            for (var i = 0; i < 100 && hi - lo > 0.000001m; i++)
            {
                var mid = (lo + hi) / 2m;
                if (LambdaCost(mid, avgMs, memoryMb, architecture, o, p) >= fargate)
                {
                    hi = mid;
                }
                else
                {
                    lo = mid;
                }
            }

            // Crossed when Lambda has reached the fleet it now needs (a load balancer's LCUs make the fleet grow continuously too).
            if (FargateCost(hi * peakFactor, avgMs, memoryMb, architecture, o, p) <= LambdaCost(hi, avgMs, memoryMb, architecture, o, p))
            {
                return hi;
            }

            rate = hi;
        }

        return null;
    }

    private static decimal LambdaCost(decimal rate, decimal avgMs, int memoryMb, CpuArchitecture architecture, BreakEvenOptions o, PriceTable p)
    {
        var requests = rate * PriceTable.SecondsPerMonth;
        var billedMs = Math.Max(1m, Math.Ceiling(avgMs));
        var gbSeconds = requests * billedMs / 1000m * (memoryMb / 1024m);
        if (o.LambdaFreeTier)
        {
            requests = Math.Max(0m, requests - p.LambdaFreeRequests);
            gbSeconds = Math.Max(0m, gbSeconds - p.LambdaFreeGbSeconds);
        }

        return p.LambdaRequests.Cost(requests) + p.LambdaDuration(architecture).Cost(gbSeconds)
            + (o.LambdaFrontDoor?.Cost(rate * PriceTable.SecondsPerMonth) ?? 0m);
    }

    /// <summary>Load balancer capacity units for a request rate: one per 25 new connections a second, each request a new connection.</summary>
    public static decimal Lcu(decimal requestsPerSecond) => requestsPerSecond / 25m;

    private static decimal FargateCost(decimal peak, decimal avgMs, int memoryMb, CpuArchitecture architecture, BreakEvenOptions o, PriceTable p)
    {
        var sizing = Size(peak, avgMs, memoryMb, o);
        var hours = PriceTable.HoursPerMonth;
        return p.FargateVcpu(architecture).Cost(sizing.TotalVcpu * hours)
            + p.FargateMemory(architecture).Cost(sizing.TotalMemoryGb * hours)
            + (o.FargateLoadBalancer ? LoadBalancerCost(peak, p) : 0m)
            + o.FargateExtraMonthly;
    }

    /// <summary>What <see cref="CostMath.LoadBalancer"/> totals, without writing its lines' arithmetic.</summary>
    private static decimal LoadBalancerCost(decimal peak, PriceTable p) =>
        0m + p.AlbHours.Cost(PriceTable.HoursPerMonth) + p.AlbLcuHours.Cost(Lcu(peak) * PriceTable.HoursPerMonth);

    private static string SizingText(decimal peak, decimal avgMs, int memoryMb, FargateSizing sizing, BreakEvenOptions o)
    {
        var share = memoryMb / LambdaMbPerVcpu;
        var busy = peak * (avgMs / 1000m) * share;
        return $"Fargate sizing: a {memoryMb} MB function gets {memoryMb} ÷ 1,769 = {share.ToString("0.####", Inv)} vCPU; "
            + $"busy vCPU at {Qty(peak)} req/s = {Qty(peak)} × {Qty(avgMs / 1000m)} s × {share.ToString("0.####", Inv)} = {busy.ToString("#,##0.##", Inv)}; "
            + $"÷ {Qty(o.TargetUtilisation)} target utilisation = {sizing.VcpuNeeded.ToString("#,##0.##", Inv)} vCPU needed; "
            + $"→ {sizing.Tasks} tasks of {Qty(sizing.VcpuPerTask)} vCPU / {Qty(sizing.MemoryGbPerTask)} GB "
            + $"(at least {o.MinimumTasks} for availability, tasks up to {Qty(MaxTaskVcpu)} vCPU, memory the Fargate minimum of 2 GB per vCPU "
            + "or the function's memory if larger).";
    }

    private static string Qty(decimal value) => CostMath.Qty(value);

    private static string Money(decimal value) => CostMath.Money(value);
}
