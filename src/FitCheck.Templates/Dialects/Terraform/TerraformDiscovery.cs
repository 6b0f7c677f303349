using System.Text.RegularExpressions;

namespace FitCheck.Templates.Dialects.Terraform;

/// <summary>
/// Finds the root modules under a folder: every folder holding <c>.tf</c> or <c>.tf.json</c> files, except those another
/// folder calls as a local module (<c>source = "./modules/x"</c>), which are read through their caller with their inputs.
/// <c>.terraform</c> folders (what <c>terraform init</c> downloads) and hidden folders are not roots.
/// </summary>
public static partial class TerraformDiscovery
{
    /// <summary>Folders deeper than this under the scan root are not searched.</summary>
    public const int MaxDepth = 32;

    public static IReadOnlyList<string> FindRootModules(string scanRoot)
    {
        var folders = new List<string>();
        Walk(Path.GetFullPath(scanRoot), 0, folders);
        var called = CalledFolders(folders);
        return [.. folders.Where(f => !called.Contains(f.TrimEnd(Path.DirectorySeparatorChar))).Order(StringComparer.Ordinal)];
    }

    /// <summary>The folders among <paramref name="folders"/> that one of them calls as a local module.</summary>
    public static HashSet<string> CalledFolders(IEnumerable<string> folders)
    {
        var files = new List<(string Folder, string File)>();
        foreach (var folder in folders)
        {
            try
            {
                files.AddRange(ConfigurationFiles(folder).Select(f => (folder, f)));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // A folder that cannot be listed calls nothing we can read.
            }
        }

        // Every configuration file is read for its calls before any module is read, so on every core (the order of the
        // files does not matter: the result is a set).
        var calls = new List<string>?[files.Count];
        Parallel.For(0, files.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
            i => calls[i] = LocalCalls(files[i].Folder, files[i].File));
        var called = new HashSet<string>(StringComparer.Ordinal);
        foreach (var found in calls)
        {
            called.UnionWith(found ?? []);
        }

        return called;
    }

    /// <summary>The full paths of the local modules <paramref name="file"/> calls; null when it calls none.</summary>
    private static List<string>? LocalCalls(string folder, string file)
    {
        if (LocalCallsText(file) is not { } text)
        {
            return null; // An unreadable file calls nothing we can read.
        }

        var called = new List<string>();
        try
        {
            foreach (Match m in LocalSource().Matches(text))
            {
                called.Add(Path.GetFullPath(Path.Combine(folder, m.Groups[1].Value)).TrimEnd(Path.DirectorySeparatorChar));
            }
        }
        catch (ArgumentException)
        {
            // A source that is no valid path calls nothing we can read.
        }

        return called;
    }

    /// <summary>
    /// The text of a configuration file when it may call a local module, else null: a file that is not a regular file
    /// (a named pipe would block the read for ever, a device never ends) or too large is not read, and a file without a
    /// quoted relative path (<c>"./</c> or <c>"../</c>), which a local source needs, is not decoded or searched. Most files
    /// have none.
    /// </summary>
    private static string? LocalCallsText(string file)
    {
        var pool = System.Buffers.ArrayPool<byte>.Shared;
        var content = Files.UserFile.Read(file, Reading.ReaderLimits.MaxFileBytes, "configuration file", prefix: false, pool, out var length);
        if (content.Bytes is not { } bytes)
        {
            return null;
        }

        var span = bytes.AsSpan(0, length);
        var text = span.IndexOf("\"./"u8) < 0 && span.IndexOf("\"../"u8) < 0 ? null : System.Text.Encoding.UTF8.GetString(span);
        pool.Return(bytes);
        return text;
    }

    private static void Walk(string folder, int depth, List<string> found)
    {
        if (depth > MaxDepth)
        {
            return;
        }

        try
        {
            if (ConfigurationFiles(folder).Any())
            {
                found.Add(folder);
            }

            foreach (var sub in Directory.EnumerateDirectories(folder))
            {
                var name = Path.GetFileName(sub);
                if (name.StartsWith('.') || name is "node_modules" || new DirectoryInfo(sub).LinkTarget is not null)
                {
                    continue;
                }

                Walk(sub, depth + 1, found);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // An unreadable folder holds no root we can read.
        }
    }

    private static IEnumerable<string> ConfigurationFiles(string folder) =>
        Directory.EnumerateFiles(folder).Where(f => f.EndsWith(".tf", StringComparison.Ordinal) || f.EndsWith(".tf.json", StringComparison.Ordinal));

    [GeneratedRegex("""\bsource\s*[=:]\s*"(\.\.?/[^"]*)"\s*""")]
    private static partial Regex LocalSource();
}
