namespace FitCheck.Cli;

/// <summary>Writes a report to --output or standard output; the only place that touches the console for reports.</summary>
internal static class Output
{
    public static bool Write(string text, FileInfo? file)
    {
        if (file is null)
        {
            var stdout = Console.Out;
            stdout.Write(text);
            stdout.Flush();
            return true;
        }

        try
        {
            File.WriteAllText(file.FullName, text);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"fitcheck: cannot write {file.FullName}: {ex.Message}");
            return false;
        }
    }

    /// <summary>Colour only for a terminal: plain when writing to a file, when standard output is redirected, or when
    /// <c>NO_COLOR</c> is set (https://no-color.org).</summary>
    public static Reports.Text.ConsoleStyle ConsoleStyleFor(FileInfo? file)
    {
        if (file is not null || Console.IsOutputRedirected || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR")))
        {
            return Reports.Text.ConsoleStyle.Plain;
        }

        var capabilities = Spectre.Console.AnsiConsole.Profile.Capabilities;
        if (!capabilities.Ansi || capabilities.ColorSystem == Spectre.Console.ColorSystem.NoColors)
        {
            return Reports.Text.ConsoleStyle.Plain;
        }

        var colors = capabilities.ColorSystem switch
        {
            Spectre.Console.ColorSystem.TrueColor => Spectre.Console.ColorSystemSupport.TrueColor,
            Spectre.Console.ColorSystem.EightBit => Spectre.Console.ColorSystemSupport.EightBit,
            Spectre.Console.ColorSystem.Legacy => Spectre.Console.ColorSystemSupport.Legacy,
            _ => Spectre.Console.ColorSystemSupport.Standard,
        };
        return new Reports.Text.ConsoleStyle(colors, Spectre.Console.AnsiConsole.Profile.Width, capabilities.Links);
    }

    public static void Diagnostics(IEnumerable<Model.Diagnostic> diagnostics, bool verbose)
    {
        foreach (var d in diagnostics)
        {
            if (d.Level == Model.DiagnosticLevel.Info && !verbose)
            {
                continue;
            }

            Console.Error.WriteLine(d.ToString());
        }
    }
}
