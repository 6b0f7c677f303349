using FitCheck.Model;

namespace FitCheck.Rules.Cost;

/// <summary>Functions with portable code run on arm64 (Graviton).</summary>
public sealed class FunctionsRunOnArm64 : IFoldedRule
{
    public RuleInfo Info { get; } = new(
        Id: "FC5008",
        Slug: "functions-run-on-arm64",
        Title: "Functions with interpreted or bytecode runtimes run on arm64",
        Section: Section.Cost,
        Severity: Severity.Note,
        Rationale: "arm64 (Graviton) costs about 20% less per GB-second than x86_64 and is often faster. Python, Node.js, Ruby, " +
                   "Java and .NET code runs unchanged unless it ships native binaries.",
        Remediation: "Set Architectures to [arm64] (in Globals for all functions), rebuild, and run the tests; keep x86_64 for " +
                     "functions whose dependencies include x86-only native code.",
        Snippet: """
            Globals:
              Function:
                Architectures: [arm64]
            """,
        Equivalents: [],
        Pillar: "cost-optimization")
    {
        OncePerTemplate = true,
        Fixes = new Dictionary<string, RuleFix>(StringComparer.Ordinal)
        {
            [FixWords.Terraform] = new(
                "Set architectures = [\"arm64\"] on the aws_lambda_function, rebuild the package for arm64, and run the tests; keep x86_64 for functions whose dependencies include x86-only native code.",
                """
                resource "aws_lambda_function" "orders" {
                  # ...
                  architectures = ["arm64"]
                }
                """),
            [FixWords.Serverless] = new(
                "Set architecture: arm64 under provider (or on the function), rebuild, and run the tests; keep x86_64 for functions whose dependencies include x86-only native code.",
                """
                provider:
                  architecture: arm64
                """),
        },
    };

    public string Summary(IReadOnlyList<Finding> findings) =>
        $"{findings.Count} functions run on x86_64 by default ({RuleExtensions.NameList(findings.Select(f => f.Resource.LogicalId))}); " +
        "arm64 costs about 20% less for the same code: " + findings.Select(f => f.Resource).ToList().SayOfAll(
            "set Architectures: [arm64] in Globals.Function (or on each function) and run the tests.",
            "set Architectures: [arm64] on each function and run the tests.",
            "set architectures = [\"arm64\"] on each aws_lambda_function and run the tests.",
            "set provider.architecture: arm64 (or architecture on each function) and run the tests.");

    private static readonly string[] Families = ["python", "nodejs", "ruby", "java", "dotnet"];

    // Runtimes that never had an arm64 build.
    private static readonly string[] X86Only = ["python2.7", "python3.6", "python3.7", "nodejs", "nodejs4.3", "nodejs6.10", "nodejs8.10", "nodejs10.x",
        "java8", "ruby2.5", "dotnetcore1.0", "dotnetcore2.0", "dotnetcore2.1"];

    public IEnumerable<Finding> Evaluate(Architecture architecture)
    {
        foreach (var function in architecture.OfType<Function>())
        {
            if (function.Architecture.Origin != SettingOrigin.ServiceDefault
                || function.PackageType is not { IsKnown: true, Value: "Zip" }
                || function.Runtime is not { IsKnown: true, Value: { } runtime }
                || !Families.Any(f => runtime.StartsWith(f, StringComparison.Ordinal))
                || X86Only.Contains(runtime)
                || function.Layers.Count > 0)
            {
                continue;
            }

            yield return this.Finding(function,
                $"{function.LogicalId} ({runtime}) runs on x86_64 by default; arm64 costs about 20% less for the same code.",
                function.Architecture.Span);
        }
    }
}
