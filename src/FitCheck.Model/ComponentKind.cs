namespace FitCheck.Model;

/// <summary>What a component is, independent of the CloudFormation or SAM type that declares it.</summary>
public enum ComponentKind
{
    Function,
    Api,
    Route,
    Queue,
    Topic,
    EventBus,
    EventRule,
    Schedule,
    StateMachine,
    Table,
    Bucket,
    Stream,
    Alarm,
    Dashboard,
    LogGroup,
    Secret,
    Parameter,
    Key,
    Role,
    Policy,
    EventSourceMapping,
    Subscription,
    Permission,
    Layer,
    Alias,
    Version,
    Deployment,
    FunctionUrl,
    Pipe,
    UserPool,
    NestedStack,
    Connector,
    WebAcl,
    FileSystem,
    Cluster,
    Container,
    Other,
}

/// <summary>Kebab-case names used in every output.</summary>
public static class ComponentKindNames
{
    public static string Name(this ComponentKind kind) => kind switch
    {
        ComponentKind.EventBus => "event-bus",
        ComponentKind.EventRule => "event-rule",
        ComponentKind.StateMachine => "state-machine",
        ComponentKind.LogGroup => "log-group",
        ComponentKind.EventSourceMapping => "event-source-mapping",
        ComponentKind.FunctionUrl => "function-url",
        ComponentKind.UserPool => "user-pool",
        ComponentKind.NestedStack => "nested-stack",
        ComponentKind.WebAcl => "web-acl",
        ComponentKind.FileSystem => "file-system",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
