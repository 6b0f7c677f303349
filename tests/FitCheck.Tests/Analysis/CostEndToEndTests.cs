using System.Text.Json;
using FitCheck.Analysis.Alternatives;
using FitCheck.Assessing;
using FitCheck.Analysis.Cost;
using FitCheck.Reports.Analyses;
using FitCheck.Reports.Json;

namespace FitCheck.Tests.Analysis;

/// <summary>Template + profile → estimate, checked by hand.</summary>
public class CostEndToEndTests
{
    [Fact]
    public void HttpApi_10MRequests_120ms_512MB_Arm64_MatchesTheHandArithmetic()
    {
        // Price table (us-east-1): Lambda requests $0.20/M; arm64 duration $0.0000133334/GB-s (first 7.5 B GB-s);
        // HTTP API $1.00/M (first 300 M).
        //   Lambda requests: 10,000,000 × $0.20 / 1,000,000            = $2.00
        //   Lambda duration: 10,000,000 × 0.120 s × 0.5 GB = 600,000 GB-s × $0.0000133334 = $8.00004
        //   HTTP API:        10,000,000 × $1.00 / 1,000,000            = $10.00
        //   Total                                                       = $20.00004 → $20.00
        var a = AnalysisFixtures.Template("http-api-arm64.yaml");
        var profile = AnalysisFixtures.Profile("http-api-10m.workload.yml");
        var cost = CostEstimator.Estimate([a], profile);

        var lambda = Assert.Single(cost.Items, i => i.Service == "lambda");
        Assert.Equal("Hello", lambda.Component.LogicalId);
        Assert.Equal(2.00m + 8.00004m, lambda.Monthly);
        Assert.Contains("600,000 GB-s × $0.0000133334/GB-s = $8.00", lambda.Arithmetic, StringComparison.Ordinal);
        var api = Assert.Single(cost.Items, i => i.Service == "apigateway");
        Assert.Equal(10.00m, api.Monthly);
        Assert.Equal(20.00m, cost.MonthlyTotal);

        var json = JsonDocument.Parse(AnalysesJsonWriter.WriteCost(cost)).RootElement.GetProperty("cost");
        Assert.Equal("USD", json.GetProperty("currency").GetString());
        Assert.Equal("us-east-1", json.GetProperty("region").GetString());
        Assert.Equal("2026-11-27", json.GetProperty("priceDate").GetString());
        Assert.Equal(20.00m, json.GetProperty("monthlyTotal").GetDecimal());
        var items = json.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(2, items.Count);
        Assert.All(items, i => Assert.False(string.IsNullOrEmpty(i.GetProperty("arithmetic").GetString())));
        Assert.Equal(["logs.kbPerInvocation (CloudWatch Logs not priced)", "payloadKb (data transfer out not priced)"],
            json.GetProperty("missingInputs").EnumerateArray().Select(m => m.GetString()));
    }

    [Fact]
    public void CostCommand_WritesTheDocumentedJson()
    {
        var output = Path.Combine(Path.GetTempPath(), $"fitcheck-cost-{Guid.NewGuid():N}.json");
        try
        {
            var code = FitCheck.Cli.Program.Run(["cost", Path.Combine(AnalysisFixtures.Folder, "http-api-arm64.yaml"),
                "--profile", Path.Combine(AnalysisFixtures.Folder, "http-api-10m.workload.yml"), "--format", "json", "--output", output]);
            Assert.Equal(0, code);
            var cost = JsonDocument.Parse(File.ReadAllText(output)).RootElement.GetProperty("cost");
            Assert.Equal(20.00m, cost.GetProperty("monthlyTotal").GetDecimal());
            Assert.Equal(["Hello", "ServerlessHttpApi"], cost.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("component").GetString()).Order());
            Assert.Equal(["apigateway", "lambda"], cost.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("service").GetString()).Order());

            // With --free-tier the 1M requests, 400,000 GB-s and 1M HTTP calls come off first.
            code = FitCheck.Cli.Program.Run(["cost", Path.Combine(AnalysisFixtures.Folder, "http-api-arm64.yaml"),
                "--profile", Path.Combine(AnalysisFixtures.Folder, "http-api-10m.workload.yml"), "--format", "json", "--free-tier", "--output", output]);
            Assert.Equal(0, code);
            // 9M × $0.20/M = $1.80; 200,000 GB-s × $0.0000133334 = $2.66668; 9M × $1.00/M = $9.00 → $13.47
            Assert.Equal(13.47m, JsonDocument.Parse(File.ReadAllText(output)).RootElement.GetProperty("cost").GetProperty("monthlyTotal").GetDecimal());
        }
        finally
        {
            File.Delete(output);
        }
    }

    [Fact]
    public void AnInvalidProfile_IsAnInputError()
    {
        var code = FitCheck.Cli.Program.Run(["cost", Path.Combine(AnalysisFixtures.Folder, "http-api-arm64.yaml"),
            "--profile", Path.Combine(AnalysisFixtures.Folder, "invalid.workload.yml"), "--output", Path.Combine(Path.GetTempPath(), "unused.txt")]);
        Assert.Equal(2, code);
    }

    [Fact]
    public void Init_WritesStarterFiles_AndNeverOverwrites()
    {
        var dir = Directory.CreateTempSubdirectory("fitcheck-init-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, ".fitcheck.yml"), "failOn: warning\n");
            Assert.Equal(0, FitCheck.Cli.Program.Run(["init", dir]));
            Assert.Equal(FitCheck.Cli.Commands.InitCommand.StarterProfile, File.ReadAllText(Path.Combine(dir, "fitcheck.workload.yml")));
            Assert.Equal("failOn: warning\n", File.ReadAllText(Path.Combine(dir, ".fitcheck.yml")));

            // In an empty folder both are written, and the starter config is one the config reader accepts.
            File.Delete(Path.Combine(dir, ".fitcheck.yml"));
            Assert.Equal(0, FitCheck.Cli.Program.Run(["init", dir]));
            Assert.Empty(FitCheck.Cli.Configuration.ConfigFile.Load(Path.Combine(dir, ".fitcheck.yml")).Errors);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void BreakEven_Steady200RpsCrossesToContainers_Bursty2RpsDoesNot()
    {
        var a = AnalysisFixtures.Template("http-api-arm64.yaml");

        var steady = AlternativesAnalysis.Analyse([a], AnalysisFixtures.Profile("steady-200rps.workload.yml"));
        var c = Assert.Single(steady.Comparisons);
        Assert.Equal(200m, c.BreakEven.RequestsPerSecond);
        Assert.True(c.BreakEven.FargateCheaper);
        // Lambda: 525,600,000 requests × $0.20/M = $105.12; 525,600,000 × 0.3 s × 0.5 GB = 78,840,000 GB-s × $0.0000133334 = $1,051.21;
        // its front door, the HTTP API: 300M × $1.00/M + 225.6M × $0.90/M = $503.04 → $1,659.37
        Assert.Equal(Math.Round(105.12m + 78_840_000m * 0.0000133334m + 503.04m, 2), Math.Round(c.BreakEven.LambdaMonthly, 2));
        Assert.True(c.BreakEven.BreakEvenRequestsPerSecond < 200m);
        var recommendation = Assert.Single(steady.Recommendations, r => r.Model == "containers (ECS on Fargate)" && r.Reason.StartsWith("a cheaper", StringComparison.Ordinal));
        // With the front door on both sides: Lambda $1,156.33 + HTTP API $503.04 → $1,659.37;
        // Fargate $922.72 + ALB 730 h × $0.0225 = $16.425 + 200 req/s ÷ 25 = 8 LCU × 730 h × $0.008 = $46.72 → $985.87 (Lambda 68% dearer: above the 20% margin).
        Assert.Contains("$1,659.37/month on Lambda", recommendation.Reason, StringComparison.Ordinal);
        Assert.Contains("$985.87/month on", recommendation.Reason, StringComparison.Ordinal);

        var bursty = AlternativesAnalysis.Analyse([a], AnalysisFixtures.Profile("bursty-2rps.workload.yml"));
        var b = Assert.Single(bursty.Comparisons);
        Assert.False(b.BreakEven.FargateCheaper);
        Assert.Equal(20m, b.BreakEven.PeakRequestsPerSecond);
        Assert.True(bursty.StaysServerless);

        // The numbers are in the report.
        var assessment = Assessor.Assess([a], [], new AssessmentOptions { Profile = AnalysisFixtures.Profile("steady-200rps.workload.yml") });
        var text = FitCheck.Reports.Text.AssessmentTextWriter.Write(assessment);
        Assert.Contains("Fargate is cheaper by", text, StringComparison.Ordinal);
        Assert.Contains("Break-even: Lambda costs as much as the Fargate baseline at", text, StringComparison.Ordinal);
        var json = JsonDocument.Parse(AssessmentJsonWriter.Write(assessment)).RootElement;
        Assert.True(json.GetProperty("alternatives").GetProperty("comparisons")[0].GetProperty("fargateCheaper").GetBoolean());
        Assert.Equal("mixed", json.GetProperty("fit").GetProperty("verdict").GetString());
        foreach (var key in new[] { "fit", "patterns", "failurePaths", "retryAmplification", "cost", "alternatives" })
        {
            Assert.True(json.TryGetProperty(key, out _), key);
        }

        var burstyText = FitCheck.Reports.Text.AssessmentTextWriter.Write(
            Assessor.Assess([a], [], new AssessmentOptions { Profile = AnalysisFixtures.Profile("bursty-2rps.workload.yml") }));
        Assert.Contains("Lambda is cheaper by", burstyText, StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutAProfile_AssessOutputIsUnchanged()
    {
        var a = AnalysisFixtures.Template("http-api-arm64.yaml");
        var json = JsonDocument.Parse(AssessmentJsonWriter.Write(Assessor.Assess([a], [], new AssessmentOptions()))).RootElement;
        Assert.False(json.TryGetProperty("cost", out _));
        Assert.False(json.TryGetProperty("fit", out _));
    }
}

public class AssessWithProfileTests
{
    [Fact]
    public void AssessFindsTheProfileAtTheScanRoot_AndHonoursTheRetryThreshold()
    {
        var dir = Directory.CreateTempSubdirectory("fitcheck-profile-").FullName;
        var output = Path.Combine(dir, "out.json");
        try
        {
            File.Copy(Path.Combine(AnalysisFixtures.Folder, "eventbridge-sqs-lambda-dlq.yaml"), Path.Combine(dir, "template.yaml"));
            File.Copy(Path.Combine(AnalysisFixtures.Folder, "pipeline.workload.yml"), Path.Combine(dir, "fitcheck.workload.yml"));
            Assert.Equal(0, FitCheck.Cli.Program.Run(["assess", dir, "--format", "json", "--fail-on", "never", "--output", output]));
            var json = JsonDocument.Parse(File.ReadAllText(output)).RootElement;
            var bus = Assert.Single(json.GetProperty("cost").GetProperty("items").EnumerateArray(), i => i.GetProperty("component").GetString() == "Bus");
            Assert.Equal(2.00m, bus.GetProperty("monthly").GetDecimal()); // 1,000,000 events × 2 chunks of 64 KB × $1.00/M
            Assert.Equal(50, json.GetProperty("retryAmplification")[0].GetProperty("factor").GetInt32());
            // The whole product sits on one hop that FC1006 reports (a batch without ReportBatchItemFailures): FC1006 carries it.
            Assert.Contains(json.GetProperty("findings").EnumerateArray(), f => f.GetProperty("ruleId").GetString() == "FC1006"
                && f.GetProperty("message").GetString()!.Contains("50 runs", StringComparison.Ordinal));
            Assert.DoesNotContain(json.GetProperty("findings").EnumerateArray(), f => f.GetProperty("ruleId").GetString() == "FC5901");

            Assert.Equal(0, FitCheck.Cli.Program.Run(["assess", dir, "--format", "json", "--fail-on", "never", "--retry-threshold", "50", "--output", output]));
            json = JsonDocument.Parse(File.ReadAllText(output)).RootElement;
            Assert.DoesNotContain(json.GetProperty("findings").EnumerateArray(), f => f.GetProperty("ruleId").GetString() == "FC5901");
            Assert.DoesNotContain(json.GetProperty("cost").GetProperty("drivers").EnumerateArray(), d => d.GetString()!.StartsWith("retries:", StringComparison.Ordinal));

            File.WriteAllText(Path.Combine(dir, "fitcheck.workload.yml"), "traffic:\n  requestsPerMonth: -3\n");
            Assert.Equal(2, FitCheck.Cli.Program.Run(["assess", dir, "--output", output]));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
