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
        Pillar: "security")
    {
        SecuritySeverity = 3.0,
        Fixes = new Dictionary<string, RuleFix>(StringComparer.Ordinal)
        {
            [FixWords.Terraform] = new(
                "Add an aws_api_gateway_request_validator and give the aws_api_gateway_method its request_validator_id and request_models (an aws_api_gateway_model with the body's JSON schema).",
                """
                resource "aws_api_gateway_request_validator" "body" {
                  name                  = "body"
                  rest_api_id           = aws_api_gateway_rest_api.orders.id
                  validate_request_body = true
                }

                resource "aws_api_gateway_method" "create_order" {
                  rest_api_id          = aws_api_gateway_rest_api.orders.id
                  resource_id          = aws_api_gateway_resource.orders.id
                  http_method          = "POST"
                  authorization        = "AWS_IAM"
                  request_validator_id = aws_api_gateway_request_validator.body.id
                  request_models = {
                    "application/json" = aws_api_gateway_model.order.name
                  }
                }
                """),
            [FixWords.Serverless] = new(
                "Give the http event a request schema (request.schemas), which makes API Gateway validate the body before it reaches the function.",
                """
                functions:
                  createOrder:
                    handler: orders.create
                    events:
                      - http:
                          method: post
                          path: /orders
                          request:
                            schemas:
                              application/json: ${file(schemas/order.json)}
                """),
        },
    };

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

            yield return this.Finding(api,
                $"REST API {ApiNames.Describe(api)} accepts request bodies ({string.Join(", ", withBody.Select(r => $"{r.Method} {r.Path}"))}) " +
                "without a request validator; malformed input reaches the functions.",
                api.Span,
                [.. withBody.Select(r => new RelatedLocation(r.Span, $"{r.Method} {r.Path}"))]);
        }
    }
}
