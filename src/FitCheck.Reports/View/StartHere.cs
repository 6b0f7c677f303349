using FitCheck.Model;
using FitCheck.Rules;

namespace FitCheck.Reports.View;

/// <summary>
/// Which findings a reviewer should read first, derived from the severity model (docs/severity.md) and nothing else, so a
/// new rule takes its place by its severity and score without being listed here:
/// <list type="number">
/// <item>The finding's severity: every error (Critical: exposure to anyone, a secret in plain text, admin or <c>*</c> on
/// <c>*</c>) before every warning, every warning before every note.</item>
/// <item>Within a severity, the risk: a security rule by its <see cref="RuleInfo.SecuritySeverity"/> (the score code
/// scanning sorts by); then work or data lost silently (the state section); then missing telemetry; then delivery,
/// pattern and workload fit; cost hints and alternatives last.</item>
/// <item>Then the number of findings of the rule, then the rule id.</item>
/// </list>
/// </summary>
public static class StartHere
{
    /// <summary>Where the state section's silent-loss findings rank among security scores: below unauthenticated exposure
    /// (7.0) and above scoping advice (5.0).</summary>
    public const double StateRisk = 6.5;

    /// <summary>The risk of a rule's findings within one severity, on the 0 to 10 scale of <see cref="RuleInfo.SecuritySeverity"/>.</summary>
    public static double Risk(RuleInfo rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return rule.SecuritySeverity ?? rule.Section switch
        {
            Section.Security => 5.0,
            Section.State => StateRisk,
            Section.Observability => 4.0,
            Section.Cost or Section.Alternatives => 1.0,
            _ => 3.0,
        };
    }

    /// <summary>The rules to read first, one entry per rule (one root cause), best first.</summary>
    public static IReadOnlyList<Common.RuleGroup> Rank(IEnumerable<Common.RuleGroup> groups, int count) =>
        groups.OrderByDescending(g => g.Severity)
            .ThenByDescending(g => Risk(g.Rule))
            .ThenByDescending(g => g.Findings.Count)
            .ThenBy(g => g.Rule.Id, StringComparer.Ordinal)
            .Take(count)
            .ToList();
}
