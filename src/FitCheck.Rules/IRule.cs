using FitCheck.Model;

namespace FitCheck.Rules;

/// <summary>A design rule: metadata and logic together, reading only the architecture model. Stateless.</summary>
public interface IRule
{
    RuleInfo Info { get; }

    IEnumerable<Finding> Evaluate(Architecture architecture);
}

/// <summary>Helpers for rules to build findings.</summary>
public static class RuleExtensions
{
    public static Finding Finding(this IRule rule, Component resource, string message, SourceSpan? location = null, params RelatedLocation[] related) =>
        new(rule.Info, message, resource, location ?? resource.Span, related);

    public static RelatedLocation Related(this Component component, string message) => new(component.Span, message);
}
