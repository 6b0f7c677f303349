namespace FitCheck.Rules.Pattern;

/// <summary>The rules of this section, in id order.</summary>
public static class PatternRules
{
    public static IReadOnlyList<IRule> All { get; } =
    [
        new FunctionsDoNotCallFunctions(),
        new ApiFunctionsFinishWithinTheIntegrationTimeout(),
        new ApisIntegrateDirectlyWithServices(),
        new FunctionsServeOneKindOfEvent(),
    ];
}
