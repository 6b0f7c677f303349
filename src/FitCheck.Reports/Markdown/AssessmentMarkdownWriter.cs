using System.Globalization;
using System.Text;
using FitCheck.Assessing;
using FitCheck.Model;
using FitCheck.Reports.Common;
using FitCheck.Reports.Graph;
using FitCheck.Rules;

namespace FitCheck.Reports.Markdown;

/// <summary>GitHub-flavoured Markdown for pull-request comments and design docs. It leads with the verdict, the cost
/// total and the workload-fit verdict, then "Start here" (<see cref="View.StartHere"/>), the sections with counts, a Mermaid
/// diagram, the analyses, and the findings by section (worst first) in collapsible blocks. It always stays under
/// <c>maxChars</c> (default <see cref="DefaultMaxChars"/>, under the 65,536 characters a GitHub comment holds): blocks that
/// do not fit are left out, findings are listed while they fit, and a last line says how many were left out and links to
/// the full report when its URL is known. File links are GitHub blob URLs when the repository and revision are known
/// (they work in a comment), else plain <c>file:line</c>.</summary>
public static class AssessmentMarkdownWriter
{
    /// <summary>Findings listed per rule before "and N more".</summary>
    public const int MaxPerRule = 25;

    /// <summary>A diagram with more boxes than this is left out: Mermaid would not lay it out legibly in a comment.</summary>
    public const int MaxDiagramComponents = 60;

    /// <summary>Sections with at most this many findings are expanded.</summary>
    public const int OpenSectionLimit = 10;

    /// <summary>The default size limit: under GitHub's 65,536-character comment limit, with room for a CI's own header.</summary>
    public const int DefaultMaxChars = 65_000;

    // Kept free at every step for the closing tags, the "left out" line and the footer.
    private const int Reserve = 1_200;

    [ThreadStatic]
    private static View.ReportMetadata? links;

    public static string Write(Assessment assessment) => Write(assessment, null, DefaultMaxChars);

    public static string Write(Assessment assessment, View.ReportMetadata? metadata, int maxChars = DefaultMaxChars)
    {
        var view = new View.ReportView(assessment, metadata);
        links = view.Metadata;
        try
        {
            var sb = new StringBuilder();
            var verdictMark = assessment.HasInputErrors ? "\u26a0\ufe0f" : assessment.Fails ? "\u274c" : "\u2705";
            sb.Append("## fitcheck design review\n\n");
            sb.Append(verdictMark).Append(" **").Append(MarkdownText.Escape(Capitalise(view.Summary))).Append("**\n\n");
            var headline = new List<string>();
            if (view.CostTotal is { } cost)
            {
                headline.Add("**Cost:** " + MarkdownText.Escape(cost));
            }

            if (view.Fit is { } fit)
            {
                headline.Add("**Workload fit:** " + MarkdownText.Escape(fit));
            }

            if (headline.Count > 0)
            {
                sb.AppendJoin(" \u00b7 ", headline).Append("\n\n");
            }

            StartHere(sb, view);
            var budget = maxChars - Reserve;
            Optional(sb, budget, b => Templates(b, assessment));
            Optional(sb, budget, b => SectionTable(b, assessment));
            Optional(sb, budget, b => Diagram(b, assessment));
            Optional(sb, budget, b => AnalysesMarkdown.Write(b, assessment));
            var left = Findings(sb, view, budget);
            Optional(sb, budget, b => Suppressed(b, assessment));
            Optional(sb, budget, b => Diagnostics(b, assessment));
            if (left > 0)
            {
                sb.Append('_').Append(ReportFacts.Plural(left, "finding")).Append(" left out to fit a comment")
                  .Append(view.Metadata.ReportUrl is { } url && SafeUrl(url) ? $": [see the full report]({url})" : ": run `fitcheck assess -f html` for the full report")
                  .Append("._\n\n");
            }

            sb.Append("<sub>").Append(MarkdownText.Escape(view.Metadata.Line)).Append(" \u00b7 ")
              .Append(ReportFacts.Plural(assessment.RulesRun.Count, "rule")).Append(" run</sub>\n");
            if (sb.Length > maxChars)
            {
                // The head alone is bounded (three "Start here" lines); this only guards a very small --max-chars.
                var cut = sb.ToString(0, Math.Max(0, maxChars - 40));
                return cut[..Math.Max(0, cut.LastIndexOf('\n'))] + "\n\n_(cut to fit)_\n";
            }

            return sb.ToString();
        }
        finally
        {
            links = null;
        }
    }

    // Appends a block only when it fits in the budget.
    private static void Optional(StringBuilder sb, int budget, Action<StringBuilder> block)
    {
        var part = new StringBuilder();
        block(part);
        if (sb.Length + part.Length <= budget)
        {
            sb.Append(part);
        }
    }

    private static bool SafeUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" && !url.Any(ch => ch is ' ' or '(' or ')' or '<' or '>' or '"' || char.IsControl(ch));

    private static void StartHere(StringBuilder sb, View.ReportView view)
    {
        if (view.StartHere.Count == 0)
        {
            return;
        }

        sb.Append("### Start here\n\n");
        var i = 1;
        foreach (var g in view.StartHere)
        {
            var first = g.Findings[0];
            sb.Append(i++).Append(". ").Append(SeverityMark(g.Severity)).Append(" **").Append(MarkdownText.Escape(g.Rule.Title)).Append("** ")
              .Append(RuleLink(g.Rule)).Append(" \u2014 ").Append(LocationLink(first.Location)).Append(' ').Append(MarkdownText.Code(Clip(first.Resource.LogicalId, 80)))
              .Append(": ").Append(MarkdownText.Escape(Clip(first.Message, 400)));
            if (g.Findings.Count > 1)
            {
                sb.Append(" (+").Append(g.Findings.Count - 1).Append(" more)");
            }

            sb.Append("  \n   _Fix:_ ").Append(MarkdownText.Escape(g.Fix.Remediation)).Append('\n');
        }

        sb.Append('\n');
    }

    private static string Clip(string text, int max) => text.Length <= max ? text : text[..max] + "\u2026";

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

    /// <returns>How many findings were left out to stay within <paramref name="budget"/>.</returns>
    private static int Findings(StringBuilder sb, View.ReportView view, int budget)
    {
        var sections = ReportFacts.SectionsWorstFirst(view.Assessment);
        if (sections.Count == 0)
        {
            sb.Append("No findings.\n\n");
            return 0;
        }

        var left = 0;
        sb.Append("### Findings\n\n");
        foreach (var s in sections)
        {
            var head = new StringBuilder();
            head.Append("<a id=\"").Append(Anchor(s.Section)).Append("\"></a>\n");
            head.Append(s.Total <= OpenSectionLimit ? "<details open>" : "<details>").Append("<summary><b>")
              .Append(Html.HtmlText.Escape(s.Section.Title())).Append("</b> (").Append(s.Section.Id()).Append(") \u2014 ")
              .Append(Html.HtmlText.Escape(SectionCounts(s))).Append("</summary>\n\n");
            if (sb.Length + head.Length > budget)
            {
                left += s.Findings.Count;
                continue;
            }

            sb.Append(head);
            foreach (var g in ReportFacts.ByRule(s.Findings))
            {
                var rule = new StringBuilder();
                rule.Append("**").Append(MarkdownText.Escape(g.Rule.Title)).Append("** ").Append(RuleLink(g.Rule)).Append(" \u2014 ")
                  .Append(ReportFacts.Plural(g.Findings.Count, "finding")).Append("  \n");
                rule.Append("_Fix:_ ").Append(MarkdownText.Escape(g.Fix.Remediation)).Append("\n\n");
                if (sb.Length + rule.Length > budget)
                {
                    left += g.Findings.Count;
                    continue;
                }

                sb.Append(rule);
                var listed = 0;
                foreach (var f in g.Findings.Take(MaxPerRule))
                {
                    var line = new StringBuilder();
                    line.Append("- ").Append(SeverityMark(f.Severity)).Append(' ').Append(LocationLink(f.Location)).Append(' ')
                      .Append(MarkdownText.Code(Clip(f.Resource.LogicalId, 200))).Append(": ").Append(MarkdownText.Escape(Clip(f.Message, 2_000))).Append('\n');
                    foreach (var r in f.Related.Take(10))
                    {
                        line.Append("  - ").Append(LocationLink(r.Location)).Append(' ').Append(MarkdownText.Escape(Clip(r.Message, 500))).Append('\n');
                    }

                    if (sb.Length + line.Length > budget)
                    {
                        break;
                    }

                    sb.Append(line);
                    listed++;
                }

                if (g.Findings.Count > listed)
                {
                    sb.Append("- \u2026 and ").Append(g.Findings.Count - listed).Append(" more (see the SARIF, JSON or HTML report)\n");
                    left += g.Findings.Count - listed;
                }

                sb.Append('\n');
            }

            sb.Append("</details>\n\n");
        }

        return left;
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

    // A GitHub blob URL when the repository and revision are known (it works in a comment), else plain file:line.
    private static string LocationLink(SourceSpan span)
    {
        var text = View.ReportView.Where(span);
        return links?.BlobUrl(span) is { } url ? $"[{MarkdownText.Escape(text)}]({url})" : MarkdownText.Code(text);
    }

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
