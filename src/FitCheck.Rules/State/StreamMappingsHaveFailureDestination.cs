using FitCheck.Model;

namespace FitCheck.Rules.State;

/// <summary>Stream mappings need somewhere to send the records they give up on.</summary>
public sealed class StreamMappingsHaveFailureDestination : IRule
{
    private static readonly EventSourceKind[] Sources = [EventSourceKind.Kinesis, EventSourceKind.DynamoDB, EventSourceKind.Msk, EventSourceKind.SelfManagedKafka, EventSourceKind.Stream];

    public RuleInfo Info { get; } = new(
        Id: "FC1002",
        Slug: "stream-mappings-have-failure-destination",
        Title: "Stream event source mappings send discarded records to an on-failure destination",
        Section: Section.State,
        Severity: Severity.Warning,
        Rationale: "When a stream batch keeps failing, Lambda eventually skips it (retries exhausted, record too old, or the " +
                   "stream trims it). Without an on-failure destination the skipped records are gone and nothing says which ones.",
        Remediation: "Add DestinationConfig.OnFailure with an SQS queue, SNS topic or S3 bucket to the mapping, and alarm on it.",
        Snippet: """
            Events:
              Stream:
                Type: Kinesis
                Properties:
                  Stream: !GetAtt Clicks.Arn
                  StartingPosition: LATEST
                  DestinationConfig:
                    OnFailure:
                      Type: SQS
                      Destination: !GetAtt ClicksFailed.Arn
            """,
        Equivalents: ["serverless-rules:ES1001", "cdk-nag:Serverless-LambdaEventSourceMappingDestination"],
        Pillar: "reliability")
    {
        Fixes = new Dictionary<string, RuleFix>(StringComparer.Ordinal)
        {
            [FixWords.Terraform] = new(
                "Add destination_config { on_failure { destination_arn = ... } } with an SQS queue, SNS topic or S3 bucket to the aws_lambda_event_source_mapping, and alarm on it.",
                """
                resource "aws_lambda_event_source_mapping" "clicks" {
                  event_source_arn  = aws_kinesis_stream.clicks.arn
                  function_name     = aws_lambda_function.consumer.arn
                  starting_position = "LATEST"

                  destination_config {
                    on_failure {
                      destination_arn = aws_sqs_queue.clicks_failed.arn
                    }
                  }
                }
                """),
            [FixWords.Serverless] = new(
                "Add destinations.onFailure (an SQS queue or SNS topic) to the stream event, and alarm on it.",
                """
                functions:
                  consumer:
                    handler: consumer.handler
                    events:
                      - stream:
                          type: kinesis
                          arn:
                            Fn::GetAtt: [ClicksStream, Arn]
                          destinations:
                            onFailure:
                              type: sqs
                              arn:
                                Fn::GetAtt: [ClicksFailedQueue, Arn]
                """),
        },
    };

    public IEnumerable<Finding> Evaluate(Architecture architecture)
    {
        foreach (var site in Consumers.Mappings(architecture))
        {
            if (!site.IsStream(Sources) || site.Settings.OnFailure is not null)
            {
                continue;
            }

            yield return this.Finding(site.Resource,
                $"{site.Describe()} reads {site.SourceText} with no on-failure destination; records Lambda skips after its retries are " +
                "lost without a trace.",
                site.Span);
        }
    }
}
