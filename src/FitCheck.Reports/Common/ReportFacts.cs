using FitCheck.Assessing;
using FitCheck.Model;
using FitCheck.Rules;

namespace FitCheck.Reports.Common;

/// <summary>Orderings and summaries every human-facing report shares, so the text, Markdown and HTML reports agree.</summary>
public static class ReportFacts
{
    /// <summary>Findings by severity (worst first), then file, line, column and rule.</summary>
    public static IComparer<Finding> WorstFirst { get; } = Comparer<Finding>.Create((a, b) =>
    {
        var c = ((int)b.Severity).CompareTo((int)a.Severity); // As ints: an enum's CompareTo(object) boxes both, per comparison.
        return c != 0 ? c : Analyzer.Compare(a, b);
    });

    /// <summary>The sections that have active findings, worst first: most errors, then warnings, then notes, then catalog order.</summary>
    public static IReadOnlyList<SectionSummary> SectionsWorstFirst(Assessment assessment) =>
        Sections(assessment).Where(s => s.Total > 0)
            .OrderByDescending(s => s.Errors).ThenByDescending(s => s.Warnings).ThenByDescending(s => s.Notes).ThenBy(s => s.Section)
            .ToList();

    /// <summary>Every section, in catalog order, with its counts (zero included).</summary>
    public static IReadOnlyList<SectionSummary> Sections(Assessment assessment)
    {
        var active = assessment.Active.ToList();
        return SectionNames.All.Select(section =>
        {
            var inSection = active.Where(f => f.Rule.Section == section).ToList();
            return new SectionSummary(
                section,
                inSection.Count(f => f.Severity == Severity.Error),
                inSection.Count(f => f.Severity == Severity.Warning),
                inSection.Count(f => f.Severity == Severity.Note),
                assessment.Suppressed.Count(f => f.Rule.Section == section),
                inSection.Order(WorstFirst).ToList());
        }).ToList();
    }

    /// <summary>The rules to act on first: one action per rule, by the worst severity it found, then how many findings, then id.</summary>
    public static IReadOnlyList<RuleGroup> TopActions(Assessment assessment, int count) =>
        ByRule(assessment.Active).Take(count).ToList();

    /// <summary>Findings grouped by rule, the worst and most frequent rule first.</summary>
    public static IReadOnlyList<RuleGroup> ByRule(IEnumerable<Finding> findings) =>
        findings.GroupBy(f => f.Rule.Id, StringComparer.Ordinal)
            .Select(g => new RuleGroup(g.First().Rule, g.Order(WorstFirst).ToList()))
            .OrderByDescending(g => g.Severity).ThenByDescending(g => g.Findings.Count).ThenBy(g => g.Rule.Id, StringComparer.Ordinal)
            .ToList();

    /// <summary>One line for the whole run: "fails: 1 error, 2 warnings in 3 templates (fail-on error)".</summary>
    public static string Verdict(Assessment assessment)
    {
        var state = assessment.HasInputErrors ? "incomplete" : assessment.Fails ? "fails" : "passes";
        var failOn = assessment.FailOn is { } s ? $"fail-on {s.Name()}" : "fail-on never";
        return $"{state}: {Counts(assessment)} in {Plural(assessment.Architectures.Count, "template")} ({failOn})";
    }

    /// <summary>"1 error, 2 warnings, 0 notes" with "N suppressed" and unreadable inputs when there are any.</summary>
    public static string Counts(Assessment assessment)
    {
        var text = $"{Plural(assessment.Count(Severity.Error), "error")}, {Plural(assessment.Count(Severity.Warning), "warning")}, {Plural(assessment.Count(Severity.Note), "note")}";
        var suppressed = assessment.Suppressed.Count();
        if (suppressed > 0)
        {
            text += $", {suppressed} suppressed";
        }

        var unreadable = assessment.Diagnostics.Count(d => d.Level == DiagnosticLevel.Error);
        if (unreadable > 0)
        {
            text += $", {Plural(unreadable, "unreadable input")}";
        }

        return text;
    }

    public static string Plural(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";

    /// <summary>A relative link to a line of a file, safe in an href: every path segment percent-encoded (so
    /// <c>javascript:x.yaml</c> can never become a scheme), and <c>#L</c> plus the line, as GitHub links lines.</summary>
    public static string LineLink(SourceSpan span) => RelativeUri(span.File) + "#L" + span.Line.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A path as a relative URI reference: forward slashes, each segment percent-encoded.</summary>
    public static string RelativeUri(string path)
    {
        var segments = path.Replace('\\', '/').Split('/');
        return string.Join('/', segments.Select(Uri.EscapeDataString));
    }
}

/// <summary>Counts of one section's active findings, and its findings worst first.</summary>
public sealed record SectionSummary(Section Section, int Errors, int Warnings, int Notes, int Suppressed, IReadOnlyList<Finding> Findings)
{
    public int Total => Errors + Warnings + Notes;

    public Severity? Worst => Errors > 0 ? Severity.Error : Warnings > 0 ? Severity.Warning : Notes > 0 ? Severity.Note : null;
}

/// <summary>The findings of one rule, worst first.</summary>
public sealed record RuleGroup(RuleInfo Rule, IReadOnlyList<Finding> Findings)
{
    public Severity Severity => Findings.Max(f => f.Severity);

    /// <summary>How to fix, in the words of the input the findings come from (SAM, CloudFormation, Terraform,
    /// serverless.yml): the first finding's dialect, the rule's own text when it has none for that dialect.</summary>
    public RuleFix Fix => Findings.Count > 0 ? Findings[0].Fix : new RuleFix(Rule.Remediation, Rule.Snippet);
}
