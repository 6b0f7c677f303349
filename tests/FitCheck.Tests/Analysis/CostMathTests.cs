using FitCheck.Analysis.Cost;
using Xunit;

namespace FitCheck.Tests.Analysis;

// Every expected figure below was worked out by hand from the us-east-1 price table (pricing facts compiled 2026-11-27);
// the working is in the comments. Monthly amounts are unrounded; the assertions round to the cent.
public sealed class CostMathTests
{
    private static decimal Cents(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);

    [Fact]
    public void Ten_million_requests_at_120ms_512MB_arm64_behind_an_HTTP_API()
    {
        // Lambda requests: 10,000,000 × $0.20/1M                            = $2.00
        // Lambda duration: 10,000,000 × 0.120 s × (512 ÷ 1024 = 0.5 GB)    = 600,000 GB-s
        //                  600,000 GB-s × $0.0000133334 (arm64, tier 1)      = $8.00004
        // HTTP API:        10,000,000 × $1.00/1M (payload under 512 KB)      = $10.00
        // Total                                                              = $20.00004 → $20.00
        var lines = new List<CostLine>
        {
            CostMath.LambdaRequests(10_000_000m),
            CostMath.LambdaDuration(10_000_000m, 120m, 512, CpuArchitecture.Arm64),
            CostMath.ApiGatewayHttp(10_000_000m),
        };

        Assert.Equal(2.00m, Cents(lines[0].Monthly));
        Assert.Equal(8.00004m, lines[1].Monthly);
        Assert.Equal(10.00m, Cents(lines[2].Monthly));
        Assert.Equal(20.00m, Cents(CostMath.Total(lines)));

        Assert.Equal("10,000,000 requests × $0.20/M = $2.00", lines[0].Arithmetic);
        Assert.Equal("10,000,000 requests × 120 ms × 0.5 GB (512 MB ÷ 1024) = 600,000 GB-s × $0.0000133334/GB-s = $8.00", lines[1].Arithmetic);
        Assert.Equal("10,000,000 requests × $1.00/M = $10.00", lines[2].Arithmetic);
        Assert.Equal("duration (arm64)", lines[1].Dimension);
    }

    [Fact]
    public void Same_scenario_with_the_free_tier()
    {
        // Requests: 10,000,000 − 1,000,000 free = 9,000,000 × $0.20/1M         = $1.80
        // Duration: 600,000 − 400,000 free GB-s = 200,000 × $0.0000133334      = $2.66668
        // HTTP API: 10,000,000 − 1,000,000 free = 9,000,000 × $1.00/1M         = $9.00
        // Total                                                                = $13.46668 → $13.47
        var lines = new[]
        {
            CostMath.LambdaRequests(10_000_000m, freeTier: true),
            CostMath.LambdaDuration(10_000_000m, 120m, 512, CpuArchitecture.Arm64, freeTier: true),
            CostMath.ApiGatewayHttp(10_000_000m, freeTier: true),
        };

        Assert.Equal(13.47m, Cents(CostMath.Total(lines)));
        Assert.Equal("10,000,000 requests − 1,000,000 free = 9,000,000 requests × $0.20/M = $1.80", lines[0].Arithmetic);
        Assert.Equal(
            "10,000,000 requests × 120 ms × 0.5 GB (512 MB ÷ 1024) = 600,000 GB-s − 400,000 free = 200,000 GB-s × $0.0000133334/GB-s = $2.67",
            lines[1].Arithmetic);
    }

    [Fact]
    public void Free_tier_never_goes_below_zero()
    {
        // 500,000 requests − 1,000,000 free → 0 billable.
        Assert.Equal(0m, CostMath.LambdaRequests(500_000m, freeTier: true).Monthly);
        Assert.Equal(0m, CostMath.Sqs(300_000m, freeTier: true).Monthly);
        Assert.Equal(0m, CostMath.LambdaDuration(1_000m, 100m, 128, CpuArchitecture.X86, freeTier: true).Monthly);
    }

    [Fact]
    public void Lambda_duration_rounds_the_average_up_to_a_whole_millisecond()
    {
        // 99.2 ms → 100 ms. 1,000,000 × 0.100 s × 1 GB = 100,000 GB-s × $0.0000166667 (x86) = $1.66667 → $1.67
        var line = CostMath.LambdaDuration(1_000_000m, 99.2m, 1024, CpuArchitecture.X86);
        Assert.Equal(1.66667m, line.Monthly);
        Assert.Contains("99.2 ms rounded up to 100 ms", line.Arithmetic, StringComparison.Ordinal);
    }

    [Fact]
    public void Lambda_duration_walks_the_tiers()
    {
        // x86: 7,000,000,000 requests × 1 s × 1 GB = 7,000,000,000 GB-s
        //   first 6,000,000,000 × $0.0000166667 = $100,000.20
        //   next  1,000,000,000 × $0.000015     = $15,000.00
        //   total                                = $115,000.20
        var x86 = CostMath.LambdaDuration(7_000_000_000m, 1000m, 1024, CpuArchitecture.X86);
        Assert.Equal(115_000.20m, Cents(x86.Monthly));
        Assert.Contains("6,000,000,000 GB-s × $0.0000166667/GB-s + 1,000,000,000 GB-s × $0.000015/GB-s", x86.Arithmetic, StringComparison.Ordinal);

        // arm64: 20,000,000,000 GB-s
        //   first 7,500,000,000 × $0.0000133334  = $100,000.50
        //   next 11,250,000,000 × $0.0000120001  = $135,001.125
        //   last  1,250,000,000 × $0.0000106667  = $13,333.375
        //   total                                 = $248,335.00
        var arm = CostMath.LambdaDuration(20_000_000_000m, 1000m, 1024, CpuArchitecture.Arm64);
        Assert.Equal(248_335.00m, Cents(arm.Monthly));
    }

    [Fact]
    public void Lambda_constants_from_the_facts_sheet()
    {
        // 1 GB busy for 730 h = 2,628,000 GB-s: x86 × $0.0000166667 = $43.8000876 → $43.80; arm × $0.0000133334 = $35.0401752 → $35.04
        Assert.Equal(43.80m, Cents(CostMath.LambdaDuration(2_628_000m, 1000m, 1024, CpuArchitecture.X86).Monthly));
        Assert.Equal(35.04m, Cents(CostMath.LambdaDuration(2_628_000m, 1000m, 1024, CpuArchitecture.Arm64).Monthly));

        // 1,769 MB busy all month: 2,628,000 s × 1.7275390625 GB = 4,539,972.65625 GB-s
        //   x86 × $0.0000166667 = $75.666 → $75.67; arm × $0.0000133334 = $60.533 → $60.53
        Assert.Equal(75.67m, Cents(CostMath.LambdaDuration(2_628_000m, 1000m, 1769, CpuArchitecture.X86).Monthly));
        Assert.Equal(60.53m, Cents(CostMath.LambdaDuration(2_628_000m, 1000m, 1769, CpuArchitecture.Arm64).Monthly));
    }

    [Fact]
    public void Provisioned_concurrency()
    {
        // 1 environment × 1 GB × 730 h (2,628,000 s) = 2,628,000 GB-s × $0.0000041667 = $10.9500876 → $10.95
        var month = CostMath.LambdaProvisioned(1, 1024, CpuArchitecture.X86);
        Assert.Equal(10.95m, Cents(month.Monthly));
        Assert.Equal("1 × 1 GB (1024 MB ÷ 1024) × 2,628,000 s (730 h) = 2,628,000 GB-s × $0.0000041667/GB-s = $10.95", month.Arithmetic);

        // 0.1 h = 6 min → rounded up to 10 min = 600 s; 2 × 2 GB × 600 s = 2,400 GB-s × $0.0000033334 (arm) = $0.00800016
        var brief = CostMath.LambdaProvisioned(2, 2048, CpuArchitecture.Arm64, hours: 0.1m);
        Assert.Equal(0.00800016m, brief.Monthly);
        Assert.Contains("rounded up to 10 min", brief.Arithmetic, StringComparison.Ordinal);

        // Duration on PC: 1,750,000 requests × 1 s × 1 GB = 1,750,000 GB-s × $0.0000077778 (arm) = $13.61115 → $13.61
        Assert.Equal(13.61m, Cents(CostMath.LambdaProvisionedDuration(1_750_000m, 1000m, 1024, CpuArchitecture.Arm64).Monthly));
    }

    [Fact]
    public void Rest_api_tiers()
    {
        // 10,000,000 × $3.50/1M = $35.00
        Assert.Equal(35.00m, Cents(CostMath.ApiGatewayRest(10_000_000m).Monthly));

        // 400,000,000: first 333,000,000 × $3.50/1M = $1,165.50; next 67,000,000 × $2.80/1M = $187.60; total $1,353.10
        var line = CostMath.ApiGatewayRest(400_000_000m);
        Assert.Equal(1_353.10m, Cents(line.Monthly));
        Assert.Equal("333,000,000 requests × $3.50/M + 67,000,000 requests × $2.80/M = $1,353.10", line.Arithmetic);
    }

    [Fact]
    public void Http_api_meters_in_512_KB_increments()
    {
        // 600 KB → 2 × 512 KB: 1,000,000 × 2 = 2,000,000 × $1.00/1M = $2.00
        var big = CostMath.ApiGatewayHttp(1_000_000m, payloadKb: 600m);
        Assert.Equal(2.00m, Cents(big.Monthly));
        Assert.StartsWith("1,000,000 requests × 2 (600 KB in 512 KB chunks) = 2,000,000 requests", big.Arithmetic, StringComparison.Ordinal);

        // Exactly 512 KB is one unit: $1.00
        Assert.Equal(1.00m, Cents(CostMath.ApiGatewayHttp(1_000_000m, payloadKb: 512m).Monthly));

        // 400,000,000: 300,000,000 × $1.00/1M = $300 + 100,000,000 × $0.90/1M = $90 → $390.00
        Assert.Equal(390.00m, Cents(CostMath.ApiGatewayHttp(400_000_000m).Monthly));
    }

    [Fact]
    public void WebSocket_messages_and_connection_minutes()
    {
        // 33 KB message = 2 × 32 KB: 1,000,000 × 2 = 2,000,000 × $1.00/1M = $2.00
        // 10,000,000 connection minutes × $0.25/1M = $2.50
        var lines = CostMath.WebSocket(1_000_000m, 10_000_000m, messageKb: 33m);
        Assert.Equal(2.00m, Cents(lines[0].Monthly));
        Assert.Equal(2.50m, Cents(lines[1].Monthly));

        // Free tier: 2,000,000 − 1,000,000 = 1,000,000 × $1.00/1M = $1.00;
        //            10,000,000 − 750,000 = 9,250,000 × $0.25/1M = $2.3125 → $2.31
        var free = CostMath.WebSocket(1_000_000m, 10_000_000m, messageKb: 33m, freeTier: true);
        Assert.Equal(1.00m, Cents(free[0].Monthly));
        Assert.Equal(2.3125m, free[1].Monthly);
    }

    [Fact]
    public void Sqs_counts_64_KB_chunks_and_prices_fifo_higher()
    {
        // 256 KB = 4 chunks: 1,000,000 × 4 = 4,000,000 × $0.40/1M = $1.60
        Assert.Equal(1.60m, Cents(CostMath.Sqs(1_000_000m, 256m).Monthly));
        // 1 MiB = 1,024 KB = 16 chunks: 1,000,000 × 16 × $0.40/1M = $6.40
        Assert.Equal(6.40m, Cents(CostMath.Sqs(1_000_000m, 1024m).Monthly));
        // FIFO, 10 KB: 1,000,000 × $0.50/1M = $0.50
        var fifo = CostMath.Sqs(1_000_000m, 10m, fifo: true);
        Assert.Equal(0.50m, Cents(fifo.Monthly));
        Assert.Equal("requests (FIFO)", fifo.Dimension);
        // Free tier after chunking: 4,000,000 − 1,000,000 = 3,000,000 × $0.40/1M = $1.20
        Assert.Equal(1.20m, Cents(CostMath.Sqs(1_000_000m, 256m, freeTier: true).Monthly));
    }

    [Fact]
    public void Sns_publishes_in_64_KB_chunks_and_deliveries_by_protocol()
    {
        // 100 KB = 2 chunks: 2,000,000 × 2 = 4,000,000 × $0.50/1M = $2.00; deliveries to Lambda: $0
        var lambda = CostMath.Sns(2_000_000m, 100m, 2_000_000m);
        Assert.Equal(2.00m, Cents(lambda[0].Monthly));
        Assert.Equal(0m, lambda[1].Monthly);

        // HTTP/S deliveries: 2,000,000 × $0.60/1M = $1.20
        Assert.Equal(1.20m, Cents(CostMath.Sns(2_000_000m, 1m, 2_000_000m, SnsProtocol.Http)[1].Monthly));
        // Email: 100,000 × $2.00/100,000 = $2.00
        Assert.Equal(2.00m, Cents(CostMath.Sns(0m, 1m, 100_000m, SnsProtocol.Email)[1].Monthly));
        // Free tier: 4,000,000 − 1,000,000 = 3,000,000 × $0.50/1M = $1.50
        Assert.Equal(1.50m, Cents(CostMath.Sns(2_000_000m, 100m, 0m, freeTier: true)[0].Monthly));
    }

    [Fact]
    public void EventBridge_and_Scheduler()
    {
        // 70 KB = 2 chunks: 5,000,000 × 2 = 10,000,000 × $1.00/1M = $10.00
        Assert.Equal(10.00m, Cents(CostMath.EventBridge(5_000_000m, 70m).Monthly));
        // Scheduler: 20,000,000 × $1.00/1M = $20.00; with 14M free: 6,000,000 × $1.00/1M = $6.00
        Assert.Equal(20.00m, Cents(CostMath.Scheduler(20_000_000m).Monthly));
        Assert.Equal(6.00m, Cents(CostMath.Scheduler(20_000_000m, freeTier: true).Monthly));
    }

    [Fact]
    public void Step_functions_standard_and_express()
    {
        // Standard: 1,000,000 transitions × $0.025/1,000 = $25.00; free: 996,000 × $0.025/1,000 = $24.90
        var standard = CostMath.StepFunctionsStandard(1_000_000m);
        Assert.Equal(25.00m, Cents(standard.Monthly));
        Assert.Equal("1,000,000 state transitions × $0.025/1,000 = $25.00", standard.Arithmetic);
        Assert.Equal(24.90m, Cents(CostMath.StepFunctionsStandard(1_000_000m, freeTier: true).Monthly));

        // Express: 250 ms → 300 ms (100 ms steps); 100 MB → 128 MB (64 MB chunks) = 0.125 GB
        //   requests: 1,000,000 × $1.00/1M = $1.00
        //   duration: 1,000,000 × 0.3 s × 0.125 GB = 37,500 GB-s × $0.00001667 = $0.625125
        //   total $1.625125 → $1.63
        var express = CostMath.StepFunctionsExpress(1_000_000m, 250m, 100);
        Assert.Equal(1.00m, Cents(express[0].Monthly));
        Assert.Equal(0.625125m, express[1].Monthly);
        Assert.Equal(1.63m, Cents(CostMath.Total(express)));

        // Express duration tiers: 10,000,000 × 1 s × 1 GB = 10,000,000 GB-s
        //   first 3,600,000 (1,000 GB-h) × $0.00001667 = $60.012; next 6,400,000 × $0.00000833 = $53.312 → $113.324 → $113.32
        Assert.Equal(113.32m, Cents(CostMath.StepFunctionsExpress(10_000_000m, 1000m, 1024)[1].Monthly));
    }

    [Fact]
    public void DynamoDb_on_demand_request_units()
    {
        // 8 KB item = 2 × 4 KB. Strong: 10,000,000 × 2 RRU = 20,000,000 × $0.125/1M = $2.50
        // Eventual: × 0.5 → 10,000,000 RRU = $1.25. Transactional: × 2 → 40,000,000 RRU = $5.00
        Assert.Equal(2.50m, Cents(CostMath.DynamoDbOnDemand(10_000_000m, 0m, 8m)[0].Monthly));
        Assert.Equal(1.25m, Cents(CostMath.DynamoDbOnDemand(10_000_000m, 0m, 8m, ReadConsistency.Eventual)[0].Monthly));
        Assert.Equal(5.00m, Cents(CostMath.DynamoDbOnDemand(10_000_000m, 0m, 8m, ReadConsistency.Transactional)[0].Monthly));

        // Writes: 3,000,000 × 1 KB item = 3,000,000 WRU × $0.625/1M = $1.875 → $1.88 (facts sheet: 3M WRU → $1.88)
        Assert.Equal(1.88m, Cents(CostMath.DynamoDbOnDemand(0m, 3_000_000m, 1m)[1].Monthly));
        // 2.5 KB item = 3 WRU: 1,000,000 × 3 = 3,000,000 WRU → $1.875
        Assert.Equal(1.875m, CostMath.DynamoDbOnDemand(0m, 1_000_000m, 2.5m)[1].Monthly);
    }

    [Fact]
    public void CloudWatch_logs_ingestion_and_storage()
    {
        // 100 GB × $0.50 = $50.00; free: 95 GB × $0.50 = $47.50
        Assert.Equal(50.00m, Cents(CostMath.LogsIngestion(100m).Monthly));
        Assert.Equal(47.50m, Cents(CostMath.LogsIngestion(100m, freeTier: true).Monthly));
        // Lambda vended tiers, 20 TB = 20,480 GB: 10,240 × $0.50 = $5,120 + 10,240 × $0.25 = $2,560 → $7,680.00
        Assert.Equal(7_680.00m, Cents(CostMath.LogsIngestion(20_480m, lambdaVendedTiers: true).Monthly));

        // Storage 100 GB-month × $0.03 = $3.00; free with 2 GB of the 5 GB already used: 97 × $0.03 = $2.91
        Assert.Equal(3.00m, Cents(CostMath.LogsStorage(100m).Monthly));
        Assert.Equal(2.91m, Cents(CostMath.LogsStorage(100m, freeTier: true, freeAllowanceUsedGb: 2m).Monthly));
        // Allowance used up by ingestion: nothing left, $3.00
        Assert.Equal(3.00m, Cents(CostMath.LogsStorage(100m, freeTier: true, freeAllowanceUsedGb: 10m).Monthly));
    }

    [Fact]
    public void XRay_traces()
    {
        // 1,000,000 × $5.00/1M = $5.00; free: 900,000 × $5.00/1M = $4.50
        Assert.Equal(5.00m, Cents(CostMath.XRay(1_000_000m).Monthly));
        Assert.Equal(4.50m, Cents(CostMath.XRay(1_000_000m, freeTier: true).Monthly));
        // Retrieved: 2,000,000 − 1,000,000 free = 1,000,000 × $0.50/1M = $0.50
        Assert.Equal(0.50m, Cents(CostMath.XRayRetrieved(2_000_000m, freeTier: true).Monthly));
    }

    [Fact]
    public void Fargate_and_Ec2()
    {
        // 1 vCPU + 2 GB, 730 h, x86: 730 × $0.04048 = $29.5504; 1,460 GB-h × $0.004445 = $6.4897 → $36.04
        var x86 = CostMath.Fargate(1m, 2m, 730m, CpuArchitecture.X86);
        Assert.Equal(36.04m, Cents(CostMath.Total(x86)));
        Assert.Equal("1 vCPU × 730 h = 730 vCPU-hours × $0.04048/vCPU-hour = $29.55", x86[0].Arithmetic);
        // ARM: 730 × $0.03238 = $23.6374; 1,460 × $0.00356 = $5.1976 → $28.84
        Assert.Equal(28.84m, Cents(CostMath.Total(CostMath.Fargate(1m, 2m, 730m, CpuArchitecture.Arm64))));
        // 0.25 vCPU + 0.5 GB x86: 182.5 × $0.04048 = $7.3876; 365 × $0.004445 = $1.622425 → $9.01
        Assert.Equal(9.01m, Cents(CostMath.Total(CostMath.Fargate(0.25m, 0.5m))));

        // m7g.large: 730 × $0.0816 = $59.568 → $59.57
        var ec2 = CostMath.Ec2(730m);
        Assert.Equal(59.57m, Cents(ec2.Monthly));
        Assert.Equal("730 instance-hours × $0.0816/hour = $59.57", ec2.Arithmetic);
        Assert.Throws<ArgumentException>(() => CostMath.Ec2(730m, "x9.huge"));
    }

    [Fact]
    public void Negative_quantities_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => CostMath.LambdaRequests(-1m));
        Assert.Throws<ArgumentOutOfRangeException>(() => CostMath.LambdaDuration(1m, 1m, 0, CpuArchitecture.X86));
        Assert.Throws<ArgumentOutOfRangeException>(() => CostMath.Sqs(1m, -1m));
    }

    [Fact]
    public void Price_table_is_dated_and_knows_only_us_east_1()
    {
        var table = PriceTable.UsEast1;
        Assert.Equal("us-east-1", table.Region);
        Assert.Equal(new DateOnly(2026, 11, 27), table.PricesReadOn);
        Assert.Equal("USD", table.Currency);

        Assert.True(PriceTable.IsKnownRegion("us-east-1"));
        Assert.True(PriceTable.IsKnownRegion("US-EAST-1"));
        Assert.False(PriceTable.IsKnownRegion("eu-west-1"));
        Assert.False(PriceTable.IsKnownRegion(null));

        var lookup = PriceTable.Resolve("eu-west-1");
        Assert.False(lookup.IsExact);
        Assert.Same(PriceTable.UsEast1, lookup.Prices);
        Assert.Equal("prices for region eu-west-1 unknown; using us-east-1", lookup.Warning);
        Assert.Null(PriceTable.Resolve("us-east-1").Warning);
        Assert.Null(PriceTable.Resolve(null).Warning);
    }

    [Fact]
    public void Prices_can_be_overridden()
    {
        // $0.30/1M instead of $0.20/1M: 10,000,000 × $0.30/1M = $3.00
        var table = PriceTable.UsEast1 with { LambdaRequests = Price.PerMillion(0.30m, "requests") };
        Assert.Equal(3.00m, Cents(CostMath.LambdaRequests(10_000_000m, prices: table).Monthly));
    }

    [Fact]
    public void Architecture_names_parse_as_in_templates()
    {
        Assert.Equal(CpuArchitecture.Arm64, CpuArchitectures.Parse("arm64"));
        Assert.Equal(CpuArchitecture.X86, CpuArchitectures.Parse("x86_64"));
        Assert.Equal(CpuArchitecture.X86, CpuArchitectures.Parse(null));
        Assert.Equal("arm64", CpuArchitecture.Arm64.Name());
    }
}
