using FitCheck.Model;

namespace FitCheck.Rules;

/// <summary>A design rule: metadata and logic together, reading only the architecture model. Stateless.</summary>
public interface IRule
{
    RuleInfo Info { get; }

    IEnumerable<Finding> Evaluate(Architecture architecture);
}

/// <summary>A housekeeping rule (<see cref="RuleInfo.OncePerTemplate"/>): it finds per component, and the analyzer folds the
/// unsuppressed findings of one template into one finding that lists the components, the first one's location first and the
/// others as related locations. A component's own suppression still applies to it alone.</summary>
public interface IFoldedRule : IRule
{
    /// <summary>The one message for several findings of one template: names every component and what they share.</summary>
    string Summary(IReadOnlyList<Finding> findings);
}

/// <summary>Helpers for rules to build findings.</summary>
public static class RuleExtensions
{
    public static Finding Finding(this IRule rule, Component resource, string message, SourceSpan? location = null, params RelatedLocation[] related) =>
        new(rule.Info, message, resource, location ?? resource.Span, related);

    public static RelatedLocation Related(this Component component, string message) => new(component.Span, message);

    /// <summary>"A, B and C", or "A, B, C and 4 more" past <paramref name="max"/> names.</summary>
    public static string NameList(IEnumerable<string> names, int max = 6)
    {
        var all = names.Distinct(StringComparer.Ordinal).ToList();
        if (all.Count <= 1)
        {
            return all.FirstOrDefault() ?? "";
        }

        if (all.Count > max)
        {
            return $"{string.Join(", ", all.Take(max))} and {all.Count - max} more";
        }

        return $"{string.Join(", ", all.Take(all.Count - 1))} and {all[^1]}";
    }
}
