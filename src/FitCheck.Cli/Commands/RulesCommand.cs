using System.CommandLine;
using FitCheck.Reports.Catalog;
using FitCheck.Rules;

namespace FitCheck.Cli.Commands;

/// <summary><c>fitcheck rules</c> lists the catalog; <c>fitcheck explain ID</c> prints one rule.</summary>
internal static class RulesCommand
{
    public static Command Create()
    {
        var format = new Option<string>("--format", "-f") { Description = "Output format: text, json or markdown.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json", "markdown");
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
        var id = new Argument<string>("id") { Description = "A rule id (FC1001), slug, or a peer tool's id (ES1007, CKV_AWS_116)." };
        var command = new Command("explain", "Print one rule's page: why it matters and how to fix it.") { id };
        command.SetAction(parse =>
        {
            var rule = BuiltInRules.Find(parse.GetValue(id)!);
            if (rule is null)
            {
                Console.Error.WriteLine($"fitcheck: unknown rule '{parse.GetValue(id)}'; see 'fitcheck rules'");
                return (int)ExitCode.InputError;
            }

            return Output.Write(RuleCatalogWriter.Explain(rule.Info), null) ? 0 : (int)ExitCode.InputError;
        });
        return command;
    }
}
