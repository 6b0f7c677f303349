using System.CommandLine;
using FitCheck.Analysis.Assessing;
using FitCheck.Cli.Configuration;
using FitCheck.Reports.Html;
using FitCheck.Reports.Json;
using FitCheck.Reports.Markdown;
using FitCheck.Reports.Sarif;
using FitCheck.Reports.Text;
using FitCheck.Rules;
using FitCheck.Templates.Scanning;

namespace FitCheck.Cli.Commands;

/// <summary><c>fitcheck assess PATH...</c>: the design review.</summary>
internal static class AssessCommand
{
    public static Command Create()
    {
        var paths = CommonOptions.Paths();
        var format = new Option<string>("--format", "-f")
        {
            Description = "Output format: text (the default; colour in a terminal), json, sarif, markdown or html.",
            DefaultValueFactory = _ => "text",
        };
        format.AcceptOnlyFromAmong(ReportFormats.Assess);
        var output = CommonOptions.Output();
        var verbose = CommonOptions.Verbose();
        var failOn = new Option<string?>("--fail-on")
        {
            Description = "Exit with 1 when a finding is at or above this severity: error (default), warning, note or never.",
        };
        failOn.AcceptOnlyFromAmong("error", "warning", "note", "never");
        var config = new Option<string?>("--config", "-c") { Description = $"Config file (default: {ConfigFile.DefaultName} in the scanned folder or the current one)." };
        var rules = new Option<string[]>("--rule", "-r") { Description = "Run only this rule (id, slug or a peer tool's id). Repeatable.", Arity = ArgumentArity.ZeroOrMore };
        var sections = new Option<string[]>("--section", "-s") { Description = "Run only rules of this section. Repeatable.", Arity = ArgumentArity.ZeroOrMore };
        sections.AcceptOnlyFromAmong([.. SectionNames.All.Select(s => s.Id())]);
        var baseline = new Option<FileInfo?>("--baseline", "-b") { Description = "Findings in this baseline (written by 'fitcheck baseline') are reported as existing; only new ones count for --fail-on." };
        var profile = ProfileOption.Create();
        var freeTier = new Option<bool>("--free-tier") { Description = "Subtract the monthly free tier in the cost estimate." };
        var retryThreshold = new Option<int?>("--retry-threshold") { Description = "Worst-case runs per failing event above which FC5901 fires (default 10)." };

        var command = new Command("assess", "Assess the design: findings on workload fit, patterns, state, observability, security, delivery and cost.")
        {
            paths, format, output, verbose, failOn, config, rules, sections, baseline, profile, freeTier, retryThreshold,
        };
        command.SetAction(parse =>
        {
            var options = new AssessmentOptions();
            var given = parse.GetValue(paths)!;
            var configPath = ConfigFile.Locate(parse.GetValue(config), given);
            var exclude = new List<string>();
            var failOnText = parse.GetValue(failOn);
            if (configPath is not null)
            {
                var file = ConfigFile.Load(configPath);
                if (file.Errors.Count > 0)
                {
                    Output.Diagnostics(file.Errors, verbose: true);
                    return (int)ExitCode.InputError;
                }

                file.Apply(options, failOnText is not null);
                exclude.AddRange(file.Exclude);
            }

            if (failOnText is not null)
            {
                options.FailOn = failOnText == "never" ? null : SectionNames.ParseSeverity(failOnText);
            }

            foreach (var id in parse.GetValue(rules) ?? [])
            {
                if (BuiltInRules.Find(id) is null)
                {
                    Console.Error.WriteLine($"fitcheck: unknown rule '{id}'; see 'fitcheck rules'");
                    return (int)ExitCode.InputError;
                }

                options.OnlyRules.Add(id);
            }

            options.OnlySections.AddRange((parse.GetValue(sections) ?? []).Select(s => SectionNames.Parse(s)!.Value));

            if (!ProfileOption.TryLoad(ProfileOption.Locate(parse.GetValue(profile), given), out var workload))
            {
                return (int)ExitCode.InputError;
            }

            options.Profile = workload;
            options.FreeTier = parse.GetValue(freeTier);
            if (parse.GetValue(retryThreshold) is { } threshold)
            {
                if (threshold < 1)
                {
                    Console.Error.WriteLine("fitcheck: --retry-threshold must be at least 1");
                    return (int)ExitCode.InputError;
                }

                options.RetryThreshold = threshold;
            }

            var (scan, assessment) = Output.WithProgress("Reading and assessing templates", () =>
            {
                var scanned = Scanner.Scan(given, exclude: exclude);
                return (scanned, Assessor.Assess(scanned.Architectures, scanned.Diagnostics, options));
            });
            if (parse.GetValue(baseline) is { } baselineFile)
            {
                if (AssessSetup.LoadBaseline(baselineFile) is not { } known)
                {
                    return (int)ExitCode.InputError;
                }

                assessment = assessment with { Existing = known.Match(assessment) };
            }

            var text = parse.GetValue(format) switch
            {
                "json" => AssessmentJsonWriter.Write(assessment),
                "sarif" => SarifWriter.Write(assessment),
                "markdown" => AssessmentMarkdownWriter.Write(assessment),
                "html" => AssessmentHtmlWriter.Write(assessment),
                _ => AssessmentConsoleWriter.Write(assessment, Output.ConsoleStyleFor(parse.GetValue(output))),
            };

            if (parse.GetValue(verbose))
            {
                Output.Diagnostics(scan.Skipped, verbose: true);
            }

            if (parse.GetValue(format) != "text" || parse.GetValue(output) is not null)
            {
                Output.Diagnostics(assessment.Diagnostics, parse.GetValue(verbose));
            }

            if (!Output.Write(text, parse.GetValue(output)))
            {
                return (int)ExitCode.InputError;
            }

            return (int)(assessment.HasInputErrors ? ExitCode.InputError : assessment.Fails ? ExitCode.Findings : ExitCode.Success);
        });
        return command;
    }
}

/// <summary>The formats each command accepts; reports add theirs here.</summary>
internal static class ReportFormats
{
    public static readonly string[] Assess = ["text", "json", "sarif", "markdown", "html"];
}
