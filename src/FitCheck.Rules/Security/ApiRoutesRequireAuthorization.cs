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
        Pillar: "security");

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
            foreach (var route in api.Routes)
            {
                if (route.Method == "OPTIONS" || route.IntegrationType == "mock" || !route.Authorization.IsKnown)
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
                    ? hasDefault ? "" : $" and {api.LogicalId} has no default authorizer"
                    : " (set to NONE explicitly)";
                var resource = api.IsImplicit && route.Target is not null ? route.Target : api;
                yield return this.Finding(resource,
                    $"route {route.Method} {route.Path} of {api.LogicalId} has no authorization{why}; anyone can call " +
                    $"{route.Target?.LogicalId ?? "its integration"}.",
                    route.Span);
            }
        }
    }
}
