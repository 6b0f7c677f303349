namespace FitCheck.Rules.Security;

/// <summary>The rules of this section, in id order.</summary>
public static class SecurityRules
{
    public static IReadOnlyList<IRule> All { get; } =
    [
    ];
}
