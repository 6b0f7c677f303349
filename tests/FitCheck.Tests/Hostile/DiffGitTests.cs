using System.Diagnostics;
using Xunit.Abstractions;

namespace FitCheck.Tests.Hostile;

/// <summary>
/// <c>diff --git</c> on hostile repositories, as bounded runs: only candidate templates and the files they point to are
/// written out, the temporary folders are gone on every way out (SIGTERM included), and a missing git says so.
/// </summary>
[Collection("console")]
public sealed class DiffGitTests(ITestOutputHelper output) : IDisposable
{
    private readonly DirectoryInfo _repo = Directory.CreateTempSubdirectory("fitcheck-hostile-git");
    private readonly DirectoryInfo _tmp = Directory.CreateTempSubdirectory("fitcheck-hostile-tmp");

    public void Dispose()
    {
        foreach (var dir in new[] { _repo, _tmp })
        {
            foreach (var f in dir.EnumerateFiles("*", SearchOption.AllDirectories))
            {
                f.Attributes = FileAttributes.Normal; // git's object files are read-only
            }

            dir.Delete(recursive: true);
        }
    }

    private bool GitAvailable()
    {
        try
        {
            using var p = Process.Start(new ProcessStartInfo("git", "--version") { RedirectStandardOutput = true, UseShellExecute = false });
            p!.WaitForExit();
            if (p.ExitCode == 0)
            {
                return true;
            }
        }
        catch (System.ComponentModel.Win32Exception)
        {
        }

        output.WriteLine("skipped: git is not installed, so 'fitcheck diff --git' cannot be tested here");
        return false;
    }

    private void Git(params string[] args)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = _repo.FullName, RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in new[] { "-c", "user.name=fitcheck tests", "-c", "user.email=tests@example.invalid", "-c", "commit.gpgsign=false" }.Concat(args))
        {
            start.ArgumentList.Add(a);
        }

        using var p = Process.Start(start)!;
        var err = p.StandardError.ReadToEnd();
        p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, $"git {string.Join(' ', args)}: {err}");
    }

    private string Write(string relative, string text)
    {
        var full = Path.Combine(_repo.FullName, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
        return full;
    }

    private Dictionary<string, string?> PrivateTemp => new() { ["TMPDIR"] = _tmp.FullName };

    private string[] LeftBehind => [.. _tmp.EnumerateDirectories("fitcheck-diff-*").Select(d => d.Name)];

    [Fact]
    public void Only_templates_and_the_files_they_point_to_are_extracted_and_nothing_is_left_behind()
    {
        if (!GitAvailable())
        {
            return;
        }

        Git("init", "--quiet");
        Write("infra/template.yaml", "Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n");
        // Far larger than any template, and not one: never written out (it would be 40 MB per revision).
        using (var big = File.Create(Path.Combine(_repo.FullName, "assets.bin")))
        {
            big.SetLength(40L * 1024 * 1024);
        }

        Git("add", ".");
        Git("commit", "--quiet", "-m", "v1");
        Write("infra/template.yaml", """
            Transform: AWS::Serverless-2016-10-31
            Resources:
              Queue:
                Type: AWS::SQS::Queue
              Flow:
                Type: AWS::Serverless::StateMachine
                Properties:
                  DefinitionUri: flows/order.asl
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  Runtime: python3.12
                  Handler: app.handler
                  CodeUri: src/
            """);
        // Not a template's extension, but the template points to it: it is read.
        Write("infra/flows/order.asl", """
            {"StartAt": "Work", "States": {"Work": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
             "Parameters": {"FunctionName": "${Worker}"}, "End": true}}}
            """);
        Git("add", ".");
        Git("commit", "--quiet", "-m", "v2");

        var run = BoundedRun.Fitcheck(_repo.FullName, PrivateTemp, "diff", "--git", "HEAD~1..HEAD", "--format", "json", "--fail-on", "never");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("\"Flow\"", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("FC1011", run.Stdout, StringComparison.Ordinal); // The Task in order.asl was read: no Retry, no Catch.
        Assert.Empty(LeftBehind);
    }

    [Fact]
    public async Task Sigterm_during_a_diff_removes_the_temporary_folders()
    {
        if (!GitAvailable() || OperatingSystem.IsWindows())
        {
            output.WriteLine("skipped on Windows: no SIGTERM");
            return;
        }

        Git("init", "--quiet");
        for (var i = 0; i < 300; i++)
        {
            Write($"t{i:D3}/template.yaml", Workspace.GoodTemplate);
        }

        Git("add", ".");
        Git("commit", "--quiet", "-m", "v1");
        Write("t000/template.yaml", "Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n");
        Git("commit", "--quiet", "-am", "v2");

        using var process = BoundedRun.Start(_repo.FullName, PrivateTemp, "diff", "--git", "HEAD~1..HEAD", "--format", "json");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        var watch = Stopwatch.StartNew();
        while (LeftBehind.Length == 0 && !process.HasExited && watch.Elapsed < BoundedRun.TimeBound)
        {
            Thread.Sleep(20);
        }

        var signalled = !process.HasExited;
        if (signalled)
        {
            using var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            kill.WaitForExit();
        }

        Assert.True(process.WaitForExit(BoundedRun.TimeBound), "fitcheck did not end after SIGTERM");
        output.WriteLine(signalled ? $"SIGTERM sent while the temporary folders existed; exit {process.ExitCode}" : "the diff ended before the signal could be sent");
        Assert.Empty(LeftBehind);
        await Task.WhenAll(stdout, stderr);
    }

    [Fact]
    public void A_missing_git_is_named()
    {
        var run = BoundedRun.Fitcheck(_repo.FullName, new Dictionary<string, string?> { ["PATH"] = _tmp.FullName }, "diff", "--git", "HEAD~1..HEAD");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("needs git", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("not inside a git repository", run.Stderr, StringComparison.Ordinal);
    }
}
