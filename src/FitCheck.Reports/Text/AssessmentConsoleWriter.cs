using FitCheck.Analysis.Assessing;
using FitCheck.Model;
using FitCheck.Reports.Common;
using FitCheck.Rules;
using Spectre.Console;

namespace FitCheck.Reports.Text;

/// <summary>How the terminal report is drawn. <see cref="Plain"/> is what redirected output and <c>NO_COLOR</c> get.</summary>
/// <param name="Colors">The colour system of the terminal; <see cref="ColorSystemSupport.NoColors"/> means the plain report.</param>
/// <param name="Width">Columns to wrap at.</param>
/// <param name="Links">True when the terminal shows OSC 8 hyperlinks (rule ids link to their page).</param>
public sealed record ConsoleStyle(ColorSystemSupport Colors, int Width, bool Links)
{
    public static ConsoleStyle Plain { get; } = new(ColorSystemSupport.NoColors, 120, false);

    public bool IsPlain => Colors == ColorSystemSupport.NoColors;
}

/// <summary>The terminal report: findings grouped by section, severities in colour, the file:line:column editors make
/// clickable at the start of each finding, a summary at the end. A pure function: it draws through an
/// <see cref="IAnsiConsole"/> created over a <see cref="StringWriter"/>, never the process console; without colour it is
/// exactly <see cref="AssessmentTextWriter"/>'s plain report.</summary>
public static partial class AssessmentConsoleWriter
{
    public static string Write(Assessment assessment, ConsoleStyle style)
    {
        if (style.IsPlain)
        {
            return AssessmentTextWriter.Write(assessment);
        }

        using var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.Yes,
            ColorSystem = style.Colors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
            EnvironmentVariables = new Dictionary<string, string>(StringComparer.Ordinal),
        });
        console.Profile.Width = Math.Max(40, style.Width);

        foreach (var section in SectionNames.All)
        {
            var findings = assessment.Active.Where(f => f.Rule.Section == section).Order(ReportFacts.WorstFirst).ToList();
            if (findings.Count == 0)
            {
                continue;
            }

            console.Write(new Rule($"[bold]{Markup.Escape(section.Title())}[/] [grey]({section.Id()}): {findings.Count}[/]") { Justification = Justify.Left });
            foreach (var f in findings)
            {
                var id = style.Links ? $"[link={Markup.Escape(f.Rule.HelpUri)}]{Markup.Escape(f.Rule.Id)}[/]" : Markup.Escape(f.Rule.Id);
                // The location first, where editors and terminals pick it up; the text below it wraps with an indent.
                console.MarkupLine($"{Markup.Escape(f.Location.ToString())}: [{Color(f.Severity)}]{f.Severity.Name()}[/] [bold]{id}[/] [cyan]{Markup.Escape(f.Resource.LogicalId)}[/]");
                Indented(console, Markup.Escape(f.Message));
                foreach (var r in f.Related)
                {
                    Indented(console, $"[grey]see:[/] {Markup.Escape(r.Location.ToString())} {Markup.Escape(r.Message)}");
                }

                Indented(console, $"[grey]why: {Markup.Escape(f.Rule.Rationale)}[/]");
                Indented(console, $"[grey]fix:[/] {Markup.Escape(f.Rule.Remediation)} [grey]({Markup.Escape(f.Rule.HelpUri)})[/]");
            }

            console.WriteLine();
        }

        // The design analyses, as in the plain report (their text is not markup: written as plain Text, never parsed).
        if (Analyses.AnalysesTextWriter.Write(assessment) is { Length: > 0 } analyses)
        {
            console.Write(new Spectre.Console.Text(analyses));
        }

        foreach (var d in assessment.Diagnostics.Where(d => d.Level != DiagnosticLevel.Info))
        {
            console.MarkupLine($"{Markup.Escape(d.Location.ToString())}: [{(d.Level == DiagnosticLevel.Error ? "red" : "yellow")}]{d.Level.ToString().ToLowerInvariant()}[/] {Markup.Escape(d.Code)}: {Markup.Escape(d.Message)}");
        }

        var verdict = assessment.HasInputErrors ? "[yellow bold]incomplete[/]" : assessment.Fails ? "[red bold]fails[/]" : "[green bold]passes[/]";
        var suppressed = assessment.Suppressed.Count();
        var inputErrors = assessment.Diagnostics.Count(d => d.Level == DiagnosticLevel.Error);
        console.MarkupLine(
            $"{verdict}: {ReportFacts.Plural(assessment.Architectures.Count, "template")}, "
            + $"{Counted(assessment.Count(Severity.Error), "error", "red")}, {Counted(assessment.Count(Severity.Warning), "warning", "darkorange")}, "
            + $"{Counted(assessment.Count(Severity.Note), "note", "blue")}"
            + (suppressed > 0 ? $", [grey]{suppressed} suppressed[/]" : "")
            + (inputErrors > 0 ? $", [red]{ReportFacts.Plural(inputErrors, "unreadable input")}[/]" : "")
            + $" [grey](fail-on {assessment.FailOn?.Name() ?? "never"})[/]");
        // Padding fills lines to the width; trailing blanks are noise when copied from a terminal.
        return TrailingBlanks().Replace(writer.ToString(), "$1\n");
    }

    [System.Text.RegularExpressions.GeneratedRegex(" +((?:\u001b\\[0m)?)\n")]
    private static partial System.Text.RegularExpressions.Regex TrailingBlanks();

    private static void Indented(IAnsiConsole console, string markup) => console.Write(new Padder(new Markup(markup), new Padding(4, 0, 0, 0)));

    private static string Color(Severity severity) => severity switch
    {
        Severity.Error => "red bold",
        Severity.Warning => "darkorange",
        _ => "blue",
    };

    private static string Counted(int count, string noun, string color) =>
        count == 0 ? $"[grey]0 {noun}s[/]" : $"[{color}]{ReportFacts.Plural(count, noun)}[/]";
}
