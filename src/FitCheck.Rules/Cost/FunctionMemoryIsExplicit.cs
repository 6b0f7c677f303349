using FitCheck.Model;

namespace FitCheck.Rules.Cost;

/// <summary>Functions choose their memory size rather than run at the 128 MB default.</summary>
public sealed class FunctionMemoryIsExplicit : IRule
{
    public RuleInfo Info { get; } = new(
        Id: "FC5001",
        Slug: "function-memory-is-explicit",
        Title: "Functions set their memory size",
        Section: Section.Cost,
        Severity: Severity.Note,
        Rationale: "Memory also sets the function's CPU share. At the 128 MB default most functions run slower than they could, and " +
                   "since Lambda bills memory times duration, a larger size is often as cheap or cheaper; the default is rarely a choice.",
        Remediation: "Set MemorySize on the function (or in Globals) to a value you measured, for example with AWS Lambda Power Tuning.",
        Snippet: """
            Globals:
              Function:
                MemorySize: 512
            """,
        Equivalents: ["serverless-rules:ES1005", "cdk-nag:Serverless-LambdaDefaultMemorySize"],
        Pillar: "cost-optimization")
    {
        Fixes = new Dictionary<string, RuleFix>(StringComparer.Ordinal)
        {
            [FixWords.Serverless] = new(
                "Set memorySize under provider (or on the function) from a measurement; the framework's default is 1024 MB.",
                """
                provider:
                  memorySize: 512
                """),
        },
    };

    public IEnumerable<Finding> Evaluate(Architecture architecture)
    {
        foreach (var function in architecture.OfType<Function>())
        {
            if (function.MemoryMb.Origin != SettingOrigin.ServiceDefault)
            {
                continue;
            }

            yield return this.Finding(function,
                $"{function.LogicalId}'s memory size {function.MemoryMb.WithUnit("MB")}; memory also sets CPU, so choose it.",
                function.MemoryMb.Span);
        }
    }
}
