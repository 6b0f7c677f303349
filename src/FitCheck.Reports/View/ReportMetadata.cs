using System.Globalization;

namespace FitCheck.Reports.View;

/// <summary>What every report says about the run itself: when, by which fitcheck, at which revision; and where links
/// point (a repository URL makes file links GitHub blob URLs; a report URL is where the full report lives).</summary>
public sealed record ReportMetadata(DateTimeOffset? GeneratedAt, string ToolVersion, string? Revision, string? RepositoryUrl = null, string? ReportUrl = null)
{
    /// <summary>"generated 2026-12-07 07:55 UTC by fitcheck 0.1.0 at revision 4144b16".</summary>
    public string Line
    {
        get
        {
            var parts = new List<string>();
            if (GeneratedAt is { } at)
            {
                parts.Add("generated " + at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture));
            }

            parts.Add("by fitcheck " + ToolVersion);
            if (Revision is { } r)
            {
                parts.Add("at revision " + (r.Length > 12 ? r[..12] : r));
            }

            return string.Join(' ', parts);
        }
    }

    /// <summary>No time, no revision: what tests and snapshots use, so a report is a pure function of its input.</summary>
    public static ReportMetadata Fixed(string toolVersion) => new(null, toolVersion, null);

    /// <summary>The current time, this fitcheck, and the revision of the git repository holding <paramref name="folder"/>
    /// (read from <c>.git/HEAD</c> and its refs as files: no process is started). The repository URL comes from
    /// <paramref name="repositoryUrl"/>, else GitHub Actions' <c>GITHUB_SERVER_URL</c>/<c>GITHUB_REPOSITORY</c>.</summary>
    public static ReportMetadata Detect(string toolVersion, string folder, string? repositoryUrl, string? reportUrl)
    {
        var revision = Environment.GetEnvironmentVariable("GITHUB_SHA") is { Length: 40 } sha ? sha : GitRevision.Read(folder);
        if (repositoryUrl is null && Environment.GetEnvironmentVariable("GITHUB_SERVER_URL") is { Length: > 0 } server
            && Environment.GetEnvironmentVariable("GITHUB_REPOSITORY") is { Length: > 0 } repo)
        {
            repositoryUrl = server.TrimEnd('/') + "/" + repo;
        }

        return new ReportMetadata(DateTimeOffset.UtcNow, toolVersion, revision, repositoryUrl?.TrimEnd('/'), reportUrl);
    }

    /// <summary>A link to a line: <c>REPO/blob/REV/path#L12</c> when the repository and revision are known (works in a
    /// pull-request comment), else null (the caller prints plain <c>file:line</c>).</summary>
    public string? BlobUrl(Model.SourceSpan span)
    {
        if (RepositoryUrl is null || Revision is null || !Uri.TryCreate(RepositoryUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
        {
            return null;
        }

        var path = span.File.Replace('\\', '/');
        if (path.StartsWith("./", StringComparison.Ordinal))
        {
            path = path[2..];
        }

        if (path.StartsWith('/') || path.StartsWith("../", StringComparison.Ordinal))
        {
            return null;
        }

        return $"{RepositoryUrl}/blob/{Uri.EscapeDataString(Revision)}/{Common.ReportFacts.RelativeUri(path)}#L{span.Line.ToString(CultureInfo.InvariantCulture)}";
    }
}

/// <summary>The commit checked out in a git working tree, read from files: <c>.git/HEAD</c>, the ref it names (loose or
/// in <c>packed-refs</c>), a <c>.git</c> file pointing to a worktree's git folder and its <c>commondir</c>.</summary>
public static class GitRevision
{
    public static string? Read(string folder)
    {
        try
        {
            for (var dir = new DirectoryInfo(Path.GetFullPath(folder)); dir is not null; dir = dir.Parent)
            {
                var dotGit = Path.Combine(dir.FullName, ".git");
                string? gitDir = Directory.Exists(dotGit) ? dotGit : File.Exists(dotGit) ? FromGitFile(dotGit, dir.FullName) : null;
                if (gitDir is not null)
                {
                    return FromGitDir(gitDir);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or System.Security.SecurityException)
        {
            // an unreadable repository: no revision
        }

        return null;
    }

    private static string? FromGitFile(string file, string folder)
    {
        var text = ReadSmall(file);
        if (text is null || !text.StartsWith("gitdir:", StringComparison.Ordinal))
        {
            return null;
        }

        var path = text["gitdir:".Length..].Trim();
        return Path.GetFullPath(Path.Combine(folder, path));
    }

    private static string? FromGitDir(string gitDir)
    {
        var head = ReadSmall(Path.Combine(gitDir, "HEAD"))?.Trim();
        if (head is null)
        {
            return null;
        }

        if (!head.StartsWith("ref:", StringComparison.Ordinal))
        {
            return IsSha(head) ? head : null;
        }

        var reference = head[4..].Trim();
        if (reference.Contains("..", StringComparison.Ordinal))
        {
            return null;
        }

        var common = ReadSmall(Path.Combine(gitDir, "commondir"))?.Trim() is { Length: > 0 } c ? Path.GetFullPath(Path.Combine(gitDir, c)) : gitDir;
        foreach (var dir in new[] { gitDir, common })
        {
            if (ReadSmall(Path.Combine(dir, reference))?.Trim() is { } loose && IsSha(loose))
            {
                return loose;
            }
        }

        foreach (var dir in new[] { gitDir, common })
        {
            var packed = ReadSmall(Path.Combine(dir, "packed-refs"), 4 * 1024 * 1024);
            foreach (var line in packed?.Split('\n') ?? [])
            {
                var parts = line.Trim().Split(' ', 2);
                if (parts.Length == 2 && parts[1] == reference && IsSha(parts[0]))
                {
                    return parts[0];
                }
            }
        }

        return null;
    }

    private static bool IsSha(string text) => text.Length is 40 or 64 && text.All(char.IsAsciiHexDigit);

    // Regular files only, bounded: a FIFO or a device (length 0) named HEAD must not block or flood the run.
    private static string? ReadSmall(string path, int limit = 64 * 1024)
    {
        var info = new FileInfo(path);
        if (!info.Exists || info.Length <= 0 || info.Length > limit)
        {
            return null;
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var buffer = new byte[(int)info.Length];
        var read = 0;
        while (read < buffer.Length && stream.Read(buffer, read, buffer.Length - read) is var n && n > 0)
        {
            read += n;
        }

        return System.Text.Encoding.UTF8.GetString(buffer, 0, read);
    }
}
