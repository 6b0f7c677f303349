using FitCheck.Analysis.Cost;

namespace FitCheck.Assessing.Diffing;

/// <summary>One priced item (component and billed group) whose monthly cost differs between the versions; 0 on the side
/// where the item does not exist.</summary>
public sealed record CostItemChange(string Template, string Component, string Service, decimal Old, decimal New)
{
    public decimal Difference => New - Old;
}

/// <summary>The estimated monthly cost of both versions under the same workload profile, and the items that changed, the
/// largest change (in either direction) first.</summary>
public sealed record CostDiff(string Currency, decimal OldTotal, decimal NewTotal, IReadOnlyList<CostItemChange> Changes, IReadOnlyList<string> MissingInputs)
{
    public decimal Difference => NewTotal - OldTotal;

    /// <summary>Compares two estimates; items are matched by template (through <paramref name="key"/> for the old side),
    /// logical id and service.</summary>
    public static CostDiff Compare(CostEstimate old, CostEstimate @new, Func<string, string> key)
    {
        var before = old.Items.GroupBy(i => (Key(i.Template), i.Component.LogicalId, i.Service)).ToDictionary(g => g.Key, g => g.Sum(i => i.Monthly));
        var after = @new.Items.GroupBy(i => (i.Template, i.Component.LogicalId, i.Service)).ToDictionary(g => g.Key, g => g.Sum(i => i.Monthly));
        var changes = before.Keys.Union(after.Keys)
            .Select(k => new CostItemChange(k.Item1, k.Item2, k.Item3, before.GetValueOrDefault(k), after.GetValueOrDefault(k)))
            .Where(c => c.Difference != 0m)
            .OrderByDescending(c => Math.Abs(c.Difference)).ThenBy(c => c.Template, StringComparer.Ordinal).ThenBy(c => c.Component, StringComparer.Ordinal)
            .ThenBy(c => c.Service, StringComparer.Ordinal)
            .ToList();
        return new CostDiff(@new.Currency, old.MonthlyTotal, @new.MonthlyTotal, changes, @new.MissingInputs);

        string Key(string path) => key(path);
    }
}
