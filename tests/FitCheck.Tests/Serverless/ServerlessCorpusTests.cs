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
        var drawn = 0;
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

            // Modelled: every function is a Function component and every AWS event is an event or flow of it.
            var architecture = ServerlessArchitecture.Build(result, Path.GetDirectoryName(file));
            Assert.DoesNotContain(architecture.Diagnostics, d => d.Message.Contains("could not be modelled", StringComparison.Ordinal));
            foreach (var function in service.Functions)
            {
                var component = architecture.OfType<Function>().SingleOrDefault(c => c.LogicalId == function.Key || c.LogicalId == function.LogicalId);
                if (component is null)
                {
                    failures.Add($"{display}: function {function.Key} is not in the model");
                    continue;
                }

                foreach (var ev in function.Events.Where(e => e.Kind != ServerlessEventKind.Unknown))
                {
                    var modelled = component.Events.Any(e => e.Span.File == ev.Span.File && e.Span.Line == ev.Span.Line)
                        || architecture.Flows.Any(fl => fl.To == component && fl.Span.File == ev.Span.File && fl.Span.Line == ev.Span.Line);
                    if (!modelled)
                    {
                        failures.Add($"{display}:{ev.Span.Line}: event {ev.Type} of {function.Key} is not in the model");
                    }
                    else if (architecture.Flows.Any(fl => fl.To == component && fl.Span.Line == ev.Span.Line))
                    {
                        drawn++;
                    }
                }
            }
        }

        output.WriteLine($"{files.Count} services: {aws} AWS read, {skipped} other providers skipped; {functions} functions, {events} events, {drawn} of them drawn as flows from a source in the service");
        Assert.Empty(failures);
        Assert.Equal(155, files.Count);
        Assert.Equal(113, aws);
    }
}
