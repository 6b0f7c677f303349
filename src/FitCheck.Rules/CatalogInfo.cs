namespace FitCheck.Rules;

/// <summary>The rule catalog's edition, printed by <c>fitcheck --version</c>. Bump <see cref="Date"/> whenever a rule is
/// added, removed or changes what it reports, so a team can tell which catalog produced a report or a baseline.</summary>
public static class CatalogInfo
{
    /// <summary>The date of the catalog's last change (ISO 8601).</summary>
    public const string Date = "2026-11-27";

    /// <summary>How many rules the catalog holds.</summary>
    public static int RuleCount => BuiltInRules.All.Count;
}
