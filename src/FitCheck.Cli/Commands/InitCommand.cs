using System.CommandLine;
using FitCheck.Cli.Configuration;
using FitCheck.Templates.Profiles;

namespace FitCheck.Cli.Commands;

/// <summary><c>fitcheck init [FOLDER]</c>: writes a commented starter workload profile and config, never overwriting.</summary>
internal static class InitCommand
{
    public const string SchemaUrl = "https://raw.githubusercontent.com/fitcheck/fitcheck/main/schemas/fitcheck.workload.schema.json";

    /// <summary>The starter profile: valid as written (region only), every other key commented with its meaning.</summary>
    public const string StarterProfile = $$"""
        # yaml-language-server: $schema={{SchemaUrl}}
        # fitcheck workload profile: what the templates cannot say. fitcheck reads it from the scanned folder, or from --profile FILE.
        # Traffic given here flows to every entry point (APIs, queues, buses, buckets...) unless a component below says otherwise.
        # Schedules fire at their own rate. Leave out what you do not know: fitcheck lists missing inputs instead of guessing.
        region: us-east-1

        # traffic:
        #   requestsPerMonth: 10000000        # or requestsPerSecond, not both
        #   # requestsPerSecond:
        #   #   average: 4
        #   #   peak: 40                      # not below the average
        #   shape: bursty                     # bursty | steady | scheduled

        # functions:
        #   averageDurationMs: 120
        #   p95DurationMs: 450
        #   memoryMb: 512                     # overrides the template's MemorySize

        # payloadKb: 4                        # message or request size (SQS, SNS, EventBridge and HTTP APIs bill by size)
        # sessions: none                      # none | short | long-lived
        # inMemoryCoordination: false         # true when components must share memory to coordinate
        # logs:
        #   kbPerInvocation: 2                # log output per invocation, for CloudWatch Logs

        # components:                         # overrides by logical id, same keys as above
        #   OrdersApi:
        #     traffic:
        #       requestsPerMonth: 2000000
        #   ReportFunction:
        #     functions:
        #       averageDurationMs: 4000

        """;

    public const string StarterConfig = """
        # fitcheck configuration (see 'fitcheck rules' for rule ids and sections).
        # failOn: error                       # error | warning | note | never
        # exclude:
        #   - "**/node_modules/**"
        # rules:
        #   FC1001: warning                   # off | on | error | warning | note
        # sections:
        #   cost: on
        failOn: error

        """;

    public static Command Create()
    {
        var folder = new Argument<DirectoryInfo?>("folder") { HelpName = "FOLDER", Description = "Where to write the files (default: the current folder); created when missing.", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("init", $"Write a commented starter {WorkloadProfileReader.DefaultName} and {ConfigFile.DefaultName}; existing files are left alone.") { folder };
        command.SetAction(parse =>
        {
            var dir = parse.GetValue(folder)?.FullName ?? Directory.GetCurrentDirectory();
            if (!Directory.Exists(dir))
            {
                try
                {
                    Directory.CreateDirectory(dir);
                    Console.Out.WriteLine($"created {Reports.Common.Sanitizer.Line(parse.GetValue(folder)?.ToString() ?? dir)}");
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    Console.Error.WriteLine($"fitcheck: cannot create {Reports.Common.Sanitizer.Line(dir)}: {Reports.Common.Sanitizer.Line(ex.Message)}");
                    return (int)ExitCode.InputError;
                }
            }

            foreach (var (name, text) in new[] { (WorkloadProfileReader.DefaultName, StarterProfile), (ConfigFile.DefaultName, StarterConfig) })
            {
                var path = Path.Combine(dir, name);
                if (File.Exists(path))
                {
                    Console.Out.WriteLine($"{name} exists; left unchanged");
                    continue;
                }

                try
                {
                    File.WriteAllText(path, text);
                    Console.Out.WriteLine($"wrote {name}");
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    Console.Error.WriteLine($"fitcheck: cannot write {path}: {ex.Message}");
                    return (int)ExitCode.InputError;
                }
            }

            return (int)ExitCode.Success;
        });
        return command;
    }
}
