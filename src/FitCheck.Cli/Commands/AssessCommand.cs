using System.CommandLine;
using FitCheck.Assessing;
using FitCheck.Cli.Configuration;
using FitCheck.Reports.Html;
using FitCheck.Reports.Json;
using FitCheck.Reports.Markdown;
using FitCheck.Reports.Sarif;
using FitCheck.Reports.Text;
using FitCheck.Reports.View;
using FitCheck.Rules;

namespace FitCheck.Cli.Commands;

/// <summary><c>fitcheck assess PATH...</c>: the design review.</summary>
internal static class AssessCommand
{
    public static Command Create()
    {
        var paths = CommonOptions.Paths();
        var format = CommonOptions.Format(ReportFormats.Assess, "Output format: text (the default; colour in a terminal), json, sarif, markdown or html; case-insensitive.");
        var output = CommonOptions.Outputs(ReportFormats.Assess);
        var verbose = CommonOptions.Verbose();
        var failOn = CommonOptions.FailOn("Exit with 1 when a finding is at or above this severity: error (default), warning, note or never.");
        var config = CommonOptions.Config();
        var rules = new Option<string[]>("--rule", "-r") { Description = "Run only this rule (id, slug or a peer tool's id). Repeatable.", Arity = ArgumentArity.ZeroOrMore, HelpName = "ID" };
        var skipRules = new Option<string[]>("--skip-rule") { Description = "Do not run this rule (id, slug or a peer tool's id, as cfn-lint --ignore-checks and checkov --skip-check). Repeatable.", Arity = ArgumentArity.ZeroOrMore, HelpName = "ID" };
        var sections = CommonOptions.Sections("Run only rules of this section, and show only its analyses. Repeatable.");
        var severity = CommonOptions.Choice("--severity", null, "Show only findings at or above this severity (error, warning or note); the others are neither shown nor counted for --fail-on.", "SEVERITY", ["error", "warning", "note"], null);
        severity.Aliases.Add("--min-severity");
        var baseline = new Option<FileInfo?>("--baseline", "-b") { Description = "Findings in this baseline (written by 'fitcheck baseline') are reported as existing; only new ones count for --fail-on.", HelpName = "FILE" };
        var newOnly = new Option<bool>("--new-only") { Description = "With --baseline: show only the findings that are not in the baseline." };
        var profile = ProfileOption.Create();
        var analyses = new Option<bool>("--analyses") { Description = "Run the design analyses (fit, patterns, failure paths, retries, cost, alternatives) without a workload profile; a profile turns them on." };
        var freeTier = new Option<bool>("--free-tier") { Description = "Subtract the monthly free tier in the cost estimate." };
        var retryThreshold = new Option<int?>("--retry-threshold") { Description = "Worst-case runs per failing event above which FC5901 fires (default 10).", HelpName = "N" };
        var allowEmpty = CommonOptions.AllowEmpty();
        var inputValues = new InputValueOptions();
        var maxChars = new Option<int?>("--max-chars") { Description = $"Markdown: keep the report under this many characters (default {AssessmentMarkdownWriter.DefaultMaxChars}, what a GitHub comment holds).", HelpName = "N" };
        var repositoryUrl = new Option<string?>("--repository-url") { Description = "Markdown and HTML: link findings to this repository's files at the current revision (https://github.com/OWNER/REPO; GitHub Actions sets it).", HelpName = "URL" };
        var reportUrl = new Option<string?>("--report-url") { Description = "Markdown: where the full report is published, linked when the comment is cut to fit.", HelpName = "URL" };

        var command = new Command("assess", "Assess the design: findings on workload fit, patterns, state, observability, security, delivery and cost.")
        {
            paths, format, output, verbose, failOn, config, rules, skipRules, sections, severity, baseline, newOnly, profile, analyses, freeTier,
            retryThreshold, allowEmpty, maxChars, repositoryUrl, reportUrl,
        };
        inputValues.AddTo(command);
        command.SetAction(parse =>
        {
            if (inputValues.Read(parse) is not { } input)
            {
                return (int)ExitCode.InputError;
            }

            var options = new AssessmentOptions();
            var given = parse.GetValue(paths)!;
            var baselineFile = parse.GetValue(baseline);
            if (parse.GetValue(newOnly) && baselineFile is null)
            {
                Console.Error.WriteLine("fitcheck: --new-only needs --baseline FILE (the findings it leaves out are those in the baseline)");
                return (int)ExitCode.InputError;
            }

            if (parse.GetValue(maxChars) is < 2000)
            {
                Console.Error.WriteLine("fitcheck: --max-chars must be at least 2000");
                return (int)ExitCode.InputError;
            }

            var targets = Output.Targets(parse.GetValue(output), parse.GetValue(format)!, ReportFormats.Assess);
            if (targets is null)
            {
                return (int)ExitCode.InputError;
            }

            var exclude = new List<string>();
            var configPath = ConfigFile.Locate(parse.GetValue(config), given);
            if (!AssessSetup.Configure(parse.GetValue(config), given, parse.GetValue(failOn), options, exclude))
            {
                return (int)ExitCode.InputError;
            }

            foreach (var id in parse.GetValue(rules) ?? [])
            {
                if (BuiltInRules.Find(id) is null)
                {
                    return UnknownRule(id);
                }

                options.OnlyRules.Add(id);
            }

            foreach (var id in parse.GetValue(skipRules) ?? [])
            {
                if (BuiltInRules.Find(id) is not { } rule)
                {
                    return UnknownRule(id);
                }

                options.DisabledRules.Add(rule.Info.Id);
            }

            var onlySections = (parse.GetValue(sections) ?? []).Select(s => SectionNames.Parse(s)!.Value).Distinct().ToList();
            options.OnlySections.AddRange(onlySections);

            var profilePath = ProfileOption.Locate(parse.GetValue(profile), given);
            if (!ProfileOption.TryLoad(profilePath, out var workload))
            {
                return (int)ExitCode.InputError;
            }

            options.Profile = workload;
            options.RunAnalyses = parse.GetValue(analyses);
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

            var known = baselineFile is null ? null : AssessSetup.LoadBaseline(baselineFile);
            if (baselineFile is not null && known is null)
            {
                return (int)ExitCode.InputError;
            }

            var isVerbose = parse.GetValue(verbose);
            var messages = new List<string>();
            var scan = Output.WithProgress("Reading templates", () => InputScan.Run(given, exclude, parse.GetValue(allowEmpty), isVerbose, messages, input));
            Timings.Mark("scan");
            foreach (var message in messages)
            {
                Console.Error.WriteLine(message);
            }

            if (scan is null)
            {
                return (int)ExitCode.InputError;
            }

            var inputs = InputFiles(scan.Architectures, given, configPath, profilePath, baselineFile?.FullName);
            if (!Output.RefusesInputs(targets, inputs))
            {
                return (int)ExitCode.InputError;
            }

            var assessment = Output.WithProgress("Assessing", () => Assessor.Assess(scan.Architectures, scan.Diagnostics, options));
            Timings.Mark("assess");
            if (known is not null)
            {
                assessment = assessment with { Existing = known.Match(assessment) };
            }

            var min = parse.GetValue(severity) is { } s ? SectionNames.ParseSeverity(s) : (Severity?)null;
            assessment = ReportView.Filter(assessment, new ShowOptions(min, parse.GetValue(newOnly), onlySections));
            var metadata = ReportMetadata.Detect(assessment.ToolVersion, given.FirstOrDefault(p => p != "-" && Path.Exists(p)) ?? Directory.GetCurrentDirectory(), parse.GetValue(repositoryUrl), parse.GetValue(reportUrl));
            var limit = parse.GetValue(maxChars) ?? AssessmentMarkdownWriter.DefaultMaxChars;

            var terminal = targets.Any(t => t.IsStdout && t.Format == "text");
            if (!terminal)
            {
                Output.Diagnostics(assessment.Diagnostics, isVerbose);
            }

            Timings.Mark("view");
            foreach (var target in targets)
            {
                var written = target.Format switch
                {
                    "json" => Output.Write(target, stream => AssessmentJsonWriter.Write(assessment, stream, metadata)),
                    "sarif" => Output.Write(target, stream => SarifWriter.Write(assessment, stream, metadata)),
                    "markdown" => Output.Write(target, AssessmentMarkdownWriter.Write(assessment, metadata, limit)),
                    "html" => Output.Write(target, AssessmentHtmlWriter.Write(assessment, metadata)),
                    _ => Output.Write(target, AssessmentConsoleWriter.Write(assessment, Output.ConsoleStyleFor(target), metadata, isVerbose)),
                };
                if (!written)
                {
                    return (int)ExitCode.InputError;
                }
            }

            Timings.Mark("write");
            return (int)(assessment.HasInputErrors ? ExitCode.InputError : assessment.Fails ? ExitCode.Findings : ExitCode.Success);
        });
        return command;
    }

    private static int UnknownRule(string id)
    {
        var suggestion = CommandLineChecks.Suggest(id, BuiltInRules.All.Select(r => r.Info.Id));
        Console.Error.WriteLine($"fitcheck: unknown rule '{Reports.Common.Sanitizer.Line(id)}'" + (suggestion is null ? "" : $"; did you mean '{suggestion}'?") + " See 'fitcheck rules'.");
        return (int)ExitCode.InputError;
    }

    /// <summary>Every file the run read: templates, files named, config, profile and baseline (outputs never replace them).</summary>
    public static IEnumerable<string> InputFiles(IEnumerable<Model.Architecture> architectures, IEnumerable<string> given, params string?[] others) =>
        architectures.Select(a => a.Template.Path).Where(p => p != InputScan.StdinName)
            .Concat(given.Where(p => p != "-" && File.Exists(p)))
            .Concat(others.OfType<string>());
}

/// <summary>The formats each command accepts; reports add theirs here.</summary>
internal static class ReportFormats
{
    public static readonly string[] Assess = ["text", "json", "sarif", "markdown", "html"];
}
