using System.Text;
using FitCheck.Model;

namespace FitCheck.Reports.Graph;

/// <summary>A readable outline of each template: its components by kind, then its flows.</summary>
public static class GraphTextWriter
{
    public static string Write(IReadOnlyList<Architecture> architectures, IReadOnlyList<Diagnostic> diagnostics)
    {
        var sb = new StringBuilder();
        foreach (var a in architectures)
        {
            var drawn = a.Components.Where(MermaidWriter.IsDrawn).ToList();
            // The counts are of what is listed: the supporting resources (roles, permissions...) are counted apart.
            var hidden = a.Components.Where(c => !MermaidWriter.IsDrawn(c)).ToList();
            sb.Append(a.Template.Path).Append("  (").Append(InputName(a.Template)).Append(", ")
              .Append(Common.ReportFacts.Plural(drawn.Count, "component")).Append(", ").Append(Common.ReportFacts.Plural(a.Flows.Count, "flow"));
            if (hidden.Count > 0)
            {
                sb.Append("; not listed: ").Append(hidden.Count).Append(" supporting (")
                  .AppendJoin(", ", hidden.GroupBy(c => c.Kind).OrderBy(g => g.Key).Select(g => $"{g.Count()} {g.Key.Name()}"))
                  .Append(')');
            }

            sb.Append(")\n");
            foreach (var group in drawn.GroupBy(c => c.Kind).OrderBy(g => g.Key))
            {
                sb.Append("  ").Append(group.Key.Name()).Append(": ");
                sb.AppendJoin(", ", group.Select(c => c.IsImplicit ? c.LogicalId + "*" : c.LogicalId));
                sb.Append('\n');
            }

            if (a.Flows.Count > 0)
            {
                sb.Append("  flows:\n");
                foreach (var f in a.Flows)
                {
                    sb.Append("    ").Append(f.From.LogicalId).Append(" --").Append(f.Kind.Name()).Append("--> ").Append(f.To.LogicalId)
                      .Append("   (").Append(f.Via).Append(", line ").Append(f.Span.Line).Append(")\n");
                }
            }

            sb.Append('\n');
        }

        if (architectures.Any(a => a.Components.Any(c => c.IsImplicit)))
        {
            sb.Append("* created by the SAM transform\n");
        }

        foreach (var d in diagnostics.Where(d => d.Level != DiagnosticLevel.Info))
        {
            sb.Append(d).Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>The input format as people call it: SAM, CloudFormation, Terraform, serverless.yml.</summary>
    private static string InputName(TemplateInfo template) => template.Dialect switch
    {
        DialectIds.Terraform => "Terraform",
        DialectIds.Serverless => "serverless.yml",
        _ => template.IsSam ? "SAM" : "CloudFormation",
    };
}
