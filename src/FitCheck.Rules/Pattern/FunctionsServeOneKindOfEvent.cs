using FitCheck.Model;

namespace FitCheck.Rules.Pattern;

/// <summary>A function handles one kind of event; many unrelated sources make a dispatcher.</summary>
public sealed class FunctionsServeOneKindOfEvent : IRule
{
    public RuleInfo Info { get; } = new(
        Id: "FC4004",
        Slug: "functions-serve-one-kind-of-event",
        Title: "Functions do not serve three or more kinds of event source",
        Section: Section.Pattern,
        Severity: Severity.Note,
        Rationale: "Each event source sends a different payload, with different retry and failure behaviour. A function serving " +
                   "several becomes a dispatcher: its permissions, timeout, memory and concurrency must suit all of them, and a " +
                   "change for one risks the others.",
        Remediation: "Split the function per event source (sharing code through a library or layer), or route the events through " +
                     "one EventBridge bus with a rule per consumer.",
        Snippet: """
            OnUpload:
              Type: AWS::Serverless::Function
              Properties:
                Handler: upload.handler
                Events:
                  Upload:
                    Type: S3
                    Properties:
                      Bucket: !Ref Uploads
                      Events: s3:ObjectCreated:*
            """,
        Equivalents: ["serverless-rules:WS1002"],
        Pillar: "operational-excellence")
    {
        Fixes = new Dictionary<string, RuleFix>(StringComparer.Ordinal)
        {
            [FixWords.Terraform] = new(
                "Split the aws_lambda_function per event source (sharing code through a library or an aws_lambda_layer_version), or route the events through one EventBridge bus with a rule per consumer.",
                """
                resource "aws_lambda_function" "on_upload" {
                  function_name = "on-upload"
                  handler       = "upload.handler"
                  # ...
                }

                resource "aws_lambda_function" "on_order" {
                  function_name = "on-order"
                  handler       = "order.handler"
                  # ...
                }
                """),
            [FixWords.Serverless] = new(
                "Split the function per event source (sharing code through a library or a layer), or route the events through one EventBridge bus with a rule per consumer.",
                """
                functions:
                  onUpload:
                    handler: upload.handler
                    events:
                      - s3:
                          bucket: uploads
                          event: s3:ObjectCreated:*
                  onOrder:
                    handler: order.handler
                    events:
                      - sqs:
                          arn:
                            Fn::GetAtt: [OrdersQueue, Arn]
                """),
        },
    };

    public IEnumerable<Finding> Evaluate(Architecture architecture)
    {
        foreach (var function in architecture.OfType<Function>())
        {
            var kinds = function.Events.GroupBy(e => KindOf(e.Delivery)).ToList();
            if (kinds.Count < 3)
            {
                continue;
            }

            yield return this.Finding(function,
                $"{function.LogicalId} serves {kinds.Count} kinds of event source ({string.Join(", ", kinds.Select(k => k.Key))}); " +
                "one function per kind keeps payloads, retries and permissions apart.",
                function.Span,
                [.. function.Events.Select(e => new RelatedLocation(e.Span, $"{e.Delivery.Source} event {e.Name}"))]);
        }
    }

    private static string KindOf(FitCheck.Model.Delivery delivery) => delivery.Kind switch
    {
        EventSourceKind.RestApi or EventSourceKind.HttpApi => "API",
        EventSourceKind.EventBridgeRule or EventSourceKind.CloudWatchEvent => "EventBridge",
        EventSourceKind.Schedule or EventSourceKind.Scheduler => "schedule",
        EventSourceKind.Sqs or EventSourceKind.MQ => "queue",
        EventSourceKind.Kinesis or EventSourceKind.DynamoDB or EventSourceKind.Msk or EventSourceKind.SelfManagedKafka
            or EventSourceKind.DocumentDB or EventSourceKind.Stream => "stream",
        _ => delivery.Source,
    };
}
