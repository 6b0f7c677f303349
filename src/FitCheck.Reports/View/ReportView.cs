using System.Globalization;
using FitCheck.Assessing;
using FitCheck.Model;
using FitCheck.Reports.Common;
using FitCheck.Rules;

namespace FitCheck.Reports.View;

/// <summary>What the command line asked to see: findings at or above a severity, only those new against the baseline,
/// and the analyses of the sections asked for.</summary>
/// <param name="MinSeverity">Findings below it are neither shown nor counted (as trivy's <c>--severity</c>).</param>
/// <param name="NewOnly">Only findings that are not in the baseline.</param>
/// <param name="Sections">The sections asked for (<c>--section</c>); empty for all. The analyses of other sections are left out.</param>
public sealed record ShowOptions(Severity? MinSeverity = null, bool NewOnly = false, IReadOnlyCollection<Section>? Sections = null);

/// <summary>The one view of an assessment that every human-facing writer renders (terminal, colour terminal, Markdown,
/// HTML): what is shown, in what order, how it is grouped, where to start, and the one summary line. Writers format; they
/// do not decide.</summary>
public sealed class ReportView
{
    public const int StartHereCount = 3;

    public ReportView(Assessment assessment, ReportMetadata? metadata = null)
    {
        Assessment = assessment;
        Metadata = metadata ?? ReportMetadata.Fixed(assessment.ToolVersion);
        Findings = assessment.Active.Order(ReportFacts.WorstFirst).ToList();
        Sections = ReportFacts.Sections(assessment);
        ByRule = ReportFacts.ByRule(Findings);
        StartHere = View.StartHere.Rank(ByRule, StartHereCount);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        RulesShown = Findings.Select(f => f.Rule).Where(r => seen.Add(r.Id)).ToList();
    }

    public Assessment Assessment { get; }

    public ReportMetadata Metadata { get; }

    /// <summary>Active findings, worst first: severity, then file, line, column and rule.</summary>
    public IReadOnlyList<Finding> Findings { get; }

    /// <summary>Every section in catalog order, with its counts.</summary>
    public IReadOnlyList<SectionSummary> Sections { get; }

    /// <summary>Findings grouped by rule, the worst and most frequent rule first.</summary>
    public IReadOnlyList<RuleGroup> ByRule { get; }

    /// <summary>The three rules to read first (<see cref="View.StartHere"/>).</summary>
    public IReadOnlyList<RuleGroup> StartHere { get; }

    /// <summary>Each rule with a finding, once, in the order of its first finding.</summary>
    public IReadOnlyList<RuleInfo> RulesShown { get; }

    public string State => Assessment.HasInputErrors ? "incomplete" : Assessment.Fails ? "fails" : "passes";

    public int Errors => Assessment.Count(Severity.Error);

    public int Warnings => Assessment.Count(Severity.Warning);

    public int Notes => Assessment.Count(Severity.Note);

    public int SuppressedCount => Assessment.Suppressed.Count();

    public int UnreadableInputs => Assessment.Diagnostics.Count(d => d.Level == DiagnosticLevel.Error);

    public string FailOn => Assessment.FailOn?.Name() ?? "never";

    /// <summary>The counts after the state word, the same in every report:
    /// "1 template, 0 errors, 2 warnings, 1 note, 1 suppressed (fail-on error)".</summary>
    public string Counts
    {
        get
        {
            var text = $"{Plural(Assessment.Architectures.Count, "template")}, {Plural(Errors, "error")}, {Plural(Warnings, "warning")}, {Plural(Notes, "note")}";
            if (Assessment.HasBaseline)
            {
                text += $" ({Assessment.New.Count()} new, {Assessment.Existing!.Count} existing in the baseline)";
            }

            if (SuppressedCount > 0)
            {
                text += $", {SuppressedCount} suppressed";
            }

            if (UnreadableInputs > 0)
            {
                text += $", {Plural(UnreadableInputs, "unreadable input")}";
            }

            return text + $" (fail-on {FailOn})";
        }
    }

    /// <summary>The verdict line: "passes: 1 template, 0 errors, 29 warnings, 5 notes (fail-on error)".</summary>
    public string Summary => $"{State}: {Counts}";

    /// <summary>The monthly cost total for people ("$169.89"), or what is missing when it could not be estimated; null without the cost analysis.</summary>
    public string? CostTotal => Assessment.Cost is not { } cost ? null
        : cost.Items.Count == 0 && cost.MissingInputs.Count > 0 ? "not estimated (missing inputs: " + string.Join("; ", cost.MissingInputs.Take(2)) + ")"
        : Money(cost.MonthlyTotal) + " per month";

    /// <summary>"strong (for 17, against 2)", or null without the workload-fit analysis.</summary>
    public string? Fit => Assessment.Fit is { } fit ? $"{fit.VerdictName} (for {fit.For}, against {fit.Against})" : null;

    public bool IsExisting(Finding finding) => Assessment.IsExisting(finding);

    /// <summary>"file:line:column".</summary>
    public static string Where(SourceSpan span) => $"{span.File}:{span.Line.ToString(CultureInfo.InvariantCulture)}:{span.Column.ToString(CultureInfo.InvariantCulture)}";

    public static string Plural(int count, string noun) => ReportFacts.Plural(count, noun);

    /// <summary>An amount for people: cents, thousands separated; under a cent "&lt;$0.01" (JSON keeps the exact amount).</summary>
    public static string Money(decimal value) =>
        value == 0m ? "$0.00"
        : Math.Abs(value) < 0.01m ? (value < 0 ? "-<$0.01" : "<$0.01")
        : (value < 0 ? "-$" : "$") + Math.Abs(Math.Round(value, 2, MidpointRounding.AwayFromZero)).ToString("#,##0.00", CultureInfo.InvariantCulture);

    /// <summary>Applies what the command line asked to see: findings below <see cref="ShowOptions.MinSeverity"/> and, with
    /// <see cref="ShowOptions.NewOnly"/>, those in the baseline are dropped (so they neither show nor count); the analyses
    /// of sections not asked for are left out.</summary>
    public static Assessment Filter(Assessment assessment, ShowOptions show)
    {
        var findings = assessment.Findings
            .Where(f => show.MinSeverity is not { } min || f.Severity >= min)
            .Where(f => !show.NewOnly || f.IsSuppressed || !assessment.IsExisting(f))
            .ToList();
        var filtered = assessment with { Findings = findings };

        if (show.Sections is { Count: > 0 } sections)
        {
            filtered = filtered with
            {
                Fit = sections.Contains(Section.WorkloadFit) ? assessment.Fit : null,
                Patterns = sections.Contains(Section.Pattern) ? assessment.Patterns : null,
                FailurePaths = sections.Contains(Section.State) ? assessment.FailurePaths : null,
                RetryAmplification = sections.Contains(Section.Cost) || sections.Contains(Section.State) ? assessment.RetryAmplification : null,
                Cost = sections.Contains(Section.Cost) ? assessment.Cost : null,
                Alternatives = sections.Contains(Section.Alternatives) ? assessment.Alternatives : null,
            };
        }

        return filtered;
    }
}
