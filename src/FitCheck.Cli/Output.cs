using System.Text;
using Spectre.Console;
using FitCheck.Reports.Common;

namespace FitCheck.Cli;

/// <summary>One report to write: its format and where (<see cref="Path"/> null for standard output).</summary>
internal sealed record OutputTarget(string Format, string? Path)
{
    public bool IsStdout => Path is null;

    public override string ToString() => Path ?? "standard output";
}

/// <summary>Writes reports to files or standard output; the only place that touches the console for reports. Files are
/// written atomically (a temporary file in the same folder, then a rename), never over an input, and a failure to write
/// is one line on standard error (exit code 2), never an exception.</summary>
internal static class Output
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Reads repeated <c>-o</c> values: <c>FORMAT=FILE</c> (format names case-insensitive), a bare <c>FILE</c>
    /// in <paramref name="defaultFormat"/>, <c>-</c> for standard output. No value: standard output.</summary>
    public static List<OutputTarget>? Targets(IReadOnlyList<string>? values, string defaultFormat, IReadOnlyList<string> formats)
    {
        var targets = new List<OutputTarget>();
        foreach (var value in values ?? [])
        {
            var format = defaultFormat;
            var path = value;
            var eq = value.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0 && formats.FirstOrDefault(f => string.Equals(f, value[..eq], StringComparison.OrdinalIgnoreCase)) is { } named)
            {
                format = named;
                path = value[(eq + 1)..];
            }

            if (path.Length == 0)
            {
                Console.Error.WriteLine($"fitcheck: --output {Sanitizer.Line(value)}: no file name (use - for standard output)");
                return null;
            }

            targets.Add(new OutputTarget(format, path == "-" ? null : path));
        }

        if (targets.Count == 0)
        {
            targets.Add(new OutputTarget(defaultFormat, null));
        }

        if (targets.Count(t => t.IsStdout) > 1)
        {
            Console.Error.WriteLine("fitcheck: only one report can go to standard output; give the others a file (-o FORMAT=FILE)");
            return null;
        }

        var files = targets.Where(t => !t.IsStdout).GroupBy(t => Canonical(t.Path!), StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (files is not null)
        {
            Console.Error.WriteLine($"fitcheck: two reports would be written to {Sanitizer.Line(files.First().Path)}");
            return null;
        }

        return targets;
    }

    /// <summary>False, after saying which, when a target would replace one of <paramref name="inputs"/> (a template,
    /// config, profile or baseline that was read).</summary>
    public static bool RefusesInputs(IEnumerable<OutputTarget> targets, IEnumerable<string> inputs)
    {
        // Inputs are read only when they are regular files: a report going to a path that is none (a new file, /dev/null)
        // cannot overwrite one, and the inputs need not be resolved (a system call or more each).
        HashSet<string>? read = null;
        foreach (var t in targets)
        {
            if (t.Path is not { } path)
            {
                continue;
            }

            var target = Canonical(path);
            if (Templates.Files.UserFile.NotRegular(target, out var missing) is not null || missing)
            {
                continue;
            }

            read ??= new HashSet<string>(inputs.Select(Canonical), StringComparer.Ordinal);
            if (read.Contains(target))
            {
                Console.Error.WriteLine($"fitcheck: refusing to write the report over {Sanitizer.Line(path)}, which is an input of this run; choose another --output");
                return false;
            }
        }

        return true;
    }

    public static bool Write(string text, FileInfo? file) => Write(new OutputTarget("text", file?.FullName), s => WriteText(s, text));

    public static bool Write(OutputTarget target, string text) => Write(target, s => WriteText(s, text));

    /// <summary>Renders into the target's stream. Standard output is written as it is rendered; a file is written to a
    /// temporary file beside it and renamed over it once complete, so a failed run never leaves half a report.</summary>
    public static bool Write(OutputTarget target, Action<Stream> render)
    {
        if (target.Path is not { } path)
        {
            try
            {
                var stdout = Console.Out;
                using (var stream = new TextWriterStream(stdout))
                {
                    render(stream);
                }

                stdout.Flush();
                return true;
            }
            catch (IOException ex)
            {
                Console.Error.WriteLine($"fitcheck: cannot write to standard output: {Sanitizer.Line(ex.Message)}");
                return false;
            }
        }

        string? temp = null;
        try
        {
            var full = Canonical(path);
            if (full.StartsWith("/dev/", StringComparison.Ordinal) || full.StartsWith("/proc/", StringComparison.Ordinal) || Directory.Exists(full))
            {
                if (Directory.Exists(full))
                {
                    Console.Error.WriteLine($"fitcheck: cannot write {Sanitizer.Line(path)}: it is a folder");
                    return false;
                }

                using var device = new FileStream(full, FileMode.Open, FileAccess.Write);
                render(device);
                return true;
            }

            var folder = System.IO.Path.GetDirectoryName(full)!;
            temp = System.IO.Path.Combine(folder, $".{System.IO.Path.GetFileName(full)}.{Guid.NewGuid().ToString("N")[..12]}.tmp");
            using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                render(file);
                file.Flush(flushToDisk: true);
            }

            File.Move(temp, full, overwrite: true);
            temp = null;
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"fitcheck: cannot write {Sanitizer.Line(path)}: {Sanitizer.Line(ex.Message)}");
            return false;
        }
        finally
        {
            if (temp is not null)
            {
                try
                {
                    File.Delete(temp);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    // best effort: the temporary file could not be removed
                }
            }
        }
    }

    public static void WriteText(Stream stream, string text)
    {
        using var writer = new StreamWriter(stream, Utf8, 1 << 16, leaveOpen: true);
        writer.Write(text);
    }

    /// <summary>The full path, following a symbolic link at the end (so writing through a link to a template is caught).</summary>
    public static string Canonical(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        try
        {
            if (new FileInfo(full).ResolveLinkTarget(returnFinalTarget: true) is { } target)
            {
                return target.FullName;
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // an unreadable link: compare as given
        }

        return full;
    }

    /// <summary>Colour only for a terminal: plain when writing to a file, when standard output is redirected, or when
    /// <c>NO_COLOR</c> is set (https://no-color.org).</summary>
    public static Reports.Text.ConsoleStyle ConsoleStyleFor(OutputTarget target) => ConsoleStyleFor(target.IsStdout ? null : new FileInfo(target.Path!));

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

    /// <summary>Diagnostics on standard error, each through the sanitiser (a name from a template cannot drive the terminal).</summary>
    public static void Diagnostics(IEnumerable<Model.Diagnostic> diagnostics, bool verbose)
    {
        foreach (var d in diagnostics)
        {
            if (d.Level == Model.DiagnosticLevel.Info && !verbose)
            {
                continue;
            }

            Console.Error.WriteLine(Sanitizer.Line(d.ToString()));
        }
    }

    /// <summary>A write-only stream over a text writer (standard output as the tests capture it), decoding UTF-8 as it goes.</summary>
    private sealed class TextWriterStream(TextWriter writer) : Stream
    {
        private readonly Decoder decoder = Utf8.GetDecoder();
        private char[] chars = new char[4096];

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush() => writer.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            var needed = decoder.GetCharCount(buffer, flush: false);
            if (needed > chars.Length)
            {
                chars = new char[needed];
            }

            var n = decoder.GetChars(buffer, chars, flush: false);
            writer.Write(chars, 0, n);
        }
    }
}
