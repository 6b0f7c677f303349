using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using FitCheck.Model;
using FitCheck.Templates.Reading;

namespace FitCheck.Bench;

/// <summary>
/// The YAML readers side by side over the same files, in MB/s of YAML: YamlDotNet (the reference: decoding to a string,
/// then its event parser), the fast reader alone, and what <c>fitcheck</c> runs (encoding checks, the fast reader,
/// YamlDotNet for the files it leaves). The files are every .yaml/.yml under FITCHECK_BENCH_PATH (default: the
/// corpus's serverless-patterns), read into memory once.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Throughput))]
public class ReaderBenchmarks
{
    private static List<byte[]>? _files;

    /// <summary>The YAML files, loaded once per process.</summary>
    public static List<byte[]> Files => _files ??= Load();

    public static long TotalBytes => Files.Sum(f => (long)f.Length);

    private static List<byte[]> Load()
    {
        var root = Environment.GetEnvironmentVariable("FITCHECK_BENCH_PATH") is { Length: > 0 } path ? Path.GetFullPath(path) : Corpus.Locate();
        if (Directory.Exists(Path.Combine(root, "serverless-patterns")))
        {
            root = Path.Combine(root, "serverless-patterns");
        }

        return Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .Select(File.ReadAllBytes)
            .ToList();
    }

    [GlobalSetup]
    public void Setup() => _ = Files;

    /// <summary>YamlDotNet, as fitcheck used it alone: UTF-8 to a string, then the event parser into the tree.</summary>
    [Benchmark(Baseline = true)]
    public int YamlDotNet()
    {
        var n = 0;
        foreach (var bytes in Files)
        {
            var text = Encoding.UTF8.GetString(bytes);
            n += YamlTemplateReader.Read(text, "t.yaml", []) is null ? 0 : 1;
        }

        return n;
    }

    /// <summary>The fast reader alone (the files it gives up on count until it gives up).</summary>
    [Benchmark]
    public int FastReader()
    {
        var n = 0;
        foreach (var bytes in Files)
        {
            n += FastYamlReader.TryRead(bytes, "t.yaml", [], out _) ? 1 : 0;
        }

        return n;
    }

    /// <summary>What fitcheck runs for a YAML file: encoding checks, the fast reader, YamlDotNet for what it leaves.</summary>
    [Benchmark]
    public int TemplateReaderYaml()
    {
        var n = 0;
        foreach (var bytes in Files)
        {
            n += TemplateReader.Read(bytes, "t.yaml", "yaml").Root is null ? 0 : 1;
        }

        return n;
    }

    /// <summary>Adds a MB/s column: the files' bytes over the mean time.</summary>
    private sealed class Throughput : ManualConfig
    {
        public Throughput() => AddColumn(new MegabytesPerSecond());
    }

    private sealed class MegabytesPerSecond : IColumn
    {
        public string Id => nameof(MegabytesPerSecond);
        public string ColumnName => "MB/s";
        public bool AlwaysShow => true;
        public ColumnCategory Category => ColumnCategory.Custom;
        public int PriorityInCategory => 0;
        public bool IsNumeric => true;
        public UnitType UnitType => UnitType.Dimensionless;
        public string Legend => "Megabytes (10^6) of YAML read per second: the files' total size over the mean time";
        public bool IsAvailable(Summary summary) => true;
        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            var mean = summary[benchmarkCase]?.ResultStatistics?.Mean;
            return mean is > 0 ? (TotalBytes / 1e6 / (mean.Value / 1e9)).ToString("F1", System.Globalization.CultureInfo.InvariantCulture) : "-";
        }
    }
}
