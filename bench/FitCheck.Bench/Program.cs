using System.Diagnostics;
using BenchmarkDotNet.Running;
using FitCheck.Reports.Json;
using FitCheck.Templates.Scanning;

namespace FitCheck.Bench;

/// <summary>
/// <c>dotnet run -c Release --project bench/FitCheck.Bench</c> runs the BenchmarkDotNet stage benchmarks (arguments go
/// to BenchmarkDotNet, e.g. <c>--filter *Read*</c>). <c>-- stages [PATH] [ROUNDS]</c> is a quick profile instead: each
/// stage timed with a stopwatch, warm, median of the rounds, and the whole scan on all cores.
/// </summary>
public static class Program
{
    public static void Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "stages")
        {
            Stages(args.Length > 1 ? args[1] : Corpus.Locate(), args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 5);
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }

    private static void Stages(string path, int rounds)
    {
        // Wall time, and the process's CPU time: on a shared machine the CPU time of a one-thread stage is its cost.
        var times = new Dictionary<string, List<(double Wall, double Cpu)>>();
        var process = Process.GetCurrentProcess();
        void Time(string stage, Action action)
        {
            process.Refresh();
            var cpu = process.TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            action();
            var wall = watch.Elapsed.TotalMilliseconds;
            process.Refresh();
            (times.TryGetValue(stage, out var list) ? list : times[stage] = []).Add((wall, (process.TotalProcessorTime - cpu).TotalMilliseconds));
        }

        var files = Corpus.LoadBytes(path);
        for (var round = 0; round <= rounds; round++)
        {
            var documents = Corpus.Read(files);
            var architectures = Corpus.Map(documents);
            var assessment = Corpus.Assess(architectures);
            if (round == 0)
            {
                Console.WriteLine($"{path}: {files.Count} files, {documents.Count} templates, {architectures.Sum(a => a.Template.ResourceCount)} resources, {assessment.Findings.Count} findings");
                continue; // Warm-up.
            }

            Time("read (1 thread)", () => Corpus.Read(files));
            Time("decode only (1 thread)", () =>
            {
                foreach (var (_, bytes) in files)
                {
                    _ = System.Text.Encoding.UTF8.GetString(bytes);
                }
            });
            Time("yaml events only (1 thread)", () =>
            {
                foreach (var (file, bytes) in files)
                {
                    if (file.FullPath.EndsWith(".json", StringComparison.Ordinal))
                    {
                        continue;
                    }

                    try
                    {
                        var parser = new YamlDotNet.Core.Parser(new StringReader(System.Text.Encoding.UTF8.GetString(bytes)));
                        while (parser.MoveNext())
                        {
                        }
                    }
                    catch (YamlDotNet.Core.YamlException)
                    {
                    }
                }
            });
            if (round == 1)
            {
                var slowest = files.Select(f =>
                {
                    var w = Stopwatch.StartNew();
                    FitCheck.Templates.Reading.TemplateReader.Read(f.Bytes, f.File.DisplayPath, FitCheck.Templates.Reading.TemplateReader.FormatOf(f.File.FullPath, f.Bytes));
                    return (f.File.DisplayPath, f.Bytes.Length, w.Elapsed.TotalMilliseconds);
                }).OrderByDescending(x => x.TotalMilliseconds).Take(8);
                foreach (var s in slowest)
                {
                    Console.WriteLine($"  slow read: {s.TotalMilliseconds,7:F1} ms {s.Length,8} B {s.DisplayPath}");
                }
            }
            Time("map (1 thread)", () => Corpus.Map(documents));
            Time("rules (all cores)", () => Corpus.Assess(architectures));
            Time("write json", () => AssessmentJsonWriter.Write(assessment));
            Time("scan: discover+read+map (all cores)", () => Scanner.Scan([path]));
        }

        foreach (var (stage, list) in times)
        {
            var wall = list.Select(t => t.Wall).Order().ToList();
            var cpu = list.Select(t => t.Cpu).Order().ToList();
            Console.WriteLine($"{stage,-40} wall median {wall[wall.Count / 2],8:F1} ms (min {wall[0],7:F1})   cpu median {cpu[cpu.Count / 2],8:F1} ms");
        }
    }
}
