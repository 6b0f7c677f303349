using System.CommandLine;
using FitCheck.Reports.Catalog;
using FitCheck.Reports.Common;
using FitCheck.Rules;

namespace FitCheck.Cli.Commands;

/// <summary><c>fitcheck rules</c> lists the catalog; <c>fitcheck explain ID</c> prints one rule.</summary>
internal static class RulesCommand
{
    /// <summary>Retired rule ids: when, and which rules took over their checks (docs/rules/ID.md says the same).</summary>
    public static IReadOnlyDictionary<string, (string Retired, string[] ReplacedBy, string Why)> Retired { get; } =
        new Dictionary<string, (string, string[], string)>(StringComparer.OrdinalIgnoreCase)
        {
            ["FC5004"] = ("2026-11-27", ["FC3007", "FC3006"],
                "it reported the same log groups as FC3007, and function log groups a second time beside FC3006; suppressions that name FC5004 no longer match anything"),
        };

    public static Command Create()
    {
        var format = CommonOptions.Format(["text", "json", "markdown"], "Output format: text, json or markdown.");
        var output = CommonOptions.Output();
        var command = new Command("rules", "List the rule catalog.") { format, output };
        command.SetAction(parse =>
        {
            var text = parse.GetValue(format) switch
            {
                "json" => RuleCatalogWriter.Json(BuiltInRules.All),
                "markdown" => RuleCatalogWriter.Markdown(BuiltInRules.All),
                _ => RuleCatalogWriter.Text(BuiltInRules.All),
            };
            return Output.Write(text, parse.GetValue(output)) ? 0 : (int)ExitCode.InputError;
        });
        return command;
    }

    public static Command Explain()
    {
        var id = new Argument<string>("id") { Description = "A rule id (FC1001), slug, or a peer tool's id (ES1007, CKV_AWS_116).", HelpName = "ID" };
        var command = new Command("explain", "Print one rule's page: why it matters and how to fix it.") { id };
        command.SetAction(parse =>
        {
            var given = parse.GetValue(id)!;
            var rule = BuiltInRules.Find(given);
            if (rule is null)
            {
                if (Retired.TryGetValue(given, out var retired))
                {
                    Console.Out.WriteLine($"{given.ToUpperInvariant()}: retired on {retired.Retired}, replaced by {string.Join(" and ", retired.ReplacedBy)}: {retired.Why}.");
                    Console.Out.WriteLine($"See 'fitcheck explain {retired.ReplacedBy[0]}'.");
                    return 0;
                }

                var suggestion = CommandLineChecks.Suggest(given, BuiltInRules.All.Select(r => r.Info.Id));
                Console.Error.WriteLine($"fitcheck: unknown rule '{Sanitizer.Line(given)}'" + (suggestion is null ? "" : $"; did you mean '{suggestion}'?") + " See 'fitcheck rules'.");
                return (int)ExitCode.InputError;
            }

            return Output.Write(RuleCatalogWriter.Explain(rule.Info), null) ? 0 : (int)ExitCode.InputError;
        });
        return command;
    }
}
