using System.Collections.ObjectModel;

namespace FitCheck.Templates.Dialects.Serverless;

/// <summary>
/// What the framework's CLI would be told: the stage and region, and the values the user chose to supply for
/// <c>${env:...}</c>, <c>${param:...}</c> and other <c>${opt:...}</c> variables. The process environment is never read:
/// <c>${env:X}</c> takes a value only from <see cref="Environment"/> (<c>--var X=value</c> or an env file).
/// </summary>
public sealed class ServerlessOptions
{
    /// <summary>The framework's default stage when neither <c>--stage</c> nor <c>provider.stage</c> sets one.</summary>
    public const string DefaultStage = "dev";

    /// <summary>The framework's default region when neither <c>--region</c> nor <c>provider.region</c> sets one.</summary>
    public const string DefaultRegion = "us-east-1";

    private static readonly ReadOnlyDictionary<string, string> Empty = new(new Dictionary<string, string>(StringComparer.Ordinal));

    public static ServerlessOptions Default { get; } = new();

    /// <summary><c>--stage</c>: wins over <c>provider.stage</c>, as with the framework's CLI.</summary>
    public string? Stage { get; init; }

    /// <summary><c>--region</c>: wins over <c>provider.region</c>.</summary>
    public string? Region { get; init; }

    /// <summary>Values for <c>${env:NAME}</c>, supplied explicitly.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = Empty;

    /// <summary>Values for <c>${param:NAME}</c> given on the command line (they win over the <c>params</c> section).</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = Empty;

    /// <summary>Other CLI options for <c>${opt:NAME}</c> (stage and region come from their own properties).</summary>
    public IReadOnlyDictionary<string, string> CliOptions { get; init; } = Empty;

    /// <summary>
    /// Reads an env file (<c>NAME=value</c> lines, <c>#</c> comments, optional <c>export </c>, values optionally quoted) into a
    /// dictionary. Lines that are not assignments are returned in <paramref name="rejected"/> by number.
    /// </summary>
    public static Dictionary<string, string> ParseEnvFile(string text, out IReadOnlyList<int> rejected)
    {
        ArgumentNullException.ThrowIfNull(text);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var bad = new List<int>();
        var number = 0;
        foreach (var raw in text.Split('\n'))
        {
            number++;
            var line = raw.TrimEnd('\r').Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            if (line.StartsWith("export ", StringComparison.Ordinal))
            {
                line = line["export ".Length..].TrimStart();
            }

            var eq = line.IndexOf('=', StringComparison.Ordinal);
            var name = eq > 0 ? line[..eq].Trim() : "";
            if (name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-'))
            {
                bad.Add(number);
                continue;
            }

            var value = line[(eq + 1)..].Trim();
            if (value.Length >= 2 && ((value[0] == '"' && value[^1] == '"') || (value[0] == '\'' && value[^1] == '\'')))
            {
                value = value[1..^1];
            }
            else if (value.IndexOf(" #", StringComparison.Ordinal) is var comment and >= 0)
            {
                value = value[..comment].TrimEnd();
            }

            values[name] = value;
        }

        rejected = bad;
        return values;
    }
}
