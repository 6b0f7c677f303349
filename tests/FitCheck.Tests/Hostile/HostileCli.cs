using System.Text.Json;

namespace FitCheck.Tests.Hostile;

/// <summary>A temporary folder holding a good template beside the hostile input, removed afterwards.</summary>
internal sealed class Workspace : IDisposable
{
    public Workspace()
    {
        Root = Path.Combine(Path.GetTempPath(), "fitcheck-hostile-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
        Write("good/template.yaml", GoodTemplate);
    }

    /// <summary>The repository's example: a SAM template with functions, a queue, a table, a workflow and a bucket.</summary>
    public static string GoodTemplate { get; } = File.ReadAllText(Path.Combine(RepoPaths.Root, "examples", "orders-pipeline", "template.yaml"));

    public string Root { get; }

    public string GoodPath => Path.Combine(Root, "good", "template.yaml");

    public string Write(string relative, string text) => Write(relative, System.Text.Encoding.UTF8.GetBytes(text));

    public string Write(string relative, byte[] bytes)
    {
        var full = Path.Combine(Root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllBytes(full, bytes);
        return full;
    }

    public void Dispose()
    {
        // A recursive delete removes symbolic links without following them, and a file's mode does not stop its
        // deletion (the folder's does), so the hostile files need no preparation.
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>What one <c>fitcheck assess --format json</c> run returned.</summary>
internal sealed record CliRun(int ExitCode, JsonElement Report)
{
    public IEnumerable<string> TemplatePaths => Report.GetProperty("templates").EnumerateArray().Select(t => t.GetProperty("path").GetString()!);

    public IEnumerable<(string Code, string Level, string Message, string Path, int Line, int Column)> Diagnostics =>
        Report.GetProperty("diagnostics").EnumerateArray().Select(d =>
        {
            var location = d.GetProperty("location");
            return (d.GetProperty("code").GetString()!, d.GetProperty("level").GetString()!, d.GetProperty("message").GetString()!,
                location.GetProperty("path").GetString()!, location.GetProperty("line").GetInt32(), location.GetProperty("column").GetInt32());
        });

    public bool Assessed(string fullPath) => TemplatePaths.Any(p => SamePath(p, fullPath));

    public IEnumerable<(string Code, string Level, string Message, string Path, int Line, int Column)> DiagnosticsOf(string fullPath) =>
        Diagnostics.Where(d => SamePath(d.Path, fullPath));

    private static bool SamePath(string shown, string fullPath) => Path.GetFullPath(shown) == Path.GetFullPath(fullPath);

    public override string ToString() => $"exit {ExitCode}\n" + string.Join("\n", Diagnostics.Select(d => $"{d.Path}:{d.Line}:{d.Column}: {d.Level} {d.Code}: {d.Message}"));
}

/// <summary>Runs the command line in-process, as <c>fitcheck</c> would, and requires it to end.</summary>
internal static class HostileCli
{
    /// <summary>A guard against hangs, not a timing: a run that has not ended by then is a failure.</summary>
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(60);

    public static CliRun Assess(Workspace workspace, params string[] paths)
    {
        var report = Path.Combine(workspace.Root, "report-" + Guid.NewGuid().ToString("N") + ".json");
        string[] args = ["assess", .. paths, "--format", "json", "--output", report, "--fail-on", "never"];
        var exit = -1;
        Exception? escaped = null;
        var thread = new Thread(() =>
        {
            try
            {
                exit = FitCheck.Cli.Program.Run(args);
            }
#pragma warning disable CA1031 // Any exception that escapes the command line is the failure under test.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                escaped = ex;
            }
        }) { IsBackground = true };
        thread.Start();
        Assert.True(thread.Join(HangGuard), $"fitcheck assess {string.Join(' ', paths)} did not end");
        Assert.Null(escaped);
        Assert.True(File.Exists(report), $"no report was written (exit code {exit})");
        using var json = JsonDocument.Parse(File.ReadAllText(report));
        File.Delete(report);
        return new CliRun(exit, json.RootElement.Clone());
    }
}
