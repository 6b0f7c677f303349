using FitCheck.Model;
using FitCheck.Reports.Common;
using FitCheck.Templates.Dialects;
using FitCheck.Templates.Reading;
using FitCheck.Templates.Scanning;

namespace FitCheck.Cli.Commands;

/// <summary>Reading the inputs, the same for every command that scans (assess, baseline, cost, graph): the config's
/// <c>exclude</c>, <c>-</c> for standard input, files named explicitly never dropped silently, and nothing to assess is an
/// error (exit code 2) unless <c>--allow-empty</c>.</summary>
internal static class InputScan
{
    /// <summary>The display path of a template read from standard input.</summary>
    public const string StdinName = "stdin";

    public const string WhatFitcheckReads =
        "fitcheck reads AWS SAM and CloudFormation templates (.yaml, .yml, .json, .template; CDK's cdk.out/*.template.json) that have a Resources section, Terraform root modules (.tf, .tf.json) and Serverless Framework services (serverless.yml)";

    /// <returns>The scan, or null after printing why the command must stop with exit code 2.</returns>
    public static ScanResult? Run(IReadOnlyList<string> given, IReadOnlyList<string> exclude, bool allowEmpty, bool verbose, ReadOptions? input = null)
    {
        var messages = new List<string>();
        var scan = Run(given, exclude, allowEmpty, verbose, messages, input);
        foreach (var m in messages)
        {
            Console.Error.WriteLine(m);
        }

        return scan;
    }

    /// <summary>As <see cref="Run(IReadOnlyList{string}, IReadOnlyList{string}, bool, bool)"/>, collecting what to say on
    /// standard error in <paramref name="messages"/> (so a progress spinner on standard error is never interleaved with it).</summary>
    public static ScanResult? Run(IReadOnlyList<string> given, IReadOnlyList<string> exclude, bool allowEmpty, bool verbose, List<string> messages, ReadOptions? input = null)
    {
        var files = given.Where(p => p != "-").ToList();
        var scan = files.Count > 0 ? Scanner.Scan(files, exclude: exclude, input: input) : new ScanResult([], [], []);
        if (files.Count < given.Count)
        {
            scan = Merge(scan, ReadStdin(input));
        }

        // A file named explicitly that is not a template is said, even without --verbose.
        var named = new HashSet<string>(files.Where(File.Exists).Select(Path.GetFullPath), StringComparer.Ordinal);
        foreach (var d in verbose ? scan.Skipped : scan.Skipped.Where(d => named.Contains(Path.GetFullPath(d.Location.File))))
        {
            messages.Add(Sanitizer.Line(d.ToString()));
        }

        if (scan.Architectures.Count == 0 && !scan.HasInputErrors && !allowEmpty && !scan.Diagnostics.Any(d => d.Code == DiagnosticCodes.Config))
        {
            messages.AddRange(scan.Diagnostics.Where(d => d.Level != DiagnosticLevel.Info).Select(d => Sanitizer.Line(d.ToString())));
            messages.Add($"fitcheck: no templates found under {Sanitizer.Line(string.Join(", ", given))}; {WhatFitcheckReads}. " +
                "--verbose lists the files skipped; --allow-empty passes a run with nothing to assess.");
            return null;
        }

        return scan;
    }

    private static ScanResult Merge(ScanResult scan, ScanResult stdin) =>
        new([.. scan.Architectures, .. stdin.Architectures], [.. scan.Diagnostics, .. stdin.Diagnostics], scan.Skipped);

    /// <summary>One document from standard input, bounded as a file is (10 MB), read by the dialect that recognises it
    /// (a SAM/CloudFormation template or a serverless.yml service).</summary>
    private static ScanResult ReadStdin(ReadOptions? options)
    {
        var text = new System.Text.StringBuilder();
        var chunk = new char[1 << 16];
        var input = Console.In;
        while (text.Length <= ReaderLimits.MaxFileBytes && input.Read(chunk, 0, chunk.Length) is var n && n > 0)
        {
            text.Append(chunk, 0, n);
        }

        if (text.Length > ReaderLimits.MaxFileBytes)
        {
            return new ScanResult([], [new Diagnostic(DiagnosticCodes.Limit, DiagnosticLevel.Error,
                $"standard input holds more than {ReaderLimits.MaxFileBytes / (1024 * 1024)} MB; fitcheck reads templates up to that size", SourceSpan.FileStart(StdinName))], []);
        }

        return Scanner.ScanText(text.ToString(), StdinName, options, "standard input", WhatFitcheckReads);
    }
}
