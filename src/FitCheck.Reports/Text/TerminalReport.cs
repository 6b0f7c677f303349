using System.Globalization;
using System.Text;
using FitCheck.Model;
using FitCheck.Reports.Common;
using FitCheck.Reports.View;
using FitCheck.Rules;

namespace FitCheck.Reports.Text;

/// <summary>The compact terminal report, one renderer for plain and colour output (so they cannot drift: colour only
/// wraps words in SGR codes, and removing them gives the plain report byte for byte):
/// <list type="number">
/// <item>one line per finding, <c>FILE:LINE:COL: SEVERITY ID [resource] message</c>, worst first (severity, then file and
/// line), with <c>--verbose</c> the why and fix under each;</item>
/// <item>the design analyses, when they ran and their section was asked for; input diagnostics;</item>
/// <item>the rules found, once each (why and fix with <c>--verbose</c>, else <c>fitcheck explain ID</c>);</item>
/// <item>a table of findings per section and severity; "Start here": the three findings that matter most;</item>
/// <item>the verdict line, the cost total and fit verdict, and who made the report.</item>
/// </list>
/// Every text from a template passes through <see cref="Sanitizer"/>.</summary>
public static class TerminalReport
{
    public static string Write(ReportView view, ConsoleStyle style, bool verbose)
    {
        var c = new Painter(style);
        var sb = new StringBuilder();
        var a = view.Assessment;
        foreach (var f in view.Findings)
        {
            sb.Append(Sanitizer.Line(ReportView.Where(f.Location))).Append(": ")
              .Append(c.Severity(f.Severity)).Append(' ').Append(c.RuleId(f.Rule)).Append(' ')
              .Append('[').Append(c.Paint(Sanitizer.Line(f.Resource.LogicalId), "36")).Append("] ")
              .Append(view.IsExisting(f) ? "(existing) " : "")
              .Append(Sanitizer.Line(f.Message)).Append('\n');
            if (verbose)
            {
                foreach (var r in f.Related)
                {
                    sb.Append("    see: ").Append(Sanitizer.Line(ReportView.Where(r.Location))).Append(' ').Append(Sanitizer.Line(r.Message)).Append('\n');
                }

                sb.Append("    ").Append(c.Paint("why:", "90")).Append(' ').Append(f.Rule.Rationale).Append('\n');
                sb.Append("    ").Append(c.Paint("fix:", "90")).Append(' ').Append(f.Fix.Remediation).Append(" (").Append(f.Rule.HelpUri).Append(")\n");
            }
        }

        if (view.Findings.Count > 0)
        {
            sb.Append('\n');
        }

        var analyses = Analyses.AnalysesTextWriter.Write(a);
        if (analyses.Length > 0)
        {
            sb.Append(Sanitizer.Text(analyses));
        }

        foreach (var d in a.Diagnostics.Where(d => d.Level != DiagnosticLevel.Info))
        {
            sb.Append(Sanitizer.Line(ReportView.Where(d.Location))).Append(": ")
              .Append(c.Paint(d.Level.ToString().ToLowerInvariant(), d.Level == DiagnosticLevel.Error ? "31" : "33")).Append(' ')
              .Append(Sanitizer.Line(d.Code)).Append(": ").Append(Sanitizer.Line(d.Message)).Append('\n');
        }

        if (a.Diagnostics.Any(d => d.Level != DiagnosticLevel.Info))
        {
            sb.Append('\n');
        }

        if (view.RulesShown.Count > 0)
        {
            sb.Append(c.Paint(verbose ? "Rules found:" : "Rules found (why and how to fix: fitcheck explain ID, or --verbose):", "1")).Append('\n');
            foreach (var group in view.ByRule.OrderBy(g => g.Rule.Id, StringComparer.Ordinal))
            {
                sb.Append("  ").Append(c.RuleId(group.Rule)).Append(' ').Append(c.Severity(group.Severity)).Append(' ')
                  .Append(group.Rule.Title).Append(" (").Append(group.Findings.Count.ToString(CultureInfo.InvariantCulture)).Append(")\n");
                if (verbose)
                {
                    sb.Append("      why: ").Append(group.Rule.Rationale).Append('\n');
                    sb.Append("      fix: ").Append(group.Fix.Remediation).Append(" (").Append(group.Rule.HelpUri).Append(")\n");
                }
            }

            sb.Append('\n');
            Table(sb, view, c);
            sb.Append('\n');
            sb.Append(c.Paint("Start here:", "1")).Append('\n');
            var n = 0;
            foreach (var group in view.StartHere)
            {
                var first = group.Findings[0];
                sb.Append("  ").Append((++n).ToString(CultureInfo.InvariantCulture)).Append(". ")
                  .Append(Sanitizer.Line(ReportView.Where(first.Location))).Append(": ").Append(c.Severity(first.Severity)).Append(' ')
                  .Append(c.RuleId(group.Rule)).Append(' ').Append('[').Append(Sanitizer.Line(first.Resource.LogicalId)).Append("] ")
                  .Append(group.Rule.Title);
                if (group.Findings.Count > 1)
                {
                    sb.Append(" (+").Append((group.Findings.Count - 1).ToString(CultureInfo.InvariantCulture)).Append(" more)");
                }

                sb.Append('\n');
            }

            sb.Append('\n');
        }

        var state = view.State switch
        {
            "fails" => c.Paint("fails", "1;31"),
            "incomplete" => c.Paint("incomplete", "1;33"),
            _ => c.Paint("passes", "1;32"),
        };
        sb.Append(state).Append(": ").Append(view.Counts).Append('\n');
        if (view.CostTotal is { } cost)
        {
            sb.Append("cost: ").Append(cost).Append('\n');
        }

        if (view.Fit is { } fit)
        {
            sb.Append("workload fit: ").Append(fit).Append('\n');
        }

        sb.Append(c.Paint(view.Metadata.Line, "90")).Append('\n');
        return sb.ToString();
    }

    private static void Table(StringBuilder sb, ReportView view, Painter c)
    {
        var rows = view.Sections.Where(s => s.Total > 0).ToList();
        var width = Math.Max("Total".Length, rows.Max(s => s.Section.Title().Length));
        sb.Append(c.Paint("Section".PadRight(width) + "  errors  warnings  notes", "1")).Append('\n');
        foreach (var s in rows)
        {
            Row(sb, s.Section.Title().PadRight(width), s.Errors, s.Warnings, s.Notes);
        }

        Row(sb, "Total".PadRight(width), view.Errors, view.Warnings, view.Notes);
    }

    private static void Row(StringBuilder sb, string name, int errors, int warnings, int notes) =>
        sb.Append(name).Append("  ").Append(errors.ToString(CultureInfo.InvariantCulture).PadLeft(6))
          .Append("  ").Append(warnings.ToString(CultureInfo.InvariantCulture).PadLeft(8))
          .Append("  ").Append(notes.ToString(CultureInfo.InvariantCulture).PadLeft(5)).Append('\n');

    /// <summary>Wraps words in SGR colour codes (and rule ids in OSC 8 links) for a colour terminal; returns them as they
    /// are for the plain report.</summary>
    private sealed class Painter(ConsoleStyle style)
    {
        public string Paint(string text, string sgr) => style.IsPlain ? text : $"\u001b[{sgr}m{text}\u001b[0m";

        public string Severity(FitCheck.Rules.Severity severity) => Paint(severity.Name(), severity switch
        {
            FitCheck.Rules.Severity.Error => "1;31",
            FitCheck.Rules.Severity.Warning => "33",
            _ => "34",
        });

        public string RuleId(RuleInfo rule) =>
            style.IsPlain ? rule.Id
            : style.Links ? $"\u001b]8;;{rule.HelpUri}\u001b\\\u001b[1m{rule.Id}\u001b[0m\u001b]8;;\u001b\\"
            : Paint(rule.Id, "1");
    }
}
