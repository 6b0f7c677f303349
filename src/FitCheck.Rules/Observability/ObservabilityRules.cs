namespace FitCheck.Rules.Observability;

/// <summary>The rules of this section, in id order.</summary>
public static class ObservabilityRules
{
    public static IReadOnlyList<IRule> All { get; } =
    [
    ];
}
