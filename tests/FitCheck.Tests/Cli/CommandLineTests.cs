using System.Text.Json;
using System.Text.RegularExpressions;

namespace FitCheck.Tests.Cli;

/// <summary>The command line as CI uses it: usage errors before any work, exit codes, filters, several outputs, stdin,
/// nothing to assess, inputs never overwritten.</summary>
[Collection("console")]
public sealed class CommandLineTests : IDisposable
{
    private static readonly string Example = Path.Combine(RepoPaths.Root, "examples", "orders-pipeline");
    private static readonly string ExampleTemplate = Path.Combine(Example, "template.yaml");
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("fitcheck-cli");

    public void Dispose() => _dir.Delete(recursive: true);

    private static List<JsonElement> Findings(string json) =>
        [.. JsonDocument.Parse(json).RootElement.GetProperty("findings").EnumerateArray().Select(e => e.Clone())];

    [Theory]
    [InlineData("--quiet", "--severity error")]
    [InlineData("--fromat", "did you mean '--format'?")]
    [InlineData("--no-color", "NO_COLOR")]
    [InlineData("--skip-check", "--skip-rule")]
    public void UnknownOption_IsAUsageErrorBeforeAnyWork(string option, string hint)
    {
        var (code, stdout, stderr) = CliRunner.Run("assess", Example, option, "json");

        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Contains($"unknown option '{option}'", stderr, StringComparison.Ordinal);
        Assert.Contains(hint, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownCommand_SuggestsTheClosest()
    {
        var (code, stdout, stderr) = CliRunner.Run("asess", Example);

        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Contains("unknown command 'asess'; did you mean 'assess'?", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("version")]
    [InlineData("--version")]
    [InlineData("-V")]
    public void Version_InEveryHabitualSpelling(string arg)
    {
        var (code, stdout, _) = CliRunner.Run(arg);

        Assert.Equal(0, code);
        Assert.Matches(@"^fitcheck \d+\.\d+\.\d+ \(rules ", stdout);
    }

    [Fact]
    public void Help_AsACommand_ShowsTheCommandsHelp()
    {
        var (code, stdout, _) = CliRunner.Run("help", "assess");

        Assert.Equal(0, code);
        Assert.Contains("assess <paths>", stdout, StringComparison.Ordinal);
        Assert.Contains("--skip-rule", stdout, StringComparison.Ordinal);
        // Choices are named, not listed in the option column, so the column stays narrow.
        var widest = stdout.Split('\n').Where(l => l.StartsWith("  -", StringComparison.Ordinal)).Max(l => l.IndexOf("  ", 2, StringComparison.Ordinal));
        Assert.True(widest < 45, $"option column is {widest} wide");
    }

    [Fact]
    public void FormatNames_AreCaseInsensitive()
    {
        var (code, stdout, _) = CliRunner.Run("assess", Example, "-f", "JSON", "--fail-on", "Never");

        Assert.Equal(0, code);
        Assert.Equal(1, JsonDocument.Parse(stdout).RootElement.GetProperty("schemaVersion").GetInt32());
    }

    [Fact]
    public void Dash_ReadsOneTemplateFromStandardInput()
    {
        var (code, stdout, _) = CliRunner.RunWithInput(File.ReadAllText(ExampleTemplate), "assess", "-", "-f", "json", "--fail-on", "never");

        Assert.Equal(0, code);
        var findings = Findings(stdout);
        Assert.NotEmpty(findings);
        Assert.All(findings, f => Assert.Equal("stdin", f.GetProperty("location").GetProperty("path").GetString()));
    }

    [Fact]
    public void Dash_ReadsAServerlessServiceFromStandardInput_ThroughItsDialect()
    {
        const string service = "service: orders\nprovider:\n  name: aws\n  runtime: nodejs20.x\nfunctions:\n  worker:\n    handler: h.main\n    events:\n      - sqs:\n          arn: arn:aws:sqs:us-east-1:123456789012:orders\n";
        var (code, stdout, stderr) = CliRunner.RunWithInput(service, "graph", "-", "-f", "json");

        Assert.True(code == 0, stderr);
        var root = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal("stdin", Assert.Single(root.GetProperty("templates").EnumerateArray()).GetProperty("path").GetString());
        // The function is named by its key under functions:, as only the Serverless dialect names it.
        var worker = Assert.Single(root.GetProperty("components").EnumerateArray(), c => c.GetProperty("id").GetString() == "worker");
        Assert.Equal(6, worker.GetProperty("location").GetProperty("line").GetInt32());
    }

    [Fact]
    public void Dash_WhenStandardInputIsNotATemplate_ExitsWithTwo()
    {
        var (code, stdout, stderr) = CliRunner.RunWithInput("name: just some yaml\n", "assess", "-");

        Assert.Equal(2, code);
        Assert.Contains("standard input is not a template", stdout + stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Severity_ShowsAndCountsOnlyFindingsAtOrAboveIt()
    {
        var (_, all, _) = CliRunner.Run("assess", Example, "-f", "json", "--fail-on", "never");
        var (_, warnings, _) = CliRunner.Run("assess", Example, "-f", "json", "--fail-on", "never", "--min-severity", "warning");

        Assert.Contains(Findings(all), f => f.GetProperty("severity").GetString() == "note");
        Assert.NotEmpty(Findings(warnings));
        Assert.All(Findings(warnings), f => Assert.NotEqual("note", f.GetProperty("severity").GetString()));
        Assert.Equal(0, JsonDocument.Parse(warnings).RootElement.GetProperty("summary").GetProperty("note").GetInt32());
    }

    [Fact]
    public void SkipRule_LeavesThatRuleOut_AndAcceptsPeerIds()
    {
        var (_, stdout, _) = CliRunner.Run("assess", Example, "-f", "json", "--skip-rule", "FC2008", "--skip-rule", "ES1007");

        var ids = Findings(stdout).Select(f => f.GetProperty("ruleId").GetString()).ToHashSet();
        Assert.DoesNotContain("FC2008", ids);
        Assert.DoesNotContain("FC1001", ids); // ES1007 is serverless-rules' name for FC1001
        Assert.Contains("FC2005", ids);
    }

    [Fact]
    public void SkipRule_WhenUnknown_SuggestsAndExitsWithTwo()
    {
        var (code, _, stderr) = CliRunner.Run("assess", Example, "--skip-rule", "FC20088");

        Assert.Equal(2, code);
        Assert.Contains("did you mean 'FC2008'?", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void NewOnly_ShowsOnlyFindingsMissingFromTheBaseline()
    {
        var template = Path.Combine(_dir.FullName, "template.yaml");
        File.Copy(ExampleTemplate, template);
        var baseline = Path.Combine(_dir.FullName, "baseline.json");
        Assert.Equal(0, CliRunner.Run("baseline", template, "-o", baseline).Code);
        File.AppendAllText(template, "  LateFunction:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: a.b\n      Runtime: python3.12\n      CodeUri: src/\n      Events:\n        Up:\n          Type: S3\n          Properties:\n            Bucket: !Ref ReceiptsBucket\n            Events: s3:ObjectCreated:*\n");

        var (code, stdout, _) = CliRunner.Run("assess", template, "-f", "json", "--baseline", baseline, "--new-only", "--fail-on", "warning");

        Assert.Equal(1, code);
        var findings = Findings(stdout);
        Assert.NotEmpty(findings);
        // A new finding is about the new function: on it, or (for a once-per-template finding that lists the functions)
        // naming it among the functions it lists.
        Assert.All(findings, f => Assert.True(f.GetProperty("resource").GetString() == "LateFunction" || f.GetRawText().Contains("LateFunction", StringComparison.Ordinal), f.GetRawText()));
        Assert.Contains(findings, f => f.GetProperty("resource").GetString() == "LateFunction");
    }

    [Fact]
    public void NewOnly_WithoutBaseline_IsAUsageError()
    {
        var (code, stdout, stderr) = CliRunner.Run("assess", Example, "--new-only");

        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Contains("--new-only needs --baseline", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void SeveralOutputs_InOneRun()
    {
        var sarif = Path.Combine(_dir.FullName, "out.sarif");
        var html = Path.Combine(_dir.FullName, "report.html");
        var (code, stdout, _) = CliRunner.Run("assess", Example, "-o", $"sarif={sarif}", "-o", $"HTML={html}", "--fail-on", "never");

        Assert.Equal(0, code);
        Assert.Equal("", stdout);
        Assert.Equal("2.1.0", JsonDocument.Parse(File.ReadAllText(sarif)).RootElement.GetProperty("version").GetString());
        Assert.StartsWith("<!DOCTYPE html>", File.ReadAllText(html), StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_dir.FullName, "*.tmp")); // written atomically: no temporary file left
    }

    [Fact]
    public void Output_NeverOverwritesAnInput()
    {
        var template = Path.Combine(_dir.FullName, "template.yaml");
        File.Copy(ExampleTemplate, template);
        var before = File.ReadAllText(template);

        var (code, _, stderr) = CliRunner.Run("assess", template, "-o", $"json={template}");
        var (baselineCode, _, _) = CliRunner.Run("baseline", template, "-o", template);

        Assert.Equal(2, code);
        Assert.Equal(2, baselineCode);
        Assert.Contains("refusing to write the report over", stderr, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllText(template));
    }

    [Fact]
    public void Output_IntoAMissingFolder_IsOneLineAndExitCodeTwo()
    {
        var (code, _, stderr) = CliRunner.Run("assess", Example, "-o", Path.Combine(_dir.FullName, "missing", "report.json"));

        Assert.Equal(2, code);
        Assert.Single(stderr.Trim().Split('\n'), l => l.Contains("cannot write", StringComparison.Ordinal));
    }

    [Fact]
    public void NothingToAssess_IsAnError_UnlessAllowed()
    {
        File.WriteAllText(Path.Combine(_dir.FullName, "config.yaml"), "name: not a template\n");

        var (code, _, stderr) = CliRunner.Run("assess", _dir.FullName);
        var (allowed, _, _) = CliRunner.Run("assess", _dir.FullName, "--allow-empty");
        var (graph, _, _) = CliRunner.Run("graph", _dir.FullName);
        var (wrongPath, _, _) = CliRunner.Run("assess", Path.Combine(_dir.FullName, "nope"));

        Assert.Equal(2, code);
        Assert.Contains($"no templates found under {_dir.FullName}; fitcheck reads", stderr, StringComparison.Ordinal);
        Assert.Equal(0, allowed);
        Assert.Equal(2, graph);
        Assert.Equal(2, wrongPath);
    }

    [Fact]
    public void ExplicitFile_ExcludedByTheConfig_IsNeverDroppedSilently()
    {
        var template = Path.Combine(_dir.FullName, "legacy.yaml");
        File.Copy(ExampleTemplate, template);
        File.WriteAllText(Path.Combine(_dir.FullName, ".fitcheck.yml"), "exclude:\n  - \"**/legacy.yaml\"\n");

        var (code, stdout, stderr) = CliRunner.Run("assess", template, "-c", Path.Combine(_dir.FullName, ".fitcheck.yml"), "-f", "json");

        Assert.Equal(0, code);
        Assert.Contains("exclude pattern '**/legacy.yaml'", stdout + stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void CostAndGraph_RespectTheConfigsExclude()
    {
        var copy = Path.Combine(_dir.FullName, "copy");
        Directory.CreateDirectory(copy);
        File.Copy(ExampleTemplate, Path.Combine(_dir.FullName, "template.yaml"));
        File.Copy(ExampleTemplate, Path.Combine(copy, "template.yaml"));
        File.Copy(Path.Combine(Example, "fitcheck.workload.yml"), Path.Combine(_dir.FullName, "fitcheck.workload.yml"));
        File.WriteAllText(Path.Combine(_dir.FullName, ".fitcheck.yml"), "exclude:\n  - \"**/copy/**\"\n");

        var (costCode, cost, _) = CliRunner.Run("cost", _dir.FullName, "-f", "json");
        var (_, graph, _) = CliRunner.Run("graph", _dir.FullName);

        Assert.Equal(0, costCode);
        var items = JsonDocument.Parse(cost).RootElement.GetProperty("cost").GetProperty("items").EnumerateArray().ToList();
        Assert.DoesNotContain(items, i => i.GetRawText().Contains("copy/", StringComparison.Ordinal));
        Assert.DoesNotContain("copy/template.yaml", graph, StringComparison.Ordinal);
    }

    [Fact]
    public void Cost_WithoutAProfile_SaysWhatIsMissing()
    {
        File.Copy(ExampleTemplate, Path.Combine(_dir.FullName, "template.yaml"));

        var (code, stdout, stderr) = CliRunner.Run("cost", _dir.FullName);

        Assert.Equal(2, code);
        Assert.DoesNotContain("$0.00", stdout, StringComparison.Ordinal);
        Assert.Contains("cost needs a workload profile", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Cost_RoundsForPeople_AndStaysExactInJson()
    {
        var (_, text, _) = CliRunner.Run("cost", Example);
        var (_, json, _) = CliRunner.Run("cost", Example, "-f", "json");

        // The amount column: cents, or "<$0.01" (the arithmetic under each item keeps the unit prices as published).
        var amounts = text.Split('\n').Where(l => Regex.IsMatch(l, @"^\s+(<?\$)")).ToList();
        Assert.NotEmpty(amounts);
        Assert.All(amounts, l => Assert.Matches(@"^\s+(<\$0\.01|\$[\d,]+\.\d\d)  ", l));
        Assert.Matches(@"\$[\d,]+\.\d\d  total per month", text);
        Assert.Contains("\"cost\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Init_CreatesTheFolder()
    {
        var folder = Path.Combine(_dir.FullName, "new", "infra");

        var (code, _, _) = CliRunner.Run("init", folder);

        Assert.Equal(0, code);
        Assert.True(File.Exists(Path.Combine(folder, "fitcheck.workload.yml")));
    }

    [Fact]
    public void Explain_OfARetiredRule_SaysWhenAndByWhat()
    {
        var (code, stdout, _) = CliRunner.Run("explain", "FC5004");

        Assert.Equal(0, code);
        Assert.Contains("retired", stdout, StringComparison.Ordinal);
        Assert.Contains("FC3007 and FC3006", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Graph_CountsWhatItLists()
    {
        var (_, stdout, _) = CliRunner.Run("graph", ExampleTemplate);

        var header = Regex.Match(stdout, @"\((?:SAM|CloudFormation), (\d+) components?");
        Assert.True(header.Success, stdout);
        var listed = stdout.Split('\n').TakeWhile(l => !l.StartsWith("  flows:", StringComparison.Ordinal)).Skip(1)
            .Where(l => l.StartsWith("  ", StringComparison.Ordinal)).Sum(l => l[(l.IndexOf(": ", StringComparison.Ordinal) + 2)..].Split(", ").Length);
        Assert.Equal(int.Parse(header.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), listed);
    }

    [Fact]
    public void Diff_WithOnePath_PrintsTheUsage()
    {
        var (code, _, stderr) = CliRunner.Run("diff", ExampleTemplate);

        Assert.Equal(2, code);
        Assert.Contains("Usage: fitcheck diff OLD NEW", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void TerminalReport_IsOneLinePerFindingWorstFirst_WithStartHereAndOneSummary()
    {
        var (_, stdout, _) = CliRunner.Run("assess", ExampleTemplate, "--fail-on", "never");

        var findingLines = stdout.Split('\n').Where(l => Regex.IsMatch(l, @"^\S+:\d+:\d+: (error|warning|note) FC\d{4} \[")).ToList();
        var rank = new Dictionary<string, int>(StringComparer.Ordinal) { ["error"] = 0, ["warning"] = 1, ["note"] = 2 };
        var severities = findingLines.Select(l => rank[Regex.Match(l, @": (error|warning|note) ").Groups[1].Value]).ToList();
        Assert.Equal(severities.Order(), severities);
        Assert.DoesNotContain("why:", stdout, StringComparison.Ordinal); // why/fix only with --verbose
        Assert.Contains("Start here:", stdout, StringComparison.Ordinal);
        Assert.Single(stdout.Split('\n'), l => Regex.IsMatch(l, @"^(passes|fails|incomplete): "));
        // The literal secret (an error) and then the unauthenticated route come before log retention, whatever the counts.
        var start = stdout[stdout.IndexOf("Start here:", StringComparison.Ordinal)..];
        Assert.Contains("1. ", start, StringComparison.Ordinal);
        Assert.Contains("FC2005", start.Split('\n')[1], StringComparison.Ordinal);
        Assert.Contains("FC2008", start.Split('\n')[2], StringComparison.Ordinal);
    }

    [Fact]
    public void TerminalReport_Verbose_ExplainsEachRuleOnce()
    {
        var (_, stdout, _) = CliRunner.Run("assess", ExampleTemplate, "--fail-on", "never", "--verbose", "-s", "observability");

        Assert.Contains("why: ", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Section_LeavesOutTheAnalysesOfOtherSections()
    {
        var (_, stdout, _) = CliRunner.Run("assess", Example, "-s", "security");

        Assert.DoesNotContain("== Cost estimate", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("== Workload fit", stdout, StringComparison.Ordinal);
        Assert.True(stdout.Split('\n').Length < 40, stdout);
    }

    [Fact]
    public void NamesFromTheTemplate_CannotDriveTheTerminal()
    {
        var template = Path.Combine(_dir.FullName, "template.yaml");
        File.WriteAllText(template, "Transform: AWS::Serverless-2016-10-31\nResources:\n  \"Fn\\e[1A\\e[2K\\rAll checks passed\\u202E\":\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: a.b\n      Runtime: python3.12\n      CodeUri: src/\n      Events:\n        Up:\n          Type: SQS\n          Properties:\n            Queue: arn:aws:sqs:us-east-1:123456789012:q\n");

        foreach (var args in new[] { new[] { "assess", template, "--fail-on", "never" }, ["graph", template], ["assess", template, "-f", "markdown"], ["assess", template, "-f", "html"] })
        {
            var (_, stdout, stderr) = CliRunner.Run(args);
            Assert.DoesNotContain('\u001b', stdout + stderr);
            Assert.DoesNotContain('\u202E', stdout + stderr);
            Assert.DoesNotContain('\r', stdout + stderr);
        }

        var (_, text, _) = CliRunner.Run("assess", template, "--fail-on", "never");
        Assert.Contains("Fn\\e[1A\\e[2K\\rAll checks passed\\u202E", text, StringComparison.Ordinal);
    }
}
