using System.CommandLine;
using FitCheck.Rules;

namespace FitCheck.Cli.Commands;

internal static class CommonOptions
{
    public static Argument<string[]> Paths() => new("paths")
    {
        Description = "Files or folders to scan (folders are searched for SAM/CloudFormation templates, Terraform modules and serverless.yml services); - reads one template or serverless.yml from standard input.",
        Arity = ArgumentArity.OneOrMore,
        HelpName = "PATH",
    };

    /// <summary><c>-o [FORMAT=]FILE</c>, repeatable: several reports from one run.</summary>
    public static Option<string[]> Outputs(IReadOnlyList<string> formats) => new("--output", "-o")
    {
        Description = $"Write the report to FILE instead of standard output; FORMAT=FILE writes that format there ({string.Join(", ", formats)}). Repeatable: -o sarif=out.sarif -o html=report.html. Never overwrites an input.",
        HelpName = "[FORMAT=]FILE",
        Arity = ArgumentArity.OneOrMore,
        AllowMultipleArgumentsPerToken = false,
    };

    public static Option<FileInfo?> Output() => new("--output", "-o")
    {
        Description = "Write to this file instead of standard output.",
        HelpName = "FILE",
    };

    public static Option<bool> Verbose() => new("--verbose", "-v")
    {
        Description = "Why and how to fix under each finding; also list the files skipped as not templates.",
    };

    public static Option<bool> AllowEmpty() => new("--allow-empty")
    {
        Description = "Pass when no template is found (by default that is an error, exit code 2: a CI job pointed at the wrong folder must not pass).",
    };

    public static Option<string?> Config() => new("--config", "-c")
    {
        Description = $"Config file (default: {Configuration.ConfigFile.DefaultName} in the scanned folder or the current one).",
        HelpName = "FILE",
    };

    /// <summary>A single-valued choice, case-insensitive (<c>-f JSON</c> is <c>-f json</c>).</summary>
    public static Option<string> Choice(string name, string? alias, string description, string helpName, IReadOnlyList<string> choices, string? defaultValue)
    {
        var option = alias is null ? new Option<string>(name) : new Option<string>(name, alias);
        option.Description = description;
        option.HelpName = helpName;
        option.CustomParser = r => r.Tokens.Count == 0 ? defaultValue! : r.Tokens[0].Value.ToLowerInvariant();
        if (defaultValue is not null)
        {
            option.DefaultValueFactory = _ => defaultValue;
        }

        option.Validators.Add(r =>
        {
            if (r.Tokens.Count > 0 && !choices.Contains(r.Tokens[0].Value.ToLowerInvariant()))
            {
                r.AddError($"'{r.Tokens[0].Value}' is not a value of {name}; choose one of: {string.Join(", ", choices)}");
            }
        });
        return option;
    }

    /// <summary>A repeatable choice, case-insensitive.</summary>
    public static Option<string[]> Choices(string name, string? alias, string description, string helpName, IReadOnlyList<string> choices)
    {
        var option = alias is null ? new Option<string[]>(name) : new Option<string[]>(name, alias);
        option.Description = description;
        option.HelpName = helpName;
        option.Arity = ArgumentArity.ZeroOrMore;
        option.CustomParser = r => [.. r.Tokens.Select(t => t.Value.ToLowerInvariant())];
        option.Validators.Add(r =>
        {
            foreach (var t in r.Tokens.Where(t => !choices.Contains(t.Value.ToLowerInvariant())))
            {
                r.AddError($"'{t.Value}' is not a value of {name}; choose from: {string.Join(", ", choices)}");
            }
        });
        return option;
    }

    public static Option<string> Format(IReadOnlyList<string> formats, string description) =>
        Choice("--format", "-f", description, "FORMAT", formats, formats[0]);

    public static Option<string?> FailOn(string description)
    {
        var option = new Option<string?>("--fail-on")
        {
            Description = description,
            HelpName = "SEVERITY",
            CustomParser = r => r.Tokens.Count == 0 ? null : r.Tokens[0].Value.ToLowerInvariant(),
        };
        option.Validators.Add(r =>
        {
            if (r.Tokens.Count > 0 && r.Tokens[0].Value.ToLowerInvariant() is not ("error" or "warning" or "note" or "never"))
            {
                r.AddError($"'{r.Tokens[0].Value}' is not a value of --fail-on; choose one of: error, warning, note, never");
            }
        });
        return option;
    }

    public static Option<string[]> Sections(string description) =>
        Choices("--section", "-s", description, "SECTION", [.. SectionNames.All.Select(s => s.Id())]);
}
