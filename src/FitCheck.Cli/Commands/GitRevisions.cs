using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using FitCheck.Templates.Discovery;
using FitCheck.Templates.Reading;

namespace FitCheck.Cli.Commands;

/// <summary>
/// Reads one revision of a folder of the current git repository into a temporary folder: the files that may be
/// templates (and the config and workload profile), then the local files those templates point to (DefinitionUri),
/// listed with <c>git ls-tree</c> and read with <c>git cat-file --batch</c>. Only regular files, each no larger than a
/// template may be, at most <see cref="MaxFiles"/> files and <see cref="MaxTotalBytes"/> bytes per revision; a listing
/// longer than <see cref="MaxListedEntries"/> (a tree bomb: a small tree naming itself many times over) stops git.
/// This is the only place fitcheck starts a process: only <c>git</c>, only for <c>fitcheck diff --git</c>.
/// </summary>
internal static partial class GitRevisions
{
    /// <summary>Entries of a revision's tree listed before git is stopped.</summary>
    public const int MaxListedEntries = 200_000;

    /// <summary>Files written per revision.</summary>
    public const int MaxFiles = 10_000;

    /// <summary>Bytes written per revision.</summary>
    public const long MaxTotalBytes = 256L * 1024 * 1024;

    /// <summary>The repository's top folder and <paramref name="path"/> relative to it (forward slashes, "" for the top).</summary>
    public static (string TopLevel, string Relative)? Locate(string path, out string? error)
    {
        var full = Path.GetFullPath(path);
        var folder = Directory.Exists(full) ? full : Path.GetDirectoryName(full) ?? full;
        var (code, stdout, stderr) = Run(folder, "rev-parse", "--show-toplevel");
        if (code == NotStarted)
        {
            error = $"--git needs git, which could not be started ({stderr}); is it installed and on the PATH?";
            return null;
        }

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

    /// <summary>Writes the candidate files of <paramref name="relative"/> at <paramref name="revision"/> under
    /// <paramref name="destination"/> (keeping their repository paths). A path that does not exist at that revision gives an empty folder.</summary>
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
        List<Blob> blobs;
        try
        {
            blobs = List(topLevel, revision, relative, out error);
        }
        catch (Exception ex) when (ex is IOException or Win32Exception or InvalidOperationException)
        {
            error = $"could not list {revision}: {ex.Message}";
            return false;
        }

        if (error is not null)
        {
            return false;
        }

        var byPath = new Dictionary<string, Blob>(StringComparer.Ordinal);
        foreach (var blob in blobs)
        {
            byPath[blob.Path] = blob;
        }

        var chosen = blobs.Where(b => IsCandidate(b.Path)).ToList();
        var budget = new Budget();
        try
        {
            var written = Write(topLevel, chosen, destination, budget, revision, out error);
            if (error is not null)
            {
                return false;
            }

            // The local files the templates point to, whatever their names (one level: they are not templates).
            var referenced = new List<Blob>();
            var seen = new HashSet<string>(chosen.Select(b => b.Path), StringComparer.Ordinal);
            foreach (var (path, text) in written)
            {
                foreach (Match m in DefinitionUri().Matches(text))
                {
                    var target = Normalise(Path.GetDirectoryName(path)?.Replace('\\', '/') ?? "", m.Groups["path"].Value);
                    if (target is not null && byPath.TryGetValue(target, out var blob) && seen.Add(target))
                    {
                        referenced.Add(blob);
                    }
                }
            }

            Write(topLevel, referenced, destination, budget, revision, out error);
            return error is null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or Win32Exception or InvalidOperationException)
        {
            error = $"could not read {revision} with git: {ex.Message}";
            return false;
        }
    }

    private sealed record Blob(string Mode, string Id, long Size, string Path);

    private sealed class Budget
    {
        public int Files { get; set; }

        public long Bytes { get; set; }
    }

    /// <summary>Files with a template's extension, outside the folders discovery skips.</summary>
    private static bool IsCandidate(string path)
    {
        var segments = path.Split('/');
        return !segments[..^1].Any(s => TemplateDiscovery.SkippedDirectories.Contains(s, StringComparer.OrdinalIgnoreCase))
            && TemplateDiscovery.CandidateExtensions.Contains(Path.GetExtension(path), StringComparer.OrdinalIgnoreCase);
    }

    [GeneratedRegex("""DefinitionUri["']?\s*:\s*["']?(?<path>[^\s"'#,{}\[\]]+)""")]
    private static partial Regex DefinitionUri();

    /// <summary>A relative path resolved from a folder, in repository form; null when it leaves the repository or is a URL.</summary>
    private static string? Normalise(string folder, string relative)
    {
        if (relative.Contains("://", StringComparison.Ordinal) || relative.StartsWith('/'))
        {
            return null;
        }

        var parts = new List<string>(folder.Split('/', StringSplitOptions.RemoveEmptyEntries));
        foreach (var part in relative.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                if (parts.Count == 0)
                {
                    return null;
                }

                parts.RemoveAt(parts.Count - 1);
                continue;
            }

            parts.Add(part);
        }

        return string.Join('/', parts);
    }

    /// <summary>The regular files (blobs with mode 100644 or 100755) under <paramref name="relative"/> at <paramref name="revision"/>.</summary>
    private static List<Blob> List(string topLevel, string revision, string relative, out string? error)
    {
        error = null;
        var arguments = new List<string> { "ls-tree", "-r", "-l", "-z", "--full-tree", revision };
        if (relative.Length > 0)
        {
            arguments.Add("--");
            arguments.Add(relative);
        }

        using var process = Process.Start(Start(topLevel, arguments, stdin: false)) ?? throw new InvalidOperationException("could not start git");
        var stderr = process.StandardError.ReadToEndAsync();
        var blobs = new List<Blob>();
        var listed = 0;
        var output = process.StandardOutput.BaseStream;
        var entry = new List<byte>(256);
        var buffer = new byte[64 * 1024];
        int read;
        while ((read = output.Read(buffer)) > 0)
        {
            foreach (var b in buffer.AsSpan(0, read))
            {
                if (b != 0)
                {
                    entry.Add(b);
                    continue;
                }

                if (++listed > MaxListedEntries)
                {
                    Stop(process);
                    error = $"{revision} lists more than {MaxListedEntries:N0} files (a tree that names itself many times over?); fitcheck does not compare it";
                    return blobs;
                }

                if (ParseEntry(Encoding.UTF8.GetString([.. entry])) is { } blob)
                {
                    blobs.Add(blob);
                }

                entry.Clear();
            }
        }

        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            error = $"git ls-tree {revision} failed: {stderr.Result.Trim()}";
        }

        return blobs;
    }

    // "<mode> SP <type> SP <object> SP+ <size> TAB <path>"
    private static Blob? ParseEntry(string line)
    {
        var tab = line.IndexOf('\t', StringComparison.Ordinal);
        if (tab < 0)
        {
            return null;
        }

        var fields = line[..tab].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length != 4 || fields[1] != "blob" || fields[0] is not ("100644" or "100755")
            || !long.TryParse(fields[3], NumberStyles.None, CultureInfo.InvariantCulture, out var size))
        {
            return null; // Links, submodules, trees.
        }

        return new Blob(fields[0], fields[2], size, line[(tab + 1)..]);
    }

    /// <summary>Writes <paramref name="blobs"/> under <paramref name="destination"/> within the budget; returns each file's path and text.</summary>
    private static List<(string Path, string Text)> Write(string topLevel, List<Blob> blobs, string destination, Budget budget, string revision, out string? error)
    {
        error = null;
        var written = new List<(string, string)>();
        var root = Path.GetFullPath(destination) + Path.DirectorySeparatorChar;
        var wanted = new List<(Blob Blob, string Target)>();
        foreach (var blob in blobs)
        {
            var target = Path.GetFullPath(Path.Combine(root, blob.Path));
            if (!target.StartsWith(root, StringComparison.Ordinal) || blob.Size > ReaderLimits.MaxFileBytes)
            {
                continue; // Outside the folder, or larger than any file fitcheck reads (the scan would refuse it anyway).
            }

            budget.Files++;
            budget.Bytes += blob.Size;
            if (budget.Files > MaxFiles || budget.Bytes > MaxTotalBytes)
            {
                error = $"{revision} holds more than {MaxFiles:N0} candidate files or {MaxTotalBytes / (1024 * 1024)} MB of them; fitcheck does not compare it (give a smaller folder of the repository)";
                return written;
            }

            wanted.Add((blob, target));
        }

        if (wanted.Count == 0)
        {
            return written;
        }

        using var process = Process.Start(Start(topLevel, ["cat-file", "--batch"], stdin: true)) ?? throw new InvalidOperationException("could not start git");
        var stderr = process.StandardError.ReadToEndAsync();
        var feeder = Task.Run(() =>
        {
            try
            {
                foreach (var (blob, _) in wanted)
                {
                    process.StandardInput.Write(blob.Id + "\n");
                }

                process.StandardInput.Close();
            }
            catch (IOException)
            {
                // git stopped early; its error is reported below.
            }
        });

        var output = process.StandardOutput.BaseStream;
        foreach (var (blob, target) in wanted)
        {
            var header = ReadLine(output);
            var fields = header?.Split(' ');
            if (fields is not { Length: 3 } || fields[1] != "blob" || !long.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var size) || size != blob.Size)
            {
                Stop(process);
                error = $"git cat-file gave an unexpected answer for {blob.Path} at {revision}: {header}";
                return written;
            }

            var bytes = new byte[size];
            output.ReadExactly(bytes);
            output.ReadExactly(new byte[1]); // The line feed after the content.
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.WriteAllBytes(target, bytes);
            written.Add((blob.Path, Encoding.UTF8.GetString(bytes)));
        }

        feeder.Wait();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            error = $"git cat-file failed on {revision}: {stderr.Result.Trim()}";
        }

        return written;
    }

    private static string? ReadLine(Stream stream)
    {
        var line = new List<byte>(64);
        while (true)
        {
            var b = stream.ReadByte();
            if (b < 0)
            {
                return line.Count == 0 ? null : Encoding.UTF8.GetString([.. line]);
            }

            if (b == '\n')
            {
                return Encoding.UTF8.GetString([.. line]);
            }

            if (line.Count > 4096)
            {
                return null;
            }

            line.Add((byte)b);
        }
    }

    private static void Stop(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
        catch (Exception ex) when (ex is InvalidOperationException or Win32Exception or NotSupportedException)
        {
            // Already ended.
        }
    }

    private const int NotStarted = -1;

    private static (int Code, string Stdout, string Stderr) Run(string workingDirectory, params string[] arguments)
    {
        try
        {
            using var process = Process.Start(Start(workingDirectory, arguments, stdin: false));
            if (process is null)
            {
                return (NotStarted, "", "could not start git");
            }

            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, stdout, stderr.Result);
        }
        catch (Win32Exception ex)
        {
            return (NotStarted, "", ex.Message);
        }
    }

    private static ProcessStartInfo Start(string workingDirectory, IEnumerable<string> arguments, bool stdin)
    {
        var start = new ProcessStartInfo("git")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin,
            UseShellExecute = false,
        };
        if (stdin)
        {
            start.StandardInputEncoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        }

        start.Environment["GIT_TERMINAL_PROMPT"] = "0";
        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        return start;
    }
}
