using System.IO.Compression;
using System.Text;
using FitCheck.Reports.Graph;
using FitCheck.Templates.Scanning;
using FitCheck.Tests.Reports;
using Xunit.Abstractions;

namespace FitCheck.Tests.Model;

/// <summary>
/// The graph JSON (components, edges, diagnostics) of every template in the shared corpus, against a committed gzip
/// snapshot with corpus-relative paths: any change to what the mappers build shows up here. Accept an intended change
/// with <c>FITCHECK_ACCEPT_SNAPSHOTS=1</c> and say in the commit why the model changed.
/// </summary>
public class CorpusGraphSnapshotTests(ITestOutputHelper output)
{
    private static string SnapshotPath => Path.Combine(RepoPaths.Root, "tests", "FitCheck.Tests", "Fixtures", "Model", "corpus-graph.json.gz");

    [Fact]
    public void Graph_OfTheWholeCorpus_MatchesTheSnapshot()
    {
        if (RepoPaths.Corpus is not { } corpus)
        {
            output.WriteLine("skipped: ../shared/corpus not found beside the repository; the corpus graph snapshot is not compared");
            return;
        }

        // Every dialect, as `fitcheck graph` reads the corpus: the snapshot guards the model of every input.
        var scan = Scanner.Scan([corpus]);
        var actual = Normalise(GraphJsonWriter.Write(scan.Architectures, scan.Diagnostics), corpus);

        if (Environment.GetEnvironmentVariable(Snapshot.AcceptVariable) == "1")
        {
            Write(SnapshotPath, actual);
            output.WriteLine($"accepted: wrote {Path.GetFileName(SnapshotPath)}");
            return;
        }

        Assert.True(File.Exists(SnapshotPath), $"no snapshot {SnapshotPath}; run with {Snapshot.AcceptVariable}=1 to create it");
        var expected = Read(SnapshotPath);
        if (expected == actual)
        {
            output.WriteLine($"{scan.Architectures.Count} templates: graph identical to the snapshot");
            return;
        }

        var received = Path.Combine(RepoPaths.Root, "tests", "FitCheck.Tests", "Fixtures", "Model", "corpus-graph.received.json");
        File.WriteAllText(received, actual);
        Assert.Fail($"the corpus graph differs from {Path.GetFileName(SnapshotPath)} ({FirstDifference(expected, actual)}); " +
                    $"wrote {Path.GetFileName(received)} beside it. If the model change is intended, run with {Snapshot.AcceptVariable}=1.");
    }

    /// <summary>Paths relative to the corpus (<c>corpus/...</c>), whatever machine the corpus sits on.</summary>
    internal static string Normalise(string json, string corpus)
    {
        var root = corpus.Replace('\\', '/').TrimEnd('/') + "/";
        return json.Replace("\r\n", "\n", StringComparison.Ordinal).Replace(root, "corpus/", StringComparison.Ordinal);
    }

    private static string Read(string path)
    {
        using var file = File.OpenRead(path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    private static void Write(string path, string text)
    {
        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.SmallestSize);
        gzip.Write(Encoding.UTF8.GetBytes(text));
    }

    private static string FirstDifference(string expected, string actual)
    {
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        for (var i = 0; i < Math.Max(e.Length, a.Length); i++)
        {
            var left = i < e.Length ? e[i] : "<end>";
            var right = i < a.Length ? a[i] : "<end>";
            if (left != right)
            {
                return $"line {i + 1}: expected \"{left.Trim()}\", got \"{right.Trim()}\"";
            }
        }

        return "no line differs";
    }
}
