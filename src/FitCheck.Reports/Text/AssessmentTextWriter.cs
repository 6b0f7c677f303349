using System.Text;
using FitCheck.Analysis.Assessing;
using FitCheck.Model;
using FitCheck.Rules;

namespace FitCheck.Reports.Text;

/// <summary>Plain text: findings grouped by section, with the file:line:column editors make clickable, then a summary.</summary>
public static class AssessmentTextWriter
{
    public static string Write(Assessment assessment)
    {
        var sb = new StringBuilder();
        foreach (var section in SectionNames.All)
        {
            var findings = assessment.Active.Where(f => f.Rule.Section == section).ToList();
            if (findings.Count == 0)
            {
                continue;
            }

            sb.Append("== ").Append(section.Title()).Append(" (").Append(section.Id()).Append("): ").Append(findings.Count).Append('\n');
            foreach (var f in findings.OrderByDescending(f => f.Severity).ThenBy(f => f, Comparer<Finding>.Create(Analyzer.Compare)))
            {
                sb.Append(f.Location.File).Append(':').Append(f.Location.Line).Append(':').Append(f.Location.Column).Append(": ")
                  .Append(f.Severity.Name()).Append(' ').Append(f.Rule.Id).Append(" [").Append(f.Resource.LogicalId).Append("] ")
                  .Append(assessment.IsExisting(f) ? "(existing) " : "")
                  .Append(f.Message).Append('\n');
                sb.Append("    why: ").Append(f.Rule.Rationale).Append('\n');
                sb.Append("    fix: ").Append(f.Rule.Remediation).Append(" (").Append(f.Rule.HelpUri).Append(")\n");
            }

            sb.Append('\n');
        }

        sb.Append(Analyses.AnalysesTextWriter.Write(assessment));
        foreach (var d in assessment.Diagnostics.Where(d => d.Level != DiagnosticLevel.Info))
        {
            sb.Append(d).Append('\n');
        }

        var suppressed = assessment.Suppressed.Count();
        sb.Append(assessment.Architectures.Count).Append(" templates, ")
          .Append(assessment.Count(Severity.Error)).Append(" errors, ")
          .Append(assessment.Count(Severity.Warning)).Append(" warnings, ")
          .Append(assessment.Count(Severity.Note)).Append(" notes");
        if (assessment.HasBaseline)
        {
            sb.Append(" (").Append(assessment.New.Count()).Append(" new, ").Append(assessment.Existing!.Count).Append(" existing in the baseline)");
        }

        if (suppressed > 0)
        {
            sb.Append(", ").Append(suppressed).Append(" suppressed");
        }

        var inputErrors = assessment.Diagnostics.Count(d => d.Level == DiagnosticLevel.Error);
        if (inputErrors > 0)
        {
            sb.Append(", ").Append(inputErrors).Append(" unreadable inputs");
        }

        sb.Append('\n');
        return sb.ToString();
    }
}
