using FitCheck.Model;

namespace FitCheck.Rules.State;

/// <summary>Functions invoked asynchronously need somewhere for failed events to go.</summary>
public sealed class AsyncFunctionsHaveFailureDestination : IRule
{
    public RuleInfo Info { get; } = new(
        Id: "FC1001",
        Slug: "async-functions-have-failure-destination",
        Title: "Asynchronously invoked functions send failed events to a destination or dead-letter queue",
        Section: Section.State,
        Severity: Severity.Warning,
        Rationale: "Lambda retries an asynchronous event twice and then drops it. Without an on-failure destination or a " +
                   "dead-letter queue, the event is lost with no trace beyond a log line.",
        Remediation: "Add an OnFailure destination (EventInvokeConfig) or a DeadLetterQueue to the function, and alarm on it.",
        Snippet: """
            MyFunction:
              Type: AWS::Serverless::Function
              Properties:
                EventInvokeConfig:
                  MaximumRetryAttempts: 2
                  DestinationConfig:
                    OnFailure:
                      Type: SQS
            """,
        Equivalents: ["serverless-rules:ES1007", "cdk-nag:Serverless-LambdaDLQ", "cdk-nag:Serverless-LambdaAsyncFailureDestination", "checkov:CKV_AWS_116"],
        Pillar: "reliability")
    {
        Fixes = new Dictionary<string, RuleFix>(StringComparer.Ordinal)
        {
            [FixWords.Terraform] = new(
                "Add an aws_lambda_function_event_invoke_config with destination_config { on_failure { destination = ... } } (or a dead_letter_config { target_arn = ... } on the aws_lambda_function), and alarm on it.",
                """
                resource "aws_lambda_function_event_invoke_config" "orders" {
                  function_name          = aws_lambda_function.orders.function_name
                  maximum_retry_attempts = 2

                  destination_config {
                    on_failure {
                      destination = aws_sqs_queue.orders_failed.arn
                    }
                  }
                }
                """),
            [FixWords.Serverless] = new(
                "Add destinations.onFailure (an SQS queue, SNS topic, EventBridge bus or function) or onError (a dead-letter queue) to the function, and alarm on it.",
                """
                functions:
                  orders:
                    handler: orders.handler
                    maximumRetryAttempts: 2
                    destinations:
                      onFailure:
                        type: sqs
                        arn:
                          Fn::GetAtt: [OrdersFailedQueue, Arn]
                """),
        },
    };

    public IEnumerable<Finding> Evaluate(Architecture architecture)
    {
        foreach (var function in architecture.OfType<Function>())
        {
            var asyncSources = function.Events.Where(e => e.Delivery.Mode == DeliveryMode.Asynchronous).ToList();
            if (asyncSources.Count == 0 || function.DeadLetter is not null || function.AsyncInvoke.OnFailure is not null)
            {
                continue;
            }

            var sources = string.Join(", ", asyncSources.Select(e => $"{function.SourceKind(e.Delivery.Source)} ({e.Source?.LogicalId ?? function.Reference(e.SourceText)})").Distinct());
            yield return this.Finding(function,
                $"{function.LogicalId} is invoked asynchronously by {sources} but has no on-failure destination or dead-letter queue; " +
                "events that fail after Lambda's retries are dropped.",
                function.Span,
                [.. asyncSources.Select(e => new RelatedLocation(e.Span, $"asynchronous event source {e.Name}"))]);
        }
    }
}
