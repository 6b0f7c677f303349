using Spectre.Console;

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

    /// <summary>Runs <paramref name="work"/>; when it takes a while and standard error is a terminal, shows a spinner there
    /// (never on redirected output, so reports and logs stay clean).</summary>
    public static T WithProgress<T>(string message, Func<T> work)
    {
        if (Console.IsErrorRedirected || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")))
        {
            return work();
        }

        var task = Task.Run(work);
        if (!task.Wait(TimeSpan.FromMilliseconds(300)))
        {
            var console = Spectre.Console.AnsiConsole.Create(new Spectre.Console.AnsiConsoleSettings { Out = new Spectre.Console.AnsiConsoleOutput(Console.Error) });
            console.Status().Start(message, _ => task.Wait());
        }

        return task.GetAwaiter().GetResult();
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
