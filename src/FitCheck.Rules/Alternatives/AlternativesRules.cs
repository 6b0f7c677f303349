namespace FitCheck.Rules.Alternatives;

/// <summary>The rules of this section, in id order.</summary>
public static class AlternativesRules
{
    public static IReadOnlyList<IRule> All { get; } =
    [
        new LongFunctionsAreNotKeptWarm(),
    ];
}
