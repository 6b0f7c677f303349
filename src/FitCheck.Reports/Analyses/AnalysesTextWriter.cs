using System.Globalization;
using System.Text;
using FitCheck.Assessing;
using FitCheck.Analysis.Cost;
using FitCheck.Analysis.Design;

namespace FitCheck.Reports.Analyses;

/// <summary>The design analyses as plain text sections, after the findings; and the cost table of <c>fitcheck cost</c>.</summary>
public static class AnalysesTextWriter
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string Write(Assessment a)
    {
        var sb = new StringBuilder();
        if (a.Fit is { } fit)
        {
            sb.Append("== Workload fit: ").Append(fit.VerdictName).Append(" (for ").Append(fit.For).Append(", against ").Append(fit.Against).Append(")\n");
            foreach (var e in fit.Evidence.OrderBy(e => e.Favours).ThenByDescending(e => e.Weight))
            {
                sb.Append("  ").Append(e.Favours ? "+ " : "- ").Append(View.ReportView.Where(e.Span)).Append(": ").Append(e.Message).Append('\n');
            }

            sb.Append("  verdict rule: ").Append(fit.Rule).Append("\n\n");
        }

        if (a.Patterns is { } patterns)
        {
            sb.Append("== Pattern map\n");
            foreach (var f in patterns.SelectMany(p => p.Flows))
            {
                sb.Append("  ").Append(ClassifiedFlow.Name(f.Pattern)).Append(": ").Append(string.Join(" → ", f.Route.Select(c => c.LogicalId)))
                  .Append(" (").Append(f.Reason).Append(")\n");
            }

            foreach (var m in patterns.SelectMany(p => p.Mismatches))
            {
                sb.Append("  mismatch ").Append(m.Kind).Append(" at ").Append(View.ReportView.Where(m.Span)).Append(": ").Append(m.Message).Append('\n');
            }

            sb.Append('\n');
        }

        if (a.FailurePaths is { } failures)
        {
            sb.Append("== Failure paths\n");
            foreach (var h in failures.SelectMany(f => f.Hops))
            {
                sb.Append("  ").Append(h.DropsSilently ? "! " : "  ").Append(h.Describe()).Append(" (").Append(View.ReportView.Where(h.Span)).Append(")\n");
            }

            sb.Append('\n');
        }

        if (a.RetryAmplification is { } retries)
        {
            sb.Append("== Retry amplification (worst-case runs of the last component per incoming event)\n");
            foreach (var p in retries.SelectMany(r => r.Paths))
            {
                sb.Append("  ").Append(p.Route).Append(": ").Append(p.Expression).Append('\n');
                foreach (var t in p.Terms)
                {
                    sb.Append("      ").Append(t.Hop).Append(": ×").Append(t.Multiplier?.ToString(Inv) ?? "∞").Append(" — ").Append(t.Reason).Append('\n');
                }
            }

            sb.Append('\n');
        }

        if (a.Cost is { } cost)
        {
            sb.Append(WriteCost(cost)).Append('\n');
        }

        if (a.Alternatives is { } alt)
        {
            sb.Append("== When to use something else\n");
            foreach (var c in alt.Comparisons)
            {
                sb.Append("  ").Append(c.Component.LogicalId).Append(":\n");
                foreach (var line in c.BreakEven.Reasoning)
                {
                    sb.Append("    ").Append(line).Append('\n');
                }

                sb.Append("    EC2 example: ").Append(c.Ec2Example.Arithmetic).Append('\n');
            }

            foreach (var r in alt.Recommendations)
            {
                sb.Append("  recommend ").Append(r.Model).Append(": ").Append(r.Reason);
                if (r.Span is { } span)
                {
                    sb.Append(" (").Append(View.ReportView.Where(span)).Append(')');
                }

                sb.Append('\n');
            }

            if (alt.StaysServerless)
            {
                sb.Append("  No other model is recommended: the evidence does not point away from serverless.\n");
            }

            foreach (var n in alt.Notes)
            {
                sb.Append("  note: ").Append(n).Append('\n');
            }

            sb.Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>The cost table alone.</summary>
    public static string WriteCost(CostEstimate cost)
    {
        var sb = new StringBuilder();
        sb.Append("== Cost estimate (").Append(cost.Currency).Append(", ").Append(cost.Region).Append(", prices of ")
          .Append(cost.PriceDate.ToString("yyyy-MM-dd", Inv)).Append(cost.FreeTier ? ", free tier applied" : ", no free tier").Append(")\n");
        foreach (var i in cost.Items.OrderByDescending(i => i.Monthly))
        {
            sb.Append("  ").Append(View.ReportView.Money(i.Monthly).PadLeft(12)).Append("  ").Append(i.Component.LogicalId).Append(" (").Append(i.Service).Append(")\n")
              .Append("                ").Append(i.Arithmetic).Append('\n');
        }

        if (cost.Items.Count == 0 && cost.MissingInputs.Count > 0)
        {
            sb.Append("  not estimated: the inputs below are missing\n");
        }
        else
        {
            sb.Append("  ").Append(View.ReportView.Money(cost.MonthlyTotal).PadLeft(12)).Append("  total per month\n");
        }

        foreach (var d in cost.Drivers)
        {
            sb.Append("  driver: ").Append(d).Append('\n');
        }

        foreach (var m in cost.MissingInputs)
        {
            sb.Append("  missing input: ").Append(m).Append('\n');
        }

        foreach (var n in cost.Notes)
        {
            sb.Append("  note: ").Append(n).Append('\n');
        }

        return sb.ToString();
    }
}
