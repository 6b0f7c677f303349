using System.Globalization;

namespace FitCheck.Analysis.Cost;

/// <summary>One priced line of a monthly estimate.</summary>
/// <param name="Service">The AWS service ("AWS Lambda", "Amazon SQS"...).</param>
/// <param name="Dimension">What is billed ("requests", "duration (arm64)"...).</param>
/// <param name="Monthly">Dollars per month, unrounded; round only when presenting a total.</param>
/// <param name="Arithmetic">The formula with the numbers substituted, e.g. "10,000,000 requests × $0.20/M = $2.00".</param>
public sealed record CostLine(string Service, string Dimension, decimal Monthly, string Arithmetic)
{
    /// <summary>The quantity priced, in the price's unit (after chunking and any free allowance).</summary>
    public decimal Quantity { get; init; }

    /// <summary>The working that led to <see cref="Quantity"/> (the start of <see cref="Arithmetic"/>), without the pricing.</summary>
    public string Working { get; init; } = "";
}

/// <summary>How a DynamoDB read is made; it sets the read request units per 4 KB.</summary>
public enum ReadConsistency
{
    /// <summary>One RRU per 4 KB.</summary>
    Strong = 0,

    /// <summary>Half an RRU per 4 KB (the SDK default for GetItem and Query).</summary>
    Eventual = 1,

    /// <summary>Two RRU per 4 KB.</summary>
    Transactional = 2,
}

/// <summary>Where an SNS topic delivers; it sets the per-delivery charge.</summary>
public enum SnsProtocol
{
    LambdaOrSqs = 0,
    Http = 1,
    Email = 2,
    MobilePush = 3,
    Firehose = 4,
}

/// <summary>
/// Pure monthly cost arithmetic over plain numbers. Every function takes monthly quantities, prices them with
/// <see cref="PriceTable.UsEast1"/> unless given another table, and returns lines whose <see cref="CostLine.Arithmetic"/>
/// shows the working. Free tiers are off by default (they belong to an account, not an application); with
/// <c>freeTier: true</c> the monthly free amount is subtracted first and the billable quantity never goes below zero.
/// Volume tiers are applied as if this usage were the account's only usage of the service in the month.
/// </summary>
public static class CostMath
{
    public const string Lambda = "AWS Lambda";
    public const string ApiGatewayRestService = "API Gateway REST API";
    public const string ApiGatewayHttpService = "API Gateway HTTP API";
    public const string ApiGatewayWebSocketService = "API Gateway WebSocket API";
    public const string SqsService = "Amazon SQS";
    public const string SnsService = "Amazon SNS";
    public const string EventBridgeService = "Amazon EventBridge";
    public const string SchedulerService = "EventBridge Scheduler";
    public const string StepFunctionsStandardService = "Step Functions Standard";
    public const string StepFunctionsExpressService = "Step Functions Express";
    public const string DynamoDbService = "Amazon DynamoDB";
    public const string LogsService = "CloudWatch Logs";
    public const string XRayService = "AWS X-Ray";
    public const string FargateService = "AWS Fargate";
    public const string S3Service = "Amazon S3";
    public const string PipesService = "EventBridge Pipes";
    public const string DataTransferService = "Data transfer";
    public const string CloudWatchService = "Amazon CloudWatch";
    public const string LoadBalancerService = "Application Load Balancer";
    public const string Ec2Service = "Amazon EC2";

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The sum of the lines' monthly amounts (unrounded).</summary>
    public static decimal Total(IEnumerable<CostLine> lines) => lines.Sum(l => l.Monthly);

    // ---- AWS Lambda ------------------------------------------------------------------------------------------

    /// <summary>Lambda request charge.</summary>
    // Pricing facts, "1. AWS Lambda", row "Requests": $0.20 per 1M, same for both architectures;
    // row "Free tier (always free)": 1M requests per month.
    public static CostLine LambdaRequests(decimal requests, bool freeTier = false, PriceTable? prices = null)
    {
        var p = prices ?? PriceTable.UsEast1;
        ArgumentOutOfRangeException.ThrowIfNegative(requests);
        var (billable, free) = Free(requests, p.LambdaFreeRequests, freeTier, "requests");
        return Line(Lambda, "requests", p.LambdaRequests, billable, free);
    }

    /// <summary>Lambda on-demand duration charge (GB-seconds, tiered per architecture).</summary>
    /// <param name="requests">Invocations per month.</param>
    /// <param name="avgMs">Average billed duration per invocation, INIT included on cold starts.</param>
    /// <param name="memoryMb">Configured memory.</param>
    // Pricing facts, "1. AWS Lambda", row "Billing granularity": duration rounded up to 1 ms; GB = configured memory ÷ 1024.
    // The rounding is per invocation; with only an average to go on, the average is rounded up.
    // Rows "Duration, tier 1/2/3": tiers per architecture (x86 6 B / next 9 B GB-s; arm 7.5 B / next 11.25 B GB-s).
    // Row "Free tier (always free)": 400,000 GB-s per month, shared by both architectures (subtracted in full here).
    public static CostLine LambdaDuration(decimal requests, decimal avgMs, int memoryMb, CpuArchitecture architecture,
        bool freeTier = false, PriceTable? prices = null)
    {
        var p = prices ?? PriceTable.UsEast1;
        var (gbSeconds, working) = LambdaGbSeconds(requests, avgMs, memoryMb);
        var (billable, free) = Free(gbSeconds, p.LambdaFreeGbSeconds, freeTier, "GB-s");
        return Line(Lambda, $"duration ({architecture.Name()})", p.LambdaDuration(architecture), billable, working + free);
    }

    /// <summary>Lambda provisioned concurrency capacity charge (configured GB-seconds; requests and duration are extra).</summary>
    /// <param name="concurrency">Provisioned environments.</param>
    /// <param name="memoryMb">Configured memory.</param>
    /// <param name="hours">Hours enabled in the month (730 = always).</param>
    // Pricing facts, "1. AWS Lambda", row "Provisioned concurrency, capacity charge": $0.0000041667 (x86) / ≈$0.0000033334 (arm) per GB-s.
    // Row "Provisioned concurrency rules": charged from enable to disable, rounded up to 5 minutes; the free tier does not apply.
    public static CostLine LambdaProvisioned(int concurrency, int memoryMb, CpuArchitecture architecture, decimal hours = PriceTable.HoursPerMonth,
        PriceTable? prices = null)
    {
        var p = prices ?? PriceTable.UsEast1;
        ArgumentOutOfRangeException.ThrowIfNegative(concurrency);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(memoryMb);
        ArgumentOutOfRangeException.ThrowIfNegative(hours);
        var minutes = hours * 60m;
        var billedMinutes = Math.Ceiling(minutes / 5m) * 5m;
        var seconds = billedMinutes * 60m;
        var gb = memoryMb / 1024m;
        var gbSeconds = concurrency * gb * seconds;
        var period = billedMinutes == minutes
            ? $"{Qty(hours)} h"
            : $"{Qty(hours)} h rounded up to {Qty(billedMinutes)} min";
        var working = $"{concurrency.ToString("#,##0", Inv)} × {Qty(gb)} GB ({memoryMb} MB ÷ 1024) × {Qty(seconds)} s ({period}) = ";
        return Line(Lambda, $"provisioned concurrency ({architecture.Name()})", p.LambdaProvisionedCapacity(architecture), gbSeconds, working);
    }

    /// <summary>Duration charge for invocations served by provisioned concurrency (requests are charged as usual).</summary>
    // Pricing facts, "1. AWS Lambda", row "Duration on provisioned concurrency": $0.0000097222 (x86) / ≈$0.0000077778 (arm) per GB-s;
    // same 1 ms rounding and memory ÷ 1024 as on-demand duration (row "Billing granularity"); no free tier (row "Provisioned concurrency rules").
    public static CostLine LambdaProvisionedDuration(decimal requests, decimal avgMs, int memoryMb, CpuArchitecture architecture,
        PriceTable? prices = null)
    {
        var p = prices ?? PriceTable.UsEast1;
        var (gbSeconds, working) = LambdaGbSeconds(requests, avgMs, memoryMb);
        return Line(Lambda, $"duration on provisioned concurrency ({architecture.Name()})", p.LambdaProvisionedDuration(architecture),
            gbSeconds, working);
    }

    // ---- Amazon API Gateway ----------------------------------------------------------------------------------

    /// <summary>REST API calls.</summary>
    // Pricing facts, "2. Amazon API Gateway", row "REST API calls": $3.50/M first 333M, $2.80 next 667M, $2.38 next 19B, $1.51 above 20B.
    // Row "Free tier": 1M REST calls per month (new accounts, 12 months).
    public static CostLine ApiGatewayRest(decimal requests, bool freeTier = false, PriceTable? prices = null)
    {
        var p = prices ?? PriceTable.UsEast1;
        ArgumentOutOfRangeException.ThrowIfNegative(requests);
        var (billable, free) = Free(requests, p.ApiGatewayFreeRestCalls, freeTier, "requests");
        return Line(ApiGatewayRestService, "requests", p.ApiGatewayRest, billable, free);
    }

    /// <summary>HTTP API calls; a request larger than 512 KB counts once per started 512 KB.</summary>
    // Pricing facts, "2. Amazon API Gateway", row "HTTP API calls": $1.00/M first 300M, $0.90 above;
    // "HTTP API requests are metered in 512 KB increments" (marked not re-checked). Row "Free tier": 1M HTTP calls.
    public static CostLine ApiGatewayHttp(decimal requests, decimal payloadKb = 0m, bool freeTier = false, PriceTable? prices = null)
    {
        var p = prices ?? PriceTable.UsEast1;
        ArgumentOutOfRangeException.ThrowIfNegative(requests);
        var (metered, chunking) = Chunked(requests, "requests", payloadKb, p.ApiGatewayHttpMeteringKb);
        var (billable, free) = Free(metered, p.ApiGatewayFreeHttpCalls, freeTier, "requests");
        return Line(ApiGatewayHttpService, "requests", p.ApiGatewayHttp, billable, chunking + free);
    }

    /// <summary>WebSocket API: messages (32 KB increments) and connection minutes.</summary>
    // Pricing facts, "2. Amazon API Gateway", row "WebSocket messages": $1.00/M first 1B, $0.80 above;
    // "Messages metered in 32 KB increments (a 33 KB message = 2)". Row "WebSocket connection minutes": $0.25 per 1M minutes.
    // Row "Free tier": 1M messages + 750,000 connection minutes per month.
    public static IReadOnlyList<CostLine> WebSocket(decimal messages, decimal connectionMinutes, decimal messageKb = 0m,
        bool freeTier = false, PriceTable? prices = null)
    {
        var p = prices ?? PriceTable.UsEast1;
        ArgumentOutOfRangeException.ThrowIfNegative(messages);
        ArgumentOutOfRangeException.ThrowIfNegative(connectionMinutes);
        var (metered, chunking) = Chunked(messages, "messages", messageKb, p.WebSocketMeteringKb);
        var (billableMessages, freeMessages) = Free(metered, p.ApiGatewayFreeWebSocketMessages, freeTier, "messages");
        var (billableMinutes, freeMinutes) = Free(connectionMinutes, p.ApiGatewayFreeConnectionMinutes, freeTier, "connection minutes");
        return
        [
            Line(ApiGatewayWebSocketService, "messages", p.WebSocketMessages, billableMessages, chunking + freeMessages),
            Line(ApiGatewayWebSocketService, "connection minutes", p.WebSocketConnectionMinutes, billableMinutes, freeMinutes),
        ];
    }

    // ---- Amazon SQS ------------------------------------------------------------------------------------------

    /// <summary>SQS requests (every API action, empty receives included); each started 64 KB of payload is a request.</summary>
    /// <param name="requests">API requests per month (a batch of up to 10 messages is one request).</param>
    /// <param name="payloadKb">Payload size per request.</param>
    /// <param name="fifo">FIFO queue ($0.50/M) instead of standard.</param>
    // Pricing facts, "3. Amazon SQS", row "Billing unit": each 64 KB chunk is a separate request (256 KB = 4, 1 MiB = 16);
    // row "Standard queue requests": $0.40/M first 100B, $0.30 next 100B, $0.24 above 200B; row "FIFO queue requests": $0.50/M;
    // row "Free tier": 1M requests per month, always free.
    public static CostLine Sqs(decimal requests, decimal payloadKb = 0m, bool fifo = false, bool freeTier = false, PriceTable? prices = null)
    {
        var p = prices ?? PriceTable.UsEast1;
        ArgumentOutOfRangeException.ThrowIfNegative(requests);
        var (metered, chunking) = Chunked(requests, "requests", payloadKb, p.SqsChunkKb);
        var (billable, free) = Free(metered, p.SqsFreeRequests, freeTier, "requests");
        return Line(SqsService, fifo ? "requests (FIFO)" : "requests (standard)", fifo ? p.SqsFifo : p.SqsStandard, billable, chunking + free);
    }

    // ---- Amazon SNS ------------------------------------------------------------------------------------------

    /// <summary>SNS standard topic: publishes (64 KB chunks) and deliveries.</summary>
    // Pricing facts, "4. Amazon SNS", row "Standard topic publishes": $0.50/M after the first 1M free per month; each 64 KB chunk
    // counts as one request. Rows "Deliveries: ...": HTTP/S $0.60/M, email $2.00 per 100k, mobile push $0.50/M, Firehose $0.19/M;
    // "Deliveries: SQS and Lambda": no per-delivery charge (marked unconfirmed).
    public static IReadOnlyList<CostLine> Sns(decimal publishes, decimal payloadKb, decimal deliveries,
        SnsProtocol protocol = SnsProtocol.LambdaOrSqs, bool freeTier = false, PriceTable? prices = null)
    {
        var p = prices ?? PriceTable.UsEast1;
        ArgumentOutOfRangeException.ThrowIfNegative(publishes);
        ArgumentOutOfRangeException.ThrowIfNegative(deliveries);
        var (metered, chunking) = Chunked(publishes, "publishes", payloadKb, p.SnsChunkKb);
        var (billable, free) = Free(metered, p.SnsFreePublishes, freeTier, "requests");
        var (deliveryPrice, label) = protocol switch
        {
            SnsProtocol.Http => (p.SnsDeliveriesHttp, "HTTP/S"),
            SnsProtocol.Email => (p.SnsDeliveriesEmail, "email"),
            SnsProtocol.MobilePush => (p.SnsDeliveriesMobilePush, "mobile push"),
            SnsProtocol.Firehose => (p.SnsDeliveriesFirehose, "Data Firehose"),
            _ => (p.SnsDeliveriesLambdaOrSqs, "Lambda/SQS"),
        };
        return
        [
            Line(SnsService, "publishes", p.SnsPublishes, billable, chunking + free),
            Line(SnsService, $"deliveries ({label})", deliveryPrice, deliveries, ""),
        ];
    }

    // ---- Amazon EventBridge ----------------------------------------------------------------------------------

    /// <summary>Custom (or partner) events put on a bus; each started 64 KB is an event. No free tier.</summary>
    // Pricing facts, "5. Amazon EventBridge", row "Custom and partner events put on a bus": $1.00/M; each 64 KB chunk billed as one event.
    // Row "AWS service events on the default bus": free (callers should not price them).
    public static CostLine EventBridge(decimal events, decimal payloadKb = 0m, PriceTable? prices = null)
    {
        var p = prices ?? PriceTable.UsEast1;
        ArgumentOutOfRangeException.ThrowIfNegative(events);
        var (metered, chunking) = Chunked(events, "events", payloadKb, p.EventBridgeChunkKb);
        return Line(EventBridgeService, "custom events", p.EventBridgeCustomEvents, metered, chunking);
    }

    /// <summary>EventBridge Scheduler invocations.</summary>
    // Pricing facts, "5. Amazon EventBridge", row "EventBridge Scheduler": $1.00 per 1M invocations after 14M free per month.
    public static CostLine Scheduler(decimal invocations, bool freeTier = false, PriceTable? prices = null)
    {
        var p = prices ?? PriceTable.UsEast1;
        ArgumentOutOfRangeException.ThrowIfNegative(invocations);
        var (billable, free) = Free(invocations, p.SchedulerFreeInvocations, freeTier, "invocations");
        return Line(SchedulerService, "invocations", p.SchedulerInvocations, billable, free);
    }

    // ---- AWS Step Functions ----------------------------------------------------------------------------------

    /// <summary>Standard workflow state transitions (every retry is another transition).</summary>
    // Pricing facts, "6. AWS Step Functions", row "Standard workflows": $0.025 per 1,000 state transitions;
    // row "Standard free tier": 4,000 state transitions per month.
    public static CostLine StepFunctionsStandard(decimal transitions, bool freeTier = false, PriceTable? prices = null)
    {
        var p = prices ?? PriceTable.UsEast1;
        ArgumentOutOfRangeException.ThrowIfNegative(transitions);
        var (billable, free) = Free(transitions, p.StepFunctionsFreeTransitions, freeTier, "state transitions");
        return Line(StepFunctionsStandardService, "state transitions", p.StepFunctionsStandardTransitions, billable, free);
    }

    /// <summary>Express workflows: executions started and duration (GB-s, tiered). No free tier.</summary>
    /// <param name="requests">Executions started per month.</param>
    /// <param name="avgMs">Average execution duration.</param>
    /// <param name="memoryMb">Estimated execution memory (set by definition size, Map/Parallel use and payload size).</param>
    // Pricing facts, "6. AWS Step Functions", row "Express workflows, requests": $1.00 per 1M executions started;
    // row "Express workflows, duration": tiers $0.00001667 / $0.00000833 / $0.00000456 per GB-s at 1,000 / 5,000 GB-hours;
    // "Duration rounded up to 100 ms; memory billed in 64 MB chunks". Row "Express free tier": none.
    public static IReadOnlyList<CostLine> StepFunctionsExpress(decimal requests, decimal avgMs, int memoryMb, PriceTable? prices = null)
    {
        var p = prices ?? PriceTable.UsEast1;
        ArgumentOutOfRangeException.ThrowIfNegative(requests);
        ArgumentOutOfRangeException.ThrowIfNegative(avgMs);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(memoryMb);
        var step = p.StepFunctionsExpressRoundingMs;
        var billedMs = Math.Max(1m, Math.Ceiling(avgMs / step)) * step;
        var chunk = p.StepFunctionsExpressMemoryChunkMb;
        var billedMb = Math.Max(1m, Math.Ceiling(memoryMb / chunk)) * chunk;
        var gb = billedMb / 1024m;
        var gbSeconds = requests * billedMs / 1000m * gb;
        var ms = billedMs == avgMs ? $"{Qty(billedMs)} ms" : $"{Qty(avgMs)} ms rounded up to {Qty(billedMs)} ms";
        var mb = billedMb == memoryMb ? $"{Qty(billedMb)} MB" : $"{memoryMb} MB rounded up to {Qty(billedMb)} MB";
        var working = $"{Qty(requests)} executions × {ms} × {Qty(gb)} GB ({mb} ÷ 1024) = ";
        return
        [
            Line(StepFunctionsExpressService, "requests", p.StepFunctionsExpressRequests, requests, ""),
            Line(StepFunctionsExpressService, "duration", p.StepFunctionsExpressDuration, gbSeconds, working),
        ];
    }

    // ---- Amazon DynamoDB -------------------------------------------------------------------------------------

    /// <summary>DynamoDB on-demand reads and writes for items of <paramref name="itemKb"/>.</summary>
    // Pricing facts, "7. Amazon DynamoDB", rows "On-demand read request units" ($0.125 per 1M RRU) and
    // "On-demand write request units" ($0.625 per 1M WRU), both since 2024-11-01. The facts sheet gives no unit sizes:
    // per the DynamoDB on-demand pricing page, a strongly consistent read of up to 4 KB is 1 RRU (eventually consistent ½,
    // transactional 2), and a standard write of up to 1 KB is 1 WRU; larger items take one unit per started 4 KB / 1 KB.
    public static IReadOnlyList<CostLine> DynamoDbOnDemand(decimal reads, decimal writes, decimal itemKb,
        ReadConsistency consistency = ReadConsistency.Strong, PriceTable? prices = null)
    {
        var p = prices ?? PriceTable.UsEast1;
        ArgumentOutOfRangeException.ThrowIfNegative(reads);
        ArgumentOutOfRangeException.ThrowIfNegative(writes);
        ArgumentOutOfRangeException.ThrowIfNegative(itemKb);
        var readChunks = Chunks(itemKb, p.DynamoDbReadUnitKb);
        var (factor, kind) = consistency switch
        {
            ReadConsistency.Eventual => (0.5m, "eventually consistent"),
            ReadConsistency.Transactional => (2m, "transactional"),
            _ => (1m, "strongly consistent"),
        };
        var rruEach = readChunks * factor;
        var writeChunks = Chunks(itemKb, p.DynamoDbWriteUnitKb);
        var readWorking = $"{Qty(reads)} reads × {Qty(rruEach)} RRU ({Qty(itemKb)} KB item = {Qty(readChunks)} × {Qty(p.DynamoDbReadUnitKb)} KB, "
            + $"{kind} × {Qty(factor)}) = ";
        var writeWorking = $"{Qty(writes)} writes × {Qty(writeChunks)} WRU ({Qty(itemKb)} KB item = {Qty(writeChunks)} × {Qty(p.DynamoDbWriteUnitKb)} KB) = ";
        return
        [
            Line(DynamoDbService, $"read request units ({kind})", p.DynamoDbReadRequestUnits, reads * rruEach, readWorking),
            Line(DynamoDbService, "write request units", p.DynamoDbWriteRequestUnits, writes * writeChunks, writeWorking),
        ];
    }

    // ---- Amazon CloudWatch Logs ------------------------------------------------------------------------------

    /// <summary>CloudWatch Logs ingestion (Standard class).</summary>
    /// <param name="gb">GB ingested per month.</param>
    /// <param name="freeTier">Subtract the 5 GB monthly allowance (it is shared with storage and Insights; this applies it here first).</param>
    /// <param name="lambdaVendedTiers">Use the tiers for Lambda logs ($0.50/GB first 10 TB, then $0.25, $0.10, $0.05).</param>
    // Pricing facts, "9. Amazon CloudWatch", row "Logs ingestion, Standard class": $0.50 per GB; row "Lambda logs ingestion
    // (vended-log tiers, since 2025-05-01)": $0.50 first 10 TB, $0.25 next 20 TB, $0.10 next 20 TB, $0.05 above 50 TB;
    // row "Free tier (always free)": 5 GB of log data (ingestion + storage + Insights scanned) per month.
    public static CostLine LogsIngestion(decimal gb, bool freeTier = false, bool lambdaVendedTiers = false, PriceTable? prices = null)
    {
        var p = prices ?? PriceTable.UsEast1;
        ArgumentOutOfRangeException.ThrowIfNegative(gb);
        var (billable, free) = Free(gb, p.LogsFreeGb, freeTier, "GB");
        return Line(LogsService, lambdaVendedTiers ? "ingestion (Lambda logs)" : "ingestion", lambdaVendedTiers ? p.LogsIngestionLambdaVended : p.LogsIngestion,
            billable, free);
    }

    /// <summary>CloudWatch Logs storage (archived, compressed).</summary>
    /// <param name="gbMonth">GB-months stored.</param>
    /// <param name="freeTier">Subtract what is left of the 5 GB allowance.</param>
    /// <param name="freeAllowanceUsedGb">Allowance already taken (typically by ingestion in the same estimate).</param>
    // Pricing facts, "9. Amazon CloudWatch", row "Logs storage (archived, compressed)": $0.03 per GB-month;
    // row "Free tier (always free)": the 5 GB monthly allowance covers ingestion, storage and Insights together.
    public static CostLine LogsStorage(decimal gbMonth, bool freeTier = false, decimal freeAllowanceUsedGb = 0m, PriceTable? prices = null)
    {
        var p = prices ?? PriceTable.UsEast1;
        ArgumentOutOfRangeException.ThrowIfNegative(gbMonth);
        ArgumentOutOfRangeException.ThrowIfNegative(freeAllowanceUsedGb);
        var (billable, free) = Free(gbMonth, Math.Max(0m, p.LogsFreeGb - freeAllowanceUsedGb), freeTier, "GB-months");
        return Line(LogsService, "storage", p.LogsStorage, billable, free);
    }

    // ---- AWS X-Ray -------------------------------------------------------------------------------------------

    /// <summary>X-Ray traces recorded.</summary>
    // Pricing facts, "10. AWS X-Ray", row "Traces recorded": $5.00 per 1M; row "Free tier": first 100,000 traces recorded per month.
    public static CostLine XRay(decimal traces, bool freeTier = false, PriceTable? prices = null)
    {
        var p = prices ?? PriceTable.UsEast1;
        ArgumentOutOfRangeException.ThrowIfNegative(traces);
        var (billable, free) = Free(traces, p.XRayFreeTracesRecorded, freeTier, "traces recorded");
        return Line(XRayService, "traces recorded", p.XRayTracesRecorded, billable, free);
    }

    /// <summary>X-Ray traces retrieved or scanned.</summary>
    // Pricing facts, "10. AWS X-Ray", row "Traces retrieved or scanned": $0.50 per 1M; row "Free tier": first 1,000,000 per month.
    public static CostLine XRayRetrieved(decimal traces, bool freeTier = false, PriceTable? prices = null)
    {
        var p = prices ?? PriceTable.UsEast1;
        ArgumentOutOfRangeException.ThrowIfNegative(traces);
        var (billable, free) = Free(traces, p.XRayFreeTracesRetrieved, freeTier, "traces retrieved");
        return Line(XRayService, "traces retrieved", p.XRayTracesRetrieved, billable, free);
    }

    // ---- AWS Fargate -----------------------------------------------------------------------------------------

    /// <summary>Fargate (Linux) vCPU and memory for <paramref name="hours"/>; pass the totals over all tasks.</summary>
    /// <param name="vcpu">Configured vCPU (all tasks together).</param>
    /// <param name="gb">Configured memory in GB (all tasks together).</param>
    /// <param name="hours">Hours running in the month (730 = always on).</param>
    // Pricing facts, "12. AWS Fargate (ECS, Linux)", rows "vCPU" ($0.04048 x86 / $0.03238 ARM per vCPU-hour) and "Memory"
    // ($0.004445 / $0.00356 per GB-hour); row "Billing": per second, 1-minute minimum, charged for configured (not used) vCPU/memory.
    // Row "Free tier": none. Load balancer, NAT gateway, public IPv4 and logs are not included.
    public static IReadOnlyList<CostLine> Fargate(decimal vcpu, decimal gb, decimal hours = PriceTable.HoursPerMonth,
        CpuArchitecture architecture = CpuArchitecture.X86, PriceTable? prices = null)
    {
        var p = prices ?? PriceTable.UsEast1;
        ArgumentOutOfRangeException.ThrowIfNegative(vcpu);
        ArgumentOutOfRangeException.ThrowIfNegative(gb);
        ArgumentOutOfRangeException.ThrowIfNegative(hours);
        var (billedHours, period) = MinimumOneMinute(hours);
        var arch = architecture == CpuArchitecture.Arm64 ? "ARM" : "x86";
        return
        [
            Line(FargateService, $"vCPU ({arch})", p.FargateVcpu(architecture), vcpu * billedHours, $"{Qty(vcpu)} vCPU × {period} = "),
            Line(FargateService, $"memory ({arch})", p.FargateMemory(architecture), gb * billedHours, $"{Qty(gb)} GB × {period} = "),
        ];
    }

    // ---- Amazon EC2 ------------------------------------------------------------------------------------------

    /// <summary>On-demand Linux EC2 instance hours (EBS, load balancer and data transfer extra).</summary>
    /// <param name="instanceHours">Instance-hours in the month (730 per always-on instance).</param>
    /// <param name="instanceType">An instance type in <see cref="PriceTable.Ec2Instances"/>; null for the default (m7g.large).</param>
    // Pricing facts, "13. Amazon EC2 (always-on comparison point)": m7g.large $0.0816/hour; t4g.small $0.0168/hour (unconfirmed);
    // "EC2 bills per second with a 60-second minimum (Linux)".
    public static CostLine Ec2(decimal instanceHours, string? instanceType = null, PriceTable? prices = null)
    {
        var p = prices ?? PriceTable.UsEast1;
        ArgumentOutOfRangeException.ThrowIfNegative(instanceHours);
        var type = instanceType ?? p.Ec2DefaultInstanceType;
        if (!p.Ec2Instances.TryGetValue(type, out var instance))
        {
            throw new ArgumentException(
                $"No price for EC2 instance type '{type}'; known: {string.Join(", ", p.Ec2Instances.Keys.Order(StringComparer.Ordinal))}.",
                nameof(instanceType));
        }

        var (billedHours, period) = MinimumOneMinute(instanceHours);
        var price = Price.PerUnit(instance.Hourly, "instance-hours", "hour");
        var working = billedHours == instanceHours ? "" : $"{period} = ";
        return Line(Ec2Service, $"{instance.InstanceType} on-demand ({instance.Description})", price, billedHours, working);
    }

    // ---- Helpers ---------------------------------------------------------------------------------------------

    /// <summary>GB-seconds for Lambda duration and the working that produced them.</summary>
    private static (decimal GbSeconds, string Working) LambdaGbSeconds(decimal requests, decimal avgMs, int memoryMb)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(requests);
        ArgumentOutOfRangeException.ThrowIfNegative(avgMs);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(memoryMb);
        var billedMs = Math.Max(1m, Math.Ceiling(avgMs));
        var gb = memoryMb / 1024m;
        var gbSeconds = requests * billedMs / 1000m * gb;
        var ms = billedMs == avgMs ? $"{Qty(billedMs)} ms" : $"{Qty(avgMs)} ms rounded up to {Qty(billedMs)} ms";
        return (gbSeconds, $"{Qty(requests)} requests × {ms} × {Qty(gb)} GB ({memoryMb} MB ÷ 1024) = ");
    }

    /// <summary>Whole chunks of <paramref name="chunkKb"/> in a payload of <paramref name="sizeKb"/>; at least one.</summary>
    internal static decimal Chunks(decimal sizeKb, decimal chunkKb)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sizeKb);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(chunkKb);
        return sizeKb <= chunkKb ? 1m : Math.Ceiling(sizeKb / chunkKb);
    }

    private static (decimal Metered, string Working) Chunked(decimal count, string unit, decimal sizeKb, decimal chunkKb)
    {
        var chunks = Chunks(sizeKb, chunkKb);
        if (chunks == 1m)
        {
            return (count, "");
        }

        var metered = count * chunks;
        return (metered, $"{Qty(count)} {unit} × {Qty(chunks)} ({Qty(sizeKb)} KB in {Qty(chunkKb)} KB chunks) = ");
    }

    private static (decimal Billable, string Working) Free(decimal quantity, decimal freeAmount, bool apply, string unit)
    {
        if (!apply || freeAmount <= 0m)
        {
            return (quantity, "");
        }

        var billable = Math.Max(0m, quantity - freeAmount);
        return (billable, $"{Qty(quantity)} {unit} − {Qty(freeAmount)} free = ");
    }

    private static (decimal Hours, string Period) MinimumOneMinute(decimal hours)
    {
        if (hours > 0m && hours * 60m < 1m)
        {
            return (1m / 60m, $"{Qty(hours)} h billed as 1 min (1-minute minimum)");
        }

        return (hours, $"{Qty(hours)} h");
    }

    /// <summary>Prices <paramref name="quantity"/> and writes "working + quantity × rate [+ ...] = $total".</summary>
    internal static CostLine Line(string service, string dimension, Price price, decimal quantity, string working)
    {
        var cost = price.Cost(quantity);
        return new CostLine(service, dimension, cost, $"{working}{Parts(price, quantity)} = {Money(cost)}") { Quantity = quantity, Working = working };
    }

    /// <summary>"quantity × rate [+ ...]" over the tiers <paramref name="quantity"/> falls into.</summary>
    internal static string Parts(Price price, decimal quantity) =>
        string.Join(" + ", price.Split(quantity).Select(part => $"{Qty(part.Quantity)} {price.Unit} × {Rate(part.Amount, price)}"));

    // ---- Amazon S3, EventBridge Pipes, data transfer, CloudWatch alarms, load balancer ---------------------------

    /// <summary>S3 requests: PUT, COPY, POST, LIST at $0.005 per 1,000; GET and others at $0.0004 per 1,000.</summary>
    // Pricing facts, "8. Amazon S3 (Standard class)", rows "PUT, COPY, POST, LIST" and "GET, SELECT and other requests".
    public static IReadOnlyList<CostLine> S3Requests(decimal puts, decimal gets, PriceTable? prices = null)
    {
        var p = prices ?? PriceTable.UsEast1;
        ArgumentOutOfRangeException.ThrowIfNegative(puts);
        ArgumentOutOfRangeException.ThrowIfNegative(gets);
        return
        [
            Line(S3Service, "PUT requests", p.S3PutRequests, puts, ""),
            Line(S3Service, "GET requests", p.S3GetRequests, gets, ""),
        ];
    }

    /// <summary>EventBridge Pipes requests (after filtering; each started 64 KB is a request).</summary>
    // Pricing facts, "5. Amazon EventBridge", row "EventBridge Pipes": $0.40 per 1M requests (counted after filtering, 64 KB chunks).
    public static CostLine Pipes(decimal requests, decimal payloadKb = 0m, PriceTable? prices = null)
    {
        var p = prices ?? PriceTable.UsEast1;
        ArgumentOutOfRangeException.ThrowIfNegative(requests);
        var (metered, chunking) = Chunked(requests, "requests", payloadKb, p.EventBridgeChunkKb);
        return Line(PipesService, "requests", p.PipesRequests, metered, chunking);
    }

    /// <summary>Data transfer out to the internet.</summary>
    // Pricing facts, "11. Data transfer", row "Out to the internet": $0.09/GB to 10 TB, $0.085 next 40 TB, $0.07 next 100 TB,
    // ⚠ $0.05 above 150 TB; the first 100 GB a month free, aggregated over services and Regions (applied with the free tier).
    public static CostLine DataTransferOut(decimal gb, PriceTable? prices = null)
    {
        var p = prices ?? PriceTable.UsEast1;
        ArgumentOutOfRangeException.ThrowIfNegative(gb);
        return Line(DataTransferService, "out to the internet", p.DataTransferOut, gb, "");
    }

    /// <summary>CloudWatch alarms (standard resolution).</summary>
    // Pricing facts, "9. Amazon CloudWatch", row "Alarms": $0.10 per standard-resolution alarm metric-month.
    public static CostLine Alarms(decimal alarmMetrics, PriceTable? prices = null)
    {
        var p = prices ?? PriceTable.UsEast1;
        ArgumentOutOfRangeException.ThrowIfNegative(alarmMetrics);
        return Line(CloudWatchService, "alarm metrics", p.AlarmMetricMonths, alarmMetrics, "");
    }

    /// <summary>DynamoDB provisioned capacity for a 730-hour month.</summary>
    // Pricing facts, "7. Amazon DynamoDB", row "Provisioned capacity": $0.00065 per WCU-hour; $0.00013 per RCU-hour.
    public static IReadOnlyList<CostLine> DynamoDbProvisioned(decimal wcu, decimal rcu, PriceTable? prices = null)
    {
        var p = prices ?? PriceTable.UsEast1;
        ArgumentOutOfRangeException.ThrowIfNegative(wcu);
        ArgumentOutOfRangeException.ThrowIfNegative(rcu);
        return
        [
            Line(DynamoDbService, "provisioned write capacity", p.DynamoDbWcuHours, wcu * PriceTable.HoursPerMonth, $"{Qty(wcu)} WCU × 730 h = "),
            Line(DynamoDbService, "provisioned read capacity", p.DynamoDbRcuHours, rcu * PriceTable.HoursPerMonth, $"{Qty(rcu)} RCU × 730 h = "),
        ];
    }

    /// <summary>An Application Load Balancer for a month: ALB-hours and LCU-hours (⚠ not in the pricing facts).</summary>
    public static IReadOnlyList<CostLine> LoadBalancer(decimal lcu, PriceTable? prices = null)
    {
        var p = prices ?? PriceTable.UsEast1;
        ArgumentOutOfRangeException.ThrowIfNegative(lcu);
        return
        [
            Line(LoadBalancerService, "load balancer hours", p.AlbHours, PriceTable.HoursPerMonth, ""),
            Line(LoadBalancerService, "LCU-hours", p.AlbLcuHours, lcu * PriceTable.HoursPerMonth, $"{Qty(lcu)} LCU × 730 h = "),
        ];
    }

    public static string Qty(decimal value) => value.ToString(Math.Abs(value) >= 1m ? "#,##0.####" : "#,##0.######", Inv);

    public static string Money(decimal value) =>
        value != 0m && Math.Abs(value) < 0.01m
            ? "$" + value.ToString("0.00########", Inv)
            : "$" + value.ToString("#,##0.00", Inv);

    private static string Rate(decimal amount, Price price) => "$" + amount.ToString("#,##0.00########", Inv) + price.RateLabel;
}
