using System.Globalization;
using System.Text;
using FitCheck.Analysis.Cost;
using FitCheck.Analysis.Traffic;
using FitCheck.Analysis.Design;
using FitCheck.Model;
using FitCheck.Templates.Dialects.CloudFormation;
using FitCheck.Templates.Profiles;
using FitCheck.Templates.Reading;

namespace FitCheck.Tests.Analysis;

/// <summary>The traffic model and account-level pricing, each checked against a figure computed by hand.</summary>
public class TrafficAndAccountCostTests
{
    private static Architecture Build(string yaml, string name = "template.yaml")
    {
        var document = TemplateReader.ReadText(yaml, name, "yaml");
        Assert.False(document.Failed, string.Join("; ", document.Diagnostics));
        return ArchitectureBuilder.Build(document, AnalysisFixtures.Folder, AnalysisFixtures.Folder);
    }

    private const string ApiWithDlq = """
        Transform: AWS::Serverless-2016-10-31
        Resources:
          Handler:
            Type: AWS::Serverless::Function
            Properties:
              Handler: app.handler
              Runtime: python3.12
              CodeUri: .
              DeadLetterQueue:
                Type: SQS
                TargetArn: !GetAtt HandlerDlq.Arn
              Policies:
                - SQSSendMessagePolicy:
                    QueueName: !GetAtt HandlerDlq.QueueName
              Events:
                Get:
                  Type: HttpApi
                  Properties:
                    Path: /
                    Method: get
          HandlerDlq:
            Type: AWS::SQS::Queue
        """;

    [Fact]
    public void AGrantToSendToTheDeadLetterQueue_CarriesTheFailureRate_NotTheFlow()
    {
        // 500 req/s × 2,628,000 s = 1,314,000,000 requests. Before: the grant sent all of them to the DLQ ($525.60).
        // Now: × failureRate 0.001 (default) = 1,314,000 sends × $0.40/M = $0.5256.
        var cost = CostEstimator.Estimate([Build(ApiWithDlq)], AnalysisFixtures.ProfileText("traffic:\n  requestsPerSecond:\n    average: 500\nfunctions:\n  averageDurationMs: 50\n"));
        var dlq = Assert.Single(cost.Items, i => i.Component.LogicalId == "HandlerDlq");
        Assert.Equal(0.5256m, dlq.Monthly);
        Assert.Contains("failureRate 0.001 (default)", dlq.Arithmetic, StringComparison.Ordinal);

        // failureRate given: 1,314,000,000 × 0.02 = 26,280,000 × $0.40/M = $10.512
        cost = CostEstimator.Estimate([Build(ApiWithDlq)], AnalysisFixtures.ProfileText("traffic:\n  requestsPerSecond:\n    average: 500\nfailureRate: 0.02\n"));
        Assert.Equal(10.512m, Assert.Single(cost.Items, i => i.Component.LogicalId == "HandlerDlq").Monthly);
    }

    private const string QueueConsumer = """
        Transform: AWS::Serverless-2016-10-31
        Resources:
          Api:
            Type: AWS::Serverless::Function
            Properties:
              Handler: app.handler
              Runtime: python3.12
              CodeUri: .
              FunctionUrlConfig:
                AuthType: AWS_IAM
              Policies:
                - SQSSendMessagePolicy:
                    QueueName: !GetAtt Jobs.QueueName
          Jobs:
            Type: AWS::SQS::Queue
          Worker:
            Type: AWS::Serverless::Function
            Properties:
              Handler: app.handler
              Runtime: python3.12
              CodeUri: .
              Events:
                Jobs:
                  Type: SQS
                  Properties:
                    Queue: !GetAtt Jobs.Arn
                    BatchSize: 10
        """;

    [Fact]
    public void OneBatchingAssumption_ForTheQueueAndItsConsumer()
    {
        // 2,000,000 messages ÷ 2,628,000 s = 0.761 msg/s × (0 s window + 0.2 s) ÷ 5 pollers = 0.03 → 1 message a batch:
        // Worker is invoked 2,000,000 times, and the queue sees 2,000,000 sends + 2,000,000 receives + 2,000,000 deletes.
        var slow = CostEstimator.Estimate([Build(QueueConsumer)], AnalysisFixtures.ProfileText("traffic:\n  requestsPerMonth: 2000000\nfunctions:\n  averageDurationMs: 200\n"));
        Assert.Equal(6_000_000m * 0.40m / 1_000_000m, Assert.Single(slow.Items, i => i.Component.LogicalId == "Jobs").Monthly); // $2.40
        var worker = Assert.Single(slow.Items, i => i.Component.LogicalId == "Worker" && i.Service == "lambda");
        Assert.Equal(2_000_000m, worker.Lines[0].Quantity);
        Assert.Contains(slow.Batching, b => b.StartsWith("Jobs → Worker:", StringComparison.Ordinal) && b.Contains("→ 1 message(s) a batch", StringComparison.Ordinal));

        // 500 msg/s × 0.2 s ÷ 5 pollers = 20 → full batches of 10: 1,314,000,000 messages make 131,400,000 invocations,
        // and the queue 1,314,000,000 sends + 131,400,000 receives + 131,400,000 deletes = 1,576,800,000 × $0.40/M = $630.72.
        var fast = CostEstimator.Estimate([Build(QueueConsumer)], AnalysisFixtures.ProfileText("traffic:\n  requestsPerSecond:\n    average: 500\nfunctions:\n  averageDurationMs: 200\n"));
        Assert.Equal(630.72m, Assert.Single(fast.Items, i => i.Component.LogicalId == "Jobs").Monthly);
        Assert.Equal(131_400_000m, Assert.Single(fast.Items, i => i.Component.LogicalId == "Worker" && i.Service == "lambda").Lines[0].Quantity);
    }

    private static string FiveFunctions()
    {
        var yaml = new StringBuilder("Transform: AWS::Serverless-2016-10-31\nResources:\n");
        for (var i = 1; i <= 5; i++)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"  F{i}:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: a.h\n      Runtime: python3.12\n      CodeUri: .\n      MemorySize: 1024\n");
        }

        return yaml.ToString();
    }

    [Fact]
    public void TiersApplyOncePerAccount_NotPerFunction()
    {
        // Five x86 functions, each 400,000,000 requests × 10 s × 1 GB = 4,000,000,000 GB-s; 20 B GB-s together:
        //   6 B × $0.0000166667 = $100,000.20; 9 B × $0.000015 = $135,000; 5 B × $0.0000133334 = $66,667 → $301,667.20
        //   requests 2,000,000,000 × $0.20/M = $400 → $302,067.20 (priced one function at a time: 5 × $66,746.80 = $333,734).
        var profile = new StringBuilder("functions:\n  averageDurationMs: 10000\ncomponents:\n");
        for (var i = 1; i <= 5; i++)
        {
            profile.Append(CultureInfo.InvariantCulture, $"  F{i}:\n    traffic:\n      requestsPerMonth: 400000000\n");
        }

        profile.Append("logs:\n  kbPerInvocation: 0\n");
        var cost = CostEstimator.Estimate([Build(FiveFunctions())], AnalysisFixtures.ProfileText(profile.ToString()));
        Assert.Equal(302_067.20m, Math.Round(cost.Items.Where(i => i.Service == "lambda").Sum(i => i.Monthly), 2));
        Assert.All(cost.Items.Where(i => i.Service == "lambda"), i => Assert.Equal(60_413.44m, Math.Round(i.Monthly, 2)));
    }

    [Fact]
    public void TheFreeTierIsGrantedOnce()
    {
        // Two functions, each 1,000,000 requests × 1 s × 0.5 GB = 500,000 GB-s. Once for the account:
        //   requests 2,000,000 − 1,000,000 free = 1,000,000 × $0.20/M = $0.20
        //   duration 1,000,000 − 400,000 free = 600,000 GB-s × $0.0000166667 = $10.00002  → $10.20
        // (granted per function it would be 2 × 100,000 GB-s × $0.0000166667 = $3.33 and no request charge).
        var yaml = "Transform: AWS::Serverless-2016-10-31\nResources:\n" + string.Concat(Enumerable.Range(1, 2).Select(i =>
            $"  F{i}:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: a.h\n      Runtime: python3.12\n      CodeUri: .\n      MemorySize: 512\n"));
        var profile = AnalysisFixtures.ProfileText("functions:\n  averageDurationMs: 1000\ncomponents:\n  F1:\n    traffic:\n      requestsPerMonth: 1000000\n  F2:\n    traffic:\n      requestsPerMonth: 1000000\n");
        var cost = CostEstimator.Estimate([Build(yaml)], profile, freeTier: true);
        Assert.Equal(10.20m, Math.Round(cost.Items.Where(i => i.Service == "lambda").Sum(i => i.Monthly), 2));
    }

    private const string TracedChain = """
        Transform: AWS::Serverless-2016-10-31
        Globals:
          Function:
            Tracing: Active
        Resources:
          Front:
            Type: AWS::Serverless::Function
            Properties:
              Handler: app.handler
              Runtime: python3.12
              CodeUri: .
              Policies:
                - SQSSendMessagePolicy:
                    QueueName: !GetAtt Jobs.QueueName
              Events:
                Get:
                  Type: HttpApi
          Jobs:
            Type: AWS::SQS::Queue
          Back:
            Type: AWS::Serverless::Function
            Properties:
              Handler: app.handler
              Runtime: python3.12
              CodeUri: .
              Events:
                Jobs:
                  Type: SQS
                  Properties:
                    Queue: !GetAtt Jobs.Arn
        """;

    [Fact]
    public void XRayCountsTraces_NotHops()
    {
        // 4 req/s: 1 trace a second + 5% of the other 3 = 1.15 traces/s × 2,628,000 s = 3,022,200 traces × $5.00/M = $15.111,
        // once, at Front; Back (behind SQS, which propagates the trace header) adds segments to the same traces.
        var cost = CostEstimator.Estimate([Build(TracedChain)], AnalysisFixtures.ProfileText("traffic:\n  requestsPerSecond:\n    average: 4\nfunctions:\n  averageDurationMs: 100\n"));
        var xray = Assert.Single(cost.Items, i => i.Service == "xray");
        Assert.Equal("Front", xray.Component.LogicalId);
        Assert.Equal(15.111m, xray.Monthly);
    }

    private const string TopicWithSubscribers = """
        Resources:
          Alerts:
            Type: AWS::SNS::Topic
          Hook:
            Type: AWS::SNS::Subscription
            Properties:
              TopicArn: !Ref Alerts
              Protocol: https
              Endpoint: https://example.com/hook
          Mail:
            Type: AWS::SNS::Subscription
            Properties:
              TopicArn: !Ref Alerts
              Protocol: email
              Endpoint: ops@example.com
        """;

    [Fact]
    public void Sns_DeliversToEachSubscriber_PricedByProtocol()
    {
        // 2,000,000 publishes × $0.50/M = $1.00; HTTPS 2,000,000 × $0.60/M = $1.20; email 2,000,000 × $2.00/100,000 = $40.00 → $42.20
        var none = CostEstimator.Estimate([Build(TopicWithSubscribers)], AnalysisFixtures.ProfileText("traffic:\n  requestsPerMonth: 2000000\n"));
        Assert.Contains(none.MissingInputs, m => m.StartsWith("components.Alerts.traffic.requestsPerMonth", StringComparison.Ordinal));
        var cost = CostEstimator.Estimate([Build(TopicWithSubscribers)], AnalysisFixtures.ProfileText("components:\n  Alerts:\n    traffic:\n      requestsPerMonth: 2000000\n"));
        var sns = Assert.Single(cost.Items, i => i.Service == "sns");
        Assert.Equal(42.20m, sns.Monthly);
        Assert.Contains(sns.Lines, l => l.Dimension == "deliveries (HTTP/S)" && l.Monthly == 1.20m);
        Assert.Contains(sns.Lines, l => l.Dimension == "deliveries (email)" && l.Monthly == 40.00m);
    }

    private const string ExpressPublish = """
        Transform: AWS::Serverless-2016-10-31
        Resources:
          Notify:
            Type: AWS::Serverless::StateMachine
            Properties:
              Type: EXPRESS
              Definition:
                StartAt: Publish
                States:
                  Publish:
                    Type: Task
                    Resource: arn:aws:states:::sns:publish
                    Parameters:
                      TopicArn: arn:aws:sns:us-east-1:123456789012:t
                      Message.$: $
                    End: true
              Events:
                Api:
                  Type: Api
                  Properties:
                    Path: /notify
                    Method: post
        """;

    [Fact]
    public void ExpressWorkflows_AreBilledFromTheirOwnDuration()
    {
        // 1,000,000 executions × $1.00/M = $1.00; an SNS publish takes the 100 ms minimum, not functions.averageDurationMs (3,000 ms):
        // 1,000,000 × 0.1 s × 0.0625 GB (64 MB) = 6,250 GB-s × $0.00001667 = $0.1041875 → $1.1041875
        var cost = CostEstimator.Estimate([Build(ExpressPublish)], AnalysisFixtures.ProfileText("traffic:\n  requestsPerMonth: 1000000\nfunctions:\n  averageDurationMs: 3000\n"));
        Assert.Equal(1.1041875m, Assert.Single(cost.Items, i => i.Service == "stepfunctions").Monthly);
    }

    [Fact]
    public void ASourceWithoutTraffic_IsAMissingInput_NeverASilentZero()
    {
        // The queue receives from outside the template; the system traffic enters at the function URL, not here.
        var yaml = QueueConsumer.Replace("      Policies:\n        - SQSSendMessagePolicy:\n            QueueName: !GetAtt Jobs.QueueName\n", "", StringComparison.Ordinal);
        var cost = CostEstimator.Estimate([Build(yaml)], AnalysisFixtures.ProfileText("traffic:\n  requestsPerMonth: 1000\nfunctions:\n  averageDurationMs: 20\n"));
        Assert.Contains(cost.MissingInputs, m => m.StartsWith("components.Jobs.traffic.requestsPerMonth (Jobs receives events from outside the template", StringComparison.Ordinal));
        Assert.DoesNotContain(cost.Items, i => i.Component.LogicalId == "Worker");
    }

    [Fact]
    public void AZeroMemorySize_IsAWarningAtItsLine_NotAnException()
    {
        var yaml = FiveFunctions().Replace("MemorySize: 1024", "MemorySize: 0", StringComparison.Ordinal);
        var cost = CostEstimator.Estimate([Build(yaml)], AnalysisFixtures.ProfileText("functions:\n  averageDurationMs: 10\ncomponents:\n  F1:\n    traffic:\n      requestsPerMonth: 10\n"));
        var warning = Assert.Single(cost.Diagnostics, d => d.Message.StartsWith("F1 has MemorySize 0", StringComparison.Ordinal));
        Assert.Equal(9, warning.Location.Line);
        Assert.Empty(cost.Items);
    }

    [Fact]
    public void ADurationLongerThanTheTimeout_IsAFinding()
    {
        var yaml = FiveFunctions();
        var cost = CostEstimator.Estimate([Build(yaml)], AnalysisFixtures.ProfileText("functions:\n  averageDurationMs: 5000\ncomponents:\n  F1:\n    traffic:\n      requestsPerMonth: 10\n"));
        var warning = Assert.Single(cost.Diagnostics);
        Assert.StartsWith("functions.averageDurationMs 5,000 ms for F1 is longer than its Timeout of 3 s", warning.Message, StringComparison.Ordinal);
        Assert.Equal(2, warning.Location.Line);
    }

    [Fact]
    public void ProfileIds_AreCheckedAgainstTheTemplates()
    {
        var cost = CostEstimator.Estimate([Build(FiveFunctions())], AnalysisFixtures.ProfileText("components:\n  f1:\n    payloadKb: 1\n  Nothing:\n    payloadKb: 1\n"));
        Assert.Equal(2, cost.Diagnostics[0].Location.Line);
        Assert.Contains("did you mean F1?", cost.Diagnostics[0].Message, StringComparison.Ordinal);
        Assert.Equal(4, cost.Diagnostics[1].Location.Line);
        Assert.Contains("names no component of the templates", cost.Diagnostics[1].Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("traffic:\n  requestsPerMonth: 7.9e28\n", 2, "above the largest value")]
    [InlineData("traffic:\n  requestsPerMonth: 1e300\n", 2, "too large")]
    [InlineData("traffic:\n  requestsPerMonth: 1e20\n", 2, "above the largest value")]
    [InlineData("functions:\n  averageDurationMs: 1e12\n", 2, "above the largest value")]
    [InlineData("region: mars-north-9x\n", 1, "not an AWS region name")]
    [InlineData("payloadKb: 1\npayloadKb: 2\n", 2, "duplicate key")]
    [InlineData("failureRate: 1.5\n", 1, "above the largest value")]
    public void ProfileValues_AreValidatedAtTheirLine(string text, int line, string message)
    {
        var result = WorkloadProfileReader.ReadText(text, "profile.yml");
        var error = Assert.Single(result.Errors);
        Assert.Equal(line, error.Location.Line);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ALongChain_IsWalkedWithoutRecursion()
    {
        // 6,000 SQS → Lambda stages overflowed the stack (exit 134) when the traffic model recursed once per hop.
        const int stages = 6_000;
        var yaml = new StringBuilder("Transform: AWS::Serverless-2016-10-31\nResources:\n");
        for (var i = 0; i < stages; i++)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"  Q{i}:\n    Type: AWS::SQS::Queue\n  F{i}:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: a.h\n      Runtime: python3.12\n      CodeUri: .\n");
            yaml.Append(CultureInfo.InvariantCulture, $"      Events:\n        E:\n          Type: SQS\n          Properties:\n            Queue: !GetAtt Q{i}.Arn\n");
            if (i + 1 < stages)
            {
                yaml.Append(CultureInfo.InvariantCulture, $"      Policies:\n        - SQSSendMessagePolicy:\n            QueueName: !GetAtt Q{i + 1}.QueueName\n");
            }
        }

        var architecture = Build(yaml.ToString());
        var profile = AnalysisFixtures.ProfileText("components:\n  Q0:\n    traffic:\n      requestsPerMonth: 1000\nfunctions:\n  averageDurationMs: 10\n");
        var traffic = new TrafficModel(architecture, profile);
        Assert.Equal(1000m, traffic.Of(architecture.Components.Single(c => c.LogicalId == $"F{stages - 1}"))!.Monthly);
        Assert.Equal(2 * stages, CostEstimator.Estimate([architecture], profile).Items.Count(i => i.Service is "lambda" or "sqs"));
    }

    [Fact]
    public void TheFitVerdict_WeighsTheWorkloadOnce_AndLightSteadyTrafficIsAStrongFit()
    {
        var seven = Build(FiveFunctions().Replace("MemorySize: 1024", "MemorySize: 256", StringComparison.Ordinal)
            + string.Concat(Enumerable.Range(6, 2).Select(i => $"  F{i}:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: a.h\n      Runtime: python3.12\n      CodeUri: .\n")));
        var plain = FitCheck.Analysis.WorkloadFit.WorkloadFitAnalysis.Analyse([seven], null);
        Assert.Equal(7, plain.Evidence.Count(e => e.Kind == "small-units"));
        Assert.Equal(1, plain.For); // seven small functions are one piece of evidence, weighing 1, not 7

        // Steady 0.02 req/s × 200 ms = 0.004 invocations busy: light, so it favours Lambda (1 + 1 = 2 for, 0 against): strong.
        var fit = FitCheck.Analysis.WorkloadFit.WorkloadFitAnalysis.Analyse([seven],
            AnalysisFixtures.ProfileText("traffic:\n  requestsPerSecond:\n    average: 0.02\n  shape: steady\nfunctions:\n  averageDurationMs: 200\n"));
        Assert.Equal(FitCheck.Analysis.WorkloadFit.FitVerdict.Strong, fit.Verdict);
        Assert.Equal((2, 0), (fit.For, fit.Against));
    }

    [Fact]
    public void AnApiStartingAWorkflow_IsOneAttempt_ReturnedToTheCaller()
    {
        var hop = Assert.Single(DesignAnalyses.Of(Build(ExpressPublish)).FailurePaths.Hops, h => h.To.LogicalId == "Notify" && h.From is Api);
        Assert.Equal(1, hop.MaxAttempts);
        Assert.Equal(FitCheck.Analysis.Design.Exhaustion.ReturnedToCaller, hop.OnExhaustion);
    }

    [Fact]
    public void MeasuredCpuPerRequest_SizesTheContainers()
    {
        // 100 req/s × 0.05 CPU-s = 5 busy vCPU ÷ 0.6 = 8.33 vCPU → 3 tasks of 4 vCPU (not 2 tasks derived from 512 MB × 120 ms).
        var sizing = BreakEven.Size(100m, 120m, 512, new BreakEvenOptions { CpuSecondsPerRequest = 0.05m });
        Assert.Equal((3, 4m), (sizing.Tasks, sizing.VcpuPerTask));
    }

    [Fact]
    public void SnsHttpsSubscriptions_FollowTheDefaultDeliveryPolicy()
    {
        var hop = Assert.Single(DesignAnalyses.Of(Build(TopicWithSubscribers)).FailurePaths.Hops, h => h.To.LogicalId == "Hook");
        Assert.Equal(4, hop.MaxAttempts); // 1 + 3 retries
        Assert.Equal(FitCheck.Analysis.Design.Exhaustion.Dropped, hop.OnExhaustion);
    }

    [Fact]
    public void BisectBatchOnFunctionError_ReducesTheRetryProduct()
    {
        // Without bisecting: (1 + 2 retries) × batch of 100 = 300. With it: 1 + 2 + ceil(log2 100) = 7 halvings → 10.
        const string yaml = """
            Transform: AWS::Serverless-2016-10-31
            Resources:
              Orders:
                Type: AWS::DynamoDB::Table
                Properties:
                  BillingMode: PAY_PER_REQUEST
                  AttributeDefinitions: [{AttributeName: id, AttributeType: S}]
                  KeySchema: [{AttributeName: id, KeyType: HASH}]
                  StreamSpecification: {StreamViewType: NEW_IMAGE}
              Changes:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: a.h
                  Runtime: python3.12
                  CodeUri: .
                  Events:
                    S:
                      Type: DynamoDB
                      Properties:
                        Stream: !GetAtt Orders.StreamArn
                        StartingPosition: LATEST
                        BatchSize: 100
                        MaximumRetryAttempts: 2
                        BisectBatchOnFunctionError: BISECT
            """;
        var plain = Assert.Single(DesignAnalyses.Of(Build(yaml.Replace("BISECT", "false", StringComparison.Ordinal))).RetryAmplification.Paths);
        Assert.Equal(300, plain.Factor);
        var bisected = Assert.Single(DesignAnalyses.Of(Build(yaml.Replace("BISECT", "true", StringComparison.Ordinal))).RetryAmplification.Paths);
        Assert.Equal(10, bisected.Factor);
    }
}
