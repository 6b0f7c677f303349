using System.Text;
using FitCheck.Assessing;
using FitCheck.Analysis.Cost;
using FitCheck.Reports.Analyses;

namespace FitCheck.Reports.Markdown;

/// <summary>The design analyses in the Markdown report, compactly: the workload-fit verdict line, then in a collapsible block
/// the cost summary (the <see cref="CostRows"/> largest items and the total) and the failure paths that drop work silently.
/// Without a workload profile, one line says what is missing.</summary>
internal static class AnalysesMarkdown
{
    /// <summary>Cost items listed before "and N more".</summary>
    public const int CostRows = 10;

    public const string NoProfile = "_No workload profile: run `fitcheck init` and pass `--profile` (or keep `fitcheck.workload.yml` in the scanned folder) for workload fit, failure paths, cost and alternatives._";

    public static void Write(StringBuilder sb, Assessment a)
    {
        if (a.Profile is null)
        {
            sb.Append(NoProfile).Append("\n\n");
        }

        if (a.Fit is { } fit)
        {
            sb.Append("**Workload fit: ").Append(fit.VerdictName).Append("** (evidence for serverless weighs ").Append(fit.For)
              .Append(", against ").Append(fit.Against).Append(')');
            var against = fit.Evidence.Where(e => !e.Favours).OrderByDescending(e => e.Weight).FirstOrDefault();
            if (against is not null)
            {
                sb.Append("; heaviest against: ").Append(MarkdownText.Escape(against.Message));
            }

            sb.Append("\n\n");
        }

        var cost = a.Cost;
        var silent = a.FailurePaths?.SelectMany(f => f.SilentDrops).ToList() ?? [];
        if (cost is null && silent.Count == 0)
        {
            return;
        }

        sb.Append("<details><summary><b>Design analyses</b>");
        if (cost is not null)
        {
            sb.Append(" \u2014 about ").Append(Html.HtmlText.Escape(View.ReportView.Money(cost.MonthlyTotal))).Append(" per month");
        }

        if (a.FailurePaths is not null)
        {
            sb.Append(", ").Append(Common.ReportFacts.Plural(silent.Count, "failure path")).Append(" dropping silently");
        }

        sb.Append("</summary>\n\n");
        if (cost is not null)
        {
            sb.Append("**Cost** (").Append(MarkdownText.Escape(cost.Currency)).Append(", ").Append(MarkdownText.Escape(cost.Region))
              .Append(", list prices of ").Append(cost.PriceDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))
              .Append(cost.FreeTier ? ", free tier applied" : ", no free tier").Append(")\n\n");
            if (cost.Items.Count > 0)
            {
                sb.Append("| Component | Service | Monthly |\n|---|---|---:|\n");
                var items = cost.Items.OrderByDescending(i => i.Monthly).ToList();
                foreach (var i in items.Take(CostRows))
                {
                    sb.Append("| ").Append(MarkdownText.Code(i.Component.LogicalId)).Append(" | ").Append(MarkdownText.Escape(i.Service)).Append(" | ")
                      .Append(MarkdownText.Escape(View.ReportView.Money(i.Monthly))).Append(" |\n");
                }

                if (items.Count > CostRows)
                {
                    sb.Append("| \u2026 and ").Append(items.Count - CostRows).Append(" more | | ")
                      .Append(MarkdownText.Escape(View.ReportView.Money(items.Skip(CostRows).Sum(i => i.Monthly)))).Append(" |\n");
                }

                sb.Append("| **Total** | | **").Append(MarkdownText.Escape(View.ReportView.Money(cost.MonthlyTotal))).Append("** |\n\n");
            }

            foreach (var m in cost.MissingInputs)
            {
                sb.Append("- missing input: ").Append(MarkdownText.Escape(m)).Append('\n');
            }

            foreach (var d in cost.Drivers)
            {
                sb.Append("- driver: ").Append(MarkdownText.Escape(d)).Append('\n');
            }

            if (cost.MissingInputs.Count + cost.Drivers.Count > 0)
            {
                sb.Append('\n');
            }
        }

        if (silent.Count > 0)
        {
            sb.Append("**Failure paths that drop work silently**\n\n");
            foreach (var h in silent)
            {
                sb.Append("- ").Append(MarkdownText.Code(View.ReportView.Where(h.Span))).Append(' ').Append(MarkdownText.Escape(h.Describe())).Append('\n');
            }

            sb.Append('\n');
        }

        sb.Append("</details>\n\n");
    }
}
