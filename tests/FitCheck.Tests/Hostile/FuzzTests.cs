using System.Text;
using FitCheck.Assessing;
using FitCheck.Reports.Json;
using FitCheck.Reports.Text;
using FitCheck.Templates.Dialects.CloudFormation;
using FitCheck.Templates.Reading;
using Xunit.Abstractions;

namespace FitCheck.Tests.Hostile;

/// <summary>
/// Mutation fuzzing: templates with lines and characters deleted, duplicated and swapped, indentation changed and the
/// text truncated go through reading, mapping, every rule and both writers. No exception may escape, no resource may
/// fail to be modelled for an internal reason, and every run must end. Deterministic: a fixed seed and a fixed number
/// of iterations (never a clock budget), so a failure reproduces. An input that once failed is kept under
/// Fixtures/Regressions and replayed by <see cref="Regressions_run_through_the_command_line"/>.
/// </summary>
public sealed class FuzzTests(ITestOutputHelper output)
{
    private const int Seed = 20261127;
    /// <summary>The number of mutations; FITCHECK_FUZZ_ITERATIONS raises it for a longer local search (same seed, same sequence).</summary>
    private static readonly int Iterations =
        int.TryParse(Environment.GetEnvironmentVariable("FITCHECK_FUZZ_ITERATIONS"), System.Globalization.CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 1000;

    /// <summary>A guard against hangs for the whole loop, not a timing.</summary>
    private static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(5);

    [Fact]
    public void Mutated_templates_never_crash_or_hang()
    {
        var sources = Sources(output);
        Assert.NotEmpty(sources);
        var seed = int.TryParse(Environment.GetEnvironmentVariable("FITCHECK_FUZZ_SEED"), System.Globalization.CultureInfo.InvariantCulture, out var s) ? s : Seed;
        var random = new Random(seed);
        var current = "";
        var iteration = 0;
        var failures = new List<string>();

        var thread = new Thread(() =>
        {
            for (iteration = 0; iteration < Iterations; iteration++)
            {
                var (name, text) = sources[random.Next(sources.Count)];
                current = Mutate(text, random);
                var format = name.EndsWith(".json", StringComparison.Ordinal) ? "json" : "yaml";
                var problems = new List<string>();
                try
                {
                    problems.AddRange(RunPipeline(current, $"fuzz/{iteration:D4}-{Path.GetFileName(name)}", format));
                }
#pragma warning disable CA1031 // Whatever escapes is the failure under test.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    problems.Add(ex.ToString());
                }

                if (problems.Count > 0)
                {
                    var kept = Keep(seed, iteration, current);
                    lock (failures)
                    {
                        failures.Add($"iteration {iteration} ({name}, input kept in {kept}): {string.Join("; ", problems)}");
                    }
                }
            }
        }, maxStackSize: 16 * 1024 * 1024) { IsBackground = true };
        thread.Start();
        var ended = thread.Join(HangGuard);

        if (!ended)
        {
            Keep(seed, iteration, current);
        }

        Assert.True(ended, $"iteration {iteration} did not end; its input is kept in {Keep(seed, iteration, current)}");
        lock (failures)
        {
            Assert.True(failures.Count == 0, $"{failures.Count} failures (keep each input under tests/FitCheck.Tests/Fixtures/Regressions/ once fixed):\n" + string.Join("\n", failures));
        }

        output.WriteLine($"{Iterations} mutations of {sources.Count} templates, seed {seed}: no crash, no hang");
    }

    /// <summary>Every input that once failed, kept under Fixtures/Regressions, through the command line beside a good template.</summary>
    [Fact]
    public void Regressions_run_through_the_command_line()
    {
        var folder = Path.Combine(RepoPaths.Fixtures, "Regressions");
        var files = Directory.Exists(folder) ? Directory.GetFiles(folder).Order(StringComparer.Ordinal).ToList() : [];
        foreach (var file in files)
        {
            using var workspace = new Workspace();
            var path = workspace.Write("regression/" + Path.GetFileName(file), File.ReadAllBytes(file));

            var run = HostileCli.Assess(workspace, path, workspace.GoodPath);

            Assert.True(run.Assessed(workspace.GoodPath), run.ToString());
            Assert.DoesNotContain(run.Diagnostics, d => IsInternal(d.Message));
            Assert.True(run.Assessed(path) || run.DiagnosticsOf(path).Any(d => d.Level == "error"), $"{Path.GetFileName(file)}: {run}");
        }

        output.WriteLine($"{files.Count} regression inputs replayed");
    }

    private static string Keep(int seed, int iteration, string text)
    {
        var path = Path.Combine(Path.GetTempPath(), $"fitcheck-fuzz-{seed}-{iteration}.txt");
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>Reads, maps, assesses and writes one text; returns the messages of internal failures.</summary>
    private static IEnumerable<string> RunPipeline(string text, string path, string format)
    {
        var document = TemplateReader.Read(Encoding.UTF8.GetBytes(text), path, format);
        if (document.Root is null)
        {
            Assert.Contains(document.Diagnostics, d => d.Level == FitCheck.Model.DiagnosticLevel.Error && d.Location.Line >= 1);
            return [];
        }

        var architecture = ArchitectureBuilder.Build(document);
        var assessment = Assessor.Assess([architecture], [], new AssessmentOptions());
        _ = AssessmentJsonWriter.Write(assessment);
        _ = AssessmentTextWriter.Write(assessment);
        return assessment.Diagnostics.Where(d => IsInternal(d.Message)).Select(d => d.ToString());
    }

    private static bool IsInternal(string message) =>
        message.Contains("could not be modelled", StringComparison.Ordinal) || message.Contains("could not model", StringComparison.Ordinal);

    /// <summary>Corpus templates when the corpus is there (every fifth, in path order, at most 60), else the repository's own.</summary>
    private static List<(string Name, string Text)> Sources(ITestOutputHelper output)
    {
        IEnumerable<string> files;
        if (RepoPaths.Corpus is { } corpus)
        {
            files = Directory.EnumerateFiles(corpus, "*.*", SearchOption.AllDirectories)
                .Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal) || f.EndsWith(".json", StringComparison.Ordinal))
                .Where(f => new FileInfo(f).Length < 64 * 1024)
                .Order(StringComparer.Ordinal)
                .Where((_, i) => i % 5 == 0)
                .Take(60);
            output.WriteLine($"Fuzzing corpus templates from {corpus}");
        }
        else
        {
            output.WriteLine("The shared corpus is missing (../shared/corpus): fuzzing the repository's fixtures and example instead.");
            files = Directory.EnumerateFiles(RepoPaths.Fixtures, "*.*", SearchOption.AllDirectories)
                .Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".json", StringComparison.Ordinal))
                .Append(Path.Combine(RepoPaths.Root, "examples", "orders-pipeline", "template.yaml"))
                .Order(StringComparer.Ordinal);
        }

        return files.Select(f => (f, File.ReadAllText(f))).ToList();
    }

    /// <summary>One to three edits: line deletes, duplicates and swaps, character edits, indentation, truncation.</summary>
    internal static string Mutate(string text, Random random)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').ToList();
        var edits = random.Next(1, 4);
        for (var e = 0; e < edits && lines.Count > 0; e++)
        {
            var i = random.Next(lines.Count);
            var j = random.Next(lines.Count);
            switch (random.Next(10))
            {
                case 0:
                    lines.RemoveAt(i);
                    break;
                case 1:
                    lines.Insert(i, lines[j]);
                    break;
                case 2:
                    (lines[i], lines[j]) = (lines[j], lines[i]);
                    break;
                case 3:
                    lines[i] = new string(' ', random.Next(0, 9)) + lines[i].TrimStart();
                    break;
                case 4:
                    lines[i] = (random.Next(2) == 0 ? "\t" : "  ") + lines[i];
                    break;
                case 5 when lines[i].Length > 0:
                    lines[i] = lines[i].Remove(random.Next(lines[i].Length), 1);
                    break;
                case 6 when lines[i].Length > 0:
                {
                    var at = random.Next(lines[i].Length);
                    lines[i] = lines[i].Insert(at, lines[i][at].ToString());
                    break;
                }
                case 7 when lines[i].Length > 1:
                {
                    var at = random.Next(lines[i].Length - 1);
                    var chars = lines[i].ToCharArray();
                    (chars[at], chars[at + 1]) = (chars[at + 1], chars[at]);
                    lines[i] = new string(chars);
                    break;
                }
                case 8:
                {
                    const string Structural = ":-[]{},&*!|>'\"#%@`?";
                    lines[i] = lines[i].Insert(random.Next(lines[i].Length + 1), Structural[random.Next(Structural.Length)].ToString());
                    break;
                }
                default:
                {
                    var joined = string.Join('\n', lines);
                    return joined[..random.Next(joined.Length + 1)];
                }
            }
        }

        return string.Join('\n', lines);
    }
}
