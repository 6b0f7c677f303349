namespace FitCheck.Model;

/// <summary>An API Gateway API (REST, HTTP or WebSocket), or an AppSync GraphQL API.</summary>
public sealed class Api(string logicalId, string type, TemplateInfo template, SourceSpan span)
    : Component(logicalId, type, ComponentKind.Api, template, span)
{
    public required ApiProtocol Protocol { get; init; }
    public required Setting<bool> TracingEnabled { get; set; }
    /// <summary>Access log destination and format, when set.</summary>
    public AccessLogSettings? AccessLog { get; set; }
    /// <summary>True when the API defines its routes in an OpenAPI body (DefinitionBody, DefinitionUri, Body).</summary>
    public bool HasDefinitionBody { get; set; }
    /// <summary>True when a default authorizer applies to every route.</summary>
    public Setting<string?> DefaultAuthorizer { get; set; } = new(null, SettingOrigin.ServiceDefault, span);
    /// <summary>True when request validators are declared (REST).</summary>
    public bool HasRequestValidator { get; set; }
    /// <summary>Features only REST APIs have, in use (API keys, usage plans, caching, request validation, WAF, private endpoints, edge...).</summary>
    public List<RestFeature> RestOnlyFeatures { get; } = [];
    /// <summary>EDGE, REGIONAL or PRIVATE for REST APIs.</summary>
    public Setting<string?>? EndpointType { get; set; }
    public List<ApiRoute> Routes { get; } = [];
    /// <summary>Stage names and the stage components that belong to this API.</summary>
    public List<Component> Stages { get; } = [];
    public bool HasWebAcl { get; set; }
    /// <summary>Default stage throttling: REST MethodSettings for <c>*</c> and <c>/*</c>, HTTP DefaultRouteSettings; null when not set.</summary>
    public StageThrottling? DefaultThrottling { get; set; }
    /// <summary>Throttle limits of a usage plan that covers this API's stage (AWS::ApiGateway::UsagePlan, SAM Auth.UsagePlan); null when none.</summary>
    public StageThrottling? UsagePlanThrottling { get; set; }
    /// <summary>True when the API requires an API key on every route by default (SAM Auth.ApiKeyRequired).</summary>
    public bool ApiKeyRequired { get; set; }
    /// <summary>AppSync field-level logging (LogConfig.FieldLogLevel: NONE, ERROR, INFO, DEBUG, ALL); null value when LogConfig is absent; null for other protocols.</summary>
    public Setting<string?>? FieldLogLevel { get; set; }
    /// <summary>AppSync: true when field logs leave out headers, context and evaluated mapping templates
    /// (<c>LogConfig.ExcludeVerboseContent</c>, false by default); null for other protocols.</summary>
    public Setting<bool>? ExcludeVerboseContent { get; set; }
    /// <summary>AppSync: the default authorization mode (<c>AuthenticationType</c>: API_KEY, AWS_IAM, AMAZON_COGNITO_USER_POOLS,
    /// OPENID_CONNECT, AWS_LAMBDA); null for other protocols.</summary>
    public Setting<string?>? AuthenticationType { get; set; }
    /// <summary>AppSync: the additional authorization modes, as written (an unresolved entry is <c>?</c>).</summary>
    public List<string> AdditionalAuthenticationTypes { get; } = [];
    /// <summary>AppSync: the resolvers (or pipeline functions) declared on the Mutation type, by field name and place.</summary>
    public List<(string Field, SourceSpan Span)> MutationResolvers { get; } = [];
    /// <summary>AppSync: true when the schema written in the template declares a Mutation type.</summary>
    public bool SchemaHasMutations { get; set; }
}

/// <summary>The default throttling of a stage, and which limits it sets.</summary>
public sealed record StageThrottling(bool HasBurstLimit, bool HasRateLimit, SourceSpan Span)
{
    public bool IsComplete => HasBurstLimit && HasRateLimit;
}

/// <summary>Access log configuration of a stage.</summary>
/// <param name="Format">The format string; null when not given.</param>
public sealed record AccessLogSettings(ComponentRef? Destination, string? Format, SourceSpan Span)
{
    public bool IsJson => Format is { } f && f.TrimStart().StartsWith('{');
    public bool CarriesRequestId => Format is { } f && (f.Contains("$context.requestId", StringComparison.Ordinal) || f.Contains("$context.extendedRequestId", StringComparison.Ordinal));
}

/// <summary>A route (method and path) of an API, and what it integrates with.</summary>
/// <param name="Authorization">NONE, AWS_IAM, COGNITO_USER_POOLS, CUSTOM, JWT, an authorizer name; null when unknown.</param>
public sealed record ApiRoute(string Method, string Path, Setting<string?> Authorization, Component? Target, string? IntegrationType, SourceSpan Span)
{
    public bool HasRequestValidation { get; init; }
    /// <summary>Integration timeout in milliseconds when set.</summary>
    public Setting<int>? IntegrationTimeoutMs { get; init; }
    /// <summary>True when the route requires an API key (ApiKeyRequired).</summary>
    public bool ApiKeyRequired { get; init; }
    /// <summary>True when the integration invokes the function asynchronously (request header X-Amz-Invocation-Type 'Event'):
    /// API Gateway answers at once and does not wait for the function.</summary>
    public bool InvokesAsynchronously { get; init; }
}

/// <summary>The kind of an API.</summary>
public enum ApiProtocol
{
    /// <summary>API Gateway REST API (v1).</summary>
    Rest,
    /// <summary>API Gateway HTTP API (v2).</summary>
    Http,
    /// <summary>API Gateway WebSocket API (v2).</summary>
    WebSocket,
    /// <summary>AppSync GraphQL API.</summary>
    GraphQL,
}

/// <summary>A feature only REST APIs have, in use on an API.</summary>
/// <param name="Kind">What it is; rules test this.</param>
/// <param name="Text">How messages name it, with the setting involved ("usage plan", "caching (CacheClusterEnabled)").</param>
public sealed record RestFeature(RestFeatureKind Kind, string Text)
{
    public override string ToString() => Text;
}

/// <summary>Features only REST APIs offer.</summary>
public enum RestFeatureKind
{
    ApiKey,
    UsagePlan,
    Caching,
    RequestValidation,
    WebAcl,
    PrivateEndpoint,
    EdgeEndpoint,
    ResourcePolicy,
    Canary,
    Other,
}

/// <summary>Names of API protocols in messages.</summary>
public static class ApiProtocolNames
{
    /// <summary>REST, HTTP, WEBSOCKET or GRAPHQL.</summary>
    public static string Name(this ApiProtocol protocol) => protocol switch
    {
        ApiProtocol.Rest => "REST",
        ApiProtocol.Http => "HTTP",
        ApiProtocol.WebSocket => "WEBSOCKET",
        _ => "GRAPHQL",
    };
}
