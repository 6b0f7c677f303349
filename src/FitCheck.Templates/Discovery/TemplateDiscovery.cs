using System.IO.Enumeration;
using System.Security;
using FitCheck.Model;
using FitCheck.Templates.Files;

namespace FitCheck.Templates.Discovery;

/// <summary>A file that may hold a template.</summary>
/// <param name="FullPath">The absolute path used to read the file.</param>
/// <param name="DisplayPath">The path shown to the user: relative to the working directory with forward slashes when the file is under it, else the full path.</param>
/// <param name="ExplicitlyNamed">True when the file was named on the command line (not found by walking a folder).</param>
public sealed record DiscoveredFile(string FullPath, string DisplayPath, bool ExplicitlyNamed);

/// <summary>The candidate files, sorted by display path, and what went wrong while looking for them.</summary>
public sealed record DiscoveryResult(IReadOnlyList<DiscoveredFile> Files, IReadOnlyList<Diagnostic> Diagnostics);

/// <summary>Finds template candidates in the files and folders given on the command line.</summary>
/// <remarks>
/// Folders are walked without recursion on the call stack. Directory symbolic links are followed, but every directory is
/// entered at most once, keyed by its resolved real path, so a link loop ends with an informational diagnostic.
/// </remarks>
public static class TemplateDiscovery
{
    /// <summary>The extensions of CloudFormation files found by walking folders. A file named explicitly is listed whatever its name.
    /// The scanner lists the extensions of every registered dialect (<see cref="Dialects.DialectRegistry.Extensions"/>).</summary>
    public static IReadOnlyList<string> CandidateExtensions { get; } = [".yaml", ".yml", ".json", ".template"];

    /// <summary>Folders never entered while walking: version control, dependencies, build output, SAM's build folder.</summary>
    public static IReadOnlyList<string> SkippedDirectories { get; } = [".git", "node_modules", ".aws-sam", "bin", "obj", ".venv", "__pycache__"];

    private static readonly HashSet<string> Extensions = new(CandidateExtensions, StringComparer.OrdinalIgnoreCase);
    private static readonly HashSet<string> Skipped = new(SkippedDirectories, StringComparer.OrdinalIgnoreCase);

    private static readonly StringComparer PathComparer =
        OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;

    private static readonly EnumerationOptions ListOptions = new()
    {
        RecurseSubdirectories = false,
        IgnoreInaccessible = false,
        ReturnSpecialDirectories = false,
        AttributesToSkip = 0,
    };

    /// <summary>Most symbolic links a path may pass through before it counts as unresolvable (as Linux's ELOOP).</summary>
    private const int MaxLinkHops = 40;

    /// <summary>A directory to walk: the path the user sees, its real path, and the directory it was reached from.</summary>
    private sealed record Folder(string Path, string RealPath, Folder? Parent);

    /// <summary>Finds the candidate files under <paramref name="paths"/>. Never throws for problems with the paths.</summary>
    /// <param name="paths">Files and folders, absolute or relative to <paramref name="workingDirectory"/>.</param>
    /// <param name="workingDirectory">The folder display paths are relative to; the current directory by default.</param>
    /// <param name="extensions">The extensions listed while walking folders; <see cref="CandidateExtensions"/> by default.</param>
    public static DiscoveryResult Find(IReadOnlyList<string> paths, string? workingDirectory = null, IReadOnlyCollection<string>? extensions = null)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var wanted = extensions is null ? Extensions : new HashSet<string>(extensions, StringComparer.OrdinalIgnoreCase);
        var root = Path.GetFullPath(workingDirectory ?? Directory.GetCurrentDirectory());
        var diagnostics = new List<Diagnostic>();
        var files = new Dictionary<string, DiscoveredFile>(PathComparer);
        var visited = new HashSet<string>(PathComparer);

        foreach (var given in paths)
        {
            if (string.IsNullOrWhiteSpace(given))
            {
                diagnostics.Add(new Diagnostic(DiagnosticCodes.Unreadable, DiagnosticLevel.Error,
                    "an empty path was given", SourceSpan.FileStart("(empty)")));
                continue;
            }

            string full;
            try
            {
                full = Path.GetFullPath(given, root);
            }
            catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
            {
                diagnostics.Add(new Diagnostic(DiagnosticCodes.Unreadable, DiagnosticLevel.Error,
                    $"'{given}' is not a valid path: {ex.Message}", SourceSpan.FileStart(given)));
                continue;
            }

            full = Path.TrimEndingDirectorySeparator(full);
            if (full.Length == 0)
            {
                full = Path.GetPathRoot(root) ?? root;
            }

            if (IsLink(new FileInfo(full)) && !TargetExists(new FileInfo(full)))
            {
                // A dangling link, or the pipe of a process substitution (/dev/fd/63 -> pipe:[...]): say which.
                var why = UserFile.NotRegular(full, out _) ?? "it is a symbolic link whose target does not exist";
                diagnostics.Add(new Diagnostic(DiagnosticCodes.Unreadable, DiagnosticLevel.Error,
                    $"'{given}' is not read: {why}", SourceSpan.FileStart(Display(root, full))));
            }
            else if (File.Exists(full))
            {
                AddFile(files, full, RealPath(full) ?? full, Display(root, full), explicitlyNamed: true);
            }
            else if (Directory.Exists(full))
            {
                Walk(full, root, wanted, files, visited, diagnostics);
            }
            else
            {
                diagnostics.Add(new Diagnostic(DiagnosticCodes.Unreadable, DiagnosticLevel.Error,
                    $"'{given}' does not exist", SourceSpan.FileStart(Display(root, full))));
            }
        }

        var sorted = files.Values.OrderBy(f => f.DisplayPath, StringComparer.Ordinal).ToList();
        return new DiscoveryResult(sorted, diagnostics);
    }

    private static void Walk(string start, string root, HashSet<string> extensions, Dictionary<string, DiscoveredFile> files, HashSet<string> visited, List<Diagnostic> diagnostics)
    {
        var startReal = RealPath(start) ?? start;
        if (!visited.Add(startReal))
        {
            return; // The same folder was given twice, or one given folder holds another: its files are already listed.
        }

        var pending = new Stack<Folder>();
        pending.Push(new Folder(start, startReal, null));
        while (pending.Count > 0)
        {
            var folder = pending.Pop();
            List<Entry> entries;
            try
            {
                entries = [.. List(folder.Path, extensions)];
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or SecurityException)
            {
                // An error: templates may be in it, so the run cannot say it assessed everything (exit code 2).
                diagnostics.Add(new Diagnostic(DiagnosticCodes.Unreadable, DiagnosticLevel.Error,
                    $"cannot read the folder: {ex.Message}; its files are not assessed", SourceSpan.FileStart(Display(root, folder.Path))));
                continue;
            }

            entries.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
            var subfolders = new List<Folder>();
            foreach (var entry in entries)
            {
                if (entry.IsDirectory)
                {
                    if (Skipped.Contains(entry.Name))
                    {
                        continue;
                    }

                    var real = entry.IsLink ? RealPath(entry.FullPath) : Path.Join(folder.RealPath, entry.Name);
                    if (real is null)
                    {
                        diagnostics.Add(new Diagnostic(DiagnosticCodes.Unreadable, DiagnosticLevel.Info,
                            "the symbolic link cannot be resolved (too many levels of links); not followed",
                            SourceSpan.FileStart(Display(root, entry.FullPath))));
                        continue;
                    }

                    if (!visited.Add(real))
                    {
                        var loop = IsAncestor(folder, real);
                        diagnostics.Add(new Diagnostic(DiagnosticCodes.Unreadable, DiagnosticLevel.Info,
                            loop
                                ? "the symbolic link leads back to a folder that contains it (a loop); not followed"
                                : "the folder was already scanned through another path; not scanned again",
                            SourceSpan.FileStart(Display(root, entry.FullPath))));
                        continue;
                    }

                    subfolders.Add(new Folder(entry.FullPath, real, folder));
                }
                else if (entry.IsCandidate)
                {
                    if (entry.Name.Contains('\uFFFD', StringComparison.Ordinal) && !File.Exists(entry.FullPath))
                    {
                        // The name's bytes are not UTF-8: .NET decodes them with replacement characters, so the file
                        // cannot be opened by that name. Said, not skipped silently.
                        diagnostics.Add(new Diagnostic(DiagnosticCodes.Unreadable, DiagnosticLevel.Error,
                            "the file name is not valid UTF-8, so fitcheck cannot open it (the invalid bytes are shown as \uFFFD); rename it to assess it",
                            SourceSpan.FileStart(Display(root, entry.FullPath))));
                        continue;
                    }

                    if (entry.IsLink && !TargetExists(new FileInfo(entry.FullPath)))
                    {
                        diagnostics.Add(new Diagnostic(DiagnosticCodes.Unreadable, DiagnosticLevel.Info,
                            "the symbolic link's target does not exist; skipped", SourceSpan.FileStart(Display(root, entry.FullPath))));
                        continue;
                    }

                    var real = entry.IsLink ? RealPath(entry.FullPath) : Path.Join(folder.RealPath, entry.Name);
                    AddFile(files, entry.FullPath, real ?? entry.FullPath, Display(root, entry.FullPath), explicitlyNamed: false);
                }
            }

            // Pushed in reverse so folders are walked in name order (the result is sorted anyway; this keeps diagnostics stable).
            for (var i = subfolders.Count - 1; i >= 0; i--)
            {
                pending.Push(subfolders[i]);
            }
        }
    }

    /// <summary>One folder entry: a folder (a link to one included), a candidate file by its extension, or neither.</summary>
    private readonly record struct Entry(string Name, string FullPath, bool IsDirectory, bool IsCandidate, bool IsLink);

    /// <summary>
    /// The entries of one folder. A folder's listing already says which entries are folders (links to folders included);
    /// whether an entry is a symbolic link costs a status call, so only folders and candidate files are asked, and only
    /// an entry the status marks as a reparse point is asked for its link target. Walking a repository touches every
    /// entry, and each system call counts.
    /// </summary>
    private static FileSystemEnumerable<Entry> List(string folder, HashSet<string> extensions) =>
        new(folder, (ref FileSystemEntry e) =>
        {
            var name = e.FileName.ToString();
            var isDirectory = e.IsDirectory;
            var isCandidate = !isDirectory && extensions.Contains(Path.GetExtension(name));
            var fullPath = e.ToFullPath();
            var isLink = (isDirectory || isCandidate) && (e.Attributes & FileAttributes.ReparsePoint) != 0 && IsLink(new FileInfo(fullPath));
            return new Entry(name, fullPath, isDirectory, isCandidate, isLink);
        }, ListOptions);

    private static void AddFile(Dictionary<string, DiscoveredFile> files, string fullPath, string realPath, string display, bool explicitlyNamed)
    {
        if (files.TryGetValue(realPath, out var known))
        {
            if (explicitlyNamed && !known.ExplicitlyNamed)
            {
                files[realPath] = known with { ExplicitlyNamed = true };
            }

            return;
        }

        files[realPath] = new DiscoveredFile(fullPath, display, explicitlyNamed);
    }

    private static bool IsAncestor(Folder? folder, string realPath)
    {
        for (; folder is not null; folder = folder.Parent)
        {
            if (PathComparer.Equals(folder.RealPath, realPath))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Relative to <paramref name="root"/> with forward slashes when under it; otherwise the full path.</summary>
    internal static string Display(string root, string fullPath)
    {
        var relative = Path.GetRelativePath(root, fullPath);
        if (relative == "." || Path.IsPathRooted(relative) || relative == ".." ||
            relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal) ||
            relative.StartsWith("../", StringComparison.Ordinal))
        {
            return fullPath;
        }

        return relative.Replace('\\', '/');
    }

    /// <summary>
    /// The path with every symbolic link resolved, component by component (as POSIX <c>realpath</c>); null when the links
    /// go round more than <see cref="MaxLinkHops"/> times. Components that do not exist are kept as they are.
    /// </summary>
    internal static string? RealPath(string fullPath)
    {
        var root = Path.GetPathRoot(fullPath) ?? "";
        var remaining = new List<string>(Split(fullPath[root.Length..]));
        remaining.Reverse(); // A stack: the next component is at the end.
        var current = root;
        var hops = 0;
        while (remaining.Count > 0)
        {
            var part = remaining[^1];
            remaining.RemoveAt(remaining.Count - 1);
            if (part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                current = Path.GetDirectoryName(current) ?? current;
                continue;
            }

            var next = Path.Join(current, part);
            string? target;
            try
            {
                target = new FileInfo(next).LinkTarget;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or SecurityException)
            {
                target = null;
            }

            if (target is null)
            {
                current = next;
                continue;
            }

            if (++hops > MaxLinkHops)
            {
                return null;
            }

            // Resolve the target from the folder holding the link; its components go back on the stack.
            var absolute = Path.IsPathRooted(target) ? target : Path.Join(current, target);
            var targetRoot = Path.GetPathRoot(absolute) ?? "";
            var parts = Split(absolute[targetRoot.Length..]);
            for (var i = parts.Length - 1; i >= 0; i--)
            {
                remaining.Add(parts[i]);
            }

            current = targetRoot;
        }

        return current;
    }

    private static string[] Split(string path) =>
        path.Split([Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar], StringSplitOptions.RemoveEmptyEntries);

    /// <summary>True when a link's final target exists (File.Exists is true for a dangling link on Unix).</summary>
    private static bool TargetExists(FileSystemInfo link)
    {
        try
        {
            return link.ResolveLinkTarget(returnFinalTarget: true) is { Exists: true };
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or SecurityException)
        {
            return false; // A loop of links, or a target that cannot be inspected.
        }
    }

    private static bool IsLink(FileSystemInfo entry)
    {
        try
        {
            return entry.LinkTarget is not null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or SecurityException)
        {
            return false;
        }
    }
}
