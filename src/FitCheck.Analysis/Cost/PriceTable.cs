using System.Globalization;

namespace FitCheck.Analysis.Cost;

/// <summary>Processor architecture of a Lambda function or Fargate task (x86_64 or arm64 / Graviton).</summary>
public enum CpuArchitecture
{
    X86 = 0,
    Arm64 = 1,
}

/// <summary>Helpers for <see cref="CpuArchitecture"/>.</summary>
public static class CpuArchitectures
{
    /// <summary>Reads "x86_64" or "arm64" as written in templates; anything else (or null) is x86_64, the Lambda default.</summary>
    public static CpuArchitecture Parse(string? value) =>
        string.Equals(value?.Trim(), "arm64", StringComparison.OrdinalIgnoreCase) ? CpuArchitecture.Arm64 : CpuArchitecture.X86;

    /// <summary>The name AWS uses: x86_64 or arm64.</summary>
    public static string Name(this CpuArchitecture architecture) =>
        architecture == CpuArchitecture.Arm64 ? "arm64" : "x86_64";
}

/// <summary>
/// One band of a volume-tiered price. <paramref name="UpTo"/> is the cumulative monthly quantity (in the price's
/// unit) where the band ends; null means no upper bound. <paramref name="Amount"/> is dollars per <see cref="Price.Per"/> units.
/// </summary>
public sealed record PriceTier(decimal? UpTo, decimal Amount);

/// <summary>
/// A list price: <c>Amount</c> dollars per <see cref="Per"/> units of <see cref="Unit"/>, flat or tiered by monthly volume.
/// </summary>
public sealed class Price
{
    public Price(decimal per, string unit, string rateLabel, IReadOnlyList<PriceTier> tiers)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(per);
        ArgumentException.ThrowIfNullOrWhiteSpace(unit);
        ArgumentException.ThrowIfNullOrWhiteSpace(rateLabel);
        ArgumentNullException.ThrowIfNull(tiers);
        if (tiers.Count == 0)
        {
            throw new ArgumentException("A price needs at least one tier.", nameof(tiers));
        }

        decimal previous = 0m;
        for (var i = 0; i < tiers.Count; i++)
        {
            var tier = tiers[i];
            ArgumentOutOfRangeException.ThrowIfNegative(tier.Amount, nameof(tiers));
            var last = i == tiers.Count - 1;
            if (last != (tier.UpTo is null))
            {
                throw new ArgumentException("Only the last tier is open-ended, and it must be.", nameof(tiers));
            }

            if (tier.UpTo is { } upTo)
            {
                if (upTo <= previous)
                {
                    throw new ArgumentException("Tier bounds must increase.", nameof(tiers));
                }

                previous = upTo;
            }
        }

        Per = per;
        Unit = unit;
        RateLabel = rateLabel;
        Tiers = tiers;
    }

    /// <summary>How many units the amount buys (1, 1,000, 1,000,000...).</summary>
    public decimal Per { get; }

    /// <summary>What is counted, as written after a quantity: "requests", "GB-s", "vCPU-hours".</summary>
    public string Unit { get; }

    /// <summary>How the rate is written after the amount: "/M", "/GB-s", "/1,000".</summary>
    public string RateLabel { get; }

    public IReadOnlyList<PriceTier> Tiers { get; }

    /// <summary>The first-tier amount (the only one for a flat price).</summary>
    public decimal Amount => Tiers[0].Amount;

    public bool IsTiered => Tiers.Count > 1;

    /// <summary>A flat price of <paramref name="amount"/> dollars per million <paramref name="unit"/>.</summary>
    public static Price PerMillion(decimal amount, string unit) => new(1_000_000m, unit, "/M", [new PriceTier(null, amount)]);

    /// <summary>A flat price of <paramref name="amount"/> dollars per single unit.</summary>
    public static Price PerUnit(decimal amount, string unit, string singular) => new(1m, unit, "/" + singular, [new PriceTier(null, amount)]);

    /// <summary>A flat price of <paramref name="amount"/> dollars per <paramref name="per"/> units.</summary>
    public static Price Flat(decimal amount, decimal per, string unit) =>
        new(per, unit, "/" + per.ToString("#,##0", CultureInfo.InvariantCulture), [new PriceTier(null, amount)]);

    /// <summary>A tiered price per million <paramref name="unit"/>.</summary>
    public static Price TieredPerMillion(string unit, params PriceTier[] tiers) => new(1_000_000m, unit, "/M", tiers);

    /// <summary>A tiered price per single unit.</summary>
    public static Price TieredPerUnit(string unit, string singular, params PriceTier[] tiers) => new(1m, unit, "/" + singular, tiers);

    /// <summary>The dollar cost of <paramref name="quantity"/> units in one month, walking the tiers from the first.</summary>
    /// <remarks>The same sum as over <see cref="Split"/>, band by band from 0m, without building the bands: the break-even
    /// search calls it thousands of times a run.</remarks>
    public decimal Cost(decimal quantity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(quantity);
        var sum = 0m;
        var start = 0m;
        var bands = 0;
        for (var i = 0; i < Tiers.Count; i++)
        {
            var tier = Tiers[i];
            var end = tier.UpTo is { } upTo ? Math.Min(quantity, upTo) : quantity;
            if (end > start)
            {
                sum += (end - start) * tier.Amount / Per;
                bands++;
            }

            if (tier.UpTo is not { } bound || quantity <= bound)
            {
                break;
            }

            start = bound;
        }

        return bands == 0 ? sum + 0m * Amount / Per : sum;
    }

    /// <summary>How <paramref name="quantity"/> falls into the tiers: (units in the band, band amount), non-empty bands only.</summary>
    public IReadOnlyList<(decimal Quantity, decimal Amount)> Split(decimal quantity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(quantity);
        var parts = new List<(decimal, decimal)>();
        var start = 0m;
        foreach (var tier in Tiers)
        {
            var end = tier.UpTo is { } upTo ? Math.Min(quantity, upTo) : quantity;
            if (end > start)
            {
                parts.Add((end - start, tier.Amount));
            }

            if (tier.UpTo is not { } bound || quantity <= bound)
            {
                break;
            }

            start = bound;
        }

        if (parts.Count == 0)
        {
            parts.Add((0m, Amount));
        }

        return parts;
    }
}

/// <summary>An on-demand EC2 instance price used as an always-on comparison point.</summary>
public sealed record Ec2InstancePrice(string InstanceType, string Description, decimal Hourly, bool Confirmed);

/// <summary>What <see cref="PriceTable.Resolve"/> found for a region.</summary>
/// <param name="Prices">The table to use.</param>
/// <param name="IsExact">True when the table is for the region asked for.</param>
/// <param name="Warning">Set when another region's prices stand in, e.g. "prices for region eu-west-1 unknown; using us-east-1".</param>
public sealed record PriceLookup(PriceTable Prices, bool IsExact, string? Warning);

/// <summary>
/// List prices (USD, on-demand, before tax, Savings Plans or credits) as dated data. Each figure comes from the
/// project's pricing facts sheet; the comment on each property names its section and row. Only US East
/// (N. Virginia) is known: the facts sheet gives no other region. Override single figures with <c>with</c>.
/// </summary>
public sealed record PriceTable
{
    /// <summary>Hours in the month every monthly figure assumes (pricing facts, section 1 "Useful constants": 730-hour month).</summary>
    public const decimal HoursPerMonth = 730m;

    /// <summary>Seconds in that month: 730 × 3,600 (pricing facts, section 15 step 1).</summary>
    public const decimal SecondsPerMonth = HoursPerMonth * 3600m;

    public required string Region { get; init; }
    public required string RegionName { get; init; }
    public required string Currency { get; init; }

    /// <summary>When the figures were read (the facts sheet's compile date).</summary>
    public required DateOnly PricesReadOn { get; init; }

    /// <summary>Range of the dates of the evidence behind the figures.</summary>
    public required string EvidenceDates { get; init; }

    public required string Source { get; init; }

    /// <summary>Figures or rules the facts sheet marks as not confirmed (⚠); a report should repeat the ones it uses.</summary>
    public required IReadOnlyList<string> Unconfirmed { get; init; }

    // ---- 1. AWS Lambda -------------------------------------------------------------------------------------

    /// <summary>Section 1, row "Requests": $0.20 per 1M, both architectures.</summary>
    public required Price LambdaRequests { get; init; }

    /// <summary>Section 1, rows "Duration, tier 1/2/3" (x86_64): 6 B GB-s, next 9 B, above 15 B.</summary>
    public required Price LambdaDurationX86 { get; init; }

    /// <summary>Section 1, rows "Duration, tier 1/2/3" (arm64): 7.5 B GB-s, next 11.25 B, above 18.75 B.</summary>
    public required Price LambdaDurationArm64 { get; init; }

    /// <summary>Section 1, row "Provisioned concurrency, capacity charge" (x86_64).</summary>
    public required Price LambdaProvisionedCapacityX86 { get; init; }

    /// <summary>Section 1, row "Provisioned concurrency, capacity charge" (arm64, derived).</summary>
    public required Price LambdaProvisionedCapacityArm64 { get; init; }

    /// <summary>Section 1, row "Duration on provisioned concurrency" (x86_64).</summary>
    public required Price LambdaProvisionedDurationX86 { get; init; }

    /// <summary>Section 1, row "Duration on provisioned concurrency" (arm64, derived).</summary>
    public required Price LambdaProvisionedDurationArm64 { get; init; }

    /// <summary>Section 1, row "Free tier (always free)": 1M requests per month.</summary>
    public required decimal LambdaFreeRequests { get; init; }

    /// <summary>Section 1, row "Free tier (always free)": 400,000 GB-s per month, shared by both architectures.</summary>
    public required decimal LambdaFreeGbSeconds { get; init; }

    // ---- 2. Amazon API Gateway -------------------------------------------------------------------------------

    /// <summary>Section 2, row "REST API calls": $3.50 (first 333M), $2.80 (next 667M), $2.38 (next 19B), $1.51 above 20B.</summary>
    public required Price ApiGatewayRest { get; init; }

    /// <summary>Section 2, row "HTTP API calls": $1.00 (first 300M), $0.90 above.</summary>
    public required Price ApiGatewayHttp { get; init; }

    /// <summary>Section 2, row "HTTP API calls": metered in 512 KB increments (⚠ not re-checked).</summary>
    public required decimal ApiGatewayHttpMeteringKb { get; init; }

    /// <summary>Section 2, row "WebSocket messages": $1.00 (first 1B), $0.80 above.</summary>
    public required Price WebSocketMessages { get; init; }

    /// <summary>Section 2, row "WebSocket messages": metered in 32 KB increments (a 33 KB message = 2).</summary>
    public required decimal WebSocketMeteringKb { get; init; }

    /// <summary>Section 2, row "WebSocket connection minutes": $0.25 per 1M minutes.</summary>
    public required Price WebSocketConnectionMinutes { get; init; }

    /// <summary>Section 2, row "Free tier" (12 months, legacy free tier): 1M REST calls.</summary>
    public required decimal ApiGatewayFreeRestCalls { get; init; }

    /// <summary>Section 2, row "Free tier": 1M HTTP calls.</summary>
    public required decimal ApiGatewayFreeHttpCalls { get; init; }

    /// <summary>Section 2, row "Free tier": 1M WebSocket messages.</summary>
    public required decimal ApiGatewayFreeWebSocketMessages { get; init; }

    /// <summary>Section 2, row "Free tier": 750,000 connection minutes.</summary>
    public required decimal ApiGatewayFreeConnectionMinutes { get; init; }

    // ---- 3. Amazon SQS ---------------------------------------------------------------------------------------

    /// <summary>Section 3, row "Standard queue requests": $0.40 (first 100B), $0.30 (next 100B), $0.24 above 200B.</summary>
    public required Price SqsStandard { get; init; }

    /// <summary>Section 3, row "FIFO queue requests": $0.50 per 1M (the lower high-volume tiers are ⚠ and left out).</summary>
    public required Price SqsFifo { get; init; }

    /// <summary>Section 3, row "Billing unit": each 64 KB chunk of a payload is a separate request.</summary>
    public required decimal SqsChunkKb { get; init; }

    /// <summary>Section 3, row "Free tier": 1M requests per month, always free.</summary>
    public required decimal SqsFreeRequests { get; init; }

    // ---- 4. Amazon SNS ---------------------------------------------------------------------------------------

    /// <summary>Section 4, row "Standard topic publishes": $0.50 per 1M.</summary>
    public required Price SnsPublishes { get; init; }

    /// <summary>Section 4, row "Standard topic publishes": each 64 KB chunk counts as one request.</summary>
    public required decimal SnsChunkKb { get; init; }

    /// <summary>Section 4, row "Standard topic publishes": the first 1M per month free.</summary>
    public required decimal SnsFreePublishes { get; init; }

    /// <summary>Section 4, row "Deliveries: SQS and Lambda": no per-delivery charge (⚠ general knowledge).</summary>
    public required Price SnsDeliveriesLambdaOrSqs { get; init; }

    /// <summary>Section 4, row "Deliveries: HTTP/S": $0.60 per 1M.</summary>
    public required Price SnsDeliveriesHttp { get; init; }

    /// <summary>Section 4, row "Deliveries: email / email-JSON": $2.00 per 100k.</summary>
    public required Price SnsDeliveriesEmail { get; init; }

    /// <summary>Section 4, row "Deliveries: mobile push": $0.50 per 1M.</summary>
    public required Price SnsDeliveriesMobilePush { get; init; }

    /// <summary>Section 4, row "Deliveries: Data Firehose": $0.19 per 1M.</summary>
    public required Price SnsDeliveriesFirehose { get; init; }

    // ---- 5. Amazon EventBridge -------------------------------------------------------------------------------

    /// <summary>Section 5, row "Custom and partner events put on a bus": $1.00 per 1M.</summary>
    public required Price EventBridgeCustomEvents { get; init; }

    /// <summary>Section 5, same row: each 64 KB chunk billed as one event.</summary>
    public required decimal EventBridgeChunkKb { get; init; }

    /// <summary>Section 5, row "EventBridge Scheduler": $1.00 per 1M invocations.</summary>
    public required Price SchedulerInvocations { get; init; }

    /// <summary>Section 5, row "EventBridge Scheduler": 14M free per month.</summary>
    public required decimal SchedulerFreeInvocations { get; init; }

    // ---- 6. AWS Step Functions -------------------------------------------------------------------------------

    /// <summary>Section 6, row "Standard workflows": $0.025 per 1,000 state transitions.</summary>
    public required Price StepFunctionsStandardTransitions { get; init; }

    /// <summary>Section 6, row "Standard free tier": 4,000 state transitions per month.</summary>
    public required decimal StepFunctionsFreeTransitions { get; init; }

    /// <summary>Section 6, row "Express workflows, requests": $1.00 per 1M executions started.</summary>
    public required Price StepFunctionsExpressRequests { get; init; }

    /// <summary>
    /// Section 6, row "Express workflows, duration": $0.00001667/GB-s for the first 1,000 GB-hours (3,600,000 GB-s),
    /// $0.00000833 for the next 4,000 GB-hours (to 18,000,000 GB-s), $0.00000456 above 5,000 GB-hours.
    /// </summary>
    public required Price StepFunctionsExpressDuration { get; init; }

    /// <summary>Section 6, row "Express workflows, duration": duration rounded up to 100 ms.</summary>
    public required decimal StepFunctionsExpressRoundingMs { get; init; }

    /// <summary>Section 6, row "Express workflows, duration": memory billed in 64 MB chunks.</summary>
    public required decimal StepFunctionsExpressMemoryChunkMb { get; init; }

    // ---- 7. Amazon DynamoDB ----------------------------------------------------------------------------------

    /// <summary>Section 7, row "On-demand read request units": $0.125 per 1M RRU (since 2024-11-01).</summary>
    public required Price DynamoDbReadRequestUnits { get; init; }

    /// <summary>Section 7, row "On-demand write request units": $0.625 per 1M WRU (since 2024-11-01).</summary>
    public required Price DynamoDbWriteRequestUnits { get; init; }

    /// <summary>Item size one read request unit covers (4 KB; DynamoDB pricing page key terms, not in the facts sheet).</summary>
    public required decimal DynamoDbReadUnitKb { get; init; }

    /// <summary>Item size one write request unit covers (1 KB; DynamoDB pricing page key terms, not in the facts sheet).</summary>
    public required decimal DynamoDbWriteUnitKb { get; init; }

    /// <summary>Section 7, row "Provisioned capacity": $0.00065 per WCU-hour.</summary>
    public required Price DynamoDbWcuHours { get; init; }

    /// <summary>Section 7, row "Provisioned capacity": $0.00013 per RCU-hour.</summary>
    public required Price DynamoDbRcuHours { get; init; }

    // ---- 5 and 8. EventBridge Pipes, Amazon S3 ----------------------------------------------------------------

    /// <summary>Section 5, row "EventBridge Pipes": $0.40 per 1M requests.</summary>
    public required Price PipesRequests { get; init; }

    /// <summary>Section 8, row "PUT, COPY, POST, LIST": $0.005 per 1,000.</summary>
    public required Price S3PutRequests { get; init; }

    /// <summary>Section 8, row "GET, SELECT and other requests": $0.0004 per 1,000.</summary>
    public required Price S3GetRequests { get; init; }

    // ---- 11. Data transfer ------------------------------------------------------------------------------------

    /// <summary>Section 11, row "Out to the internet": $0.09/GB (10 TB), $0.085 (next 40 TB), $0.07 (next 100 TB), ⚠ $0.05 above.</summary>
    public required Price DataTransferOut { get; init; }

    /// <summary>Section 11, same row: the first 100 GB a month free, over all services and Regions.</summary>
    public required decimal DataTransferFreeGb { get; init; }

    // ---- Application Load Balancer (not in the facts sheet) ----------------------------------------------------

    /// <summary>⚠ General knowledge, not in the facts sheet: $0.0225 per ALB-hour in us-east-1.</summary>
    public required Price AlbHours { get; init; }

    /// <summary>⚠ General knowledge, not in the facts sheet: $0.008 per LCU-hour in us-east-1.</summary>
    public required Price AlbLcuHours { get; init; }

    // ---- 9. Amazon CloudWatch --------------------------------------------------------------------------------

    /// <summary>Section 9, row "Alarms": $0.10 per standard-resolution alarm metric-month.</summary>
    public required Price AlarmMetricMonths { get; init; }

    /// <summary>Section 9, row "Logs ingestion, Standard class": $0.50 per GB.</summary>
    public required Price LogsIngestion { get; init; }

    /// <summary>Section 9, row "Lambda logs ingestion (vended-log tiers, since 2025-05-01)": $0.50 / $0.25 / $0.10 / $0.05 per GB.</summary>
    public required Price LogsIngestionLambdaVended { get; init; }

    /// <summary>Section 9, row "Logs storage (archived, compressed)": $0.03 per GB-month.</summary>
    public required Price LogsStorage { get; init; }

    /// <summary>Section 9, row "Free tier (always free)": 5 GB of log data (ingestion + storage + Insights scanned) per month.</summary>
    public required decimal LogsFreeGb { get; init; }

    // ---- 10. AWS X-Ray ---------------------------------------------------------------------------------------

    /// <summary>Section 10, row "Traces recorded": $5.00 per 1M.</summary>
    public required Price XRayTracesRecorded { get; init; }

    /// <summary>Section 10, row "Traces retrieved or scanned": $0.50 per 1M.</summary>
    public required Price XRayTracesRetrieved { get; init; }

    /// <summary>Section 10, row "Free tier": first 100,000 traces recorded per month.</summary>
    public required decimal XRayFreeTracesRecorded { get; init; }

    /// <summary>Section 10, row "Free tier": first 1,000,000 traces retrieved or scanned per month.</summary>
    public required decimal XRayFreeTracesRetrieved { get; init; }

    // ---- 12. AWS Fargate -------------------------------------------------------------------------------------

    /// <summary>Section 12, row "vCPU" (x86): $0.04048 per vCPU-hour.</summary>
    public required Price FargateVcpuX86 { get; init; }

    /// <summary>Section 12, row "vCPU" (ARM): $0.03238 per vCPU-hour.</summary>
    public required Price FargateVcpuArm64 { get; init; }

    /// <summary>Section 12, row "Memory" (x86): $0.004445 per GB-hour.</summary>
    public required Price FargateMemoryX86 { get; init; }

    /// <summary>Section 12, row "Memory" (ARM): $0.00356 per GB-hour.</summary>
    public required Price FargateMemoryArm64 { get; init; }

    // ---- 13. Amazon EC2 --------------------------------------------------------------------------------------

    /// <summary>Section 13: on-demand Linux instances, keyed by instance type (case-insensitive).</summary>
    public required IReadOnlyDictionary<string, Ec2InstancePrice> Ec2Instances { get; init; }

    /// <summary>The instance <see cref="CostMath.Ec2"/> prices when none is named.</summary>
    public required string Ec2DefaultInstanceType { get; init; }

    // ---- Lookups ---------------------------------------------------------------------------------------------

    public Price LambdaDuration(CpuArchitecture architecture) =>
        architecture == CpuArchitecture.Arm64 ? LambdaDurationArm64 : LambdaDurationX86;

    public Price LambdaProvisionedCapacity(CpuArchitecture architecture) =>
        architecture == CpuArchitecture.Arm64 ? LambdaProvisionedCapacityArm64 : LambdaProvisionedCapacityX86;

    public Price LambdaProvisionedDuration(CpuArchitecture architecture) =>
        architecture == CpuArchitecture.Arm64 ? LambdaProvisionedDurationArm64 : LambdaProvisionedDurationX86;

    public Price FargateVcpu(CpuArchitecture architecture) =>
        architecture == CpuArchitecture.Arm64 ? FargateVcpuArm64 : FargateVcpuX86;

    public Price FargateMemory(CpuArchitecture architecture) =>
        architecture == CpuArchitecture.Arm64 ? FargateMemoryArm64 : FargateMemoryX86;

    // ---- Regions ---------------------------------------------------------------------------------------------

    /// <summary>The region every figure here is for. The facts sheet gives prices for no other region.</summary>
    public const string DefaultRegion = "us-east-1";

    /// <summary>True when this table holds prices for <paramref name="region"/> (only us-east-1).</summary>
    public static bool IsKnownRegion(string? region) =>
        string.Equals(region?.Trim(), DefaultRegion, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The prices for <paramref name="region"/>; for an unknown region, the us-east-1 prices with a warning the caller
    /// should report ("prices for region X unknown; using us-east-1"). A null or empty region means us-east-1, silently.
    /// </summary>
    public static PriceLookup Resolve(string? region)
    {
        if (string.IsNullOrWhiteSpace(region) || IsKnownRegion(region))
        {
            return new PriceLookup(UsEast1, true, null);
        }

        return new PriceLookup(UsEast1, false, $"prices for region {region.Trim()} unknown; using {DefaultRegion}");
    }

    /// <summary>US East (N. Virginia) list prices as compiled on 2026-11-27.</summary>
    public static PriceTable UsEast1 { get; } = new()
    {
        Region = DefaultRegion,
        RegionName = "US East (N. Virginia)",
        Currency = "USD",
        PricesReadOn = new DateOnly(2026, 11, 27),
        EvidenceDates = "mid-2024 to mid-2026",
        Source = "fitcheck pricing facts sheet: AWS pricing and documentation pages, the AWS Pricing Calculator price file, "
            + "the AWS Price List API (via infracost golden tests) and dated third-party guides; on-demand list prices, "
            + "before taxes, Savings Plans or credits",
        Unconfirmed =
        [
            "HTTP API requests metered in 512 KB increments (not re-checked)",
            "SNS deliveries to SQS and Lambda carry no per-delivery charge (general knowledge)",
            "SQS FIFO lower tiers at very high volume not applied ($0.50 per 1M throughout)",
            "t4g.small on-demand price not seen on an AWS page",
            "DynamoDB request-unit sizes (4 KB read, 1 KB write) from the DynamoDB pricing page, not the facts sheet",
            "Application Load Balancer $0.0225/hour and $0.008/LCU-hour (general knowledge, not in the facts sheet)",
            "data transfer out above 150 TB at $0.05/GB",
        ],

        // Section 1.
        LambdaRequests = Price.PerMillion(0.20m, "requests"),
        LambdaDurationX86 = Price.TieredPerUnit("GB-s", "GB-s",
            new PriceTier(6_000_000_000m, 0.0000166667m),
            new PriceTier(15_000_000_000m, 0.000015m),
            new PriceTier(null, 0.0000133334m)),
        LambdaDurationArm64 = Price.TieredPerUnit("GB-s", "GB-s",
            new PriceTier(7_500_000_000m, 0.0000133334m),
            new PriceTier(18_750_000_000m, 0.0000120001m),
            new PriceTier(null, 0.0000106667m)),
        LambdaProvisionedCapacityX86 = Price.PerUnit(0.0000041667m, "GB-s", "GB-s"),
        LambdaProvisionedCapacityArm64 = Price.PerUnit(0.0000033334m, "GB-s", "GB-s"),
        LambdaProvisionedDurationX86 = Price.PerUnit(0.0000097222m, "GB-s", "GB-s"),
        LambdaProvisionedDurationArm64 = Price.PerUnit(0.0000077778m, "GB-s", "GB-s"),
        LambdaFreeRequests = 1_000_000m,
        LambdaFreeGbSeconds = 400_000m,

        // Section 2.
        ApiGatewayRest = Price.TieredPerMillion("requests",
            new PriceTier(333_000_000m, 3.50m),
            new PriceTier(1_000_000_000m, 2.80m),
            new PriceTier(20_000_000_000m, 2.38m),
            new PriceTier(null, 1.51m)),
        ApiGatewayHttp = Price.TieredPerMillion("requests",
            new PriceTier(300_000_000m, 1.00m),
            new PriceTier(null, 0.90m)),
        ApiGatewayHttpMeteringKb = 512m,
        WebSocketMessages = Price.TieredPerMillion("messages",
            new PriceTier(1_000_000_000m, 1.00m),
            new PriceTier(null, 0.80m)),
        WebSocketMeteringKb = 32m,
        WebSocketConnectionMinutes = Price.PerMillion(0.25m, "connection minutes"),
        ApiGatewayFreeRestCalls = 1_000_000m,
        ApiGatewayFreeHttpCalls = 1_000_000m,
        ApiGatewayFreeWebSocketMessages = 1_000_000m,
        ApiGatewayFreeConnectionMinutes = 750_000m,

        // Section 3.
        SqsStandard = Price.TieredPerMillion("requests",
            new PriceTier(100_000_000_000m, 0.40m),
            new PriceTier(200_000_000_000m, 0.30m),
            new PriceTier(null, 0.24m)),
        SqsFifo = Price.PerMillion(0.50m, "requests"),
        SqsChunkKb = 64m,
        SqsFreeRequests = 1_000_000m,

        // Section 4.
        SnsPublishes = Price.PerMillion(0.50m, "requests"),
        SnsChunkKb = 64m,
        SnsFreePublishes = 1_000_000m,
        SnsDeliveriesLambdaOrSqs = Price.PerMillion(0m, "deliveries"),
        SnsDeliveriesHttp = Price.PerMillion(0.60m, "deliveries"),
        SnsDeliveriesEmail = Price.Flat(2.00m, 100_000m, "deliveries"),
        SnsDeliveriesMobilePush = Price.PerMillion(0.50m, "deliveries"),
        SnsDeliveriesFirehose = Price.PerMillion(0.19m, "deliveries"),

        // Section 5.
        EventBridgeCustomEvents = Price.PerMillion(1.00m, "events"),
        EventBridgeChunkKb = 64m,
        SchedulerInvocations = Price.PerMillion(1.00m, "invocations"),
        SchedulerFreeInvocations = 14_000_000m,

        // Section 6.
        StepFunctionsStandardTransitions = Price.Flat(0.025m, 1_000m, "state transitions"),
        StepFunctionsFreeTransitions = 4_000m,
        StepFunctionsExpressRequests = Price.PerMillion(1.00m, "requests"),
        StepFunctionsExpressDuration = Price.TieredPerUnit("GB-s", "GB-s",
            new PriceTier(3_600_000m, 0.00001667m),
            new PriceTier(18_000_000m, 0.00000833m),
            new PriceTier(null, 0.00000456m)),
        StepFunctionsExpressRoundingMs = 100m,
        StepFunctionsExpressMemoryChunkMb = 64m,

        // Section 7.
        DynamoDbReadRequestUnits = Price.PerMillion(0.125m, "RRU"),
        DynamoDbWriteRequestUnits = Price.PerMillion(0.625m, "WRU"),
        DynamoDbReadUnitKb = 4m,
        DynamoDbWriteUnitKb = 1m,
        DynamoDbWcuHours = Price.PerUnit(0.00065m, "WCU-hours", "WCU-hour"),
        DynamoDbRcuHours = Price.PerUnit(0.00013m, "RCU-hours", "RCU-hour"),

        // Sections 5 and 8.
        PipesRequests = Price.PerMillion(0.40m, "requests"),
        S3PutRequests = Price.Flat(0.005m, 1_000m, "requests"),
        S3GetRequests = Price.Flat(0.0004m, 1_000m, "requests"),

        // Section 11. "TB" read as 1,024 GB.
        DataTransferOut = Price.TieredPerUnit("GB", "GB",
            new PriceTier(10m * 1024m, 0.09m),
            new PriceTier(50m * 1024m, 0.085m),
            new PriceTier(150m * 1024m, 0.07m),
            new PriceTier(null, 0.05m)),
        DataTransferFreeGb = 100m,

        // Not in the facts sheet (⚠).
        AlbHours = Price.PerUnit(0.0225m, "ALB-hours", "ALB-hour"),
        AlbLcuHours = Price.PerUnit(0.008m, "LCU-hours", "LCU-hour"),

        // Section 9.
        AlarmMetricMonths = Price.PerUnit(0.10m, "alarm metric-months", "alarm metric-month"),

        // Section 9. The vended-log tier bounds read "TB" as 1,024 GB.
        LogsIngestion = Price.PerUnit(0.50m, "GB", "GB"),
        LogsIngestionLambdaVended = Price.TieredPerUnit("GB", "GB",
            new PriceTier(10m * 1024m, 0.50m),
            new PriceTier(30m * 1024m, 0.25m),
            new PriceTier(50m * 1024m, 0.10m),
            new PriceTier(null, 0.05m)),
        LogsStorage = Price.PerUnit(0.03m, "GB-months", "GB-month"),
        LogsFreeGb = 5m,

        // Section 10.
        XRayTracesRecorded = Price.PerMillion(5.00m, "traces recorded"),
        XRayTracesRetrieved = Price.PerMillion(0.50m, "traces retrieved"),
        XRayFreeTracesRecorded = 100_000m,
        XRayFreeTracesRetrieved = 1_000_000m,

        // Section 12.
        FargateVcpuX86 = Price.PerUnit(0.04048m, "vCPU-hours", "vCPU-hour"),
        FargateVcpuArm64 = Price.PerUnit(0.03238m, "vCPU-hours", "vCPU-hour"),
        FargateMemoryX86 = Price.PerUnit(0.004445m, "GB-hours", "GB-hour"),
        FargateMemoryArm64 = Price.PerUnit(0.00356m, "GB-hours", "GB-hour"),

        // Section 13.
        Ec2Instances = new Dictionary<string, Ec2InstancePrice>(StringComparer.OrdinalIgnoreCase)
        {
            ["m7g.large"] = new("m7g.large", "2 vCPU Graviton3, 8 GiB", 0.0816m, Confirmed: true),
            ["t4g.small"] = new("t4g.small", "2 vCPU burstable Graviton2, 2 GiB", 0.0168m, Confirmed: false),
        },
        Ec2DefaultInstanceType = "m7g.large",
    };
}
