using FitCheck.Templates.Dialects.CloudFormation;
using FitCheck.Templates.Dialects.Serverless;
using FitCheck.Templates.Dialects.Terraform;

namespace FitCheck.Templates.Dialects;

/// <summary>The input formats fitcheck reads, in the order the scanner asks them to claim files.</summary>
public static class DialectRegistry
{
    /// <summary>
    /// Adding a dialect is a folder under <c>Dialects/</c> and one line here. A dialect that claims by folder or file
    /// name (Terraform's <c>.tf</c> folders, Serverless's <c>serverless.yml</c>) goes BEFORE CloudFormation, which takes
    /// every remaining YAML/JSON file (and any file named on the command line) and skips those that are not templates.
    /// </summary>
    public static IReadOnlyList<IDialect> All { get; } =
    [
        new ServerlessDialect(),
        new TerraformDialect(),
        new CloudFormationDialect(),
    ];

    /// <summary>The extensions discovery lists while walking folders: those of every dialect.</summary>
    public static IReadOnlyList<string> Extensions { get; } =
        All.SelectMany(d => d.Extensions).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
}
