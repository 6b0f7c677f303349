using System.Text.RegularExpressions;
using FitCheck.Model;
using FitCheck.Templates.Discovery;
using FitCheck.Templates.Reading;

namespace FitCheck.Templates.Dialects.Serverless;

/// <summary>
/// Serverless Framework services: a <c>serverless.yml</c> (or <c>.yaml</c>, <c>.json</c>) with the files it includes
/// through <c>${file(...)}</c> and the framework's own output folder <c>.serverless/</c>, read as one unit. A
/// <c>serverless.ts</c>/<c>.js</c> is code: one warning says so and how to review it. Other JavaScript and TypeScript
/// files are listed only to find those, and are not mentioned.
/// </summary>
public sealed partial class ServerlessDialect : ITextDialect
{
    private static readonly HashSet<string> CodeExtensions = new(StringComparer.OrdinalIgnoreCase) { ".ts", ".js", ".cjs", ".mjs" };

    /// <summary>Files included from included files are followed this many levels.</summary>
    private const int MaxIncludeLevels = 4;

    public string Id => DialectIds.Serverless;

    public IReadOnlyList<string> Extensions { get; } = [".yml", ".yaml", ".json", ".ts", ".js", ".cjs", ".mjs"];

    public IReadOnlyList<InputUnit> Claim(IReadOnlyList<DiscoveredFile> files)
    {
        var units = new List<InputUnit>();
        var byPath = files.ToDictionary(f => Path.GetFullPath(f.FullPath), StringComparer.Ordinal);
        var taken = new HashSet<string>(StringComparer.Ordinal);
        var otherCode = new List<DiscoveredFile>();

        foreach (var file in files)
        {
            if (ServerlessReader.IsServiceFile(file.FullPath))
            {
                var main = Path.GetFullPath(file.FullPath);
                taken.Add(main);
                var group = new List<DiscoveredFile> { file };
                var folder = Path.GetDirectoryName(main)!;
                foreach (var included in Included(main, folder))
                {
                    if (byPath.TryGetValue(included, out var found) && taken.Add(included))
                    {
                        group.Add(found);
                    }
                }

                // The framework's own output (serverless package): the service is assessed from its source, once.
                var output = Path.Combine(folder, ".serverless") + Path.DirectorySeparatorChar;
                foreach (var (path, found) in byPath)
                {
                    if (path.StartsWith(output, StringComparison.Ordinal) && taken.Add(path))
                    {
                        group.Add(found);
                    }
                }

                units.Add(new InputUnit(this, file.DisplayPath, group));
            }
            else if (CodeExtensions.Contains(Path.GetExtension(file.FullPath)))
            {
                if (ServerlessReader.IsCodeFile(file.FullPath))
                {
                    units.Add(new InputUnit(this, file.DisplayPath, [file], CodeMarker));
                }
                else
                {
                    otherCode.Add(file);
                }
            }
        }

        if (otherCode.Count > 0)
        {
            // Not inputs of any dialect: taken so they are not each reported as skipped.
            units.Add(new InputUnit(this, otherCode[0].DisplayPath, otherCode, OtherCodeMarker));
        }

        return units;
    }

    /// <summary>A service given as text: a mapping with <c>service</c> and <c>provider</c> at the top (and no CloudFormation
    /// Resources section of its own). Files it names with <c>${file()}</c> are not read.</summary>
    public UnitResult? ReadDocument(TemplateDocument document, ReadOptions options)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(options);
        if (document.IsTemplate || document.Root is not MappingNode root || root["service"] is null || root["provider"] is null)
        {
            return null;
        }

        var read = ServerlessReader.Read(document, OptionsOf(options), serviceDirectory: null, scanRoot: null);
        return Result(read, null);
    }

    public UnitResult Read(InputUnit unit, ReadOptions options)
    {
        ArgumentNullException.ThrowIfNull(unit);
        ArgumentNullException.ThrowIfNull(options);
        if (ReferenceEquals(unit.State, OtherCodeMarker))
        {
            return new UnitResult(null, []);
        }

        if (ReferenceEquals(unit.State, CodeMarker))
        {
            return new UnitResult(null, [ServerlessReader.CodeFileDiagnostic(unit.Main.DisplayPath)]);
        }

        var main = unit.Main;
        var scanRoot = options.ScanRoot ?? Path.GetDirectoryName(Path.GetFullPath(main.FullPath));
        var read = ServerlessReader.ReadFile(main.FullPath, main.DisplayPath, OptionsOf(options), scanRoot);
        return Result(read, scanRoot);
    }

    private static ServerlessOptions OptionsOf(ReadOptions options) => new()
    {
        Stage = options.Stage,
        Region = options.Region,
        Environment = options.Variables ?? ServerlessOptions.Default.Environment,
        Parameters = options.Parameters ?? ServerlessOptions.Default.Parameters,
    };

    private static UnitResult Result(ServerlessReadResult read, string? scanRoot)
    {
        if (read.SkippedProvider is not null)
        {
            return new UnitResult(null, read.Diagnostics.Where(d => d.Code != DiagnosticCodes.NotATemplate).ToList(),
                read.Diagnostics.First(d => d.Code == DiagnosticCodes.NotATemplate));
        }

        if (read.Service is null)
        {
            return new UnitResult(null, read.Diagnostics);
        }

        var architecture = ServerlessArchitecture.Build(read, scanRoot);
        return new UnitResult(architecture, architecture.Diagnostics);
    }

    private static readonly object CodeMarker = new();
    private static readonly object OtherCodeMarker = new();

    /// <summary>The files a service includes with a literal <c>${file(path)}</c>, followed into included YAML/JSON files.</summary>
    private static HashSet<string> Included(string main, string folder)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Queue<(string Path, int Level)>();
        pending.Enqueue((main, 0));
        while (pending.Count > 0)
        {
            var (path, level) = pending.Dequeue();
            // Only a regular file within the size limit: a named pipe would block the read for ever, a device never ends.
            if (Files.UserFile.Read(path, ReaderLimits.MaxFileBytes, "file").Bytes is not { } bytes)
            {
                continue;
            }

            var text = System.Text.Encoding.UTF8.GetString(bytes);

            foreach (Match m in FileReference().Matches(text))
            {
                var relative = m.Groups[1].Value.Trim().Trim('\'', '"');
                string full;
                try
                {
                    full = Path.GetFullPath(relative, folder);
                }
                catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
                {
                    continue;
                }

                if (found.Add(full) && level + 1 < MaxIncludeLevels && Path.GetExtension(full) is ".yml" or ".yaml" or ".json")
                {
                    pending.Enqueue((full, level + 1));
                }
            }
        }

        return found;
    }

    /// <summary><c>${file(path)</c> with a path written without variables.</summary>
    [GeneratedRegex(@"\$\{file\(\s*([^)$,]+?)\s*\)")]
    private static partial Regex FileReference();
}
