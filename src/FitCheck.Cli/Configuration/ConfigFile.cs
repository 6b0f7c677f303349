using FitCheck.Assessing;
using FitCheck.Model;
using FitCheck.Rules;
using FitCheck.Templates.Reading;
using FitCheck.Templates.Scanning;

namespace FitCheck.Cli.Configuration;

/// <summary>The <c>.fitcheck.yml</c> config file: rules and sections on or off, severity overrides, path excludes, fail-on.
/// Unknown keys and bad values are errors with their line.</summary>
internal sealed class ConfigFile
{
    public const string DefaultName = ".fitcheck.yml";

    public List<string> Exclude { get; } = [];

    public Severity? FailOn { get; private set; }

    public bool FailOnSet { get; private set; }

    public List<Diagnostic> Errors { get; } = [];

    /// <summary>Worst-case runs per failing event above which FC5901 fires; null for the default.</summary>
    public int? RetryThreshold { get; private set; }

    public Dictionary<string, Severity> SeverityOverrides { get; } = new(StringComparer.OrdinalIgnoreCase);

    public HashSet<string> DisabledRules { get; } = new(StringComparer.OrdinalIgnoreCase);

    public HashSet<string> EnabledRules { get; } = new(StringComparer.OrdinalIgnoreCase);

    public HashSet<Section> DisabledSections { get; } = [];

    /// <summary>The config given with --config, else <c>.fitcheck.yml</c> in the first scanned folder or the current one.</summary>
    public static string? Locate(string? explicitPath, IReadOnlyList<string> paths)
    {
        if (explicitPath is not null)
        {
            return explicitPath;
        }

        foreach (var folder in paths.Where(Directory.Exists).Append(Directory.GetCurrentDirectory()))
        {
            var candidate = Path.Combine(folder, DefaultName);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    public static ConfigFile Load(string path)
    {
        var config = new ConfigFile();
        if (!File.Exists(path))
        {
            config.Errors.Add(new Diagnostic(DiagnosticCodes.Config, DiagnosticLevel.Error, "config file not found", SourceSpan.FileStart(path)));
            return config;
        }

        return Read(TemplateReader.ReadFile(path, path, "config file"));
    }

    /// <summary>Reads config text (tests, tools); errors name <paramref name="displayPath"/>.</summary>
    public static ConfigFile LoadText(string text, string displayPath = DefaultName) =>
        Read(TemplateReader.ReadText(text, displayPath, "yaml"));

    private static ConfigFile Read(TemplateDocument document)
    {
        var config = new ConfigFile();
        config.Errors.AddRange(document.Diagnostics.Where(d => d.Level == DiagnosticLevel.Error));
        if (document.Root is null)
        {
            return config;
        }

        if (document.Root is not MappingNode root)
        {
            config.Error("the config must be a mapping", document.Root.Span);
            return config;
        }

        foreach (var (key, value) in root.Pairs)
        {
            switch (key.Value)
            {
                case "failOn":
                    config.FailOnSet = true;
                    if (value.Text == "never")
                    {
                        config.FailOn = null;
                    }
                    else if (value.Text is { } t && SectionNames.ParseSeverity(t) is { } s)
                    {
                        config.FailOn = s;
                    }
                    else
                    {
                        config.Error("failOn must be error, warning, note or never", value.Span);
                    }

                    break;
                case "retryThreshold":
                    if (value.Text is { } n && int.TryParse(n, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var threshold) && threshold >= 1)
                    {
                        config.RetryThreshold = threshold;
                    }
                    else
                    {
                        config.Error("retryThreshold must be a whole number of at least 1", value.Span);
                    }

                    break;
                case "exclude":
                    if (value is SequenceNode excludes)
                    {
                        foreach (var item in excludes.Items)
                        {
                            if (item.Text is not { } pattern)
                            {
                                config.Error("an exclude pattern is a path pattern such as 'tests/**'", item.Span);
                            }
                            else if (pattern.Length > Glob.MaxPatternLength)
                            {
                                config.Error($"an exclude pattern is at most {Glob.MaxPatternLength} characters long", item.Span);
                            }
                            else
                            {
                                config.Exclude.Add(pattern);
                            }
                        }
                    }
                    else
                    {
                        config.Error("exclude must be a list of path patterns", value.Span);
                    }

                    break;
                case "rules":
                    config.ReadRules(value);
                    break;
                case "sections":
                    config.ReadSections(value);
                    break;
                default:
                    config.Error($"unknown key '{key.Value}' (known: failOn, exclude, rules, sections, retryThreshold)", key.Span);
                    break;
            }
        }

        return config;
    }

    public void Apply(AssessmentOptions options, bool failOnGivenOnCommandLine)
    {
        foreach (var (id, severity) in SeverityOverrides)
        {
            options.SeverityOverrides[id] = severity;
        }

        options.DisabledRules.UnionWith(DisabledRules);
        options.EnabledRules.UnionWith(EnabledRules);
        options.RetryThreshold = RetryThreshold ?? options.RetryThreshold;
        options.DisabledSections.UnionWith(DisabledSections);
        if (FailOnSet && !failOnGivenOnCommandLine)
        {
            options.FailOn = FailOn;
        }
    }

    private void ReadRules(TemplateNode value)
    {
        if (value is not MappingNode rules)
        {
            Error("rules must map rule ids to off, on, or a severity", value.Span);
            return;
        }

        foreach (var (key, setting) in rules.Pairs)
        {
            var rule = BuiltInRules.Find(key.Value);
            if (rule is null)
            {
                Error($"unknown rule '{key.Value}'", key.Span);
                continue;
            }

            var text = (setting.Text ?? setting["severity"]?.Text)?.ToLowerInvariant();
            switch (text)
            {
                case "off" or "false":
                    DisabledRules.Add(rule.Info.Id);
                    break;
                case "on" or "true":
                    EnabledRules.Add(rule.Info.Id);
                    break;
                default:
                    if (text is not null && SectionNames.ParseSeverity(text) is { } severity)
                    {
                        SeverityOverrides[rule.Info.Id] = severity;
                        EnabledRules.Add(rule.Info.Id);
                    }
                    else
                    {
                        Error($"rule {key.Value}: expected off, on, error, warning or note", setting.Span);
                    }

                    break;
            }
        }
    }

    private void ReadSections(TemplateNode value)
    {
        if (value is not MappingNode sections)
        {
            Error("sections must map section names to off or on", value.Span);
            return;
        }

        foreach (var (key, setting) in sections.Pairs)
        {
            if (SectionNames.Parse(key.Value) is not { } section)
            {
                Error($"unknown section '{key.Value}' (known: {string.Join(", ", SectionNames.All.Select(s => s.Id()))})", key.Span);
                continue;
            }

            switch (setting.Text?.ToLowerInvariant())
            {
                case "off" or "false":
                    DisabledSections.Add(section);
                    break;
                case "on" or "true":
                    break;
                default:
                    Error($"section {key.Value}: expected off or on", setting.Span);
                    break;
            }
        }
    }

    private void Error(string message, SourceSpan span) =>
        Errors.Add(new Diagnostic(DiagnosticCodes.Config, DiagnosticLevel.Error, message, span));
}
