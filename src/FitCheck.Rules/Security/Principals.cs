using FitCheck.Model;

namespace FitCheck.Rules.Security;

/// <summary>Helpers to talk about the holder of a grant: a function's generated role, an explicit role, a function.</summary>
internal static class Principals
{
    /// <summary>The functions that run as the grant's principal.</summary>
    public static IReadOnlyList<Function> FunctionsOf(Component principal) => principal switch
    {
        Function f => [f],
        Role role => [.. role.UsedBy.OfType<Function>().Concat(role.ImpliedBy is Function owner ? [owner] : []).Distinct()],
        _ => [],
    };

    /// <summary>"Orders' generated role", "role WorkerRole (used by A, B)", "role WorkerRole".</summary>
    public static string Describe(Component principal)
    {
        if (principal is Role { ImpliedBy: Function owner })
        {
            return $"{owner.LogicalId}'s generated role";
        }

        var users = principal is Role role ? role.UsedBy.Select(c => c.LogicalId).ToList() : [];
        return principal switch
        {
            Role when users.Count > 0 => $"role {principal.LogicalId} (used by {string.Join(", ", users)})",
            Role => $"role {principal.LogicalId}",
            _ => principal.LogicalId,
        };
    }

    /// <summary>True for <c>*</c> (any resource).</summary>
    public static bool IsAnyResource(string resource) => resource.Trim() == "*";
}
