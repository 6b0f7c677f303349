using FitCheck.Model;

namespace FitCheck.Rules.Pattern;

/// <summary>An API that only forwards a request to SQS, SNS, EventBridge or DynamoDB does it without a function.</summary>
public sealed class ApisIntegrateDirectlyWithServices : IRule
{
    public RuleInfo Info { get; } = new(
        Id: "FC4003",
        Slug: "apis-integrate-directly-with-services",
        Title: "Functions that only forward an API request to one service are replaced by a direct integration",
        Section: Section.Pattern,
        Severity: Severity.Note,
        Rationale: "A function whose only job is to put the request on a queue, topic, bus or table adds cost, latency, cold " +
                   "starts and code to maintain. API Gateway integrates with these services directly (a mapping template on " +
                   "REST, a first-class integration on HTTP APIs).",
        Remediation: "Replace the function with a service integration (REST: an AWS integration with a mapping template; HTTP: an " +
                     "SQS-SendMessage or EventBridge-PutEvents integration subtype), and validate the request at the API.",
        Snippet: """
            paths:
              /orders:
                post:
                  x-amazon-apigateway-integration:
                    type: aws
                    httpMethod: POST
                    uri: !Sub arn:aws:apigateway:${AWS::Region}:sqs:path/${AWS::AccountId}/${Orders.QueueName}
                    credentials: !GetAtt ApiRole.Arn
            """,
        Equivalents: [],
        Pillar: "cost-optimization")
    {
        Fixes = new Dictionary<string, RuleFix>(StringComparer.Ordinal)
        {
            [FixWords.Terraform] = new(
                "Replace the function with a service integration: on an HTTP API an aws_apigatewayv2_integration with integration_subtype (SQS-SendMessage, EventBridge-PutEvents...), on a REST API an AWS integration with a mapping template; validate the request at the API.",
                """
                resource "aws_apigatewayv2_integration" "orders_to_queue" {
                  api_id              = aws_apigatewayv2_api.orders.id
                  integration_type    = "AWS_PROXY"
                  integration_subtype = "SQS-SendMessage"
                  credentials_arn     = aws_iam_role.api_to_sqs.arn
                  request_parameters = {
                    QueueUrl    = aws_sqs_queue.orders.url
                    MessageBody = "$request.body"
                  }
                }
                """),
            [FixWords.Serverless] = new(
                "Replace the function with a service integration: declare the API's integration under resources.Resources (an HTTP API integration with an SQS-SendMessage or EventBridge-PutEvents subtype), or use the serverless-apigateway-service-proxy plugin; validate the request at the API.",
                """
                custom:
                  apiGatewayServiceProxies:
                    - sqs:
                        path: /orders
                        method: post
                        queueName:
                          Fn::GetAtt: [OrdersQueue, QueueName]
                        cors: true
                """),
        },
    };

    // Managed policies that only let a function write logs and traces.
    private static readonly string[] BasicPolicies = ["AWSLambdaBasicExecutionRole", "AWSXRayDaemonWriteAccess", "AWSXrayWriteOnlyAccess"];

    public IEnumerable<Finding> Evaluate(Architecture architecture)
    {
        foreach (var function in architecture.OfType<Function>())
        {
            if (function.Events.Count == 0 || !function.Events.All(e => e.Delivery is { Mode: DeliveryMode.Synchronous, Kind: EventSourceKind.RestApi or EventSourceKind.HttpApi }))
            {
                continue;
            }

            var outgoing = architecture.FlowsFrom(function).Where(f => !f.Kind.IsFailurePath() && f.Kind != FlowKind.OnSuccess).ToList();
            if (outgoing.Count != 1 || outgoing[0] is not { Kind: FlowKind.Publishes or FlowKind.Writes } flow
                || flow.To is not (Queue or Topic or EventBus or Table))
            {
                continue;
            }

            // Every permission must be about that one target, so the function does nothing else we cannot see.
            var grants = architecture.GrantsOf(function)
                .Concat(function.ExecutionRole?.Target is { } role ? architecture.GrantsOf(role) : []).ToList();
            if (grants.Any(g => g.IsManagedPolicy ? !BasicPolicies.Contains(g.Source.Name ?? "") : g.Targets.Any(t => !ReferenceEquals(t, flow.To)) || g.Targets.Count == 0)
                || function.ExecutionRole is { Target: null })
            {
                continue;
            }

            var service = flow.To switch { Queue => "SQS", Topic => "SNS", EventBus => "EventBridge", _ => "DynamoDB" };
            yield return this.Finding(function,
                $"{function.LogicalId} is only called by an API and only {(flow.Kind == FlowKind.Writes ? "writes to" : "publishes to")} " +
                $"{flow.To.LogicalId} ({service}); API Gateway can integrate with {service} directly, without a function.",
                function.Span,
                flow.To.Related($"{flow.To.LogicalId} is the only thing {function.LogicalId} touches"));
        }
    }
}
