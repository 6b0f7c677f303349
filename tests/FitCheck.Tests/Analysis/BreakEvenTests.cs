using FitCheck.Analysis.Cost;
using Xunit;

namespace FitCheck.Tests.Analysis;

// Hand-checked against the us-east-1 table. A month is 730 h = 2,628,000 s.
// Sizing rule (BreakEven remarks): busy vCPU = peak req/s × duration s × memory MB ÷ 1,769; needed = busy ÷ 0.6;
// at least 2 tasks; each task the smallest of 0.25/0.5/1/2/4 vCPU holding its share, else 4 vCPU tasks;
// memory = 2 GB per vCPU (raised to the function's memory if larger).
public sealed class BreakEvenTests
{
    private static decimal Cents(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);

    [Fact]
    public void Steady_200_rps_at_300ms_crosses_over_to_containers()
    {
        // Requests: 200 × 2,628,000 = 525,600,000/month × $0.20/1M                        = $105.12
        // Duration: 525,600,000 × 0.3 s × 0.5 GB = 78,840,000 GB-s × $0.0000133334 (arm) = $1,051.205256
        // Lambda total                                                                    = $1,156.33
        // Fargate: busy = 200 × 0.3 × 512/1,769 (0.28943) = 17.366 vCPU; ÷ 0.6 = 28.94 vCPU needed;
        //   28.94 ÷ 2 tasks = 14.47 > 4 → ceil(28.94 ÷ 4) = 8 tasks × 4 vCPU / 8 GB = 32 vCPU, 64 GB
        //   32 × 730 = 23,360 vCPU-h × $0.03238 = $756.3968; 64 × 730 = 46,720 GB-h × $0.00356 = $166.3232
        // Fargate total                                                                   = $922.72
        var result = BreakEven.Compare(200m, 300m, 512, CpuArchitecture.Arm64);

        Assert.Equal(525_600_000m, result.MonthlyRequests);
        Assert.Equal(1_156.33m, Cents(result.LambdaMonthly));
        Assert.Equal(new FargateSizing(8, 4m, 8m, result.Sizing.VcpuNeeded), result.Sizing);
        Assert.Equal(28.94m, Math.Round(result.Sizing.VcpuNeeded, 2));
        Assert.Equal(922.72m, Cents(result.FargateMonthly));
        Assert.True(result.FargateCheaper);
        Assert.True(result.BreakEvenRequestsPerSecond < 200m);
        Assert.Contains(result.Reasoning, r => r.StartsWith("Fargate is cheaper by $233.61/month", StringComparison.Ordinal));
    }

    [Fact]
    public void Steady_200_rps_on_x86_also_crosses_over()
    {
        // Lambda: $105.12 + 78,840,000 GB-s × $0.0000166667 = $1,314.002628 → $1,419.12
        // Fargate: 32 × 730 × $0.04048 = $945.6128; 64 × 730 × $0.004445 = $207.6704 → $1,153.28
        var result = BreakEven.Compare(200m, 300m, 512, CpuArchitecture.X86);
        Assert.Equal(1_419.12m, Cents(result.LambdaMonthly));
        Assert.Equal(1_153.28m, Cents(result.FargateMonthly));
        Assert.True(result.FargateCheaper);
    }

    [Fact]
    public void Bursty_average_of_2_rps_stays_on_Lambda()
    {
        // Average 2 req/s, peaks of 20 req/s.
        // Lambda: 2 × 2,628,000 = 5,256,000 requests × $0.20/1M = $1.0512;
        //         5,256,000 × 0.3 s × 0.5 GB = 788,400 GB-s × $0.0000133334 = $10.5120526 → total $11.56
        // Fargate sized for the peak: 20 × 0.3 × 0.28943 = 1.7366 busy vCPU ÷ 0.6 = 2.894 needed;
        //   ÷ 2 tasks = 1.447 → 2 vCPU / 4 GB tasks: 2 × 730 × (2 × $0.03238 + 4 × $0.00356) = 1,460 × $0.079 = $115.34
        var bursty = BreakEven.Compare(2m, 300m, 512, CpuArchitecture.Arm64, new BreakEvenOptions { PeakRequestsPerSecond = 20m });
        Assert.Equal(11.56m, Cents(bursty.LambdaMonthly));
        Assert.Equal(new FargateSizing(2, 2m, 4m, bursty.Sizing.VcpuNeeded), bursty.Sizing);
        Assert.Equal(115.34m, Cents(bursty.FargateMonthly));
        Assert.False(bursty.FargateCheaper);
        // With peaks 10× the average, Fargate never catches up: per average req/s it costs
        //   10 × 0.3 × 0.28943 ÷ 0.6 vCPU × 730 h × ($0.03238 + 2 × $0.00356) = $41.72/month against Lambda's $5.78.
        Assert.Null(bursty.BreakEvenRequestsPerSecond);
        Assert.Contains(bursty.Reasoning, r => r.Contains("with peaks 10× the average", StringComparison.Ordinal));

        // Even held steady at 2 req/s the smallest fleet costs more than Lambda:
        // 2 tasks × 0.25 vCPU / 0.5 GB: 1,460 h × (0.25 × $0.03238 + 0.5 × $0.00356) = 1,460 × $0.009875 = $14.4175 → $14.42
        var steady = BreakEven.Compare(2m, 300m, 512, CpuArchitecture.Arm64);
        Assert.Equal(new FargateSizing(2, 0.25m, 0.5m, steady.Sizing.VcpuNeeded), steady.Sizing);
        Assert.Equal(14.42m, Cents(steady.FargateMonthly));
        Assert.False(steady.FargateCheaper);
        Assert.Contains(steady.Reasoning, r => r.StartsWith("Lambda is cheaper by $2.85/month", StringComparison.Ordinal));
    }

    [Fact]
    public void Break_even_rate_in_closed_form()
    {
        // Lambda per 1 req/s for a month: 2,628,000 × ($0.0000002 + 0.3 s × 0.5 GB × $0.0000133334) = $5.78162628
        // The smallest fleet (2 × 0.25 vCPU / 0.5 GB, arm) costs $14.4175 and covers up to
        //   0.25 × 2 × 0.6 ÷ (0.3 × 0.28943) ≈ 3.45 req/s, so the crossing is in that step:
        //   first touch at 14.4175 ÷ 5.78162628 = 2.4937 req/s. But the containers do not stay cheaper: at 55.28 req/s the need passes
        //   8 vCPU (55.28 × 0.3 × 0.28943 ÷ 0.6) and the fleet steps from 2 to 3 tasks of 4 vCPU / 8 GB:
        //   3 × 730 × (4 × $0.03238 + 8 × $0.00356) = $346.02, above Lambda's 55.28 × 5.7816 = $319.62. Every later step is smaller
        //   than Lambda's growth, so the crossover above which the containers win at every load is 346.02 ÷ 5.78162628 = 59.85 req/s.
        var result = BreakEven.Compare(50m, 300m, 512, CpuArchitecture.Arm64);
        Assert.NotNull(result.BreakEvenRequestsPerSecond);
        Assert.Equal(59.85m, Math.Round(result.BreakEvenRequestsPerSecond!.Value, 2));

        // At the break-even rate both sides cost the same, to the cent.
        var at = BreakEven.Compare(result.BreakEvenRequestsPerSecond.Value, 300m, 512, CpuArchitecture.Arm64);
        Assert.Equal(Cents(at.FargateMonthly), Cents(at.LambdaMonthly));
    }

    [Fact]
    public void Break_even_with_a_single_task_halves_the_floor()
    {
        // One 0.25 vCPU / 0.5 GB task: 730 × $0.009875 = $7.20875, first touched at 7.20875 ÷ 5.78162628 = 1.2468 req/s; the same
        // step from 2 to 3 tasks of 4 vCPU at 55.28 req/s as above makes Lambda cheaper again, so containers stay cheaper only above 59.85.
        var result = BreakEven.Compare(1m, 300m, 512, CpuArchitecture.Arm64, new BreakEvenOptions { MinimumTasks = 1 });
        Assert.Equal(1, result.Sizing.Tasks);
        Assert.Equal(59.85m, Math.Round(result.BreakEvenRequestsPerSecond!.Value, 2));
        for (var rate = 60m; rate < 5_000m; rate *= 1.05m)
        {
            var above = BreakEven.Compare(rate, 300m, 512, CpuArchitecture.Arm64, new BreakEvenOptions { MinimumTasks = 1 });
            Assert.True(above.FargateCheaper, $"at {rate} req/s");
        }
    }

    [Fact]
    public void Lambda_side_matches_the_facts_sheet_example()
    {
        // Facts sheet section 15: a steady 50 req/s at 120 ms and 512 MB ≈ $157.68/month (x86) or ≈ $131.40 (arm).
        // x86: 131,400,000 × $0.20/1M = $26.28; 131,400,000 × 0.12 × 0.5 = 7,884,000 GB-s × $0.0000166667 = $131.4002628 → $157.68
        // arm: $26.28 + 7,884,000 × $0.0000133334 = $105.1205256 → $131.40
        Assert.Equal(157.68m, Cents(BreakEven.Compare(50m, 120m, 512, CpuArchitecture.X86).LambdaMonthly));
        Assert.Equal(131.40m, Cents(BreakEven.Compare(50m, 120m, 512, CpuArchitecture.Arm64).LambdaMonthly));
    }

    [Fact]
    public void Task_memory_is_at_least_the_function_memory()
    {
        // 3,008 MB function = 2.9375 GB → 3 GB per task; 0.25 vCPU allows at most 2 GB, so 0.5 vCPU / 3 GB.
        var sizing = BreakEven.Size(0.1m, 100m, 3008);
        Assert.Equal(2, sizing.Tasks);
        Assert.Equal(0.5m, sizing.VcpuPerTask);
        Assert.Equal(3m, sizing.MemoryGbPerTask);
    }

    [Fact]
    public void Peak_below_average_is_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            BreakEven.Compare(10m, 100m, 512, CpuArchitecture.X86, new BreakEvenOptions { PeakRequestsPerSecond = 5m }));
    }

    [Fact]
    public void Remembered_break_even_answers_only_the_same_question()
    {
        // The search's answer is kept per duration, memory, architecture, peak ratio, options and prices. Asking in an
        // order where a wrong key would hand back an earlier answer: each answer equals a fresh computation's, and the
        // options that move the break-even (a load balancer, a single task, the peak ratio) each change it.
        var plain = BreakEven.Compare(5m, 300m, 1024, CpuArchitecture.Arm64).BreakEvenRequestsPerSecond;
        var balanced = BreakEven.Compare(5m, 300m, 1024, CpuArchitecture.Arm64, new BreakEvenOptions { FargateLoadBalancer = true }).BreakEvenRequestsPerSecond;
        var single = BreakEven.Compare(5m, 300m, 1024, CpuArchitecture.Arm64, new BreakEvenOptions { MinimumTasks = 1 }).BreakEvenRequestsPerSecond;
        var peaky = BreakEven.Compare(5m, 300m, 1024, CpuArchitecture.Arm64, new BreakEvenOptions { PeakRequestsPerSecond = 20m }).BreakEvenRequestsPerSecond;
        var otherRate = BreakEven.Compare(7m, 300m, 1024, CpuArchitecture.Arm64).BreakEvenRequestsPerSecond;

        Assert.NotNull(plain);
        Assert.NotEqual(plain, balanced);
        Assert.NotEqual(plain, single);
        Assert.NotEqual(plain, peaky);
        Assert.Equal(plain, otherRate); // a steady load's break-even does not depend on today's rate
        Assert.Equal(peaky, BreakEven.Compare(1m, 300m, 1024, CpuArchitecture.Arm64, new BreakEvenOptions { PeakRequestsPerSecond = 4m }).BreakEvenRequestsPerSecond);
    }
}
