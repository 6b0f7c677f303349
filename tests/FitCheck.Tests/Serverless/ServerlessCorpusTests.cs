using FitCheck.Model;
using FitCheck.Templates.Dialects.Serverless;
using Xunit.Abstractions;

namespace FitCheck.Tests.Serverless;

public class ServerlessCorpusTests(ITestOutputHelper output)
{
    [Fact]
    public void Read_WhenCorpusPresent_LoadsEveryAwsServiceAndSkipsTheOthersWithOneLine()
    {
        if (RepoPaths.Corpus is not { } corpus || !Directory.Exists(Path.Combine(corpus, "serverless-framework")))
        {
            output.WriteLine("skipped: ../shared/corpus/serverless-framework not found beside the repository");
            return;
        }

        var root = Path.Combine(corpus, "serverless-framework");
        var files = Directory.EnumerateFiles(root, "*.*", SearchOption.AllDirectories)
            .Where(ServerlessReader.IsServiceFile)
            .Order(StringComparer.Ordinal)
            .ToList();

        var aws = 0;
        var skipped = 0;
        var functions = 0;
        var events = 0;
        var failures = new List<string>();
        foreach (var file in files)
        {
            var display = Path.GetRelativePath(root, file).Replace('\\', '/');
            var result = ServerlessReader.ReadFile(file, display, scanRoot: Path.GetDirectoryName(file));
            if (result.SkippedProvider is not null)
            {
                skipped++;
                Assert.Single(result.Diagnostics, d => d.Code == DiagnosticCodes.NotATemplate);
                continue;
            }

            if (result.Service is not { } service)
            {
                failures.Add($"{display}: {string.Join("; ", result.Diagnostics)}");
                continue;
            }

            aws++;
            foreach (var warning in result.Diagnostics.Where(d => d.Level != DiagnosticLevel.Info))
            {
                output.WriteLine(warning.ToString());
            }

            functions += service.Functions.Count;
            events += service.Functions.Sum(f => f.Events.Count) + service.StateMachines.Sum(m => m.Events.Count);
            Assert.All(service.Functions, f => Assert.EndsWith("LambdaFunction", f.LogicalId, StringComparison.Ordinal));
        }

        output.WriteLine($"{files.Count} services: {aws} AWS read, {skipped} other providers skipped; {functions} functions, {events} events");
        Assert.Empty(failures);
        Assert.Equal(155, files.Count);
        Assert.Equal(113, aws);
    }
}
