using System.Globalization;
using System.Text;
using FitCheck.Analysis.Assessing;
using FitCheck.Model;
using FitCheck.Reports.Common;
using FitCheck.Reports.Graph;
using FitCheck.Rules;

namespace FitCheck.Reports.Markdown;

/// <summary>GitHub-flavoured Markdown for pull-request comments and design docs: a verdict line, the sections with counts,
/// the top actions, a Mermaid diagram, then the findings by section (worst first) in collapsible blocks. Stays readable and
/// under GitHub's comment size with hundreds of findings: each rule lists at most <see cref="MaxPerRule"/> findings.</summary>
public static class AssessmentMarkdownWriter
{
    /// <summary>Findings listed per rule before "and N more".</summary>
    public const int MaxPerRule = 25;

    /// <summary>Actions in the "Start here" list.</summary>
    public const int TopActionCount = 5;

    /// <summary>A diagram with more boxes than this is left out: Mermaid would not lay it out legibly in a comment.</summary>
    public const int MaxDiagramComponents = 60;

    /// <summary>Sections with at most this many findings are expanded.</summary>
    public const int OpenSectionLimit = 10;

    public static string Write(Assessment assessment)
    {
        var sb = new StringBuilder();
        var verdictMark = assessment.HasInputErrors ? "\u26a0\ufe0f" : assessment.Fails ? "\u274c" : "\u2705";
        sb.Append("## fitcheck design review\n\n");
        sb.Append(verdictMark).Append(" **").Append(MarkdownText.Escape(Capitalise(ReportFacts.Verdict(assessment)))).Append("**\n\n");

        Templates(sb, assessment);
        SectionTable(sb, assessment);
        TopActions(sb, assessment);
        Diagram(sb, assessment);
        AnalysesMarkdown.Write(sb, assessment);
        Findings(sb, assessment);
        Suppressed(sb, assessment);
        Diagnostics(sb, assessment);

        sb.Append("<sub>fitcheck ").Append(MarkdownText.Escape(assessment.ToolVersion)).Append(" \u00b7 ")
          .Append(ReportFacts.Plural(assessment.RulesRun.Count, "rule")).Append(" run</sub>\n");
        return sb.ToString();
    }

    private static void Templates(StringBuilder sb, Assessment assessment)
    {
        if (assessment.Architectures.Count == 0)
        {
            sb.Append("No templates were read.\n\n");
            return;
        }

        sb.Append("Templates: ");
        const int shown = 10;
        sb.AppendJoin(", ", assessment.Architectures.Take(shown).Select(a => MarkdownText.Code(a.Template.Path)));
        if (assessment.Architectures.Count > shown)
        {
            sb.Append(" and ").Append(assessment.Architectures.Count - shown).Append(" more");
        }

        sb.Append("\n\n");
    }

    private static void SectionTable(StringBuilder sb, Assessment assessment)
    {
        sb.Append("| Section | Errors | Warnings | Notes | Suppressed |\n");
        sb.Append("|---|---:|---:|---:|---:|\n");
        foreach (var s in ReportFacts.Sections(assessment))
        {
            var title = s.Total > 0 ? $"[{MarkdownText.Escape(s.Section.Title())}](#{Anchor(s.Section)})" : MarkdownText.Escape(s.Section.Title());
            sb.Append("| ").Append(title).Append(" | ").Append(Count(s.Errors)).Append(" | ").Append(Count(s.Warnings))
              .Append(" | ").Append(Count(s.Notes)).Append(" | ").Append(Count(s.Suppressed)).Append(" |\n");
        }

        sb.Append('\n');
    }

    private static string Count(int n) => n == 0 ? "\u00b7" : n.ToString(CultureInfo.InvariantCulture);

    private static void TopActions(StringBuilder sb, Assessment assessment)
    {
        var actions = ReportFacts.TopActions(assessment, TopActionCount);
        if (actions.Count == 0)
        {
            return;
        }

        sb.Append("### Start here\n\n");
        var i = 1;
        foreach (var g in actions)
        {
            var resources = g.Findings.Select(f => f.Resource.LogicalId).Distinct(StringComparer.Ordinal).ToList();
            sb.Append(i++).Append(". ").Append(SeverityMark(g.Severity)).Append(" **").Append(MarkdownText.Escape(g.Rule.Title)).Append("** ")
              .Append(RuleLink(g.Rule)).Append(" \u2014 ").Append(ReportFacts.Plural(g.Findings.Count, "finding")).Append(" (")
              .AppendJoin(", ", resources.Take(5).Select(MarkdownText.Code));
            if (resources.Count > 5)
            {
                sb.Append(", \u2026");
            }

            sb.Append("): ").Append(MarkdownText.Escape(g.Rule.Remediation)).Append('\n');
        }

        sb.Append('\n');
    }

    private static void Diagram(StringBuilder sb, Assessment assessment)
    {
        var drawn = assessment.Architectures.Sum(a => MermaidWriter.DrawnComponents(a).Count);
        if (drawn == 0)
        {
            return;
        }

        sb.Append("### Architecture\n\n");
        if (drawn > MaxDiagramComponents)
        {
            sb.Append("The diagram is left out: ").Append(drawn).Append(" components are more than a comment can show legibly. ")
              .Append("Run `fitcheck graph --format mermaid` for it, or see the HTML report.\n\n");
            return;
        }

        var worst = WorstByComponent(assessment);
        sb.Append("Failure paths (dead-letter, on-failure) are dotted red; components with findings are outlined by their worst severity.\n\n");
        sb.Append("```mermaid\n")
          .Append(MermaidWriter.Write(assessment.Architectures, c => worst.TryGetValue(c, out var s) ? s.Name() : null))
          .Append("```\n\n");
    }

    /// <summary>The worst active severity on each component.</summary>
    internal static Dictionary<Component, Severity> WorstByComponent(Assessment assessment)
    {
        var worst = new Dictionary<Component, Severity>(ReferenceEqualityComparer.Instance);
        foreach (var f in assessment.Active)
        {
            if (!worst.TryGetValue(f.Resource, out var s) || f.Severity > s)
            {
                worst[f.Resource] = f.Severity;
            }
        }

        return worst;
    }

    private static void Findings(StringBuilder sb, Assessment assessment)
    {
        var sections = ReportFacts.SectionsWorstFirst(assessment);
        if (sections.Count == 0)
        {
            sb.Append("No findings.\n\n");
            return;
        }

        sb.Append("### Findings\n\n");
        foreach (var s in sections)
        {
            sb.Append("<a id=\"").Append(Anchor(s.Section)).Append("\"></a>\n");
            sb.Append(s.Total <= OpenSectionLimit ? "<details open>" : "<details>").Append("<summary><b>")
              .Append(Html.HtmlText.Escape(s.Section.Title())).Append("</b> (").Append(s.Section.Id()).Append(") \u2014 ")
              .Append(Html.HtmlText.Escape(SectionCounts(s))).Append("</summary>\n\n");
            foreach (var g in ReportFacts.ByRule(s.Findings))
            {
                sb.Append("**").Append(MarkdownText.Escape(g.Rule.Title)).Append("** ").Append(RuleLink(g.Rule)).Append(" \u2014 ")
                  .Append(ReportFacts.Plural(g.Findings.Count, "finding")).Append("  \n");
                sb.Append("_Fix:_ ").Append(MarkdownText.Escape(g.Rule.Remediation)).Append("\n\n");
                foreach (var f in g.Findings.Take(MaxPerRule))
                {
                    sb.Append("- ").Append(SeverityMark(f.Severity)).Append(' ').Append(LocationLink(f.Location)).Append(' ')
                      .Append(MarkdownText.Code(f.Resource.LogicalId)).Append(": ").Append(MarkdownText.Escape(f.Message)).Append('\n');
                    foreach (var r in f.Related)
                    {
                        sb.Append("  - ").Append(LocationLink(r.Location)).Append(' ').Append(MarkdownText.Escape(r.Message)).Append('\n');
                    }
                }

                if (g.Findings.Count > MaxPerRule)
                {
                    sb.Append("- \u2026 and ").Append(g.Findings.Count - MaxPerRule).Append(" more (see the SARIF, JSON or HTML report)\n");
                }

                sb.Append('\n');
            }

            sb.Append("</details>\n\n");
        }
    }

    private static void Suppressed(StringBuilder sb, Assessment assessment)
    {
        var suppressed = assessment.Suppressed.Order(ReportFacts.WorstFirst).ToList();
        if (suppressed.Count == 0)
        {
            return;
        }

        sb.Append("<details><summary>").Append(ReportFacts.Plural(suppressed.Count, "suppressed finding")).Append("</summary>\n\n");
        foreach (var f in suppressed.Take(MaxPerRule * 4))
        {
            var s = f.SuppressedBy!;
            sb.Append("- ").Append(LocationLink(f.Location)).Append(' ').Append(RuleLink(f.Rule)).Append(' ')
              .Append(MarkdownText.Code(f.Resource.LogicalId)).Append(": ")
              .Append(string.IsNullOrWhiteSpace(s.Reason) ? "_no reason given_" : MarkdownText.Escape(s.Reason))
              .Append(" (").Append(MarkdownText.Escape(s.Vocabulary)).Append(' ').Append(MarkdownText.Code(s.RuleId)).Append(")\n");
        }

        if (suppressed.Count > MaxPerRule * 4)
        {
            sb.Append("- \u2026 and ").Append(suppressed.Count - (MaxPerRule * 4)).Append(" more\n");
        }

        sb.Append("\n</details>\n\n");
    }

    private static void Diagnostics(StringBuilder sb, Assessment assessment)
    {
        var diagnostics = assessment.Diagnostics.Where(d => d.Level != DiagnosticLevel.Info).ToList();
        if (diagnostics.Count == 0)
        {
            return;
        }

        sb.Append("<details><summary>").Append(ReportFacts.Plural(diagnostics.Count, "input problem")).Append("</summary>\n\n");
        foreach (var d in diagnostics.Take(100))
        {
            sb.Append("- ").Append(LocationLink(d.Location)).Append(' ').Append(d.Level.ToString().ToLowerInvariant()).Append(' ')
              .Append(MarkdownText.Code(d.Code)).Append(": ").Append(MarkdownText.Escape(d.Message)).Append('\n');
        }

        if (diagnostics.Count > 100)
        {
            sb.Append("- \u2026 and ").Append(diagnostics.Count - 100).Append(" more\n");
        }

        sb.Append("\n</details>\n\n");
    }

    private static string SectionCounts(SectionSummary s)
    {
        var parts = new List<string>();
        if (s.Errors > 0) parts.Add(ReportFacts.Plural(s.Errors, "error"));
        if (s.Warnings > 0) parts.Add(ReportFacts.Plural(s.Warnings, "warning"));
        if (s.Notes > 0) parts.Add(ReportFacts.Plural(s.Notes, "note"));
        return string.Join(", ", parts);
    }

    private static string LocationLink(SourceSpan span) =>
        $"[{MarkdownText.Escape($"{span.File}:{span.Line}:{span.Column}")}]({ReportFacts.LineLink(span)})";

    private static string RuleLink(RuleInfo rule) => $"[{rule.Id}]({rule.HelpUri})";

    private static string SeverityMark(Severity severity) => severity switch
    {
        Severity.Error => "\U0001f534 error",
        Severity.Warning => "\U0001f7e0 warning",
        _ => "\U0001f535 note",
    };

    private static string Anchor(Section section) => "fitcheck-" + section.Id();

    private static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
