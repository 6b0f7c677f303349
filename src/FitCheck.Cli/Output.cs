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
