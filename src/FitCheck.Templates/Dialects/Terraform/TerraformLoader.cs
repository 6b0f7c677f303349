using System.Text;
using System.Text.Json;
using FitCheck.Model;
using FitCheck.Templates.Dialects.Terraform.Evaluation;
using FitCheck.Templates.Dialects.Terraform.Hcl;
using FitCheck.Templates.Reading;

namespace FitCheck.Templates.Dialects.Terraform;

/// <summary>What a Terraform load may read besides the root module's folder.</summary>
/// <param name="ScanRoot">Files outside it (module sources, <c>file()</c> paths) are not read.</param>
/// <param name="VarFiles">Extra variable files (<c>-var-file</c>), read after <c>terraform.tfvars</c> and <c>*.auto.tfvars</c>.</param>
public sealed record TerraformLoadOptions(string ScanRoot, IReadOnlyList<string>? VarFiles = null);

/// <summary>
/// Reads a root module folder (its <c>.tf</c> and <c>.tf.json</c> files, <c>terraform.tfvars</c>, <c>*.auto.tfvars</c>)
/// and the local modules it calls, and evaluates them statically into a <see cref="TerraformProject"/>. Never throws for
/// bad input: every problem is a diagnostic with its file and line.
/// </summary>
public static class TerraformLoader
{
    /// <summary>Modules calling modules deeper than this are not read (real configurations nest three or four).</summary>
    public const int MaxModuleDepth = 16;

    /// <summary>Instances of one <c>count</c> or <c>for_each</c>; beyond it the expansion is treated as unknown.</summary>
    public const int MaxInstances = 1000;

    /// <summary>True when the folder holds Terraform configuration (a <c>.tf</c> or <c>.tf.json</c> file).</summary>
    public static bool IsModuleFolder(string directory) =>
        System.IO.Directory.Exists(directory)
        && System.IO.Directory.EnumerateFiles(directory).Any(f => f.EndsWith(".tf", StringComparison.Ordinal) || f.EndsWith(".tf.json", StringComparison.Ordinal));

    public static TerraformProject Load(string directory, TerraformLoadOptions options)
    {
        var session = new LoadSession(Path.GetFullPath(options.ScanRoot), Path.GetFullPath(directory));
        try
        {
            return session.Run(options.VarFiles ?? []);
        }
#pragma warning disable CA1031 // The loader turns every known failure into a diagnostic; this net keeps "never throws" for the rest.
        catch (Exception ex) when (ex is not OutOfMemoryException)
#pragma warning restore CA1031
        {
            session.Report(DiagnosticCodes.Syntax, DiagnosticLevel.Error, "fitcheck could not evaluate this Terraform configuration: " + ex.Message, SourceSpan.FileStart(session.Display(directory)));
            return session.Partial();
        }
    }

    /// <summary>Reads one configuration file into a body (native or JSON syntax by its name).</summary>
    internal static HclBody? ReadFile(string fullPath, string display, List<Diagnostic> diagnostics)
    {
        string text;
        try
        {
            var info = new FileInfo(fullPath);
            if (info.Length > ReaderLimits.MaxFileBytes)
            {
                diagnostics.Add(new Diagnostic(DiagnosticCodes.Limit, DiagnosticLevel.Error,
                    $"the file is {info.Length / (1024 * 1024)} MB; fitcheck reads configuration files up to {ReaderLimits.MaxFileBytes / (1024 * 1024)} MB", SourceSpan.FileStart(display)));
                return null;
            }

            text = new UTF8Encoding(false, true).GetString(File.ReadAllBytes(fullPath));
        }
        catch (DecoderFallbackException)
        {
            diagnostics.Add(new Diagnostic(DiagnosticCodes.Encoding, DiagnosticLevel.Error, "the file is not UTF-8 text", SourceSpan.FileStart(display)));
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException or System.Security.SecurityException)
        {
            diagnostics.Add(new Diagnostic(DiagnosticCodes.Unreadable, DiagnosticLevel.Error, "cannot read the file: " + ex.Message, SourceSpan.FileStart(display)));
            return null;
        }

        if (text.Contains('\0', StringComparison.Ordinal))
        {
            diagnostics.Add(new Diagnostic(DiagnosticCodes.Encoding, DiagnosticLevel.Error, "the file holds NUL characters: not a text file", SourceSpan.FileStart(display)));
            return null;
        }

        return fullPath.EndsWith(".json", StringComparison.Ordinal)
            ? HclJsonReader.Read(text, display, diagnostics, variables: fullPath.EndsWith(".tfvars.json", StringComparison.Ordinal))
            : HclParser.ParseFile(text, display, diagnostics);
    }

    /// <summary>One load: the files read, the diagnostics, the budget, and the module instances.</summary>
    internal sealed class LoadSession(string scanRoot, string rootDirectory)
    {
        private readonly Dictionary<string, ParsedModule> _parsed = new(StringComparer.Ordinal);
        private readonly List<Diagnostic> _diagnostics = [];
        private readonly HashSet<(string, string, SourceSpan)> _reported = [];
        private readonly List<string> _files = [];
        private readonly List<TerraformModuleCall> _calls = [];
        private ModuleInstance? _root;
        private Dictionary<string, ModuleEntry>? _installed;

        public string ScanRoot { get; } = scanRoot;

        public string RootDirectory { get; } = rootDirectory;

        public EvaluationBudget Budget { get; } = new();

        public string Display(string fullPath)
        {
            var relative = Path.GetRelativePath(ScanRoot, fullPath).Replace('\\', '/');
            return relative == "." ? "." : relative;
        }

        public bool IsInsideScanRoot(string fullPath)
        {
            var root = ScanRoot.EndsWith(Path.DirectorySeparatorChar) ? ScanRoot : ScanRoot + Path.DirectorySeparatorChar;
            return fullPath == ScanRoot || fullPath.StartsWith(root, StringComparison.Ordinal);
        }

        public void Report(string code, DiagnosticLevel level, string message, SourceSpan span)
        {
            if (_reported.Add((code, message, span)) && _diagnostics.Count < 1000)
            {
                _diagnostics.Add(new Diagnostic(code, level, message, span));
            }
        }

        public TerraformProject Run(IReadOnlyList<string> varFiles)
        {
            var parsed = Parse(RootDirectory);
            var values = RootVariableValues(parsed, varFiles);
            _root = new ModuleInstance(this, parsed, "", "", values, null, 0, []);
            var resources = new List<TerraformResource>();
            Collect(_root, resources);
            return Result(resources);
        }

        public TerraformProject Partial() => Result([]);

        private TerraformProject Result(List<TerraformResource> resources) => new()
        {
            Directory = Display(RootDirectory),
            Files = [.. _files],
            Resources = resources,
            ModuleCalls = [.. _calls],
            Diagnostics = [.. _diagnostics],
            Variables = _root?.RootVariables() ?? new Dictionary<string, HclValue>(),
        };

        private void Collect(ModuleInstance instance, List<TerraformResource> resources)
        {
            foreach (var declaration in instance.Module.Resources)
            {
                resources.AddRange(instance.Instances(declaration));
            }

            foreach (var call in instance.Module.ModuleCalls)
            {
                foreach (var child in instance.Children(call))
                {
                    var inputs = instance.Inputs(call, child.Scope);
                    var note = child.Note;
                    if (child.Instance is null && child.Kind == ModuleSourceKind.Remote && RegistryModules.IsModelled(child.Source))
                    {
                        resources.AddRange(RegistryModules.Resources(child.Source, child.Address, call, inputs));
                        note = $"not on disk; modelled from the documented inputs of {RegistryModules.Normalize(child.Source)}";
                    }

                    _calls.Add(new TerraformModuleCall
                    {
                        Address = child.Address,
                        Name = child.Name,
                        Source = child.Source,
                        Version = call.Body.Attribute("version")?.Expression is HclTemplate { LiteralText: { } version } ? version : null,
                        Kind = child.Kind,
                        Block = call,
                        Inputs = inputs,
                        Note = note,
                    });
                    if (child.Instance is not null)
                    {
                        Collect(child.Instance, resources);
                    }
                }
            }
        }

        public ParsedModule Parse(string directory)
        {
            if (_parsed.TryGetValue(directory, out var cached))
            {
                return cached;
            }

            var module = new ParsedModule(directory, Display(directory));
            _parsed[directory] = module;
            IEnumerable<string> files;
            try
            {
                files = System.IO.Directory.EnumerateFiles(directory)
                    .Where(f => f.EndsWith(".tf", StringComparison.Ordinal) || f.EndsWith(".tf.json", StringComparison.Ordinal))
                    .OrderBy(f => IsOverride(f) ? 1 : 0)
                    .ThenBy(f => f, StringComparer.Ordinal)
                    .ToList();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                Report(DiagnosticCodes.Unreadable, DiagnosticLevel.Error, "cannot list the module folder: " + ex.Message, SourceSpan.FileStart(Display(directory)));
                return module;
            }

            foreach (var file in files)
            {
                var display = Display(file);
                _files.Add(display);
                var diagnostics = new List<Diagnostic>();
                var body = ReadFile(file, display, diagnostics);
                foreach (var d in diagnostics)
                {
                    Report(d.Code, d.Level, d.Message, d.Location);
                }

                if (body is not null)
                {
                    module.Add(body, this, IsOverride(file));
                }
            }

            return module;
        }

        private static bool IsOverride(string file)
        {
            var name = Path.GetFileName(file);
            return name is "override.tf" or "override.tf.json" || name.EndsWith("_override.tf", StringComparison.Ordinal) || name.EndsWith("_override.tf.json", StringComparison.Ordinal);
        }

        /// <summary>Values of the root module's variables: <c>terraform.tfvars</c>, <c>terraform.tfvars.json</c>, <c>*.auto.tfvars</c> (lexical order), then the given var files.</summary>
        private Dictionary<string, HclValue> RootVariableValues(ParsedModule module, IReadOnlyList<string> varFiles)
        {
            var values = new Dictionary<string, HclValue>(StringComparer.Ordinal);
            var candidates = new List<string>();
            foreach (var name in new[] { "terraform.tfvars", "terraform.tfvars.json" })
            {
                var path = Path.Combine(RootDirectory, name);
                if (File.Exists(path))
                {
                    candidates.Add(path);
                }
            }

            try
            {
                candidates.AddRange(System.IO.Directory.EnumerateFiles(RootDirectory)
                    .Where(f => f.EndsWith(".auto.tfvars", StringComparison.Ordinal) || f.EndsWith(".auto.tfvars.json", StringComparison.Ordinal))
                    .Order(StringComparer.Ordinal));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Reported by Parse already.
            }

            foreach (var varFile in varFiles)
            {
                var full = Path.GetFullPath(varFile);
                if (File.Exists(full))
                {
                    candidates.Add(full);
                }
                else
                {
                    Report(DiagnosticCodes.Unreadable, DiagnosticLevel.Error, "the variable file does not exist", SourceSpan.FileStart(varFile));
                }
            }

            var evaluator = new HclEvaluator(new LiteralHost(this));
            foreach (var file in candidates)
            {
                var display = Display(file);
                var diagnostics = new List<Diagnostic>();
                var body = ReadFile(file, display, diagnostics);
                foreach (var d in diagnostics)
                {
                    Report(d.Code, d.Level, d.Message, d.Location);
                }

                if (body is null)
                {
                    continue;
                }

                _files.Add(display);
                foreach (var attribute in body.Attributes)
                {
                    if (!module.Variables.ContainsKey(attribute.Name))
                    {
                        Report(DiagnosticCodes.Structure, DiagnosticLevel.Warning, $"'{attribute.Name}' is given a value but the module declares no variable of that name", attribute.NameSpan);
                    }

                    values[attribute.Name] = evaluator.EvaluateSafely(attribute.Expression, Scope.Empty);
                }

                foreach (var block in body.Blocks)
                {
                    Report(DiagnosticCodes.Structure, DiagnosticLevel.Warning, "a variables file holds only name = value lines; this block is ignored", block.TypeSpan);
                }
            }

            return values;
        }

        /// <summary>Where <c>terraform init</c> put a module, from <c>.terraform/modules/modules.json</c> (key: <c>a.b</c> for module.a.module.b).</summary>
        public string? InstalledModule(string key)
        {
            if (_installed is null)
            {
                _installed = new Dictionary<string, ModuleEntry>(StringComparer.Ordinal);
                var manifest = Path.Combine(RootDirectory, ".terraform", "modules", "modules.json");
                if (File.Exists(manifest) && new FileInfo(manifest).Length <= ReaderLimits.MaxFileBytes)
                {
                    try
                    {
                        using var document = JsonDocument.Parse(File.ReadAllBytes(manifest));
                        if (document.RootElement.TryGetProperty("Modules", out var modules) && modules.ValueKind == JsonValueKind.Array)
                        {
                            foreach (var m in modules.EnumerateArray())
                            {
                                if (m.ValueKind == JsonValueKind.Object && m.TryGetProperty("Key", out var k) && m.TryGetProperty("Dir", out var d) && k.ValueKind == JsonValueKind.String && d.ValueKind == JsonValueKind.String)
                                {
                                    _installed[k.GetString()!] = new ModuleEntry(d.GetString()!);
                                }
                            }
                        }
                    }
                    catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException)
                    {
                        Report(DiagnosticCodes.Syntax, DiagnosticLevel.Warning, "cannot read the module manifest: " + ex.Message, SourceSpan.FileStart(Display(manifest)));
                    }
                }
            }

            return _installed.TryGetValue(key, out var entry) ? Path.GetFullPath(Path.Combine(RootDirectory, entry.Dir)) : null;
        }

        private sealed record ModuleEntry(string Dir);

        /// <summary>Reads a file the configuration names, relative to the root module (Terraform's working directory), inside the scan root only.</summary>
        public string? ReadConfigurationFile(string path, SourceSpan span, out string display)
        {
            display = path;
            string full;
            try
            {
                full = Path.GetFullPath(Path.Combine(RootDirectory, path));
            }
            catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
            {
                Report(DiagnosticCodes.Unreadable, DiagnosticLevel.Warning, $"cannot read '{path}': {ex.Message}; its content stays unknown", span);
                return null;
            }

            display = Display(full);
            var real = full;
            try
            {
                if (File.Exists(full) && new FileInfo(full).ResolveLinkTarget(true) is { } target)
                {
                    real = target.FullName;
                }
            }
            catch (IOException)
            {
                // A broken link: reported as missing below.
            }

            if (!IsInsideScanRoot(full) || !IsInsideScanRoot(real))
            {
                Report(DiagnosticCodes.OutsideRoot, DiagnosticLevel.Warning, $"'{path}' is outside the folder being assessed; fitcheck does not read it, and its content stays unknown", span);
                return null;
            }

            if (!File.Exists(full))
            {
                Report(DiagnosticCodes.Unreadable, DiagnosticLevel.Warning, $"'{display}' does not exist; its content stays unknown", span);
                return null;
            }

            var length = new FileInfo(full).Length;
            if (length > ReaderLimits.MaxFileBytes)
            {
                Report(DiagnosticCodes.Limit, DiagnosticLevel.Warning, $"'{display}' is {length / (1024 * 1024)} MB, more than fitcheck reads; its content stays unknown", span);
                return null;
            }

            try
            {
                return new UTF8Encoding(false, true).GetString(File.ReadAllBytes(full));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or DecoderFallbackException)
            {
                Report(DiagnosticCodes.Unreadable, DiagnosticLevel.Warning, $"cannot read '{display}' as text: {ex.Message}; its content stays unknown", span);
                return null;
            }
        }
    }

    /// <summary>The host of tfvars values and variable defaults: literal values, no references.</summary>
    private sealed class LiteralHost(LoadSession session) : IEvaluationHost
    {
        public EvaluationBudget Budget => session.Budget;

        public HclValue? Resolve(string name, SourceSpan span) => null;

        public string? ReadFile(string path, SourceSpan span, out string displayPath) => session.ReadConfigurationFile(path, span, out displayPath);

        public void Report(string code, DiagnosticLevel level, string message, SourceSpan span) => session.Report(code, level, message, span);
    }
}
