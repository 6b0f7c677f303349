using FitCheck.Assessing;
using FitCheck.Reports.View;
using Spectre.Console;

namespace FitCheck.Reports.Text;

/// <summary>How the terminal report is drawn. <see cref="Plain"/> is what redirected output and <c>NO_COLOR</c> get.</summary>
/// <param name="Colors">The colour system of the terminal; <see cref="ColorSystemSupport.NoColors"/> means the plain report.</param>
/// <param name="Width">Columns of the terminal.</param>
/// <param name="Links">True when the terminal shows OSC 8 hyperlinks (rule ids link to their page).</param>
public sealed record ConsoleStyle(ColorSystemSupport Colors, int Width, bool Links)
{
    public static ConsoleStyle Plain { get; } = new(ColorSystemSupport.NoColors, 120, false);

    public bool IsPlain => Colors == ColorSystemSupport.NoColors;
}

/// <summary>The colour terminal report: the plain report's lines with severities in colour (see <see cref="TerminalReport"/>).</summary>
public static class AssessmentConsoleWriter
{
    public static string Write(Assessment assessment, ConsoleStyle style, ReportMetadata? metadata = null, bool verbose = false) =>
        TerminalReport.Write(new ReportView(assessment, metadata), style, verbose);
}
