namespace FitCheck.Model;

/// <summary>A part of the architecture: a resource the template declares, or one SAM creates implicitly.</summary>
public class Component
{
    public Component(string logicalId, string type, ComponentKind kind, TemplateInfo template, SourceSpan span)
    {
        LogicalId = logicalId;
        Type = type;
        Kind = kind;
        Template = template;
        Span = span;
    }

    /// <summary>The logical id (SAM's generated id for implicit components, such as <c>ServerlessRestApi</c>).</summary>
    public string LogicalId { get; }

    /// <summary>The CloudFormation or SAM resource type, for display.</summary>
    public string Type { get; }

    public ComponentKind Kind { get; }

    public TemplateInfo Template { get; }

    /// <summary>The logical-id key of the resource (or, for implicit components, the event or property that implies it).</summary>
    public SourceSpan Span { get; }

    /// <summary>Set when SAM creates this component from another resource's properties.</summary>
    public Component? ImpliedBy { get; init; }

    /// <summary>True when the component is created by SAM rather than written in the template.</summary>
    public bool IsImplicit => ImpliedBy is not null;

    /// <summary>The physical name when the template sets one literally (FunctionName, QueueName, TableName...).</summary>
    public string? PhysicalName { get; set; }

    /// <summary>The resource's <c>Condition</c>, when it is deployed only under a condition.</summary>
    public string? Condition { get; init; }

    /// <summary>Rule suppressions declared in the resource's Metadata (fitcheck, cfn-lint, checkov, cdk-nag vocabularies).</summary>
    public List<Suppression> Suppressions { get; } = [];

    /// <summary>The AWS service the resource belongs to, lower case as in IAM actions and ARNs (<c>lambda</c>,
    /// <c>codedeploy</c>, <c>states</c>); null when unknown.</summary>
    public string? Service { get; set; }

    /// <summary>True when SAM's shorthand declares the component (an <c>AWS::Serverless::*</c> resource, or one SAM creates for it):
    /// fix texts then speak SAM rather than plain CloudFormation.</summary>
    public bool IsSamShorthand => Type.StartsWith("AWS::Serverless::", StringComparison.Ordinal);

    /// <summary>The role this component runs as, when it has one (function, state machine, pipe, schedule).</summary>
    public ComponentRef? ExecutionRole { get; set; }

    public override string ToString() => $"{LogicalId} ({Type})";
}

/// <summary>A suppression of a rule on a component or template, with its reason.</summary>
/// <param name="RuleId">The id as written: a fitcheck id or another tool's id.</param>
/// <param name="Vocabulary">fitcheck, cfn-lint, checkov or cdk-nag.</param>
public sealed record Suppression(string RuleId, string? Reason, string Vocabulary, SourceSpan Span);

/// <summary>A reference from one value to a component, or to something that could not be resolved.</summary>
/// <param name="Target">The component referred to, when it is in the same template.</param>
/// <param name="Text">A readable rendering of the reference (a literal ARN, <c>!GetAtt Queue.Arn</c>...).</param>
/// <param name="Origin">Explicit, Globals, ParameterDefault or Unresolved.</param>
public sealed record ComponentRef(Component? Target, string Text, SettingOrigin Origin, SourceSpan Span)
{
    public bool IsResolved => Target is not null;
}
