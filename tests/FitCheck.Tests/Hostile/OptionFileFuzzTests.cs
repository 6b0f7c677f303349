using FitCheck.Tests.Cli;
using Xunit.Abstractions;

namespace FitCheck.Tests.Hostile;

/// <summary>
/// Mutation fuzzing of the other files fitcheck reads: workload profiles, <c>.fitcheck.yml</c> and baselines, each
/// mutated as <see cref="FuzzTests"/> mutates templates and run through the command line (<c>assess</c>, and
/// <c>diff</c> every fourth time). No exception may escape, the exit code is 0, 1 or 2, an exit code of 2 comes with
/// its reason on standard error, and every run ends. A fixed seed and a fixed count, so a failure reproduces.
/// </summary>
[Collection("console")]
public sealed class OptionFileFuzzTests(ITestOutputHelper output)
{
    private const int Seed = 20261207;

    private static readonly int Iterations =
        int.TryParse(Environment.GetEnvironmentVariable("FITCHECK_FUZZ_OPTION_ITERATIONS"), System.Globalization.CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 48;

    private static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(5);

    private const string Config = """
        failOn: warning
        retryThreshold: 20
        exclude:
          - "**/node_modules/**"
          - "tests/*.yaml"
        rules:
          FC1001: warning
          FC2003: off
        sections:
          cost: on
        """;

    [Fact]
    public void Mutated_profiles_configs_and_baselines_never_crash_or_hang()
    {
        using var workspace = new Workspace();
        var example = Path.Combine(RepoPaths.Root, "examples", "orders-pipeline");
        var v1 = Path.Combine(RepoPaths.Fixtures, "Diff", "v1");
        var v2 = Path.Combine(RepoPaths.Fixtures, "Diff", "v2");
        var baselinePath = Path.Combine(workspace.Root, "seed.baseline.json");
        var (made, _, madeErr) = CliRunner.Run("baseline", example, "-o", baselinePath);
        Assert.True(made == 0, madeErr);

        var profiles = Directory.GetFiles(Path.Combine(RepoPaths.Fixtures, "Analysis"), "*.workload.yml").Order(StringComparer.Ordinal)
            .Append(Path.Combine(example, "fitcheck.workload.yml"))
            .Select(File.ReadAllText).ToList();
        var sources = new List<(string Option, string Text)>();
        sources.AddRange(profiles.Select(p => ("--profile", p)));
        sources.Add(("--config", Config));
        sources.Add(("--config", FitCheck.Cli.Commands.InitCommand.StarterConfig));
        sources.Add(("--baseline", File.ReadAllText(baselinePath)));

        var random = new Random(Seed);
        var failures = new List<string>();
        var iteration = 0;
        var thread = new Thread(() =>
        {
            for (iteration = 0; iteration < Iterations; iteration++)
            {
                var (option, text) = sources[random.Next(sources.Count)];
                var mutated = FuzzTests.Mutate(text, random);
                var file = workspace.Write($"fuzz/{iteration:D3}{(option == "--baseline" ? ".json" : ".yml")}", mutated);
                string[] args = iteration % 4 == 3 && option != "--baseline"
                    ? ["diff", v1, v2, option, file, "--format", "json"]
                    : ["assess", example, option, file, "--format", "json"];
                try
                {
                    var (code, _, stderr) = CliRunner.Run(args);
                    if (code is not (0 or 1 or 2) || (code == 2 && string.IsNullOrWhiteSpace(stderr)))
                    {
                        failures.Add($"iteration {iteration} ({string.Join(' ', args[..3])} {option}): exit {code}, stderr '{stderr}', input:\n{mutated}");
                    }
                }
#pragma warning disable CA1031 // Whatever escapes is the failure under test.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    failures.Add($"iteration {iteration} ({string.Join(' ', args[..3])} {option}): {ex.GetType().Name}: {ex.Message}, input:\n{mutated}");
                }
            }
        }) { IsBackground = true };
        thread.Start();

        Assert.True(thread.Join(HangGuard), $"iteration {iteration} did not end");
        Assert.True(failures.Count == 0, $"{failures.Count} failures:\n" + string.Join("\n\n", failures));
        output.WriteLine($"{Iterations} mutations of {sources.Count} profiles, configs and baselines, seed {Seed}: no crash, no hang");
    }
}
