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
        var called = new HashSet<string>(StringComparer.Ordinal);
        foreach (var folder in folders)
        {
            IEnumerable<string> files;
            try
            {
                files = ConfigurationFiles(folder).ToList();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                continue;
            }

            foreach (var file in files)
            {
                if (LocalCallsText(file) is not { } text)
                {
                    continue; // An unreadable file calls nothing we can read.
                }

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
            }
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
        var content = Files.UserFile.Read(file, Reading.ReaderLimits.MaxFileBytes, "configuration file");
        if (content.Bytes is not { } bytes)
        {
            return null;
        }

        var span = bytes.AsSpan();
        return span.IndexOf("\"./"u8) < 0 && span.IndexOf("\"../"u8) < 0 ? null : System.Text.Encoding.UTF8.GetString(bytes);
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
