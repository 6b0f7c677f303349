using System.Text;
using System.Text.Json;
using FitCheck.Model;
using FitCheck.Templates.Dialects.Terraform.Evaluation;
using FitCheck.Templates.Dialects.Terraform.Hcl;
using FitCheck.Templates.Reading;

namespace FitCheck.Templates.Dialects.Terraform;

/// <summary>What a Terraform load may read besides the root module's folder.</summary>
/// <param name="ScanRoot">Files outside it (module sources, <c>file()</c> paths) are not read.</param>
/// <param name="CommandLine"><c>-var NAME=VALUE</c> and <c>-var-file FILE</c> in command-line order, read after
/// <c>terraform.tfvars</c> and <c>*.auto.tfvars</c>, a later one winning.</param>
public sealed record TerraformLoadOptions(string ScanRoot, IReadOnlyList<VariableArgument>? CommandLine = null)
{
    /// <summary>Values that win over every other source (a plan's own variable values, when its configuration is read beside it).</summary>
    public IReadOnlyDictionary<string, HclValue>? Given { get; init; }
}

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
            return session.Run(options.CommandLine ?? [], options.Given);
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

            // Only a regular file: a named pipe would block the read for ever, a device never ends.
            var content = Files.UserFile.Read(fullPath, ReaderLimits.MaxFileBytes, "configuration file");
            if (content.Bytes is not { } bytes)
            {
                diagnostics.Add(new Diagnostic(content.Code, DiagnosticLevel.Error, content.Error ?? "cannot read the file", SourceSpan.FileStart(display)));
                return null;
            }

            text = new UTF8Encoding(false, true).GetString(bytes);
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

        public TerraformProject Run(IReadOnlyList<VariableArgument> commandLine, IReadOnlyDictionary<string, HclValue>? given)
        {
            var parsed = Parse(RootDirectory);
            var values = RootVariableValues(parsed, commandLine);
            foreach (var (name, value) in given ?? new Dictionary<string, HclValue>())
            {
                values[name] = value;
            }

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

        /// <summary>Values of the root module's variables, in Terraform's order of precedence (a later source wins):
        /// <c>terraform.tfvars</c>, <c>terraform.tfvars.json</c>, <c>*.auto.tfvars</c> and <c>*.auto.tfvars.json</c> in
        /// lexical order, then the command line's <c>-var</c> and <c>-var-file</c> in the order given.</summary>
        private Dictionary<string, HclValue> RootVariableValues(ParsedModule module, IReadOnlyList<VariableArgument> commandLine)
        {
            var values = new Dictionary<string, HclValue>(StringComparer.Ordinal);
            var evaluator = new HclEvaluator(new LiteralHost(this));
            foreach (var name in new[] { "terraform.tfvars", "terraform.tfvars.json" })
            {
                var path = Path.Combine(RootDirectory, name);
                if (File.Exists(path))
                {
                    ReadVariablesFile(path, module, evaluator, values);
                }
            }

            try
            {
                foreach (var file in System.IO.Directory.EnumerateFiles(RootDirectory)
                    .Where(f => f.EndsWith(".auto.tfvars", StringComparison.Ordinal) || f.EndsWith(".auto.tfvars.json", StringComparison.Ordinal))
                    .Order(StringComparer.Ordinal))
                {
                    ReadVariablesFile(file, module, evaluator, values);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Reported by Parse already.
            }

            foreach (var argument in commandLine)
            {
                if (argument.File is { } varFile)
                {
                    var full = Path.GetFullPath(varFile);
                    if (File.Exists(full))
                    {
                        ReadVariablesFile(full, module, evaluator, values);
                    }
                    else
                    {
                        Report(DiagnosticCodes.Unreadable, DiagnosticLevel.Error, "the variable file given with -var-file does not exist", SourceSpan.FileStart(Display(full)));
                    }
                }
                else if (argument is { Name: { } name, Value: { } text })
                {
                    if (!module.Variables.TryGetValue(name, out var declaration))
                    {
                        // One --var may be meant for another input of the scan (a serverless.yml's ${env:NAME}, another root module).
                        Report(DiagnosticCodes.Structure, DiagnosticLevel.Info, $"-var {name}=... names no variable of this module; ignored here", SourceSpan.FileStart(Display(RootDirectory)));
                        continue;
                    }

                    values[name] = CommandLineValue(name, text, declaration, evaluator);
                }
            }

            return values;
        }

        private void ReadVariablesFile(string file, ParsedModule module, HclEvaluator evaluator, Dictionary<string, HclValue> values)
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
                return;
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

        /// <summary>A <c>-var NAME=VALUE</c> value as Terraform reads it: the text itself for a variable of a primitive
        /// type or none (a number or bool converted), an HCL expression for a collection or structural type.</summary>
        private HclValue CommandLineValue(string name, string text, HclBlock declaration, HclEvaluator evaluator)
        {
            var type = declaration.Body.Attribute("type")?.Expression switch
            {
                null => "",
                HclVariable { Name: var keyword } => keyword,
                HclTemplate { LiteralText: { } legacy } => legacy, // type = "string", Terraform 0.11 style
                _ => null,
            };
            switch (type)
            {
                case "number":
                    return double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var number) ? new HclNumber(number) : new HclString(text);
                case "bool" when text is "true" or "false":
                    return new HclBool(text == "true");
                case "" or "string" or "any" or "bool":
                    return new HclString(text);
                default:
                    var origin = $"-var {name}";
                    var diagnostics = new List<Diagnostic>();
                    var expression = HclParser.ParseExpression(text, origin, diagnostics);
                    foreach (var d in diagnostics)
                    {
                        Report(d.Code, d.Level, $"-var {name}: {d.Message}", SourceSpan.FileStart(Display(RootDirectory)));
                    }

                    return diagnostics.Count > 0
                        ? HclUnknown.Of([], declaration.Labels[0].Span, "the -var value is not a valid expression")
                        : evaluator.EvaluateSafely(expression, Scope.Empty);
            }
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
                        using var document = JsonDocument.Parse(Files.UserFile.Read(manifest, ReaderLimits.MaxFileBytes, "module manifest").Bytes ?? "{}"u8.ToArray());
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
                // Only a regular file: a named pipe would block the read for ever, a device never ends.
                var content = Files.UserFile.Read(full, ReaderLimits.MaxFileBytes, "file");
                if (content.Bytes is not { } bytes)
                {
                    Report(content.Code, DiagnosticLevel.Warning, $"'{display}' is not read: {content.Error}; its content stays unknown", span);
                    return null;
                }

                return new UTF8Encoding(false, true).GetString(bytes);
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
