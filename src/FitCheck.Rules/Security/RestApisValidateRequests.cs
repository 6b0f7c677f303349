using FitCheck.Model;

namespace FitCheck.Rules.Security;

/// <summary>REST APIs that accept bodies validate them before the backend runs.</summary>
public sealed class RestApisValidateRequests : IRule
{
    public RuleInfo Info { get; } = new(
        Id: "FC2010",
        Slug: "rest-apis-validate-requests",
        Title: "REST APIs validate request bodies and parameters at the edge",
        Section: Section.Security,
        Severity: Severity.Note,
        Rationale: "A request validator rejects malformed input before it reaches (and is billed to) the function, and keeps the " +
                   "handler's parsing code from being the only line of defence.",
        Remediation: "Declare a request validator with a model for the body (SAM RequestModel with ValidateBody, or " +
                     "x-amazon-apigateway-request-validators in the OpenAPI body).",
        Snippet: """
            Events:
              Create:
                Type: Api
                Properties:
                  Path: /orders
                  Method: post
                  RequestModel:
                    Model: Order
                    Required: true
                    ValidateBody: true
            """,
        Equivalents: ["cdk-nag:AwsSolutions-APIG2"],
        Pillar: "security");

    public IEnumerable<Finding> Evaluate(Architecture architecture)
    {
        foreach (var api in architecture.OfType<Api>())
        {
            if (api.Protocol != ApiProtocol.Rest || api.HasRequestValidator || api.Routes.Any(r => r.HasRequestValidation))
            {
                continue;
            }

            var withBody = api.Routes.Where(r => r.Method is "POST" or "PUT" or "PATCH" && r.Target is Function).ToList();
            if (withBody.Count == 0)
            {
                continue;
            }

            var resource = api.IsImplicit ? withBody[0].Target! : api;
            yield return this.Finding(resource,
                $"REST API {api.LogicalId} accepts request bodies ({string.Join(", ", withBody.Select(r => $"{r.Method} {r.Path}"))}) " +
                "without a request validator; malformed input reaches the functions.",
                api.Span,
                [.. withBody.Select(r => new RelatedLocation(r.Span, $"{r.Method} {r.Path}"))]);
        }
    }
}
