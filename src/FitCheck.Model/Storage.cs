namespace FitCheck.Model;

/// <summary>A DynamoDB table.</summary>
public sealed class Table(string logicalId, string type, TemplateInfo template, SourceSpan span)
    : Component(logicalId, type, ComponentKind.Table, template, span)
{
    /// <summary>PAY_PER_REQUEST or PROVISIONED.</summary>
    public required Setting<string> BillingMode { get; set; }
    /// <summary>Null when the table has no stream.</summary>
    public string? StreamViewType { get; set; }
    public required Setting<bool> PointInTimeRecovery { get; set; }
    public bool HasTimeToLive { get; set; }
    /// <summary>Provisioned read capacity units (<c>ProvisionedThroughput.ReadCapacityUnits</c>); null when not provisioned.</summary>
    public Setting<int>? ReadCapacityUnits { get; set; }
    /// <summary>Provisioned write capacity units (<c>ProvisionedThroughput.WriteCapacityUnits</c>); null when not provisioned.</summary>
    public Setting<int>? WriteCapacityUnits { get; set; }
    /// <summary>The capacity dimensions an Application Auto Scaling target in the template scales
    /// (<c>dynamodb:table:ReadCapacityUnits</c>, <c>dynamodb:table:WriteCapacityUnits</c>).</summary>
    public HashSet<string> AutoScaledDimensions { get; } = new(StringComparer.Ordinal);
}

/// <summary>An S3 bucket.</summary>
public sealed class Bucket(string logicalId, string type, TemplateInfo template, SourceSpan span)
    : Component(logicalId, type, ComponentKind.Bucket, template, span)
{
    public bool HasPublicAccessBlock { get; set; }
    public bool HasEventBridgeNotifications { get; set; }
}

/// <summary>A CloudWatch Logs log group.</summary>
public sealed class LogGroup(string logicalId, string type, TemplateInfo template, SourceSpan span)
    : Component(logicalId, type, ComponentKind.LogGroup, template, span)
{
    /// <summary>Null value: never expires.</summary>
    public required Setting<int?> RetentionDays { get; set; }
    /// <summary>The literal or resolved name; functions are matched by <c>/aws/lambda/&lt;name&gt;</c>.</summary>
    public string? LogGroupName { get; set; }
    /// <summary>The function whose log group this is, when the name refers to one.</summary>
    public Component? ForFunction { get; set; }
}

/// <summary>A CloudWatch alarm and what it watches.</summary>
public sealed class Alarm(string logicalId, string type, TemplateInfo template, SourceSpan span)
    : Component(logicalId, type, ComponentKind.Alarm, template, span)
{
    public string? MetricName { get; set; }
    public string? Namespace { get; set; }
    /// <summary>The components named in the alarm's dimensions (or metric math queries).</summary>
    public List<Component> Watches { get; } = [];
    public int ActionCount { get; set; }
    /// <summary>True for composite alarms.</summary>
    public bool IsComposite { get; set; }
    /// <summary>Resources that read the alarm's state: composite alarms, deployment preferences and groups, health checks (not dashboards).</summary>
    public List<Component> UsedBy { get; } = [];
}
