namespace FitCheck.Rules;

/// <summary>The rule catalog: one explicit list per section, in id order. A catalog test fails when a rule class is missing.</summary>
public static class BuiltInRules
{
    public static IReadOnlyList<IRule> All { get; } =
    [
        .. State.StateRules.All,
        .. Security.SecurityRules.All,
        .. Observability.ObservabilityRules.All,
        .. Pattern.PatternRules.All,
        .. Cost.CostRules.All,
        .. Delivery.DeliveryRules.All,
        .. WorkloadFit.WorkloadFitRules.All,
        .. Alternatives.AlternativesRules.All,
    ];

    /// <summary>Ids that were used and retired; never given to another rule.</summary>
    public static IReadOnlyList<string> RetiredIds { get; } = ["FC5004"];

    public static IRule? Find(string id) => All.FirstOrDefault(r => r.Info.Answers(id));
}
