namespace FitCheck.Rules.Cost;

/// <summary>The rules of this section, in id order.</summary>
public static class CostRules
{
    public static IReadOnlyList<IRule> All { get; } =
    [
        new RetryAmplificationWithinBounds(),
    ];
}
