using FitCheck.Model;

namespace FitCheck.Rules.State;

/// <summary>A stream mapping should isolate the bad record rather than fail the whole batch again.</summary>
public sealed class StreamMappingsBisectFailingBatches : IRule
{
    public RuleInfo Info { get; } = new(
        Id: "FC1004",
        Slug: "stream-mappings-bisect-failing-batches",
        Title: "Kinesis and DynamoDB stream mappings split failing batches",
        Section: Section.State,
        Severity: Severity.Note,
        Rationale: "Without BisectBatchOnFunctionError or batch item failure reporting, one bad record fails its whole batch on " +
                   "every retry, and when retries run out the good records of the batch are discarded with it.",
        Remediation: "Set BisectBatchOnFunctionError: true, or report the failed record with FunctionResponseTypes: " +
                     "[ReportBatchItemFailures] so Lambda checkpoints before it.",
        Snippet: """
            Events:
              Stream:
                Type: Kinesis
                Properties:
                  Stream: !GetAtt Clicks.Arn
                  StartingPosition: LATEST
                  BisectBatchOnFunctionError: true
            """,
        Equivalents: [],
        Pillar: "reliability")
    {
        Fixes = new Dictionary<string, RuleFix>(StringComparer.Ordinal)
        {
            [FixWords.Terraform] = new(
                "Set bisect_batch_on_function_error = true on the aws_lambda_event_source_mapping, or report the failed record with function_response_types = [\"ReportBatchItemFailures\"] so Lambda checkpoints before it.",
                """
                resource "aws_lambda_event_source_mapping" "clicks" {
                  event_source_arn               = aws_kinesis_stream.clicks.arn
                  function_name                  = aws_lambda_function.consumer.arn
                  starting_position              = "LATEST"
                  bisect_batch_on_function_error = true
                }
                """),
            [FixWords.Serverless] = new(
                "Set bisectBatchOnFunctionError: true on the stream event, or report the failed record with functionResponseType: ReportBatchItemFailures so Lambda checkpoints before it.",
                """
                functions:
                  consumer:
                    handler: consumer.handler
                    events:
                      - stream:
                          type: kinesis
                          arn:
                            Fn::GetAtt: [ClicksStream, Arn]
                          bisectBatchOnFunctionError: true
                """),
        },
    };

    public IEnumerable<Finding> Evaluate(Architecture architecture)
    {
        foreach (var site in Consumers.Mappings(architecture))
        {
            var s = site.Settings;
            if (!site.IsStream(EventSourceKind.Kinesis, EventSourceKind.DynamoDB) || !s.BisectBatchOnFunctionError.IsKnown || s.BisectBatchOnFunctionError.Value
                || !s.ReportBatchItemFailures.IsKnown || s.ReportBatchItemFailures.Value || !s.BatchSize.IsKnown || s.BatchSize.Value <= 1)
            {
                continue;
            }

            yield return this.Finding(site.Resource,
                $"{site.Describe()} neither bisects failing batches nor reports batch item failures ({site.Word("BatchSize")} {s.BatchSize.Describe(site.Resource)}): " +
                "one bad record fails the whole batch on every retry.",
                s.BisectBatchOnFunctionError.IsConfigured ? s.BisectBatchOnFunctionError.Span : site.Span);
        }
    }
}
