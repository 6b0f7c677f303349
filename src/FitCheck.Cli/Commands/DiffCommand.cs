using System.CommandLine;
using System.Diagnostics.CodeAnalysis;
using FitCheck.Assessing;
using FitCheck.Assessing.Diffing;
using FitCheck.Cli.Configuration;
using FitCheck.Reports.Diff;
using FitCheck.Templates.Scanning;

namespace FitCheck.Cli.Commands;

/// <summary><c>fitcheck diff OLD NEW</c> or <c>fitcheck diff --git REV1..REV2 [PATH]</c>: what a change does to the design.</summary>
internal static class DiffCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("paths")
        {
            Description = "OLD and NEW: two template files or two folders. With --git: at most one folder of the repository (default: the current one).",
            Arity = new ArgumentArity(0, 2),
            HelpName = "OLD NEW | PATH",
        };
        var git = new Option<string?>("--git")
        {
            HelpName = "REV1..REV2",
            Description = "Compare two revisions, REV1..REV2 (REV2 defaults to HEAD), of the git repository that holds PATH (default: the current folder). Runs 'git' to read them; nothing else.",
        };
        var format = CommonOptions.Format(["text", "json", "markdown"], "Output format: text, json or markdown (for a pull-request comment).");
        var output = CommonOptions.Output();
        var failOn = CommonOptions.FailOn("Exit with 1 when a new finding is at or above this severity: error (default), warning, note or never.");
        var config = new Option<string?>("--config", "-c") { Description = $"Config file (default: {ConfigFile.DefaultName} in the new version's folder or the current one).", HelpName = "FILE" };
        var maxChars = new Option<int?>("--max-chars") { Description = $"Markdown: keep the review under this many characters (default {Reports.Markdown.AssessmentMarkdownWriter.DefaultMaxChars}, what a GitHub comment holds).", HelpName = "N" };
        var profile = ProfileOption.Create();
        profile.Description = "Workload profile: prices both versions with it and adds the estimated monthly cost change (default: fitcheck.workload.yml in the new version's folder).";

        var command = new Command("diff",
            "Review a change: new and resolved findings, components and flows added or removed, failure paths that lost their safety net, IAM grants widened.")
        {
            paths, git, format, output, failOn, config, profile, maxChars,
        };
        command.SetAction(parse =>
        {
            var given = parse.GetValue(paths) ?? [];
            var range = parse.GetValue(git);
            if (parse.GetValue(maxChars) is < 2000)
            {
                Console.Error.WriteLine("fitcheck: --max-chars must be at least 2000");
                return (int)ExitCode.InputError;
            }

            // Removed on every way out: return, exception, Ctrl-C or SIGTERM.
            using var temp = new TemporaryFolders();
            try
            {
                Side? old;
                Side? @new;
                if (range is not null)
                {
                    if (given.Length > 1)
                    {
                        Console.Error.WriteLine("fitcheck: with --git, give at most one folder of the repository");
                        return (int)ExitCode.InputError;
                    }

                    if (!FromGit(range, given.Length == 1 ? given[0] : ".", temp, out old, out @new))
                    {
                        return (int)ExitCode.InputError;
                    }
                }
                else
                {
                    if (given.Length != 2)
                    {
                        Console.Error.WriteLine("fitcheck: diff needs OLD and NEW (two files or two folders), or --git REV1..REV2 [PATH]. Usage: fitcheck diff OLD NEW [options] | fitcheck diff --git REV1..REV2 [PATH] [options]");
                        return (int)ExitCode.InputError;
                    }

                    old = FromPath(given[0]);
                    @new = FromPath(given[1]);
                    if (old is null || @new is null)
                    {
                        return (int)ExitCode.InputError;
                    }
                }

                var options = new AssessmentOptions();
                var exclude = new List<string>();
                if (!AssessSetup.Configure(parse.GetValue(config), [@new.ConfigFolder], parse.GetValue(failOn), options, exclude))
                {
                    return (int)ExitCode.InputError;
                }

                if (!ProfileOption.TryLoad(ProfileOption.Locate(parse.GetValue(profile), [@new.ConfigFolder]), out var workload))
                {
                    return (int)ExitCode.InputError;
                }

                options.Profile = workload;
                var before = Assess(old, options, exclude);
                var after = Assess(@new, options, exclude);
                var renames = old.SingleFile is { } o && @new.SingleFile is { } n && o != n
                    ? new Dictionary<string, string>(StringComparer.Ordinal) { [o] = n }
                    : null;
                var diff = DesignDiff.Compare(before, after, renames);
                var text = parse.GetValue(format) switch
                {
                    "json" => DiffWriter.Json(diff),
                    "markdown" => Reports.Markdown.MarkdownText.Fit(DiffWriter.Markdown(diff), parse.GetValue(maxChars) ?? Reports.Markdown.AssessmentMarkdownWriter.DefaultMaxChars,
                        "The review was cut here to fit a pull-request comment: run 'fitcheck diff' with -f json or text for all of it."),
                    _ => Reports.Common.Sanitizer.Text(DiffWriter.Text(diff)),
                };

                if (parse.GetValue(format) != "text" || parse.GetValue(output) is not null)
                {
                    Output.Diagnostics(before.Diagnostics.Concat(after.Diagnostics), verbose: false);
                }

                if (!Output.RefusesInputs([new OutputTarget("text", parse.GetValue(output)?.FullName)], given.Where(File.Exists))
                    || !Output.Write(text, parse.GetValue(output)))
                {
                    return (int)ExitCode.InputError;
                }

                return (int)(diff.HasInputErrors ? ExitCode.InputError : diff.Fails ? ExitCode.Findings : ExitCode.Success);
            }
            catch (IOException ex)
            {
                Console.Error.WriteLine($"fitcheck: {ex.Message}");
                return (int)ExitCode.InputError;
            }
        });
        return command;
    }

    /// <summary>One side of the comparison: what to scan, the folder display paths are relative to.</summary>
    /// <param name="SingleFile">The display path when the side is one file (so OLD.yaml and NEW.yaml compare as one template).</param>
    private sealed record Side(string ScanPath, string Root, string? SingleFile, string ConfigFolder);

    private static Side? FromPath(string path)
    {
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            return new Side(full, full, null, full);
        }

        if (File.Exists(full))
        {
            var folder = Path.GetDirectoryName(full)!;
            return new Side(full, folder, Path.GetFileName(full), folder);
        }

        Console.Error.WriteLine($"fitcheck: {path}: no such file or folder");
        return null;
    }

    private static bool FromGit(string range, string path, TemporaryFolders temp, [NotNullWhen(true)] out Side? old, [NotNullWhen(true)] out Side? @new)
    {
        old = @new = null;
        var dots = range.IndexOf("..", StringComparison.Ordinal);
        if (dots <= 0 || range.Contains("...", StringComparison.Ordinal))
        {
            Console.Error.WriteLine($"fitcheck: --git expects REV1..REV2 (or REV1.. for REV1..HEAD), not '{range}'");
            return false;
        }

        var from = range[..dots];
        var to = range[(dots + 2)..] is { Length: > 0 } t ? t : "HEAD";
        if (GitRevisions.Locate(path, out var error) is not { } repo)
        {
            Console.Error.WriteLine($"fitcheck: {error}");
            return false;
        }

        Side? Read(string revision)
        {
            var dir = temp.Create("fitcheck-diff-");
            if (!GitRevisions.Extract(repo.TopLevel, revision, repo.Relative, dir, out var failure))
            {
                Console.Error.WriteLine($"fitcheck: {failure}");
                return null;
            }

            var scan = repo.Relative.Length == 0 ? dir : Path.Combine(dir, repo.Relative);
            Directory.CreateDirectory(scan);
            return new Side(scan, dir, null, scan);
        }

        old = Read(from);
        @new = old is null ? null : Read(to);
        return old is not null && @new is not null;
    }

    private static Assessment Assess(Side side, AssessmentOptions options, IReadOnlyList<string> exclude)
    {
        var scan = Scanner.Scan([side.ScanPath], side.Root, exclude);
        return Assessor.Assess(scan.Architectures, scan.Diagnostics, options);
    }
}
