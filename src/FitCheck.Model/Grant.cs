namespace FitCheck.Model;

/// <summary>One IAM statement that lets a principal act on resources.</summary>
/// <param name="Principal">The function, state machine or role that holds the permission.</param>
/// <param name="Actions">Actions as written (<c>dynamodb:PutItem</c>, <c>s3:*</c>, <c>*</c>); NotAction statements list their exclusions with a leading '!'.</param>
/// <param name="Resources">Resource ARNs or patterns as written or resolved; <c>*</c> for any.</param>
/// <param name="Targets">The components the resources resolve to.</param>
/// <param name="Source">Where it comes from: an inline statement, a policy resource, a policy template, a managed policy, a connector.</param>
public sealed record Grant(Component Principal, string Effect, IReadOnlyList<string> Actions, IReadOnlyList<string> Resources,
    IReadOnlyList<Component> Targets, GrantSource Source, SourceSpan Span)
{
    public bool IsAllow => string.Equals(Effect, "Allow", StringComparison.OrdinalIgnoreCase);

    /// <summary>True when this grant is an attached managed policy rather than a statement.</summary>
    public bool IsManagedPolicy => Source.Kind == GrantSourceKind.Managed;

    /// <summary>A condition keeps the statement narrower than its actions and resources say.</summary>
    public bool HasCondition { get; init; }
}

/// <summary>An IAM role.</summary>
public sealed class Role(string logicalId, string type, TemplateInfo template, SourceSpan span)
    : Component(logicalId, type, ComponentKind.Role, template, span)
{
    /// <summary>Service principals that may assume the role (lambda.amazonaws.com...).</summary>
    public List<string> TrustedServices { get; } = [];
    /// <summary>Components that run as this role.</summary>
    public List<Component> UsedBy { get; } = [];
}

/// <summary>A resource-based permission: a Lambda permission, or a queue, topic, bus or bucket policy statement.</summary>
/// <param name="Resource">The component the policy protects.</param>
/// <param name="Principal">The principal as written: <c>*</c>, an account id, a service principal.</param>
public sealed record ResourcePermission(Component Resource, string Principal, IReadOnlyList<string> Actions, bool HasSourceCondition,
    bool HasOrgCondition, Component Declaration, SourceSpan Span);

/// <summary>Where a grant comes from.</summary>
public enum GrantSourceKind
{
    /// <summary>A statement written on the role or function itself.</summary>
    Inline,
    /// <summary>A statement of a separate policy resource (<see cref="GrantSource.Name"/> is its id).</summary>
    Policy,
    /// <summary>A SAM policy template (<see cref="GrantSource.Name"/> is the template, DynamoDBCrudPolicy...).</summary>
    PolicyTemplate,
    /// <summary>An attached managed policy (<see cref="GrantSource.Name"/> is its name or ARN).</summary>
    Managed,
    /// <summary>A SAM connector.</summary>
    Connector,
}

/// <summary>Where a grant comes from, and the name involved; reads <c>inline</c>, <c>policy:Id</c>,
/// <c>policy-template:DynamoDBCrudPolicy</c>, <c>managed:AdministratorAccess</c> or <c>connector</c> in messages.</summary>
public sealed record GrantSource(GrantSourceKind Kind, string? Name = null)
{
    public static GrantSource Inline { get; } = new(GrantSourceKind.Inline);

    public static GrantSource Connector { get; } = new(GrantSourceKind.Connector);

    public override string ToString() => Kind switch
    {
        GrantSourceKind.Inline => "inline",
        GrantSourceKind.Connector => "connector",
        GrantSourceKind.Policy => "policy:" + Name,
        GrantSourceKind.PolicyTemplate => "policy-template:" + Name,
        _ => "managed:" + Name,
    };
}
