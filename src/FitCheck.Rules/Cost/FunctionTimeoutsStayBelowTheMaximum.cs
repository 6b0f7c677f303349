using FitCheck.Model;

namespace FitCheck.Rules.Cost;

/// <summary>Function timeouts are set from the work, not to the 900 s maximum.</summary>
public sealed class FunctionTimeoutsStayBelowTheMaximum : IFoldedRule
{
    public RuleInfo Info { get; } = new(
        Id: "FC5003",
        Slug: "function-timeouts-stay-below-the-maximum",
        Title: "Function timeouts are not set to the 15-minute maximum",
        Section: Section.Cost,
        Severity: Severity.Note,
        Rationale: "A 900 s timeout is usually a way of not choosing one: a hung downstream call is then billed for fifteen minutes " +
                   "per invocation, and work that really needs that long is close to the limit and better split into steps.",
        Remediation: "Set the timeout from the measured duration plus a margin; move long work to Step Functions, a queue of smaller " +
                     "tasks, or a container (ECS/Fargate).",
        Snippet: """
            Timeout: 60
            """,
        Equivalents: [],
        Pillar: "cost-optimization")
    {
        OncePerTemplate = true,
        Fixes = new Dictionary<string, RuleFix>(StringComparer.Ordinal)
        {
            [FixWords.Terraform] = new(
                "Set timeout on the aws_lambda_function from the measured duration plus a margin; move long work to Step Functions, a queue of smaller tasks, or a container (ECS/Fargate).",
                """
                resource "aws_lambda_function" "orders" {
                  # ...
                  timeout = 60
                }
                """),
            [FixWords.Serverless] = new(
                "Set timeout (on the function, or under provider) from the measured duration plus a margin; move long work to Step Functions, a queue of smaller tasks, or a container (ECS/Fargate).",
                """
                functions:
                  orders:
                    handler: orders.handler
                    timeout: 60
                """),
        },
    };

    public string Summary(IReadOnlyList<Finding> findings) =>
        $"{findings.Count} functions inherit a timeout of 900 s, the Lambda maximum ({RuleExtensions.NameList(findings.Select(f => f.Resource.LogicalId))}); " +
        "a hung call is billed for 15 minutes: set each function's timeout from its measured duration.";

    public IEnumerable<Finding> Evaluate(Architecture architecture)
    {
        foreach (var function in architecture.OfType<Function>())
        {
            // CDK's own helper functions (log retention, bucket notifications) are not the user's to configure.
            if (!function.TimeoutSeconds.IsKnown || function.TimeoutSeconds.Value < 900 || function.IsDurable || function.IsCdkInternal())
            {
                continue;
            }

            // A function's own 900 s timeout is FC7001's finding (long work in the wrong place): one finding per root cause.
            if (WorkloadFit.FunctionsFinishWellWithinTheLimit.IsOwnTimeout(function.TimeoutSeconds))
            {
                continue;
            }

            yield return this.Finding(function,
                $"{function.LogicalId}'s timeout is {function.TimeoutSeconds.WithUnit("s", function)}, the Lambda maximum; a hung call is billed for 15 minutes.",
                function.TimeoutSeconds.Span);
        }
    }
}
