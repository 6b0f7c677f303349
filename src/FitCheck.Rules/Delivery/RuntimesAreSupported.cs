using System.Globalization;
using FitCheck.Model;

namespace FitCheck.Rules.Delivery;

/// <summary>Functions run on a runtime that Lambda still supports, and not one about to be deprecated.</summary>
public sealed class RuntimesAreSupported : IRule
{
    private readonly DateOnly _asOf;

    public RuntimesAreSupported() : this(DateOnly.FromDateTime(DateTime.UtcNow))
    {
    }

    /// <summary>Judges runtimes as of <paramref name="asOf"/> (tests pin the date).</summary>
    public RuntimesAreSupported(DateOnly asOf) => _asOf = asOf;

    public RuleInfo Info { get; } = new(
        Id: "FC6005",
        Slug: "runtimes-are-supported",
        Title: "Functions use a supported Lambda runtime",
        Section: Section.Delivery,
        Severity: Severity.Error,
        Rationale: "A deprecated runtime gets no security patches. Some weeks later Lambda blocks creating functions on it, then updating " +
                   "them: the stack cannot deploy to a new account or region, and then cannot deploy a fix at all.",
        Remediation: "Move to the successor runtime (Runtime: python3.13, nodejs22.x, java21...), test, and deploy before the block dates.",
        Snippet: """
            Globals:
              Function:
                Runtime: python3.13
            """,
        Equivalents: ["cfn-lint:E2531", "cfn-lint:E2533", "cfn-lint:W2531", "checkov:CKV_AWS_363"],
        Pillar: "security")
    {
        Fixes = new Dictionary<string, RuleFix>(StringComparer.Ordinal)
        {
            [FixWords.Terraform] = new(
                "Move the aws_lambda_function to the successor runtime (runtime = \"python3.13\", \"nodejs22.x\", \"java21\"...), test, and deploy before the block dates.",
                """
                resource "aws_lambda_function" "orders" {
                  # ...
                  runtime = "python3.13"
                }
                """),
            [FixWords.Serverless] = new(
                "Move to the successor runtime (provider.runtime, or runtime on the function: python3.13, nodejs22.x, java21...), test, and deploy before the block dates.",
                """
                provider:
                  runtime: python3.13
                """),
        },
    };

    public IEnumerable<Finding> Evaluate(Architecture architecture)
    {
        // Error only when Lambda already blocks updates (the stack cannot deploy a fix); warning once deprecated, blocked for
        // new functions, or within six months of deprecation; a note in the six months before that; nothing earlier.
        foreach (var function in architecture.OfType<Function>())
        {
            var runtime = function.Runtime;
            if (!runtime.IsKnown || runtime.Value is null || RuntimeLifecycle.Find(runtime.Value) is not { } support)
            {
                continue;
            }

            var name = $"Runtime of {function.LogicalId} {runtime.Is(function)}";
            var daysLeft = support.Deprecated.DayNumber - _asOf.DayNumber;
            if (support.BlockUpdate is { } update && update <= _asOf)
            {
                yield return this.Finding(function,
                    $"{name}: deprecated since {Date(support.Deprecated)}, and Lambda blocks creating and updating functions on it since {Date(update)}; move to {support.Successor}.",
                    runtime.Span);
            }
            else if (support.BlockCreate is { } create && create <= _asOf)
            {
                yield return this.Finding(function,
                    $"{name}: deprecated since {Date(support.Deprecated)}, Lambda blocks creating functions on it since {Date(create)}{(support.BlockUpdate is { } u ? $" and updating them from {Date(u)}" : "")}; move to {support.Successor}.",
                    runtime.Span) with { Severity = Severity.Warning };
            }
            else if (support.Deprecated <= _asOf)
            {
                yield return this.Finding(function,
                    $"{name}: deprecated since {Date(support.Deprecated)} (no more security patches){(support.BlockCreate is { } c ? $"; Lambda blocks creating functions on it from {Date(c)}" : "")}; move to {support.Successor}.",
                    runtime.Span) with { Severity = Severity.Warning };
            }
            else if (daysLeft <= RuntimeLifecycle.WarningDays)
            {
                yield return this.Finding(function,
                    $"{name}: Lambda deprecates it on {Date(support.Deprecated)}, in {daysLeft} days, and then stops patching it; move to {support.Successor}.",
                    runtime.Span) with { Severity = Severity.Warning };
            }
            else if (daysLeft <= RuntimeLifecycle.NoticeDays)
            {
                yield return this.Finding(function,
                    $"{name}: still supported; Lambda deprecates it on {Date(support.Deprecated)}; plan the move to {support.Successor}.",
                    runtime.Span) with { Severity = Severity.Note };
            }
        }
    }

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
