using FitCheck.Assessing;
using FitCheck.Reports.Json;
using FitCheck.Templates.Scanning;

namespace FitCheck.Tests.Hostile;

/// <summary>Files are read and mapped in parallel; what comes out must not depend on the scheduling.</summary>
public sealed class ParallelScanTests
{
    [Fact]
    public void Many_files_scanned_in_parallel_come_out_in_path_order_and_the_same_every_time()
    {
        using var workspace = new Workspace();
        var broken = new List<string>();
        for (var i = 0; i < 60; i++)
        {
            // Every third file is broken at a different line, so diagnostics interleave with templates.
            var text = i % 3 == 0 ? Workspace.GoodTemplate[..(Workspace.GoodTemplate.Length * (i + 10) / 80)] + "\n  : [\n" : Workspace.GoodTemplate;
            var path = workspace.Write($"t{(i * 37) % 60:D2}/template.yaml", text);
            if (i % 3 == 0)
            {
                broken.Add(path);
            }
        }

        var reports = Enumerable.Range(0, 3).Select(_ =>
        {
            var scan = Scanner.Scan([workspace.Root]);
            return (scan, AssessmentJsonWriter.Write(Assessor.Assess(scan.Architectures, scan.Diagnostics, new AssessmentOptions())));
        }).ToList();

        var first = reports[0].scan;
        var paths = first.Architectures.Select(a => a.Template.Path).ToList();
        Assert.Equal(paths.Order(StringComparer.Ordinal), paths);
        var diagnosticPaths = first.Diagnostics.Where(d => d.Level == FitCheck.Model.DiagnosticLevel.Error).Select(d => d.Location.File).ToList();
        Assert.Equal(diagnosticPaths.Order(StringComparer.Ordinal), diagnosticPaths);
        Assert.Equal(broken.Count, diagnosticPaths.Distinct().Count());
        Assert.Equal(61 - broken.Count, paths.Count);
        Assert.All(reports, r => Assert.Equal(reports[0].Item2, r.Item2));
    }
}
