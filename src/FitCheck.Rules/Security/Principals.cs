using FitCheck.Model;

namespace FitCheck.Rules.Security;

/// <summary>Helpers to talk about the holder of a grant: a function's generated role, an explicit role, a function.</summary>
internal static class Principals
{
    /// <summary>The functions that run as the grant's principal.</summary>
    public static IReadOnlyList<Function> FunctionsOf(Component principal)
    {
        switch (principal)
        {
            case Function f:
                return [f];
            case Role role:
                // Asked for every grant of every role: a loop and one list, not a chain of iterators and a set.
                List<Function>? functions = null;
                foreach (var user in role.UsedBy)
                {
                    Add(user);
                }

                Add(role.ImpliedBy);
                return functions is null ? [] : functions;

                void Add(Component? component)
                {
                    if (component is Function function && (functions is null || !functions.Contains(function)))
                    {
                        (functions ??= []).Add(function);
                    }
                }

            default:
                return [];
        }
    }

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
