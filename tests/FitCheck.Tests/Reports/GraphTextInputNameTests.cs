using FitCheck.Reports.Graph;
using FitCheck.Templates.Scanning;
using Xunit;

namespace FitCheck.Tests.Reports;

/// <summary>The graph outline names each input by its format as people call it.</summary>
public sealed class GraphTextInputNameTests
{
    [Fact]
    public void Terraform_module_is_called_Terraform()
    {
        var scan = Scanner.Scan([Path.Combine(RepoPaths.Fixtures, "terraform", "orders")]);
        var text = GraphTextWriter.Write(scan.Architectures, scan.Diagnostics);
        Assert.Contains("  (Terraform, ", text, StringComparison.Ordinal);
        Assert.DoesNotContain("(CloudFormation", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Sam_template_is_called_SAM()
    {
        var scan = Scanner.Scan([Path.Combine(RepoPaths.Root, "examples", "orders-pipeline", "template.yaml")]);
        Assert.Contains("  (SAM, ", GraphTextWriter.Write(scan.Architectures, scan.Diagnostics), StringComparison.Ordinal);
    }
}
