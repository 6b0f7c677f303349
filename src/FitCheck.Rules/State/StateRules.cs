namespace FitCheck.Rules.State;

/// <summary>The rules of this section, in id order.</summary>
public static class StateRules
{
    public static IReadOnlyList<IRule> All { get; } =
    [
        new AsyncFunctionsHaveFailureDestination(),
        new FailurePathsDoNotDropSilently(),
    ];
}
