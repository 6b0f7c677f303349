using System.Globalization;
using System.Text;
using FitCheck.Assessing;
using FitCheck.Analysis.Cost;
using FitCheck.Model;
using FitCheck.Reports.Analyses;
using FitCheck.Analysis.Design;

namespace FitCheck.Reports.Html;

/// <summary>The design analyses in the HTML report: workload fit, failure paths, retry amplification, cost and alternatives.
/// Every string is escaped with <see cref="HtmlText"/>, like the rest of the page. Without a workload profile one line says
/// which input is missing instead of empty tables.</summary>
internal static class AnalysesHtml
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The line shown when no workload profile was given.</summary>
    public const string NoProfile = "No workload profile: run <code>fitcheck init</code> and pass <code>--profile</code> (or keep <code>fitcheck.workload.yml</code> in the scanned folder) for workload fit, failure paths, retry amplification, cost and alternatives.";

    public static void Write(StringBuilder sb, Assessment a)
    {
        if (a.Profile is null)
        {
            sb.Append("<p class=\"meta\" id=\"no-profile\">").Append(NoProfile).Append("</p>\n");
        }

        if (!HasAnalyses(a))
        {
            return;
        }

        Fit(sb, a);
        FailurePaths(sb, a);
        Retries(sb, a);
        Cost(sb, a);
        Alternatives(sb, a);
    }

    /// <summary>True when the assessor attached the design analyses.</summary>
    public static bool HasAnalyses(Assessment a) =>
        a.Fit is not null || a.FailurePaths is not null || a.RetryAmplification is not null || a.Cost is not null || a.Alternatives is not null;

    private static void Fit(StringBuilder sb, Assessment a)
    {
        if (a.Fit is not { } fit)
        {
            return;
        }

        sb.Append("<section class=\"analysis\" id=\"workload-fit\">\n<h2>Workload fit <span class=\"fit ").Append(fit.VerdictName).Append("\">")
          .Append(fit.VerdictName).Append("</span></h2>\n<p>Evidence for serverless weighs ").Append(fit.For).Append(", against ").Append(fit.Against).Append(". <small>");
        HtmlText.Append(sb, Capitalise(fit.Rule)).Append(".</small></p>\n");
        if (fit.Evidence.Count > 0)
        {
            sb.Append("<ul class=\"evidence\">\n");
            foreach (var e in fit.Evidence.OrderByDescending(e => e.Favours).ThenByDescending(e => e.Weight))
            {
                sb.Append("<li class=\"").Append(e.Favours ? "for" : "against").Append("\"><span class=\"mark\">").Append(e.Favours ? "+" : "\u2212")
                  .Append(e.Weight).Append("</span> <code class=\"loc\">");
                HtmlText.Append(sb, View.ReportView.Where(e.Span)).Append("</code> ");
                HtmlText.Append(sb, e.Message).Append("</li>\n");
            }

            sb.Append("</ul>\n");
        }

        var mismatches = a.Patterns?.SelectMany(p => p.Mismatches).ToList() ?? [];
        if (mismatches.Count > 0)
        {
            sb.Append("<h3>Pattern mismatches</h3>\n<ul class=\"mismatches\">\n");
            foreach (var m in mismatches)
            {
                sb.Append("<li><code class=\"loc\">");
                HtmlText.Append(sb, View.ReportView.Where(m.Span)).Append("</code> <strong>");
                HtmlText.Append(sb, m.Kind).Append("</strong>: ");
                HtmlText.Append(sb, m.Message).Append("</li>\n");
            }

            sb.Append("</ul>\n");
        }

        sb.Append("</section>\n");
    }

    private static void FailurePaths(StringBuilder sb, Assessment a)
    {
        if (a.FailurePaths is not { } results)
        {
            return;
        }

        var hops = results.SelectMany(r => r.Hops).ToList();
        var silent = hops.Count(h => h.DropsSilently);
        sb.Append("<section class=\"analysis\" id=\"failure-paths\">\n<h2>Failure paths <span class=\"count\">").Append(ReportFactsPlural(hops.Count, "hop"));
        if (silent > 0)
        {
            sb.Append(", ").Append(silent).Append(" dropping silently");
        }

        sb.Append("</span></h2>\n");
        if (hops.Count == 0)
        {
            sb.Append("<p>No entry point or asynchronous hop.</p>\n</section>\n");
            return;
        }

        sb.Append("<table class=\"failure-paths\">\n<thead><tr><th>Hop</th><th>Attempts</th><th>Retries</th><th>When retries run out</th><th>Alarm</th><th>What is lost</th><th>Location</th></tr></thead>\n<tbody>\n");
        foreach (var h in hops)
        {
            sb.Append(h.DropsSilently ? "<tr class=\"hop drops\">" : "<tr class=\"hop\">").Append("<td><code>");
            HtmlText.Append(sb, h.Name).Append("</code><br><small>");
            HtmlText.Append(sb, h.Kind).Append("</small>");
            if (h.DropsSilently)
            {
                sb.Append("<br><span class=\"badge error\">drops silently</span>");
            }

            sb.Append("</td><td class=\"num\">").Append(h.MaxAttempts is { } n ? n.ToString(Inv) : "unbounded").Append("</td><td>");
            HtmlText.Append(sb, h.Retries).Append("</td><td>").Append(FitCheck.Analysis.Design.FailureHop.ExhaustionName(h.OnExhaustion));
            var target = h.ExhaustedTarget?.LogicalId ?? h.ExhaustedTargetText;
            if (target is not null)
            {
                sb.Append(" \u2192 <code>");
                HtmlText.Append(sb, target).Append("</code>");
            }

            sb.Append("</td><td>").Append(h.OnExhaustion == Exhaustion.ReturnedToCaller ? "<span class=\"muted\">n/a</span>" : h.Alarmed ? "watched" : "<strong>none</strong>")
              .Append("</td><td>");
            HtmlText.Append(sb, h.Lost).Append("</td><td><code class=\"loc\">");
            HtmlText.Append(sb, View.ReportView.Where(h.Span)).Append("</code></td></tr>\n");
        }

        sb.Append("</tbody>\n</table>\n</section>\n");
    }

    private static void Retries(StringBuilder sb, Assessment a)
    {
        if (a.RetryAmplification is not { } results)
        {
            return;
        }

        var paths = results.SelectMany(r => r.Paths).ToList();
        sb.Append("<section class=\"analysis\" id=\"retry-amplification\">\n<h2>Retry amplification</h2>\n")
          .Append("<p>Worst-case runs of the last component of each path for one incoming event: the attempts of every hop multiplied.</p>\n");
        if (paths.Count == 0)
        {
            sb.Append("<p>No path with retries.</p>\n</section>\n");
            return;
        }

        sb.Append("<ul class=\"amplification\">\n");
        foreach (var p in paths.OrderByDescending(p => p.Factor ?? int.MaxValue))
        {
            sb.Append("<li><code>");
            HtmlText.Append(sb, p.Route).Append("</code>: <strong class=\"expr\">");
            HtmlText.Append(sb, p.Expression).Append("</strong>\n<ul>");
            foreach (var t in p.Terms)
            {
                sb.Append("<li>\u00d7").Append(t.Multiplier?.ToString(Inv) ?? "\u221e").Append(" <code>");
                HtmlText.Append(sb, t.Hop).Append("</code> ");
                HtmlText.Append(sb, t.Reason).Append(" <code class=\"loc\">");
                HtmlText.Append(sb, View.ReportView.Where(t.Span)).Append("</code></li>");
            }

            sb.Append("</ul></li>\n");
        }

        sb.Append("</ul>\n</section>\n");
    }

    private static void Cost(StringBuilder sb, Assessment a)
    {
        if (a.Cost is not { } cost)
        {
            return;
        }

        sb.Append("<section class=\"analysis\" id=\"cost-estimate\">\n<h2>Cost <span class=\"count\">");
        HtmlText.Append(sb, View.ReportView.Money(cost.MonthlyTotal)).Append(" per month</span></h2>\n<p class=\"meta\">");
        HtmlText.Append(sb, cost.Currency).Append(", ");
        HtmlText.Append(sb, cost.Region).Append(", list prices of ").Append(cost.PriceDate.ToString("yyyy-MM-dd", Inv))
          .Append(cost.FreeTier ? ", free tier applied" : ", no free tier").Append(".</p>\n");
        if (cost.Items.Count > 0)
        {
            sb.Append("<table class=\"cost\">\n<thead><tr><th>Component</th><th>Service</th><th>Monthly</th><th>Arithmetic</th></tr></thead>\n<tbody>\n");
            foreach (var i in cost.Items.OrderByDescending(i => i.Monthly))
            {
                sb.Append("<tr><td><code>");
                HtmlText.Append(sb, i.Component.LogicalId).Append("</code></td><td>");
                HtmlText.Append(sb, i.Service).Append("</td><td class=\"num\">");
                HtmlText.Append(sb, View.ReportView.Money(i.Monthly)).Append("</td><td><small>");
                HtmlText.Append(sb, i.Arithmetic).Append("</small></td></tr>\n");
            }

            sb.Append("</tbody>\n<tfoot><tr><th colspan=\"2\">Total per month</th><th class=\"num\">");
            HtmlText.Append(sb, View.ReportView.Money(cost.MonthlyTotal)).Append("</th><th></th></tr></tfoot>\n</table>\n");
        }

        List(sb, "Missing inputs", "missing", cost.MissingInputs);
        List(sb, "What drives the cost", "drivers", cost.Drivers);
        List(sb, "Notes", "notes", cost.Notes);
        sb.Append("</section>\n");
    }

    private static void Alternatives(StringBuilder sb, Assessment a)
    {
        if (a.Alternatives is not { } alt)
        {
            return;
        }

        sb.Append("<section class=\"analysis\" id=\"alternatives\">\n<h2>Alternatives</h2>\n");
        if (alt.Comparisons.Count > 0)
        {
            sb.Append("<table class=\"alternatives\">\n<thead><tr><th>Function</th><th>Load</th><th>Lambda / month</th><th>Fargate / month</th><th>Break-even</th><th>Cheaper</th></tr></thead>\n<tbody>\n");
            foreach (var c in alt.Comparisons)
            {
                var b = c.BreakEven;
                sb.Append("<tr><td><code>");
                HtmlText.Append(sb, c.Component.LogicalId).Append("</code></td><td>").Append(b.MonthlyRequests.ToString("#,##0", Inv)).Append("/month (")
                  .Append(b.RequestsPerSecond is > 0m and < 0.01m ? "&lt; 0.01" : b.RequestsPerSecond.ToString("#,##0.##", Inv)).Append(" req/s) \u00d7 ")
                  .Append(b.AvgMs.ToString("#,##0.##", Inv)).Append(" ms, ").Append(b.MemoryMb).Append(" MB</td><td class=\"num\">");
                HtmlText.Append(sb, View.ReportView.Money(b.LambdaMonthly)).Append("</td><td class=\"num\">");
                HtmlText.Append(sb, View.ReportView.Money(b.FargateMonthly)).Append("<br><small>").Append(b.Sizing.Tasks).Append(" task(s) of ")
                  .Append(b.Sizing.VcpuPerTask.ToString("0.##", Inv)).Append(" vCPU, ").Append(b.Sizing.MemoryGbPerTask.ToString("0.##", Inv)).Append(" GB</small></td><td>")
                  .Append(b.BreakEvenRequestsPerSecond is { } be ? be.ToString("#,##0.00", Inv) + " req/s" : "none in range").Append("</td><td>")
                  .Append(b.FargateCheaper ? "<strong>Fargate</strong>" : "Lambda").Append("</td></tr>\n");
            }

            sb.Append("</tbody>\n</table>\n");
            foreach (var c in alt.Comparisons)
            {
                sb.Append("<details class=\"why\"><summary>The working for <code>");
                HtmlText.Append(sb, c.Component.LogicalId).Append("</code></summary>\n<ul>\n");
                foreach (var line in c.BreakEven.Reasoning)
                {
                    sb.Append("<li>");
                    HtmlText.Append(sb, line).Append("</li>\n");
                }

                sb.Append("<li>EC2 example: ");
                HtmlText.Append(sb, c.Ec2Example.Arithmetic).Append("</li>\n</ul>\n</details>\n");
            }
        }

        if (alt.Recommendations.Count > 0)
        {
            sb.Append("<h3>Recommended elsewhere</h3>\n<ul class=\"recommendations\">\n");
            foreach (var r in alt.Recommendations)
            {
                sb.Append("<li><strong>");
                HtmlText.Append(sb, r.Model).Append("</strong>: ");
                HtmlText.Append(sb, r.Reason);
                if (r.Span is { } span)
                {
                    sb.Append(" <code class=\"loc\">");
                    HtmlText.Append(sb, View.ReportView.Where(span)).Append("</code>");
                }

                sb.Append("</li>\n");
            }

            sb.Append("</ul>\n");
        }
        else
        {
            sb.Append("<p class=\"stays\">No other model is recommended: the evidence does not point away from serverless.</p>\n");
        }

        List(sb, "Notes", "notes", alt.Notes);
        sb.Append("</section>\n");
    }

    private static void List(StringBuilder sb, string title, string cls, IReadOnlyList<string> items)
    {
        if (items.Count == 0)
        {
            return;
        }

        sb.Append("<h3>").Append(title).Append("</h3>\n<ul class=\"").Append(cls).Append("\">\n");
        foreach (var item in items)
        {
            sb.Append("<li>");
            HtmlText.Append(sb, item).Append("</li>\n");
        }

        sb.Append("</ul>\n");
    }

    private static string ReportFactsPlural(int n, string noun) => Common.ReportFacts.Plural(n, noun);

    private static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    /// <summary>Styles for the analyses, appended to the page's stylesheet.</summary>
    public const string Css = """
        .fit { font-size: 14px; font-weight: 600; padding: 1px 9px; border-radius: 10px; color: #fff; margin-left: 6px; vertical-align: middle; }
        .fit.strong { background: var(--ok); } .fit.mixed { background: var(--warning); } .fit.weak { background: var(--error); }
        ul.evidence li.for .mark { color: var(--ok); font-weight: 600; } ul.evidence li.against .mark { color: var(--error); font-weight: 600; }
        tr.hop.drops td { background: #fdecea; } tr.hop.drops td:first-child { border-left: 4px solid var(--error); }
        table.failure-paths td:first-child { min-width: 11em; } table.failure-paths td:last-child { min-width: 12em; } table.failure-paths td:nth-child(4) { min-width: 8em; } table.failure-paths td:nth-child(6) { min-width: 12em; }
        table.cost td:first-child { min-width: 13em; } table.cost td:nth-child(4) { width: 65%; }
        td.num, th.num { text-align: right; white-space: nowrap; } .muted { color: var(--muted); }
        table.cost tfoot th { background: #fff; }
        strong.expr { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }

        """;
}
