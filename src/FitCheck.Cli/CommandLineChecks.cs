using System.CommandLine;
using System.CommandLine.Parsing;

namespace FitCheck.Cli;

/// <summary>What the command line must get right before any work: <c>help</c> and <c>version</c> as commands, and
/// unknown options and commands as errors with a suggestion (never read as a file path).</summary>
internal static class CommandLineChecks
{
    /// <summary>Habits from the peers (cfn-lint, checkov, trivy) that fitcheck spells differently.</summary>
    private static readonly Dictionary<string, string> Habits = new(StringComparer.OrdinalIgnoreCase)
    {
        ["--quiet"] = "fitcheck has no --quiet: use --severity error to show only errors, or -o FILE to write the report to a file",
        ["-q"] = "fitcheck has no -q: use --severity error to show only errors, or -o FILE to write the report to a file",
        ["--no-color"] = "set NO_COLOR=1 instead; colour is already off when the output is redirected or written to a file",
        ["--no-colour"] = "set NO_COLOR=1 instead; colour is already off when the output is redirected or written to a file",
        ["--ignore-checks"] = "did you mean '--skip-rule'?",
        ["--skip-check"] = "did you mean '--skip-rule'?",
        ["--check"] = "did you mean '--rule'?",
        ["--checks"] = "did you mean '--rule'?",
        ["--exit-code"] = "did you mean '--fail-on'?",
        ["--output-file"] = "did you mean '--output'?",
        ["--output-file-path"] = "did you mean '--output'?",
    };

    /// <summary><c>help [COMMAND]</c> and <c>version</c> become <c>[COMMAND] --help</c> and <c>--version</c>.</summary>
    public static string[] Rewrite(string[] args)
    {
        if (args.Length == 0)
        {
            return args;
        }

        if (string.Equals(args[0], "help", StringComparison.OrdinalIgnoreCase))
        {
            return args.Length > 1 ? [args[1], "--help"] : ["--help"];
        }

        if (string.Equals(args[0], "version", StringComparison.OrdinalIgnoreCase) && args.Length == 1)
        {
            return ["--version"];
        }

        return args;
    }

    /// <summary>The errors to print (without the "fitcheck: " prefix); empty when the command line is good.</summary>
    public static IReadOnlyList<string> Errors(ParseResult parse, RootCommand root)
    {
        var errors = new List<string>();
        var command = parse.CommandResult.Command;
        if (command == root && parse.Tokens.Count > 0 && parse.Tokens[0] is { Type: TokenType.Argument } first)
        {
            var suggestion = Suggest(first.Value, root.Subcommands.Select(c => c.Name));
            errors.Add($"unknown command '{first.Value}'" + (suggestion is null ? "" : $"; did you mean '{suggestion}'?")
                + $" Commands: {string.Join(", ", root.Subcommands.Select(c => c.Name))}.");
            return errors;
        }

        var values = new HashSet<Token>(parse.CommandResult.Children.OfType<OptionResult>().SelectMany(o => o.Tokens));
        var names = OptionNames(command).ToList();
        foreach (var token in parse.Tokens)
        {
            if (token.Type == TokenType.DoubleDash)
            {
                break;
            }

            if (token.Type != TokenType.Argument || !LooksLikeOption(token.Value) || values.Contains(token))
            {
                continue;
            }

            var name = token.Value.Split('=', 2)[0];
            var hint = Habits.TryGetValue(name, out var habit) ? habit
                : Suggest(name, names) is { } close ? $"did you mean '{close}'?"
                : null;
            errors.Add($"unknown option '{name}' for '{command.Name}'" + (hint is null ? "" : "; " + hint));
        }

        if (errors.Count == 0)
        {
            errors.AddRange(parse.Errors.Select(e => e.Message));
        }

        return errors;
    }

    private static bool LooksLikeOption(string value) =>
        value.Length > 1 && value[0] == '-' && !double.TryParse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _);

    private static IEnumerable<string> OptionNames(Command command)
    {
        foreach (var option in command.Options)
        {
            yield return option.Name;
            foreach (var alias in option.Aliases)
            {
                yield return alias;
            }
        }

        yield return "--help";
    }

    /// <summary>The candidate closest to <paramref name="given"/> (case-insensitive, transpositions count as one
    /// edit), when it is close enough to be what was meant.</summary>
    public static string? Suggest(string given, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var d = Distance(given.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (d < bestDistance)
            {
                best = candidate;
                bestDistance = d;
            }
        }

        var allowed = given.TrimStart('-').Length <= 4 ? 1 : 2;
        return bestDistance <= allowed ? best : null;
    }

    // Optimal string alignment distance: insertions, deletions, substitutions and adjacent transpositions.
    private static int Distance(string a, string b)
    {
        var w = b.Length + 1;
        var d = new int[(a.Length + 1) * w];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i * w] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var v = Math.Min(Math.Min(d[((i - 1) * w) + j] + 1, d[(i * w) + j - 1] + 1), d[((i - 1) * w) + j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    v = Math.Min(v, d[((i - 2) * w) + j - 2] + 1);
                }

                d[(i * w) + j] = v;
            }
        }

        return d[(a.Length * w) + b.Length];
    }
}
