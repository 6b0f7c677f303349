using FitCheck.Model;

namespace FitCheck.Rules.Cost;

/// <summary>Functions choose their memory size rather than run at the 128 MB default.</summary>
public sealed class FunctionMemoryIsExplicit : IFoldedRule
{
    public RuleInfo Info { get; } = new(
        Id: "FC5001",
        Slug: "function-memory-is-explicit",
        Title: "Java and .NET functions set their memory size",
        Section: Section.Cost,
        Severity: Severity.Note,
        Rationale: "Memory also sets the function's CPU share. Java and .NET functions start a virtual machine: at the 128 MB default " +
                   "their cold starts take seconds and they can run out of memory. For other runtimes the default is a tuning question " +
                   "that a design review does not answer.",
        Remediation: "Set MemorySize on the function (or in Globals) to a value you measured, for example with AWS Lambda Power Tuning.",
        Snippet: """
            Globals:
              Function:
                MemorySize: 512
            """,
        Equivalents: ["serverless-rules:ES1005", "cdk-nag:Serverless-LambdaDefaultMemorySize"],
        Pillar: "cost-optimization")
    {
        OncePerTemplate = true,
        Fixes = new Dictionary<string, RuleFix>(StringComparer.Ordinal)
        {
            [FixWords.Serverless] = new(
                "Set memorySize under provider (or on the function) from a measurement; the framework's default is 1024 MB.",
                """
                provider:
                  memorySize: 512
                """),
            [FixWords.Terraform] = new(
                "Set memory_size on the aws_lambda_function to a value you measured, for example with AWS Lambda Power Tuning.",
                """
                resource "aws_lambda_function" "orders" {
                  # ...
                  memory_size = 512
                }
                """),
        },
    };

    public IEnumerable<Finding> Evaluate(Architecture architecture)
    {
        foreach (var function in architecture.OfType<Function>().Where(f => !f.IsCdkInternal()))
        {
            // Lambda's 128 MB default is a real problem for runtimes that start a virtual machine (Java, .NET): cold starts of
            // seconds and out-of-memory errors. For the others it is a tuning question, not a finding. A default that is
            // already generous (the Serverless Framework's 1024 MB) is not one either.
            if (function.MemoryMb.Origin != SettingOrigin.ServiceDefault || function.MemoryMb.Value >= SmallMemoryMb
                || StartsAVirtualMachine(function) is not { } runtime)
            {
                continue;
            }

            yield return this.Finding(function,
                $"{function.LogicalId} ({runtime}) runs at the default {function.MemoryMb.Value} MB: the {Family(runtime)} runtime starts slowly and can run out of " +
                "memory at that size, and memory also sets CPU; set MemorySize (512 MB or more is usual for it).",
                function.MemoryMb.Span);
        }
    }

    public string Summary(IReadOnlyList<Finding> findings) =>
        $"{findings.Count} Java or .NET functions run at the default 128 MB ({RuleExtensions.NameList(findings.Select(f => f.Resource.LogicalId))}): " +
        "these runtimes start slowly and can run out of memory at that size; " + findings.Select(f => f.Resource).ToList().SayOfAll(
            "set MemorySize in Globals.Function or on each function.",
            "set MemorySize on each function.",
            "set memory_size on each aws_lambda_function.",
            "set memorySize under provider or on each function.");

    /// <summary>Below this, a Java or .NET function starts slowly and risks running out of memory.</summary>
    private const int SmallMemoryMb = 512;

    /// <summary>The runtime, when it is a Java or .NET one.</summary>
    internal static string? StartsAVirtualMachine(Function function) =>
        function.Runtime is { IsKnown: true, Value: { } runtime } && (runtime.StartsWith("java", StringComparison.Ordinal) || runtime.StartsWith("dotnet", StringComparison.Ordinal))
            ? runtime
            : null;

    private static string Family(string runtime) => runtime.StartsWith("java", StringComparison.Ordinal) ? "Java" : ".NET";
}
