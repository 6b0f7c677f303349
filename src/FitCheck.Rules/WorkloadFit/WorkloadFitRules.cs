namespace FitCheck.Rules.WorkloadFit;

/// <summary>The rules of this section, in id order.</summary>
public static class WorkloadFitRules
{
    public static IReadOnlyList<IRule> All { get; } =
    [
        new FunctionsFinishWellWithinTheLimit(),
        new FunctionsKeepNoStateOnFileSystems(),
    ];
}
