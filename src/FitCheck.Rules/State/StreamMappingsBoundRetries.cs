using FitCheck.Model;

namespace FitCheck.Rules.State;

/// <summary>A failing stream batch must not be retried until the data expires.</summary>
public sealed class StreamMappingsBoundRetries : IRule
{
    public RuleInfo Info { get; } = new(
        Id: "FC1003",
        Slug: "stream-mappings-bound-retries",
        Title: "Kinesis and DynamoDB stream mappings bound their retries",
        Section: Section.State,
        Severity: Severity.Warning,
        Rationale: "With MaximumRetryAttempts and MaximumRecordAgeInSeconds both at -1 (the default), Lambda retries a failing " +
                   "batch until its records expire: one bad record blocks its shard for up to the stream's retention " +
                   "(24 h for DynamoDB, up to a year for Kinesis) while everything behind it waits.",
        Remediation: "Set MaximumRetryAttempts (for example 3) or MaximumRecordAgeInSeconds on the mapping, together with an " +
                     "on-failure destination and BisectBatchOnFunctionError.",
        Snippet: """
            Events:
              Stream:
                Type: DynamoDB
                Properties:
                  Stream: !GetAtt Orders.StreamArn
                  StartingPosition: TRIM_HORIZON
                  MaximumRetryAttempts: 3
                  MaximumRecordAgeInSeconds: 3600
            """,
        Equivalents: [],
        Pillar: "reliability")
    {
        Fixes = new Dictionary<string, RuleFix>(StringComparer.Ordinal)
        {
            [FixWords.Terraform] = new(
                "Set maximum_retry_attempts (for example 3) or maximum_record_age_in_seconds on the aws_lambda_event_source_mapping, together with destination_config { on_failure { ... } } and bisect_batch_on_function_error.",
                """
                resource "aws_lambda_event_source_mapping" "orders" {
                  event_source_arn              = aws_dynamodb_table.orders.stream_arn
                  function_name                 = aws_lambda_function.consumer.arn
                  starting_position             = "TRIM_HORIZON"
                  maximum_retry_attempts        = 3
                  maximum_record_age_in_seconds = 3600
                }
                """),
            [FixWords.Serverless] = new(
                "Set maximumRetryAttempts (for example 3) or maximumRecordAgeInSeconds on the stream event, together with destinations.onFailure and bisectBatchOnFunctionError.",
                """
                functions:
                  consumer:
                    handler: consumer.handler
                    events:
                      - stream:
                          type: dynamodb
                          arn:
                            Fn::GetAtt: [OrdersTable, StreamArn]
                          maximumRetryAttempts: 3
                          maximumRecordAgeInSeconds: 3600
                """),
        },
    };

    public IEnumerable<Finding> Evaluate(Architecture architecture)
    {
        foreach (var site in Consumers.Mappings(architecture))
        {
            var retries = site.Settings.MaximumRetryAttempts;
            var age = site.Settings.MaximumRecordAgeSeconds;
            if (!site.IsStream(EventSourceKind.Kinesis, EventSourceKind.DynamoDB) || !retries.IsKnown || !age.IsKnown || retries.Value != -1 || age.Value != -1)
            {
                continue;
            }

            yield return this.Finding(site.Resource,
                $"{site.Describe()} retries a failing batch from {site.SourceText} until the records expire: {site.Word("MaximumRetryAttempts")} " +
                $"{retries.Describe(site.Resource)} and {site.Word("MaximumRecordAgeInSeconds")} {age.Describe(site.Resource)}; one bad record blocks its shard.",
                retries.IsConfigured ? retries.Span : age.IsConfigured ? age.Span : site.Span);
        }
    }
}
