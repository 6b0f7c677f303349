using FitCheck.Assessing;
using FitCheck.Reports.View;

namespace FitCheck.Reports.Text;

/// <summary>The plain terminal report (redirected output, <c>NO_COLOR</c>, files): exactly the colour report without
/// colour, both drawn by <see cref="TerminalReport"/> from one <see cref="ReportView"/>.</summary>
public static class AssessmentTextWriter
{
    public static string Write(Assessment assessment, ReportMetadata? metadata = null, bool verbose = false) =>
        TerminalReport.Write(new ReportView(assessment, metadata), ConsoleStyle.Plain, verbose);
}
