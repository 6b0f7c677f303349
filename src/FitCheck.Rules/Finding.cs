using FitCheck.Model;

namespace FitCheck.Rules;

/// <summary>One problem a rule found, on one component.</summary>
/// <param name="Message">Names the components and the values involved.</param>
/// <param name="Resource">The component the finding is about.</param>
/// <param name="Location">Where to look: the offending value, or the component when the value is left out.</param>
/// <param name="Related">Other places involved (the consumer of a queue, the alarm that should watch it...).</param>
public sealed record Finding(RuleInfo Rule, string Message, Component Resource, SourceSpan Location, IReadOnlyList<RelatedLocation> Related)
{
    /// <summary>A value that identifies the finding across unrelated edits: rule, template, resource and the value's key.</summary>
    public string Fingerprint { get; init; } = "";

    /// <summary>Set when a suppression applies: the reason given.</summary>
    public Suppression? SuppressedBy { get; init; }

    public bool IsSuppressed => SuppressedBy is not null;

    /// <summary>How to fix it, in the words of the input the resource was declared in (SAM, CloudFormation; Terraform and
    /// Serverless when their rules' texts are filled), falling back to the rule's own text.</summary>
    public RuleFix Fix => Rule.FixFor(Resource);

    /// <summary>The severity after config overrides; a rule may lower it per finding (a note ahead of a deadline, a warning past it).</summary>
    public Severity Severity { get; init; } = Rule.Severity;
}

/// <summary>A related place, with a short description.</summary>
public sealed record RelatedLocation(SourceSpan Location, string Message);
