using FitCheck.Model;
using FitCheck.Rules;

namespace FitCheck.Reports.View;

/// <summary>Which findings a reviewer should read first. A small, documented ranking owned by the reports, keyed by rule
/// id, section and severity (the rules' own severities are being reworked; this order does not depend on them alone):
/// <list type="number">
/// <item>Tier 0, the risks that hurt at once: public or unauthenticated exposure (FC2007, FC2008, FC2009), secrets in the
/// template (FC2005), administrator or <c>*</c> on <c>*</c> grants (FC2001, FC2002, FC2004), silent loss of data or work
/// (FC1901, FC1001, FC1002, FC1005, FC1007, FC1008, FC1010) and self-triggering loops (FC1015), in that order.</item>
/// <item>Tier 1: any other error.</item>
/// <item>Tier 2: the other security and state findings.</item>
/// <item>Tier 3: missing telemetry (observability).</item>
/// <item>Tier 4: delivery, pattern and workload fit.</item>
/// <item>Tier 5: cost hints and alternatives.</item>
/// </list>
/// Within a tier: the tier's rule order, then severity, then the number of findings of the rule, then rule id.</summary>
public static class StartHere
{
    /// <summary>Tier 0, in order: exposure, secrets, admin grants, silent data loss, loops.</summary>
    public static IReadOnlyList<string> Critical { get; } =
        ["FC2008", "FC2007", "FC2009", "FC2005", "FC2002", "FC2001", "FC2004", "FC1901", "FC1001", "FC1002", "FC1005", "FC1007", "FC1008", "FC1010", "FC1015"];

    /// <summary>The tier of a finding (0 first).</summary>
    public static int Tier(RuleInfo rule, Severity severity)
    {
        if (Critical.Contains(rule.Id))
        {
            return 0;
        }

        if (severity == Severity.Error)
        {
            return 1;
        }

        return rule.Section switch
        {
            Section.Security or Section.State => 2,
            Section.Observability => 3,
            Section.Cost or Section.Alternatives => 5,
            _ => 4,
        };
    }

    /// <summary>The rules to read first, one entry per rule (one root cause), best first.</summary>
    public static IReadOnlyList<Common.RuleGroup> Rank(IEnumerable<Common.RuleGroup> groups, int count) =>
        groups.OrderBy(g => Tier(g.Rule, g.Severity))
            .ThenBy(g => Critical.IndexOf(g.Rule.Id) is var i && i >= 0 ? i : int.MaxValue)
            .ThenByDescending(g => g.Severity)
            .ThenByDescending(g => g.Findings.Count)
            .ThenBy(g => g.Rule.Id, StringComparer.Ordinal)
            .Take(count)
            .ToList();

    private static int IndexOf(this IReadOnlyList<string> list, string id)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] == id)
            {
                return i;
            }
        }

        return -1;
    }
}
