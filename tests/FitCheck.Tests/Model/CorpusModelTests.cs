using FitCheck.Model;
using FitCheck.Templates.Scanning;
using Xunit.Abstractions;

namespace FitCheck.Tests.Model;

public class CorpusModelTests(ITestOutputHelper output)
{
    [Fact]
    public void Scan_WhenCorpusPresent_ModelsEveryTemplateWithOneComponentPerResource()
    {
        if (RepoPaths.Corpus is not { } corpus)
        {
            output.WriteLine("skipped: ../shared/corpus not found beside the repository");
            return;
        }

        // The CloudFormation dialect alone: one component per resource is its promise (serverless.yml has its own corpus test).
        var scan = Scanner.Scan([corpus], [new FitCheck.Templates.Dialects.CloudFormation.CloudFormationDialect()]);

        Assert.True(scan.Architectures.Count >= 500, $"only {scan.Architectures.Count} templates modelled");
        var errors = scan.Diagnostics.Where(d => d.Level == DiagnosticLevel.Error).ToList();
        Assert.Equal(["apigw-custom-domain-edge", "rds-sns-event-notification"],
            errors.Select(d => Path.GetFileName(Path.GetDirectoryName(d.Location.File))).Order());
        foreach (var a in scan.Architectures)
        {
            Assert.Equal(a.Template.ResourceCount, a.Components.Count(c => !c.IsImplicit));
        }

        // Mapping problems are warnings about one resource; none may come from an exception inside the mapper.
        Assert.DoesNotContain(scan.Diagnostics, d => d.Message.Contains("could not be modelled", StringComparison.Ordinal));
        output.WriteLine($"{scan.Architectures.Count} templates, {scan.Architectures.Sum(a => a.Components.Count)} components, {scan.Architectures.Sum(a => a.Flows.Count)} flows");
    }
}
