using System.CommandLine;
using System.CommandLine.Invocation;
using FitCheck.Rules;

namespace FitCheck.Cli.Commands;

/// <summary><c>fitcheck --version</c>: the tool version and the rule catalog's date and size, e.g.
/// <c>fitcheck 0.1.0 (rules 2026-11-27, 42 rules)</c>. Replaces the action of System.CommandLine's built-in option.</summary>
internal static class VersionCommand
{
    /// <summary>The tool version (major.minor.patch) from the assembly.</summary>
    public static string ToolVersion => typeof(VersionCommand).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    public static string Text => $"fitcheck {ToolVersion} (rules {CatalogInfo.Date}, {CatalogInfo.RuleCount} {(CatalogInfo.RuleCount == 1 ? "rule" : "rules")})";

    public static void Replace(RootCommand root)
    {
        foreach (var option in root.Options.OfType<VersionOption>())
        {
            option.Action = new PrintVersion();
            option.Aliases.Add("-V");
            option.Description = "Show the version and the rule catalog's date (also -V and 'fitcheck version').";
        }
    }

    private sealed class PrintVersion : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            var stdout = Console.Out;
            stdout.WriteLine(Text);
            stdout.Flush();
            return 0;
        }
    }
}
