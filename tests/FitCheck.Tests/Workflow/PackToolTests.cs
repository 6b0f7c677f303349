using System.Diagnostics;
using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Xml.Linq;
using FitCheck.Tests.Support;
using Xunit.Abstractions;

namespace FitCheck.Tests.Workflow;

/// <summary>The install path people use: <c>scripts/pack-tool.sh</c> makes the .NET tool's packages (the pointer
/// <c>fitcheck</c>, the Native AOT <c>fitcheck.&lt;rid&gt;</c> for this machine and the framework-dependent
/// <c>fitcheck.any</c>), <c>dotnet tool install</c> installs from that folder, and the installed <c>fitcheck</c> is the
/// native executable and assesses the bundled example. One test: it compiles the CLI with Native AOT (minutes).</summary>
public sealed class PackToolTests(ITestOutputHelper output)
{
    [SlowFact]
    public void PackedTool_InstallsTheNativeExecutable_AndTheFallbackInstallsTheFrameworkDependentTool()
    {
        if (OperatingSystem.IsWindows())
        {
            output.WriteLine("skipped: scripts/pack-tool.sh is a bash script; on Windows pack with `dotnet pack -r win-x64 -p:FitCheckToolRids=...` as it does.");
            return;
        }

        var rid = RuntimeInformation.RuntimeIdentifier;
        var work = Directory.CreateTempSubdirectory("fitcheck-pack");
        try
        {
            // As the script runs by default, but for this machine's runtime alone (no cross-compiling in a test).
            var nupkg = Path.Combine(work.FullName, "nupkg");
            var pack = Run("bash", RepoPaths.Root, new() { ["RIDS"] = rid, ["MSBUILDDISABLENODEREUSE"] = "1" }, Path.Combine("scripts", "pack-tool.sh"), nupkg);
            if (pack.Code != 0 && IsOfflineRestoreFailure(pack.Output))
            {
                output.WriteLine("skipped: scripts/pack-tool.sh needs packages that are not in the local cache and cannot be fetched offline:\n" + pack.Output);
                return;
            }

            if (pack.Code != 0 && pack.Output.Contains("Platform linker", StringComparison.Ordinal))
            {
                output.WriteLine("skipped: Native AOT needs clang or gcc, and neither is installed (.ci/run installs clang and zlib1g-dev):\n" + pack.Output);
                return;
            }

            Assert.True(pack.Code == 0, "scripts/pack-tool.sh failed:\n" + pack.Output);
            var version = Path.GetFileNameWithoutExtension(Assert.Single(Directory.GetFiles(nupkg, "fitcheck.any.*.nupkg")))["fitcheck.any.".Length..];
            var native = Path.Combine(nupkg, $"fitcheck.{rid}.{version}.nupkg");
            Assert.True(File.Exists(native), $"no Native AOT package for {rid}:\n" + pack.Output);

            // The pointer holds no code: it names the runtime packages, and the .NET CLI picks one. Beside a native
            // linux-<arch> goes a framework-dependent linux-musl-<arch>: the runtime graph would otherwise send Alpine to
            // an executable that needs glibc.
            string[] expected = rid.StartsWith("linux-", StringComparison.Ordinal) && !rid.StartsWith("linux-musl-", StringComparison.Ordinal)
                ? ["any", rid, "linux-musl-" + rid["linux-".Length..]]
                : ["any", rid];
            Assert.Equal(expected.Order(StringComparer.Ordinal), PointerRuntimes(Path.Combine(nupkg, $"fitcheck.{version}.nupkg")).Order(StringComparer.Ordinal));
            Assert.Equal(("executable", "fitcheck"), Command(native));
            Assert.Equal(("dotnet", "fitcheck.dll"), Command(Path.Combine(nupkg, $"fitcheck.any.{version}.nupkg")));
            foreach (var musl in expected.Where(r => r.StartsWith("linux-musl-", StringComparison.Ordinal)))
            {
                Assert.Equal(("dotnet", "fitcheck.dll"), Command(Path.Combine(nupkg, $"fitcheck.{musl}.{version}.nupkg")));
            }

            using (var zip = ZipFile.OpenRead(native))
            {
                var files = zip.Entries.Where(e => e.FullName.StartsWith("tools/", StringComparison.Ordinal)).Select(e => Path.GetFileName(e.FullName)).Order(StringComparer.Ordinal);
                Assert.Equal(["DotnetToolSettings.xml", "fitcheck"], files);
            }

            var tools = Path.Combine(work.FullName, "tools");
            var fitcheck = Install(work, nupkg, tools, version);

            // The command is the native executable from fitcheck.<rid>: no managed assembly beside it, and the .NET host
            // never starts (COREHOST_TRACE makes the host, and an apphost, trace to standard error; native code ignores it).
            var executable = File.ResolveLinkTarget(fitcheck, returnFinalTarget: true)?.FullName ?? fitcheck;
            Assert.Contains($"{Path.DirectorySeparatorChar}fitcheck.{rid}{Path.DirectorySeparatorChar}", executable, StringComparison.Ordinal);
            Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(executable)!, "*.dll"));
            if (OperatingSystem.IsLinux())
            {
                Assert.Equal("\u007fELF"u8.ToArray(), File.ReadAllBytes(executable)[..4]);
            }

            var traced = Run(fitcheck, work.FullName, new() { ["COREHOST_TRACE"] = "1" }, "--version");
            Assert.Equal(0, traced.Code);
            Assert.DoesNotContain("Tracing enabled", traced.Output, StringComparison.Ordinal);
            AssessesTheExample(fitcheck, version);

            // The fallback another platform gets: a pointer that lists no package for this runtime installs fitcheck.any,
            // which runs on the .NET runtime (the host's trace shows).
            var fallback = Path.Combine(work.FullName, "fallback");
            var packAny = Run("bash", RepoPaths.Root, new() { ["RIDS"] = "", ["MSBUILDDISABLENODEREUSE"] = "1" }, Path.Combine("scripts", "pack-tool.sh"), fallback);
            Assert.True(packAny.Code == 0, "scripts/pack-tool.sh (no runtime packages) failed:\n" + packAny.Output);
            Assert.Equal(["any"], PointerRuntimes(Path.Combine(fallback, $"fitcheck.{version}.nupkg")));
            var anyTool = Install(work, fallback, Path.Combine(work.FullName, "fallback-tools"), version);
            var anyTraced = Run(anyTool, work.FullName, new() { ["COREHOST_TRACE"] = "1" }, "--version");
            Assert.Equal(0, anyTraced.Code);
            Assert.Contains("Tracing enabled", anyTraced.Output, StringComparison.Ordinal);
            AssessesTheExample(anyTool, version);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static bool IsOfflineRestoreFailure(string output) =>
        output.Contains("NU1301", StringComparison.Ordinal) || output.Contains("NU1101", StringComparison.Ordinal) || output.Contains("NU1102", StringComparison.Ordinal);

    /// <summary>The runtimes a pointer package lists (tools/any/any/DotnetToolSettings.xml), in order.</summary>
    private static string[] PointerRuntimes(string package)
    {
        using var zip = ZipFile.OpenRead(package);
        var settings = Assert.Single(zip.Entries, e => e.Name == "DotnetToolSettings.xml");
        using var stream = settings.Open();
        return XDocument.Load(stream).Descendants("RuntimeIdentifierPackage").Select(p => (string)p.Attribute("RuntimeIdentifier")!).ToArray();
    }

    /// <summary>How a runtime package runs fitcheck: its DotnetToolSettings.xml command's runner and entry point.</summary>
    private static (string? Runner, string? EntryPoint) Command(string package)
    {
        using var zip = ZipFile.OpenRead(package);
        var settings = Assert.Single(zip.Entries, e => e.Name == "DotnetToolSettings.xml");
        using var stream = settings.Open();
        var command = Assert.Single(XDocument.Load(stream).Descendants("Command"));
        return ((string?)command.Attribute("Runner"), (string?)command.Attribute("EntryPoint"));
    }

    /// <summary>Installs fitcheck into a tool path from <paramref name="source"/> alone, so a package of the same name
    /// elsewhere cannot stand in for it; returns the installed command.</summary>
    private static string Install(DirectoryInfo work, string source, string tools, string version)
    {
        var config = Path.Combine(work.FullName, Path.GetFileName(source) + ".nuget.config");
        File.WriteAllText(config, $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration><packageSources><clear /><add key="local" value="{source}" /></packageSources></configuration>
            """);
        var install = Run(Dotnet, work.FullName, [], "tool", "install", "fitcheck", "--tool-path", tools, "--version", version, "--configfile", config);
        Assert.True(install.Code == 0, "dotnet tool install failed:\n" + install.Output);
        return Path.Combine(tools, "fitcheck");
    }

    private static void AssessesTheExample(string fitcheck, string version)
    {
        var versionRun = Run(fitcheck, RepoPaths.Root, [], "--version");
        Assert.Equal(0, versionRun.Code);
        Assert.StartsWith($"fitcheck {version} (rules ", versionRun.Stdout, StringComparison.Ordinal);

        var assess = Run(fitcheck, RepoPaths.Root, [], "assess", Path.Combine("examples", "orders-pipeline"), "--format", "json", "--fail-on", "never");
        Assert.True(assess.Code == 0, assess.Output);
        using var doc = JsonDocument.Parse(assess.Stdout);
        var template = Assert.Single(doc.RootElement.GetProperty("templates").EnumerateArray());
        Assert.Equal("examples/orders-pipeline/template.yaml", template.GetProperty("path").GetString());
        Assert.True(template.GetProperty("components").GetInt32() > 5);
        Assert.Equal(version, doc.RootElement.GetProperty("tool").GetProperty("version").GetString());
    }

    private static string Dotnet => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    private static (int Code, string Stdout, string Output) Run(string program, string workingDirectory, Dictionary<string, string> environment, params string[] args)
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
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout, stdout + stderr.Result);
    }
}
