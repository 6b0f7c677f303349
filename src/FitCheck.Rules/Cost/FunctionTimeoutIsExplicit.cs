using FitCheck.Model;

namespace FitCheck.Rules.Cost;

/// <summary>Functions choose their timeout rather than run with the 3 s default.</summary>
public sealed class FunctionTimeoutIsExplicit : IRule
{
    public RuleInfo Info { get; } = new(
        Id: "FC5002",
        Slug: "function-timeout-is-explicit",
        Title: "Functions set their timeout",
        Section: Section.Cost,
        Severity: Severity.Note,
        Rationale: "The 3 s default is rarely what a function needs: too short and calls fail and are retried (and billed again), " +
                   "too long and a hung call is billed until it ends. The timeout should follow from the caller and the downstreams.",
        Remediation: "Set Timeout on the function (or in Globals) from the slowest downstream call and the caller's own timeout.",
        Snippet: """
            Globals:
              Function:
                Timeout: 10
            """,
        Equivalents: ["serverless-rules:ES1006", "cdk-nag:Serverless-LambdaDefaultTimeout"],
        Pillar: "cost-optimization")
    {
        Fixes = new Dictionary<string, RuleFix>(StringComparer.Ordinal)
        {
            [FixWords.Serverless] = new(
                "Set timeout under provider (or on the function) from what it calls and what calls it; the framework's default is 6 s.",
                """
                provider:
                  timeout: 10
                """),
        },
    };

    public IEnumerable<Finding> Evaluate(Architecture architecture)
    {
        foreach (var function in architecture.OfType<Function>())
        {
            if (function.TimeoutSeconds.Origin != SettingOrigin.ServiceDefault)
            {
                continue;
            }

            yield return this.Finding(function,
                $"{function.LogicalId}'s timeout {function.TimeoutSeconds.WithUnit("s")}; set it from what the function calls and what calls it.",
                function.TimeoutSeconds.Span);
        }
    }
}
