using FitCheck.Analysis.Alternatives;
using FitCheck.Analysis.Cost;
using FitCheck.Analysis.WorkloadFit;
using FitCheck.Rules;
using FitCheck.Analysis.Design;
using FitCheck.Rules.Cost;
using FitCheck.Rules.State;

namespace FitCheck.Tests.Analysis;

/// <summary>Each analysis pinned on the templates under Fixtures/Analysis.</summary>
public class DesignAnalysesTests
{
    // ---- REST API → Lambda → DynamoDB ------------------------------------------------------------------------

    [Fact]
    public void RestApi_IsRequestResponse_ReturnsErrorsToTheCaller_AndFitsStrongly()
    {
        var a = AnalysisFixtures.Template("rest-api-lambda-dynamodb.yaml");
        var flow = Assert.Single(DesignAnalyses.Of(a).Patterns.Flows);
        Assert.Equal(FlowPattern.RequestResponse, flow.Pattern);
        Assert.Equal(["ServerlessRestApi", "GetOrder"], flow.Route.Select(c => c.LogicalId));

        var hop = Assert.Single(DesignAnalyses.Of(a).FailurePaths.Hops);
        Assert.Equal(Exhaustion.ReturnedToCaller, hop.OnExhaustion);
        Assert.Equal(1, hop.MaxAttempts);
        Assert.False(hop.DropsSilently);

        var path = Assert.Single(DesignAnalyses.Of(a).RetryAmplification.Paths);
        Assert.Equal("1 = 1", path.Expression);

        var fit = WorkloadFitAnalysis.Analyse([a], AnalysisFixtures.Profile("rest-api.workload.yml"));
        Assert.Equal(FitVerdict.Strong, fit.Verdict);
        Assert.Contains(fit.Evidence, e => e.Kind == "bursty-traffic" && e.Span.File == "rest-api.workload.yml" && e.Span.Line == 7);
        Assert.Contains(fit.Evidence, e => e.Kind == "observable" && e.Component?.LogicalId == "GetOrder" && e.Span.Line == 13);
        Assert.DoesNotContain(fit.Evidence, e => !e.Favours);
    }

    [Fact]
    public void RestApi_CostsEachComponentFromTheProfile()
    {
        var a = AnalysisFixtures.Template("rest-api-lambda-dynamodb.yaml");
        var cost = CostEstimator.Estimate([a], AnalysisFixtures.Profile("rest-api.workload.yml"));

        // 4 req/s × 2,628,000 s = 10,512,000 requests a month reach the API, the function and (through its CRUD policy) the table.
        var api = Assert.Single(cost.Items, i => i.Service == "apigateway");
        Assert.Equal(10_512_000m * 3.50m / 1_000_000m, api.Monthly); // REST: $3.50/M = $36.792
        var lambda = Assert.Single(cost.Items, i => i.Service == "lambda");
        // requests $0.20/M + 10,512,000 × 80 ms × 0.5 GB = 420,480 GB-s × $0.0000166667 (x86)
        Assert.Equal(Math.Round(10_512_000m * 0.20m / 1_000_000m + 420_480m * 0.0000166667m, 2), Math.Round(lambda.Monthly, 2));
        var table = Assert.Single(cost.Items, i => i.Service == "dynamodb");
        // reads: 3 KB item = 1 × 4 KB, eventually consistent ½ RRU → 5,256,000 RRU × $0.125/M; writes: 3 × 1 KB = 3 WRU → 31,536,000 WRU × $0.625/M
        Assert.Equal(5_256_000m * 0.125m / 1_000_000m + 31_536_000m * 0.625m / 1_000_000m, table.Monthly);
        // X-Ray default sampling: 1 trace a second + 5% of the other 3 req/s = 1.15 traces/s × 2,628,000 s = 3,022,200 × $5.00/M
        Assert.Equal(3_022_200m * 5m / 1_000_000m, Assert.Single(cost.Items, i => i.Service == "xray" && i.Component.LogicalId == "GetOrder").Monthly);
        var logs = Assert.Single(cost.Items, i => i.Service == "logs");
        Assert.Contains("10,512,000 invocations × 1 KB", logs.Arithmetic, StringComparison.Ordinal);
        Assert.Empty(cost.MissingInputs);
        Assert.StartsWith("ServerlessRestApi (apigateway): $36.79/month", cost.Drivers[0], StringComparison.Ordinal);
    }

    // ---- EventBridge → SQS → Lambda with a DLQ -----------------------------------------------------------------

    [Fact]
    public void Pipeline_FailurePaths_NameTheDlqAndItsAlarm_AndTheTargetThatDrops()
    {
        var a = AnalysisFixtures.Template("eventbridge-sqs-lambda-dlq.yaml");
        var hops = DesignAnalyses.Of(a).FailurePaths.Hops;

        var queue = Assert.Single(hops, h => h.Kind == "queue");
        Assert.Equal(("OrderQueue", "Worker"), (queue.From!.LogicalId, queue.To.LogicalId));
        Assert.Equal(5, queue.MaxAttempts);
        Assert.Equal(Exhaustion.DeadLetter, queue.OnExhaustion);
        Assert.Equal("OrderDlq", queue.ExhaustedTarget!.LogicalId);
        Assert.True(queue.Alarmed);
        Assert.Equal(22, queue.Span.Line);

        var target = Assert.Single(hops, h => h.Kind == "service");
        Assert.Equal(186, target.MaxAttempts);
        Assert.Equal(Exhaustion.Dropped, target.OnExhaustion);
        Assert.True(target.DropsSilently);
        Assert.Contains("186 attempts", target.Describe(), StringComparison.Ordinal);

        // The target without a DLQ is FC1008's finding; FC1901 does not report the same drop twice.
        var finding = Assert.Single(Analyzer.Run(a, [new EventTargetsHaveDeadLetterQueue()]).Findings);
        Assert.Equal("OrderRule", finding.Resource.LogicalId);
        Assert.Empty(Analyzer.Run(a, [new FailurePathsDoNotDropSilently()]).Findings);
    }

    [Fact]
    public void Pipeline_RetryAmplification_MultipliesMaxReceiveCountByTheBatch()
    {
        var a = AnalysisFixtures.Template("eventbridge-sqs-lambda-dlq.yaml");
        var path = Assert.Single(DesignAnalyses.Of(a).RetryAmplification.Paths);
        Assert.Equal("Bus → OrderRule → OrderQueue → Worker", path.Route);
        Assert.Equal(50, path.Factor);
        Assert.Equal("1 × 1 × 50 = 50", path.Expression);
        Assert.Contains("maxReceiveCount 5 × batch of 10", path.Terms[2].Reason, StringComparison.Ordinal);
        Assert.Contains("185", path.Terms[1].Reason, StringComparison.Ordinal);

        // The whole product sits on the queue's hop, which FC1006 reports (a batch without ReportBatchItemFailures): one finding
        // per root cause, and FC1006 carries the product.
        Assert.Empty(Analyzer.Run(a, [new RetryAmplificationWithinBounds()]).Findings);
        var batch = Assert.Single(Analyzer.Run(a, [new SqsMappingsReportBatchItemFailures()]).Findings);
        Assert.Contains("up to 5 times, 50 runs", batch.Message, StringComparison.Ordinal);

        Assert.Equal(FlowPattern.EventProcessing, Assert.Single(DesignAnalyses.Of(a).Patterns.Flows).Pattern);
    }

    [Fact]
    public void Pipeline_Cost_ChunksLargeMessagesAndBatchesReceives()
    {
        var a = AnalysisFixtures.Template("eventbridge-sqs-lambda-dlq.yaml");
        var cost = CostEstimator.Estimate([a], AnalysisFixtures.Profile("pipeline.workload.yml"));
        // 1,000,000 events of 100 KB put on the bus: 2 × 64 KB chunks each → 2,000,000 × $1.00/M = $2.00
        Assert.Equal(2.00m, Assert.Single(cost.Items, i => i.Service == "eventbridge").Monthly);
        // One batching assumption: 1,000,000 ÷ 2,628,000 s = 0.38 msg/s × (0 s window + 0.2 s per invocation) ÷ 5 pollers = 0.015
        // → batches of 1 message (not 10): 1,000,000 invocations of Worker, and 1,000,000 receives and deletes on the queue.
        // SQS: 1,000,000 sends × 2 chunks (100 KB) + 1,000,000 receives × 2 chunks + 1,000,000 deletes = 5,000,000 × $0.40/M = $2.00
        Assert.Equal(2.00m, Assert.Single(cost.Items, i => i.Component.LogicalId == "OrderQueue").Monthly);
        // The dead-letter queue gets the failure rate (0.1% by default), not the flow: 1,000 sends × 2 chunks = 2,000 × $0.40/M = $0.0008
        Assert.Equal(0.0008m, Assert.Single(cost.Items, i => i.Component.LogicalId == "OrderDlq").Monthly);
        // Worker: 1,000,000 × $0.20/M + 1,000,000 × 200 ms × 0.125 GB = 25,000 GB-s × $0.0000133334 (arm64)
        Assert.Equal(Math.Round(0.20m + 25_000m * 0.0000133334m, 4), Math.Round(Assert.Single(cost.Items, i => i.Service == "lambda").Monthly, 4));
        Assert.Contains(cost.Drivers, d => d.StartsWith("retries: one failing event can make Worker process work 50 times (1 × 1 × 50 = 50)", StringComparison.Ordinal));
        Assert.Contains(cost.Drivers, d => d.StartsWith("uncontrolled concurrency: Worker", StringComparison.Ordinal));
    }

    // ---- Step Functions with and without Catch ------------------------------------------------------------------

    [Fact]
    public void Workflow_WithCatch_CatchesAfterRetries()
    {
        var a = AnalysisFixtures.Template("step-functions-with-catch.yaml");
        var task = Assert.Single(DesignAnalyses.Of(a).FailurePaths.Hops, h => h.Kind == "workflow");
        Assert.Equal(Exhaustion.Catch, task.OnExhaustion);
        Assert.Equal(5, task.MaxAttempts);
        var path = Assert.Single(DesignAnalyses.Of(a).RetryAmplification.Paths, p => p.Consumer.LogicalId == "Charge");
        Assert.Equal("1 × 5 = 5", path.Expression);
        Assert.All(DesignAnalyses.Of(a).Patterns.Flows, f => Assert.Equal(FlowPattern.WorkflowOrchestration, f.Pattern));
    }

    [Fact]
    public void Workflow_WithoutCatch_FailsTheExecution_AndIsPricedPerTransition()
    {
        var a = AnalysisFixtures.Template("step-functions-without-catch.yaml");
        var task = Assert.Single(DesignAnalyses.Of(a).FailurePaths.Hops, h => h.Kind == "workflow");
        Assert.Equal(Exhaustion.ExecutionFails, task.OnExhaustion);
        Assert.Equal(7, task.MaxAttempts);
        Assert.Contains("not compensated", task.Lost, StringComparison.Ordinal);
        Assert.Equal(7, Assert.Single(DesignAnalyses.Of(a).RetryAmplification.Paths, p => p.Consumer.LogicalId == "Charge").Factor);

        // rate(1 hour) fires 730 times in a 730-hour month; one state → 730 transitions × $0.025/1,000.
        var cost = CostEstimator.Estimate([a], AnalysisFixtures.ProfileText("functions:\n  averageDurationMs: 500\n"));
        var sfn = Assert.Single(cost.Items, i => i.Service == "stepfunctions");
        Assert.Equal(730m * 0.025m / 1000m, sfn.Monthly);
        var scheduler = Assert.Single(cost.Items, i => i.Service == "scheduler");
        Assert.Equal(730m / 1_000_000m, scheduler.Monthly);
        Assert.Contains(cost.Items, i => i.Service == "lambda" && i.Component.LogicalId == "Charge" && i.Arithmetic.StartsWith("730 /month", StringComparison.Ordinal));
    }

    // ---- Stream consumer with default retries ----------------------------------------------------------------------

    [Fact]
    public void StreamConsumer_WithDefaults_RetriesWithoutBound_AndDrops()
    {
        var a = AnalysisFixtures.Template("stream-consumer-default-retries.yaml");
        var hop = Assert.Single(DesignAnalyses.Of(a).FailurePaths.Hops);
        Assert.Equal("stream", hop.Kind);
        Assert.Null(hop.MaxAttempts);
        Assert.True(hop.DropsSilently);
        var path = Assert.Single(DesignAnalyses.Of(a).RetryAmplification.Paths);
        Assert.Null(path.Factor);
        Assert.Equal("∞ = unbounded", path.Expression);
        // Retries until expiry are FC1003's finding; FC5901 does not restate them on the same hop.
        Assert.Empty(Analyzer.Run(a, [new RetryAmplificationWithinBounds()]).Findings);
        Assert.Single(Analyzer.Run(a, [new StreamMappingsBoundRetries()]).Findings);
        // The mapping without a failure destination is FC1002's finding; FC1901 does not report the same drop twice.
        Assert.Single(Analyzer.Run(a, [new StreamMappingsHaveFailureDestination()]).Findings);
        Assert.Empty(Analyzer.Run(a, [new FailurePathsDoNotDropSilently()]).Findings);
    }

    // ---- 15-minute batch function with provisioned concurrency --------------------------------------------------------

    [Fact]
    public void BatchFunction_FitsWeakly_AndIsSentToBatchOrContainers()
    {
        var a = AnalysisFixtures.Template("batch-function-provisioned.yaml");
        var fit = WorkloadFitAnalysis.Analyse([a], null);
        Assert.Equal(FitVerdict.Weak, fit.Verdict);
        Assert.Equal(6, fit.Against);
        Assert.Contains(fit.Evidence, e => e.Kind == "fifteen-minute-function" && e.Span.Line == 10);
        Assert.Contains(fit.Evidence, e => e.Kind == "always-on-provisioned-concurrency" && e.Span.Line == 15);
        Assert.Contains(fit.Evidence, e => e.Kind == "custom-runtime" && e.Span.Line == 8);

        // 5 × 2.9375 GB (3,008 MB ÷ 1024) × 2,628,000 s = 38,598,750 GB-s × $0.0000041667 = $160.83 with no traffic at all
        var cost = CostEstimator.Estimate([a], null);
        var pc = Assert.Single(cost.Items);
        Assert.Equal(160.83m, Math.Round(pc.Monthly, 2));
        Assert.Contains("38,598,750 GB-s", pc.Arithmetic, StringComparison.Ordinal);
        Assert.Contains(cost.MissingInputs, m => m.StartsWith("a workload profile", StringComparison.Ordinal));

        var alternatives = AlternativesAnalysis.Analyse([a], null, fit);
        var recommendation = Assert.Single(alternatives.Recommendations);
        Assert.StartsWith("batch or container tasks", recommendation.Model, StringComparison.Ordinal);
        Assert.Contains("$160.83/month", recommendation.Reason, StringComparison.Ordinal);

        // Nightly cron(0 2 * * ? *) fires once a day: 730 ÷ 24 = 30.42 days a month.
        Assert.Equal(730m / 24m, FitCheck.Analysis.Traffic.TrafficModel.PerMonth("cron(0 2 * * ? *)")!.Value.Count);
    }

    // ---- Without a profile --------------------------------------------------------------------------------------------

    [Fact]
    public void WithoutAProfile_NoTrafficIsInvented()
    {
        var a = AnalysisFixtures.Template("http-api-arm64.yaml");
        var cost = CostEstimator.Estimate([a], null);
        Assert.Empty(cost.Items);
        Assert.Equal(0m, cost.MonthlyTotal);
        Assert.Contains(cost.MissingInputs, m => m.Contains("traffic.requestsPerMonth", StringComparison.Ordinal));
        Assert.Empty(AlternativesAnalysis.Analyse([a], null).Comparisons);
    }

    // ---- Pattern mismatches ---------------------------------------------------------------------------------------------

    [Fact]
    public void Mismatches_AreCalledOutWhereTheyAreWritten()
    {
        var a = AnalysisFixtures.Template("mismatched-patterns.yaml");
        var map = DesignAnalyses.Of(a).Patterns;
        Assert.Equal(9, Assert.Single(map.Mismatches, m => m.Kind == "long-work-behind-sync-api").Span.Line);
        var chain = Assert.Single(map.Mismatches, m => m.Kind == "function-to-function-orchestration");
        Assert.Equal("Submit", chain.Component.LogicalId);
        var polling = Assert.Single(map.Mismatches, m => m.Kind == "polling-loop");
        Assert.Equal("Poller", polling.Component.LogicalId);
        Assert.Equal(50, polling.Span.Line);
        Assert.All(map.Flows, f => Assert.Equal(FlowPattern.RequestResponse, f.Pattern));
        Assert.Contains(WorkloadFitAnalysis.Analyse([a], null).Evidence, e => e.Kind == "synchronous-chain");
    }

    [Fact]
    public void StreamFromATable_IsKeyedState()
    {
        var a = AnalysisFixtures.Template("table-stream-consumer.yaml");
        var flow = Assert.Single(DesignAnalyses.Of(a).Patterns.Flows);
        Assert.Equal(FlowPattern.KeyedState, flow.Pattern);
        Assert.Equal(["Balances", "Projector"], flow.Route.Select(c => c.LogicalId));
        var hop = Assert.Single(DesignAnalyses.Of(a).FailurePaths.Hops);
        Assert.Equal(Exhaustion.Destination, hop.OnExhaustion);
        Assert.Equal(3, hop.MaxAttempts);
        Assert.Equal(3, Assert.Single(DesignAnalyses.Of(a).RetryAmplification.Paths).Factor);
    }

    [Fact]
    public void SessionsAndInMemoryCoordination_WeighAgainst_AndPointToAService()
    {
        var a = AnalysisFixtures.Template("http-api-arm64.yaml");
        var profile = AnalysisFixtures.ProfileText("sessions: long-lived\ninMemoryCoordination: true\n");
        var fit = WorkloadFitAnalysis.Analyse([a], profile);
        Assert.Equal(FitVerdict.Weak, fit.Verdict);
        Assert.Equal((1, 4), (fit.For, fit.Against));
        Assert.Contains(fit.Evidence, e => e.Kind == "long-lived-sessions" && e.Span.Line == 1);
        Assert.Contains(fit.Evidence, e => e.Kind == "in-memory-coordination" && e.Span.Line == 2);
        var recommendations = AlternativesAnalysis.Analyse([a], profile, fit).Recommendations;
        Assert.Equal(["a long-running service (ECS on Fargate, EC2)", "containers or instances behind a load balancer"], recommendations.Select(r => r.Model).Order());
    }

    // ---- IoT rules: one attempt per action, then the ErrorAction or nothing ---------------------------------------------

    private const string IotRule = """
        Resources:
          Readings:
            Type: AWS::SQS::Queue
          Failed:
            Type: AWS::SQS::Queue
          Rule:
            Type: AWS::IoT::TopicRule
            Properties:
              TopicRulePayload:
                Sql: SELECT * FROM 'sensors/+'
                Actions:
                  - Sqs:
                      QueueUrl: !Ref Readings
                      RoleArn: arn:aws:iam::123456789012:role/iot
        ERROR
        """;

    [Fact]
    public void IotRule_WithoutErrorAction_DropsTheMessageAfterOneAttempt()
    {
        var a = FitCheck.Templates.Scanning.Scanner.FromText(IotRule.Replace("ERROR", "", StringComparison.Ordinal));
        var hop = Assert.Single(DesignAnalyses.Of(a).FailurePaths.Hops, h => h.To.LogicalId == "Readings");
        Assert.Equal((1, Exhaustion.Dropped), (hop.MaxAttempts, hop.OnExhaustion));
        Assert.Equal("Rule", hop.From!.LogicalId);
        Assert.True(hop.DropsSilently);
    }

    [Fact]
    public void IotRule_WithErrorAction_KeepsTheMessageInItsTarget()
    {
        var error = "        ErrorAction:\n          Sqs:\n            QueueUrl: !Ref Failed\n            RoleArn: arn:aws:iam::123456789012:role/iot\n";
        var a = FitCheck.Templates.Scanning.Scanner.FromText(IotRule.Replace("ERROR", error, StringComparison.Ordinal));
        var hop = Assert.Single(DesignAnalyses.Of(a).FailurePaths.Hops, h => h.To.LogicalId == "Readings");
        Assert.Equal((1, Exhaustion.DeadLetter, "Failed"), (hop.MaxAttempts, hop.OnExhaustion, hop.ExhaustedTarget?.LogicalId));
    }
}
