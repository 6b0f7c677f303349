using FitCheck.Model;

namespace FitCheck.Rules.Security;

/// <summary>API routes that reach a backend authorize their callers.</summary>
public sealed class ApiRoutesRequireAuthorization : IRule
{
    public RuleInfo Info { get; } = new(
        Id: "FC2008",
        Slug: "api-routes-require-authorization",
        Title: "API routes authorize their callers",
        Section: Section.Security,
        Severity: Severity.Warning,
        Rationale: "A route with no authorizer, on an API with no default authorizer, lets anyone on the internet call the backend. " +
                   "Public routes exist, but they should be a decision, not the default.",
        Remediation: "Set a DefaultAuthorizer on the API (Cognito, JWT, Lambda or AWS_IAM), or an Authorizer on the route; mark " +
                     "deliberately public routes with Authorizer: NONE and suppress the finding with a reason.",
        Snippet: """
            Api:
              Type: AWS::Serverless::Api
              Properties:
                StageName: prod
                Auth:
                  DefaultAuthorizer: UserPool
                  Authorizers:
                    UserPool:
                      UserPoolArn: !GetAtt UserPool.Arn
            """,
        Equivalents: ["cdk-nag:AwsSolutions-APIG4", "checkov:CKV_AWS_59"],
        Pillar: "security")
    {
        SecuritySeverity = 7.0,
        Fixes = new Dictionary<string, RuleFix>(StringComparer.Ordinal)
        {
            [FixWords.Terraform] = new(
                "Give the route an authorizer: authorization_type = \"JWT\", \"CUSTOM\" or \"AWS_IAM\" with authorizer_id on the aws_apigatewayv2_route, or authorization = \"COGNITO_USER_POOLS\", \"CUSTOM\" or \"AWS_IAM\" on the aws_api_gateway_method; suppress the finding with a reason on routes that are public on purpose.",
                """
                resource "aws_apigatewayv2_route" "get_order" {
                  api_id             = aws_apigatewayv2_api.orders.id
                  route_key          = "GET /orders/{id}"
                  target             = "integrations/${aws_apigatewayv2_integration.orders.id}"
                  authorization_type = "JWT"
                  authorizer_id      = aws_apigatewayv2_authorizer.users.id
                }
                """),
            [FixWords.Serverless] = new(
                "Give the event an authorizer (a JWT or Lambda authorizer from provider.httpApi.authorizers, aws_iam, or a Cognito or Lambda authorizer on an http event); suppress the finding with a reason on routes that are public on purpose.",
                """
                provider:
                  httpApi:
                    authorizers:
                      users:
                        type: jwt
                        identitySource: $request.header.Authorization
                        issuerUrl: https://cognito-idp.us-east-1.amazonaws.com/us-east-1_EXAMPLE
                        audience: [orders-client]
                functions:
                  getOrder:
                    handler: orders.get
                    events:
                      - httpApi:
                          method: GET
                          path: /orders/{id}
                          authorizer:
                            name: users
                """),
        },
    };

    // Path words of routes that exist to be called before a caller has credentials, or by a service that signs its own requests.
    private static readonly (string Word, string Purpose)[] PublicPurposes =
    [
        ("signup", "sign-up"), ("sign-up", "sign-up"), ("register", "sign-up"), ("login", "login"), ("signin", "login"), ("sign-in", "login"),
        ("logout", "login"), ("token", "token"), ("oauth", "login"), ("callback", "callback"), ("webhook", "webhook"), ("hook", "webhook"),
        ("health", "health check"), ("healthcheck", "health check"), ("ping", "health check"),
        ("forgot", "password reset"), ("reset-password", "password reset"),
        (".well-known", "discovery"), ("public", "public"),
    ];

    /// <summary>What a route is for, when its path says it must be callable without credentials (sign-up, login, health, webhook).</summary>
    internal static string? MustBePublic(string path)
    {
        foreach (var segment in path.ToLowerInvariant().Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var word = segment.Trim('{', '}');
            foreach (var (w, purpose) in PublicPurposes)
            {
                if (word == w || word.StartsWith(w + "-", StringComparison.Ordinal) || word.StartsWith(w + "_", StringComparison.Ordinal)
                    || (w.Length >= 5 && word.Contains(w, StringComparison.Ordinal)))
                {
                    return purpose;
                }
            }
        }

        return null;
    }

    public IEnumerable<Finding> Evaluate(Architecture architecture)
    {
        foreach (var api in architecture.OfType<Api>())
        {
            // A private endpoint or a resource policy already decides who may call.
            if (api.Protocol is not (ApiProtocol.Rest or ApiProtocol.Http) || !api.DefaultAuthorizer.IsKnown
                || api.RestOnlyFeatures.Any(f => f.Kind is RestFeatureKind.ResourcePolicy or RestFeatureKind.PrivateEndpoint) || api.EndpointType is { Value: "PRIVATE" })
            {
                continue;
            }

            var hasDefault = api.DefaultAuthorizer.Value is { } d && !string.Equals(d, "NONE", StringComparison.OrdinalIgnoreCase);
            var seen = new HashSet<(string, string)>();
            foreach (var route in api.Routes)
            {
                // A route declared twice (a SAM event and the OpenAPI body, two events on one path) is one route.
                if (route.Method == "OPTIONS" || route.IntegrationType == "mock" || !route.Authorization.IsKnown
                    || !seen.Add((route.Method, route.Path.TrimEnd('/'))))
                {
                    continue;
                }

                var value = route.Authorization.Value;
                var open = value is null ? !hasDefault : string.Equals(value, "NONE", StringComparison.OrdinalIgnoreCase);
                if (!open)
                {
                    continue;
                }

                var why = value is null || route.Authorization.Origin == SettingOrigin.ServiceDefault
                    ? hasDefault ? "" : api.IsServerlessShorthand() ? " (its event has no authorizer)" : $" and {api.LogicalId} has no default authorizer"
                    : " (set to NONE explicitly)";

                // A route of an implicit API belongs to the function whose event declares it, in every rule.
                var resource = api.IsImplicit && route.Target is not null ? route.Target : api;
                var backend = route.Target?.LogicalId ?? "its integration";
                if (route.ApiKeyRequired || api.ApiKeyRequired)
                {
                    yield return this.Finding(resource,
                        $"route {route.Method} {route.Path} of {api.LogicalId} requires an API key but no authorizer: an API key identifies a " +
                        $"client for usage plans, it does not authenticate it, and keys are shared with client code; add an authorizer if " +
                        $"{backend} must know who calls.",
                        route.Span) with { Severity = Severity.Note };
                }
                else if (MustBePublic(route.Path) is { } purpose)
                {
                    var guarded = api.HasWebAcl || api.DefaultThrottling is { IsComplete: true };
                    if (guarded)
                    {
                        continue;
                    }

                    yield return this.Finding(resource,
                        $"route {route.Method} {route.Path} of {api.LogicalId} has no authorization, as a {purpose} route usually must: confirm " +
                        "it is meant to be public, and protect it with stage throttling or AWS WAF.",
                        route.Span) with { Severity = Severity.Note };
                }
                else
                {
                    yield return this.Finding(resource,
                        $"route {route.Method} {route.Path} of {api.LogicalId} has no authorization{why}; anyone can call {backend}.",
                        route.Span);
                }
            }
        }
    }
}
