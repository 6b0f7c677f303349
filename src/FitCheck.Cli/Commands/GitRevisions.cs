using System.Diagnostics;
using System.Formats.Tar;

namespace FitCheck.Cli.Commands;

/// <summary>Reads one revision of a folder of the current git repository into a temporary folder, with <c>git archive</c>.
/// This is the only place fitcheck starts a process: only <c>git</c>, only for <c>fitcheck diff --git</c>.</summary>
internal static class GitRevisions
{
    /// <summary>The repository's top folder and <paramref name="path"/> relative to it (forward slashes, "" for the top).</summary>
    public static (string TopLevel, string Relative)? Locate(string path, out string? error)
    {
        var full = Path.GetFullPath(path);
        var folder = Directory.Exists(full) ? full : Path.GetDirectoryName(full) ?? full;
        var (code, stdout, stderr) = Run(folder, "rev-parse", "--show-toplevel");
        if (code != 0)
        {
            error = $"not inside a git repository ({stderr.Trim()})";
            return null;
        }

        var top = Path.GetFullPath(stdout.Trim());
        var relative = Path.GetRelativePath(top, full).Replace('\\', '/');
        if (relative == ".")
        {
            relative = "";
        }

        if (relative.StartsWith("..", StringComparison.Ordinal))
        {
            error = $"{path} is outside the repository at {top}";
            return null;
        }

        error = null;
        return (top, relative);
    }

    /// <summary>Writes the files of <paramref name="relative"/> at <paramref name="revision"/> under <paramref name="destination"/>
    /// (keeping their repository paths). A path that does not exist at that revision gives an empty folder.</summary>
    public static bool Extract(string topLevel, string revision, string relative, string destination, out string? error)
    {
        error = null;
        if (revision.StartsWith('-') || revision.Length == 0)
        {
            error = $"'{revision}' is not a revision";
            return false;
        }

        var (verify, _, verifyErr) = Run(topLevel, "rev-parse", "--verify", "--quiet", revision + "^{commit}");
        if (verify != 0)
        {
            error = $"unknown revision '{revision}' {verifyErr.Trim()}".Trim();
            return false;
        }

        Directory.CreateDirectory(destination);
        if (relative.Length > 0 && Run(topLevel, "cat-file", "-e", $"{revision}:{relative}").Code != 0)
        {
            return true; // the folder does not exist at that revision: nothing to compare on that side
        }

        var arguments = new List<string> { "archive", "--format=tar", revision };
        if (relative.Length > 0)
        {
            arguments.Add("--");
            arguments.Add(relative);
        }

        var start = Start(topLevel, arguments);
        using var process = Process.Start(start);
        if (process is null)
        {
            error = "could not start git";
            return false;
        }

        var stderrTask = process.StandardError.ReadToEndAsync();
        try
        {
            ExtractRegularFiles(process.StandardOutput.BaseStream, destination);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            error = $"could not read git archive of {revision}: {ex.Message}";
            process.WaitForExit();
            return false;
        }

        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            error = $"git archive {revision} failed: {stderrTask.Result.Trim()}";
            return false;
        }

        return true;
    }

    // Regular files only (no links, devices or paths that leave the destination).
    private static void ExtractRegularFiles(Stream tar, string destination)
    {
        var root = Path.GetFullPath(destination) + Path.DirectorySeparatorChar;
        using var reader = new TarReader(tar);
        while (reader.GetNextEntry() is { } entry)
        {
            if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile) || entry.DataStream is null)
            {
                continue;
            }

            var target = Path.GetFullPath(Path.Combine(root, entry.Name));
            if (!target.StartsWith(root, StringComparison.Ordinal))
            {
                continue;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            using var file = File.Create(target);
            entry.DataStream.CopyTo(file);
        }
    }

    private static (int Code, string Stdout, string Stderr) Run(string workingDirectory, params string[] arguments)
    {
        try
        {
            using var process = Process.Start(Start(workingDirectory, arguments));
            if (process is null)
            {
                return (-1, "", "could not start git");
            }

            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, stdout, stderr.Result);
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return (-1, "", $"could not start git: {ex.Message}");
        }
    }

    private static ProcessStartInfo Start(string workingDirectory, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo("git")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        return start;
    }
}
