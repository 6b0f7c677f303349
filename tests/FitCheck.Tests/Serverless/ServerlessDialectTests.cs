using FitCheck.Model;
using FitCheck.Templates.Dialects;
using FitCheck.Templates.Scanning;
using static FitCheck.Tests.Serverless.ServerlessFixtures;

namespace FitCheck.Tests.Serverless;

public class ServerlessDialectTests
{
    [Fact]
    public void Scan_WhenServiceWithIncludedFiles_IsOneServerlessArchitecture()
    {
        var scan = Scanner.Scan([Path.Combine(Folder, "typed")]);

        var architecture = Assert.Single(scan.Architectures);
        Assert.Equal(DialectIds.Serverless, architecture.Template.Dialect);
        Assert.EndsWith("serverless.yml", architecture.Template.Path, StringComparison.Ordinal);
        Assert.NotNull(architecture.Find("create-order"));
        Assert.DoesNotContain(scan.Skipped, d => d.Location.File.EndsWith("fulfil.asl.yml", StringComparison.Ordinal));
    }

    [Fact]
    public void Scan_WhenStageGiven_ReadsTheServiceForThatStage()
    {
        var scan = Scanner.Scan([Path.Combine(Folder, "typed")], input: new ReadOptions(null) { Stage = "prod" });

        Assert.Equal("shop-prod-create-order", Assert.Single(scan.Architectures).Find("create-order")!.PhysicalName);
    }

    [Fact]
    public void Scan_WhenServerlessTs_SaysItIsCodeInOneWarning()
    {
        var scan = Scanner.Scan([Path.Combine(Folder, "code")]);

        Assert.Empty(scan.Architectures);
        var warning = Assert.Single(scan.Diagnostics);
        Assert.Equal(DiagnosticLevel.Warning, warning.Level);
        Assert.Contains("serverless package", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Scan_WhenOtherProvider_SkipsItWithOneLine()
    {
        var scan = Scanner.Scan([Path.Combine(Folder, "openwhisk")]);

        Assert.Empty(scan.Architectures);
        Assert.Empty(scan.Diagnostics);
        Assert.Contains("provider 'openwhisk'", Assert.Single(scan.Skipped).Message, StringComparison.Ordinal);
    }
}
