using System.Diagnostics;
using System.Text.Json;
using FitCheck.Tests.Cli;
using Xunit.Abstractions;

namespace FitCheck.Tests.Workflow;

/// <summary>Reviewing a change: two versions of a template (Fixtures/Diff/v1 and v2) where v2 removes a queue's
/// dead-letter queue and a function's on-failure destination, widens an IAM statement to s3:* on *, and adds a function.</summary>
[Collection("console")]
public sealed class DiffTests(ITestOutputHelper output)
{
    private static string V1 => Path.Combine(RepoPaths.Fixtures, "Diff", "v1");

    private static string V2 => Path.Combine(RepoPaths.Fixtures, "Diff", "v2");

    [Fact]
    public void Diff_OfTwoFolders_ReportsLostSafetyNetsWidenedGrantsAndTheNewFunction()
    {
        var (code, stdout, stderr) = CliRunner.Run("diff", V1, V2, "--format", "json");

        Assert.True(code == 0, stderr); // the new findings are warnings; --fail-on defaults to error
        using var doc = JsonDocument.Parse(stdout);
        AssertTheChange(doc.RootElement);
    }

    [Fact]
    public void Diff_OfTwoFilesWithDifferentNames_ComparesThemAsOneTemplate()
    {
        var dir = Directory.CreateTempSubdirectory("fitcheck-diff-files");
        try
        {
            var old = Path.Combine(dir.FullName, "before.yaml");
            var @new = Path.Combine(dir.FullName, "after.yaml");
            File.Copy(Path.Combine(V1, "template.yaml"), old);
            File.Copy(Path.Combine(V2, "template.yaml"), @new);

            var (code, stdout, _) = CliRunner.Run("diff", old, @new, "--format", "json", "--fail-on", "warning");

            Assert.Equal(1, code);
            using var doc = JsonDocument.Parse(stdout);
            AssertTheChange(doc.RootElement);
            Assert.True(doc.RootElement.GetProperty("summary").GetProperty("failed").GetBoolean());
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Diff_AsMarkdown_PutsTheRiskyChangesFirst()
    {
        var (code, stdout, _) = CliRunner.Run("diff", V1, V2, "--format", "markdown");

        Assert.Equal(0, code);
        var nets = stdout.IndexOf("#### Failure paths that lost their safety net", StringComparison.Ordinal);
        var grants = stdout.IndexOf("#### IAM grants widened", StringComparison.Ordinal);
        var findings = stdout.IndexOf("#### New findings", StringComparison.Ordinal);
        Assert.True(nets >= 0 && grants > nets && findings > grants, stdout);
        Assert.Contains(@"- **OrdersQueue** lost its redrive policy \(dead-letter queue\) (was `OrdersDeadLetterQueue`)", stdout, StringComparison.Ordinal);
        Assert.Contains("| added | ReportFunction | function | AWS::Serverless::Function |", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Diff_AsMarkdown_StaysUnderMaxChars_AndSaysWhereItWasCut()
    {
        var (full, whole, _) = CliRunner.Run("diff", V1, V2, "--format", "markdown");
        Assert.Equal(0, full);
        Assert.True(whole.Length > 2_500, $"the fixture's review is {whole.Length} characters; the test needs it longer than the limit");

        var (code, cut, _) = CliRunner.Run("diff", V1, V2, "--format", "markdown", "--max-chars", "2000");
        Assert.Equal(0, code);
        Assert.True(cut.Length <= 2_000, $"{cut.Length} characters");
        Assert.Contains("The review was cut here", cut, StringComparison.Ordinal);

        var (refused, _, stderr) = CliRunner.Run("diff", V1, V2, "--format", "markdown", "--max-chars", "100");
        Assert.Equal(2, refused);
        Assert.Contains("--max-chars must be at least 2000", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Diff_OfTheSameFolder_ReportsNothing()
    {
        var (code, stdout, _) = CliRunner.Run("diff", V1, V1);

        Assert.Equal(0, code);
        Assert.Equal("No design changes and no new or resolved findings.\n", stdout);
    }

    /// <summary>With a profile both versions are priced with it: the totals are those <c>fitcheck cost</c> gives for each version,
    /// and the items that changed are listed with both amounts, the largest change first.</summary>
    [Fact]
    public void Diff_WithProfile_ReportsTheEstimatedMonthlyCostChange()
    {
        var dir = Directory.CreateTempSubdirectory("fitcheck-diff-cost");
        try
        {
            var profile = Path.Combine(dir.FullName, "workload.yml");
            File.WriteAllText(profile, """
                region: us-east-1
                traffic:
                  requestsPerMonth: 3000000
                functions:
                  averageDurationMs: 220
                components:
                  ReportFunction:
                    functions:
                      averageDurationMs: 120000
                      memoryMb: 3008
                """);

            var (code, stdout, stderr) = CliRunner.Run("diff", V1, V2, "--profile", profile, "--format", "json");
            Assert.True(code == 0, stderr);
            using var doc = JsonDocument.Parse(stdout);
            AssertTheChange(doc.RootElement);
            var cost = doc.RootElement.GetProperty("cost");

            // Each side's total and items are what `fitcheck cost` prints for that version alone.
            using var oldCost = JsonDocument.Parse(CostOf(V1, profile));
            using var newCost = JsonDocument.Parse(CostOf(V2, profile));
            var oldTotal = oldCost.RootElement.GetProperty("cost").GetProperty("monthlyTotal").GetDecimal();
            var newTotal = newCost.RootElement.GetProperty("cost").GetProperty("monthlyTotal").GetDecimal();
            Assert.Equal(oldTotal, cost.GetProperty("oldMonthlyTotal").GetDecimal());
            Assert.Equal(newTotal, cost.GetProperty("newMonthlyTotal").GetDecimal());
            Assert.Equal(newTotal - oldTotal, cost.GetProperty("difference").GetDecimal());
            Assert.True(newTotal > oldTotal, "the new ReportFunction adds cost");

            var changes = cost.GetProperty("changes").EnumerateArray().ToList();
            Assert.NotEmpty(changes);
            var differences = changes.Select(c => Math.Abs(c.GetProperty("difference").GetDecimal())).ToList();
            Assert.Equal(differences.OrderDescending(), differences);
            var report = changes.Single(c => c.GetProperty("component").GetString() == "ReportFunction" && c.GetProperty("service").GetString() == "lambda");
            Assert.Equal(0m, report.GetProperty("old").GetDecimal());
            var reportItem = newCost.RootElement.GetProperty("cost").GetProperty("items").EnumerateArray()
                .Single(i => i.GetProperty("component").GetString() == "ReportFunction" && i.GetProperty("service").GetString() == "lambda");
            Assert.Equal(reportItem.GetProperty("monthly").GetDecimal(), report.GetProperty("new").GetDecimal());

            // The same change in the text and Markdown reports.
            var (_, text, _) = CliRunner.Run("diff", V1, V2, "--profile", profile);
            var money = (decimal d) => FitCheck.Analysis.Cost.CostMath.Money(d);
            Assert.Contains($"== Estimated monthly cost: {money(oldTotal)} -> {money(newTotal)} (+{money(newTotal - oldTotal)})", text, StringComparison.Ordinal);
            Assert.Contains($"estimated cost {money(oldTotal)} -> {money(newTotal)} per month", text, StringComparison.Ordinal);
            var (_, markdown, _) = CliRunner.Run("diff", V1, V2, "--profile", profile, "--format", "markdown");
            Assert.Contains("#### Estimated monthly cost", markdown, StringComparison.Ordinal);
            Assert.Contains($"| ReportFunction | lambda | $0.00 | {money(reportItem.GetProperty("monthly").GetDecimal())} |", markdown, StringComparison.Ordinal);

            // Without a profile the cost stays out, as before.
            var (_, plain, _) = CliRunner.Run("diff", V1, V2, "--format", "json");
            using var plainDoc = JsonDocument.Parse(plain);
            Assert.False(plainDoc.RootElement.TryGetProperty("cost", out _));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static string CostOf(string folder, string profile)
    {
        var (code, stdout, stderr) = CliRunner.Run("cost", folder, "--profile", profile, "--format", "json");
        Assert.True(code == 0, stderr);
        return stdout;
    }

    [Fact]
    public void Diff_OfTwoGitRevisions_ReadsBothWithGit()
    {
        if (!GitAvailable())
        {
            output.WriteLine("skipped: git is not installed, so 'fitcheck diff --git' cannot be tested here");
            return;
        }

        var repo = Directory.CreateTempSubdirectory("fitcheck-diff-git");
        try
        {
            var infra = Directory.CreateDirectory(Path.Combine(repo.FullName, "infra"));
            Git(repo.FullName, "init", "--quiet");
            File.Copy(Path.Combine(V1, "template.yaml"), Path.Combine(infra.FullName, "template.yaml"));
            Git(repo.FullName, "add", ".");
            Git(repo.FullName, "commit", "--quiet", "-m", "v1");
            File.Copy(Path.Combine(V2, "template.yaml"), Path.Combine(infra.FullName, "template.yaml"), overwrite: true);
            Git(repo.FullName, "commit", "--quiet", "-am", "v2");

            var (code, stdout, stderr) = CliRunner.Run("diff", "--git", "HEAD~1..HEAD", infra.FullName, "--format", "json");

            Assert.True(code == 0, stderr);
            using var doc = JsonDocument.Parse(stdout);
            AssertTheChange(doc.RootElement);
            var added = doc.RootElement.GetProperty("components").GetProperty("added").EnumerateArray().First(c => c.GetProperty("id").GetString() == "ReportFunction");
            Assert.Equal("infra/template.yaml", added.GetProperty("template").GetString());

            var (bad, _, badErr) = CliRunner.Run("diff", "--git", "HEAD~1..no-such-branch", infra.FullName);
            Assert.Equal(2, bad);
            Assert.Contains("unknown revision 'no-such-branch'", badErr, StringComparison.Ordinal);
        }
        finally
        {
            foreach (var f in repo.EnumerateFiles("*", SearchOption.AllDirectories))
            {
                f.Attributes = FileAttributes.Normal; // git's object files are read-only
            }

            repo.Delete(recursive: true);
        }
    }

    private static void AssertTheChange(JsonElement root)
    {
        var nets = root.GetProperty("safetyNetsLost").EnumerateArray()
            .Select(n => (n.GetProperty("component").GetString(), n.GetProperty("net").GetString(), n.GetProperty("target").GetString())).ToList();
        Assert.Contains(("OrdersQueue", "redrive policy (dead-letter queue)", "OrdersDeadLetterQueue"), nets);
        Assert.Contains(("IndexFunction", "on-failure destination", "IndexFailuresQueue"), nets);
        Assert.Equal(2, nets.Count);

        var grant = Assert.Single(root.GetProperty("grantsWidened").EnumerateArray());
        Assert.Equal(["s3:*"], grant.GetProperty("actions").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal(["*"], grant.GetProperty("wildcardResources").EnumerateArray().Select(a => a.GetString()));
        Assert.True(grant.GetProperty("wildcardAdded").GetBoolean());
        Assert.Contains("WorkerFunction", grant.GetProperty("usedBy").EnumerateArray().Select(u => u.GetString()));

        var added = root.GetProperty("components").GetProperty("added").EnumerateArray().Select(c => c.GetProperty("id").GetString()).ToList();
        Assert.Contains("ReportFunction", added);
        Assert.DoesNotContain("ReportFunctionRole", added); // SAM's generated role is plumbing, not a design change
        var removed = root.GetProperty("components").GetProperty("removed").EnumerateArray().Select(c => c.GetProperty("id").GetString()).ToList();
        Assert.Equal(["IndexFailuresQueue", "OrdersDeadLetterQueue"], removed.Order());

        var flowsRemoved = root.GetProperty("flows").GetProperty("removed").EnumerateArray()
            .Select(f => (f.GetProperty("from").GetString(), f.GetProperty("kind").GetString(), f.GetProperty("to").GetString())).ToList();
        Assert.Contains(("OrdersQueue", "dead-letter", "OrdersDeadLetterQueue"), flowsRemoved);

        // The async function that lost its destination, and the new scheduled one, are new FC1001 findings; nothing resolved.
        var newFindings = root.GetProperty("findings").GetProperty("new").EnumerateArray()
            .Where(f => f.GetProperty("ruleId").GetString() == "FC1001").Select(f => f.GetProperty("resource").GetString()).ToList();
        Assert.Equal(["IndexFunction", "ReportFunction"], newFindings.Order());
        Assert.DoesNotContain(root.GetProperty("findings").GetProperty("resolved").EnumerateArray(), f => f.GetProperty("ruleId").GetString() == "FC1001");
    }

    private static bool GitAvailable()
    {
        try
        {
            using var p = Process.Start(new ProcessStartInfo("git", "--version") { RedirectStandardOutput = true, UseShellExecute = false });
            p!.WaitForExit();
            return p.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    private static void Git(string dir, params string[] args)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = dir, RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in new[] { "-c", "user.name=fitcheck tests", "-c", "user.email=tests@example.invalid", "-c", "commit.gpgsign=false" }.Concat(args))
        {
            start.ArgumentList.Add(a);
        }

        using var p = Process.Start(start)!;
        var err = p.StandardError.ReadToEnd();
        p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, $"git {string.Join(' ', args)} failed: {err}");
    }
}
