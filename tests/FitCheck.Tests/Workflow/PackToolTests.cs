using System.Diagnostics;
using System.Text.Json;
using FitCheck.Tests.Support;
using Xunit.Abstractions;

namespace FitCheck.Tests.Workflow;

/// <summary>The install path people use: <c>dotnet pack</c> makes the .NET tool package, <c>dotnet tool install</c> installs
/// it, and the installed <c>fitcheck</c> assesses the bundled example. One test: it builds the CLI in Release.</summary>
public sealed class PackToolTests(ITestOutputHelper output)
{
    [SlowFact]
    public void PackedTool_InstallsIntoAToolPath_AndAssessesTheExample()
    {
        var work = Directory.CreateTempSubdirectory("fitcheck-pack");
        try
        {
            var nupkg = Path.Combine(work.FullName, "nupkg");
            var tools = Path.Combine(work.FullName, "tools");
            var pack = Run(Dotnet, RepoPaths.Root, "pack", Path.Combine("src", "FitCheck.Cli"), "-c", "Release", "-o", nupkg, "--nologo");
            if (pack.Code != 0 && (pack.Output.Contains("NU1301", StringComparison.Ordinal) || pack.Output.Contains("NU1101", StringComparison.Ordinal)))
            {
                output.WriteLine("skipped: 'dotnet pack' needs packages that are not in the local cache and cannot be fetched offline:\n" + pack.Output);
                return;
            }

            Assert.True(pack.Code == 0, "dotnet pack failed:\n" + pack.Output);
            var package = Assert.Single(Directory.GetFiles(nupkg, "fitcheck.*.nupkg"));
            var version = Path.GetFileNameWithoutExtension(package)["fitcheck.".Length..];

            // Only the folder just packed is a source, so a package of the same name elsewhere cannot stand in for it.
            var config = Path.Combine(work.FullName, "nuget.config");
            File.WriteAllText(config, $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration><packageSources><clear /><add key="local" value="{nupkg}" /></packageSources></configuration>
                """);
            var install = Run(Dotnet, work.FullName, "tool", "install", "fitcheck", "--tool-path", tools, "--version", version, "--configfile", config);
            Assert.True(install.Code == 0, "dotnet tool install failed:\n" + install.Output);

            var fitcheck = Path.Combine(tools, OperatingSystem.IsWindows() ? "fitcheck.exe" : "fitcheck");
            var versionRun = Run(fitcheck, work.FullName, "--version");
            Assert.Equal(0, versionRun.Code);
            Assert.StartsWith($"fitcheck {version} (rules ", versionRun.Stdout, StringComparison.Ordinal);

            var assess = Run(fitcheck, RepoPaths.Root, "assess", Path.Combine("examples", "orders-pipeline"), "--format", "json", "--fail-on", "never");
            Assert.True(assess.Code == 0, assess.Output);
            using var doc = JsonDocument.Parse(assess.Stdout);
            var template = Assert.Single(doc.RootElement.GetProperty("templates").EnumerateArray());
            Assert.Equal("examples/orders-pipeline/template.yaml", template.GetProperty("path").GetString());
            Assert.True(template.GetProperty("components").GetInt32() > 5);
            Assert.Equal(version, doc.RootElement.GetProperty("tool").GetProperty("version").GetString());
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static string Dotnet => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    private static (int Code, string Stdout, string Output) Run(string program, string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout, stdout + stderr.Result);
    }
}
