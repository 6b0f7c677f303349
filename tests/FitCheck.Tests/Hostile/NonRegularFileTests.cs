using System.Diagnostics;
using System.IO.Pipes;
using FitCheck.Model;
using FitCheck.Tests.Cli;
using Xunit.Abstractions;

namespace FitCheck.Tests.Hostile;

/// <summary>
/// Named pipes, devices and pipes given as files: wherever fitcheck reads a user's file (a template found in a folder
/// or named, a DefinitionUri, --config, --profile, --baseline), only a regular file is read and never more than its limit,
/// so a FIFO does not block the open for ever and /dev/zero is not read until memory runs out.
/// </summary>
[Collection("console")]
public sealed class NonRegularFileTests(ITestOutputHelper output)
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(60);

    private bool Unix()
    {
        if (OperatingSystem.IsWindows())
        {
            output.WriteLine("Skipped: named pipes in the file system and /dev/zero are Unix notions.");
            return false;
        }

        return true;
    }

    private static string MakeFifo(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var mkfifo = Process.Start("mkfifo", [path]);
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
        return path;
    }

    /// <summary>Runs the command line on a thread and requires it to end (a blocked open never would).</summary>
    private static (int Code, string Stdout, string Stderr) Guarded(params string[] args)
    {
        (int, string, string) result = default;
        var thread = new Thread(() => result = CliRunner.Run(args)) { IsBackground = true };
        thread.Start();
        Assert.True(thread.Join(HangGuard), $"fitcheck {string.Join(' ', args)} did not end: it blocked on a file");
        return result;
    }

    [Fact]
    public void A_named_pipe_or_a_link_to_dev_zero_among_the_templates_is_an_error_and_the_rest_is_assessed()
    {
        if (!Unix())
        {
            return;
        }

        using var workspace = new Workspace();
        var fifo = MakeFifo(Path.Combine(workspace.Root, "pipe", "template.yaml"));
        var zero = Path.Combine(workspace.Root, "zero", "template.yaml");
        Directory.CreateDirectory(Path.GetDirectoryName(zero)!);
        File.CreateSymbolicLink(zero, "/dev/zero");

        var run = HostileCli.Assess(workspace, workspace.Root);

        Assert.Equal(2, run.ExitCode);
        Assert.True(run.Assessed(workspace.GoodPath), run.ToString());
        Assert.Contains(run.DiagnosticsOf(fifo), d => d.Level == "error" && d.Code == DiagnosticCodes.Unreadable && d.Message.Contains("named pipe", StringComparison.Ordinal));
        Assert.Contains(run.DiagnosticsOf(zero), d => d.Level == "error" && d.Message.Contains("device", StringComparison.Ordinal));

        // Named on the command line, too.
        var named = HostileCli.Assess(workspace, fifo, zero, workspace.GoodPath);
        Assert.Equal(2, named.ExitCode);
        Assert.True(named.Assessed(workspace.GoodPath), named.ToString());
        Assert.Contains(named.DiagnosticsOf(fifo), d => d.Level == "error" && d.Message.Contains("named pipe", StringComparison.Ordinal));
    }

    [Fact]
    public void A_definition_uri_that_is_a_named_pipe_or_a_device_is_not_read()
    {
        if (!Unix())
        {
            return;
        }

        using var workspace = new Workspace();
        var template = workspace.Write("sm/template.yaml", """
            Transform: AWS::Serverless-2016-10-31
            Resources:
              Piped:
                Type: AWS::Serverless::StateMachine
                Properties:
                  DefinitionUri: flow.asl.json
              Zeroed:
                Type: AWS::Serverless::StateMachine
                Properties:
                  DefinitionUri: zero.asl.json
            """);
        MakeFifo(Path.Combine(workspace.Root, "sm", "flow.asl.json"));
        File.CreateSymbolicLink(Path.Combine(workspace.Root, "sm", "zero.asl.json"), "/dev/zero");

        var run = HostileCli.Assess(workspace, workspace.Root);

        Assert.True(run.Assessed(template), run.ToString());
        Assert.True(run.Assessed(workspace.GoodPath), run.ToString());
        Assert.Contains(run.Diagnostics, d => d.Message.Contains("named pipe", StringComparison.Ordinal));
        Assert.Contains(run.Diagnostics, d => d.Message.Contains("device", StringComparison.Ordinal));
    }

    [Fact]
    public void Terraform_and_serverless_files_that_are_named_pipes_or_devices_are_not_read()
    {
        if (!Unix())
        {
            return;
        }

        using var workspace = new Workspace();

        // A Terraform module with a .tf named pipe beside its main.tf (read twice: when looking for local module calls and
        // as configuration) and a file() of a named pipe and of /dev/zero.
        workspace.Write("tf/main.tf", """
            resource "aws_sqs_queue" "orders" {
              name   = "orders"
              policy = file("${path.module}/policy.json")
              tags   = { note = file("${path.module}/zero.txt") }
            }
            """);
        MakeFifo(Path.Combine(workspace.Root, "tf", "evil.tf"));
        MakeFifo(Path.Combine(workspace.Root, "tf", "policy.json"));
        File.CreateSymbolicLink(Path.Combine(workspace.Root, "tf", "zero.txt"), "/dev/zero");

        // A service whose ${file()} names a named pipe and a link to /dev/zero.
        var service = workspace.Write("sls/serverless.yml", """
            service: orders
            provider:
              name: aws
              runtime: nodejs20.x
            custom: ${file(./custom.yml)}
            functions:
              worker:
                handler: handler.main
                environment:
                  NOTE: ${file(./zero.txt)}
            """);
        MakeFifo(Path.Combine(workspace.Root, "sls", "custom.yml"));
        File.CreateSymbolicLink(Path.Combine(workspace.Root, "sls", "zero.txt"), "/dev/zero");

        var run = HostileCli.Assess(workspace, workspace.Root);

        Assert.True(run.Assessed(workspace.GoodPath), run.ToString());
        Assert.True(run.Assessed(service), run.ToString());
        Assert.Contains(run.Diagnostics, d => d.Message.Contains("named pipe", StringComparison.Ordinal) && d.Path.EndsWith("evil.tf", StringComparison.Ordinal));
        Assert.Contains(run.Diagnostics, d => d.Message.Contains("named pipe", StringComparison.Ordinal) && d.Path.EndsWith("main.tf", StringComparison.Ordinal));
        Assert.Contains(run.Diagnostics, d => d.Message.Contains("named pipe", StringComparison.Ordinal) && d.Path.EndsWith("custom.yml", StringComparison.Ordinal));
        // The links to /dev/zero lead outside the folder assessed, and are refused for that before any read.
    }

    [Theory]
    [InlineData("--config")]
    [InlineData("--profile")]
    [InlineData("--baseline")]
    public void A_named_pipe_or_dev_zero_as_an_option_file_is_refused(string option)
    {
        if (!Unix())
        {
            return;
        }

        using var workspace = new Workspace();
        var fifo = MakeFifo(Path.Combine(workspace.Root, "options", "pipe.yml"));
        var zero = Path.Combine(workspace.Root, "options", "zero.yml");
        File.CreateSymbolicLink(zero, "/dev/zero");

        foreach (var (file, why) in new[] { (fifo, "named pipe"), (zero, "device"), ("/dev/zero", "device") })
        {
            var (code, _, stderr) = Guarded("assess", workspace.GoodPath, option, file, "--format", "json");
            Assert.True(code == 2, $"{option} {file}: exit {code}\n{stderr}");
            Assert.Contains(why, stderr, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_process_substitution_path_is_named_as_a_pipe()
    {
        if (!OperatingSystem.IsLinux())
        {
            output.WriteLine("Skipped: /proc/self/fd is Linux's.");
            return;
        }

        using var workspace = new Workspace();
        // What bash hands over for <(...): /dev/fd/N, a link to pipe:[inode].
        using var pipe = new AnonymousPipeServerStream(PipeDirection.Out);
        var path = $"/proc/self/fd/{pipe.ClientSafePipeHandle.DangerousGetHandle()}";

        var run = HostileCli.Assess(workspace, path, workspace.GoodPath);

        Assert.Equal(2, run.ExitCode);
        Assert.True(run.Assessed(workspace.GoodPath), run.ToString());
        Assert.Contains(run.Diagnostics, d => d.Level == "error" && d.Message.Contains("process substitution", StringComparison.Ordinal));
        Assert.DoesNotContain(run.Diagnostics, d => d.Message.Contains("target does not exist", StringComparison.Ordinal));

        var (code, _, stderr) = Guarded("assess", workspace.GoodPath, "--config", path);
        Assert.Equal(2, code);
        Assert.Contains("pipe", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_name_that_is_not_utf8_is_an_error_not_a_skip()
    {
        if (!OperatingSystem.IsLinux())
        {
            output.WriteLine("Skipped: file names as bytes are a Linux notion (macOS and Windows store Unicode names).");
            return;
        }

        using var workspace = new Workspace();
        var folder = Path.Combine(workspace.Root, "latin1");
        Directory.CreateDirectory(folder);
        // .NET cannot name such a file: the shell writes "caf\xe9.yaml" in Latin-1.
        Process.Start(new ProcessStartInfo("sh", ["-c", "printf 'Resources:\\n  Q:\\n    Type: AWS::SQS::Queue\\n' > \"$(printf 'caf\\351.yaml')\""]) { WorkingDirectory = folder })!.WaitForExit();

        var run = HostileCli.Assess(workspace, workspace.Root);

        Assert.Equal(2, run.ExitCode);
        Assert.True(run.Assessed(workspace.GoodPath), run.ToString());
        Assert.Contains(run.Diagnostics, d => d.Level == "error" && d.Message.Contains("not valid UTF-8", StringComparison.Ordinal) && d.Path.Contains("latin1", StringComparison.Ordinal));
    }

    [Fact]
    public void A_folder_that_cannot_be_read_is_an_error_unless_running_as_root()
    {
        if (OperatingSystem.IsWindows())
        {
            output.WriteLine("Skipped: file modes are a Unix notion.");
            return;
        }

        using var workspace = new Workspace();
        var locked = Path.Combine(workspace.Root, "locked");
        workspace.Write("locked/template.yaml", Workspace.GoodTemplate);
        File.SetUnixFileMode(locked, UnixFileMode.None);
        try
        {
            var run = HostileCli.Assess(workspace, workspace.Root);
            Assert.True(run.Assessed(workspace.GoodPath), run.ToString());
            if (Environment.IsPrivilegedProcess)
            {
                output.WriteLine("Running as root, which reads any folder: the mode-000 folder is read, so the unreadable case is checked as readable.");
                Assert.True(run.Assessed(Path.Combine(locked, "template.yaml")), run.ToString());
                return;
            }

            Assert.Equal(2, run.ExitCode);
            Assert.Contains(run.Diagnostics, d => d.Level == "error" && d.Message.Contains("cannot read the folder", StringComparison.Ordinal));
        }
        finally
        {
            File.SetUnixFileMode(locked, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }
}
