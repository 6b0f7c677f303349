using FitCheck.Model;

namespace FitCheck.Rules.State;

/// <summary>An SQS consumer should say which messages of a batch failed.</summary>
public sealed class SqsMappingsReportBatchItemFailures : IRule
{
    public RuleInfo Info { get; } = new(
        Id: "FC1006",
        Slug: "sqs-mappings-report-batch-item-failures",
        Title: "SQS consumers report partial batch failures",
        Section: Section.State,
        Severity: Severity.Warning,
        Rationale: "Without ReportBatchItemFailures, one failed message makes Lambda return the whole batch to the queue: the " +
                   "messages that succeeded are processed again, and a poison message drags its batch mates to the dead-letter queue.",
        Remediation: "Set FunctionResponseTypes: [ReportBatchItemFailures] on the mapping and return batchItemFailures from the handler.",
        Snippet: """
            Events:
              Queue:
                Type: SQS
                Properties:
                  Queue: !GetAtt Orders.Arn
                  BatchSize: 10
                  FunctionResponseTypes:
                    - ReportBatchItemFailures
            """,
        Equivalents: [],
        Pillar: "reliability")
    {
        Fixes = new Dictionary<string, RuleFix>(StringComparer.Ordinal)
        {
            [FixWords.CloudFormation] = new(
                "Set FunctionResponseTypes: [ReportBatchItemFailures] on the AWS::Lambda::EventSourceMapping and return batchItemFailures from the handler.",
                """
                OrdersMapping:
                  Type: AWS::Lambda::EventSourceMapping
                  Properties:
                    EventSourceArn: !GetAtt Orders.Arn
                    FunctionName: !Ref Consumer
                    BatchSize: 10
                    FunctionResponseTypes:
                      - ReportBatchItemFailures
                """),
        },
    };

    public IEnumerable<Finding> Evaluate(Architecture architecture)
    {
        foreach (var site in Consumers.Mappings(architecture))
        {
            var s = site.Settings;
            if (site.Delivery.Kind != EventSourceKind.Sqs || !s.ReportBatchItemFailures.IsKnown || s.ReportBatchItemFailures.Value
                || !s.BatchSize.IsKnown || s.BatchSize.Value <= 1)
            {
                continue;
            }

            yield return this.Finding(site.Resource,
                $"{site.Describe()} reads batches from {site.SourceText} (BatchSize {Consumers.Show(s.BatchSize, "")}) without ReportBatchItemFailures: " +
                "one failed message sends the whole batch back to the queue.",
                s.ReportBatchItemFailures.IsConfigured ? s.ReportBatchItemFailures.Span : site.Span);
        }
    }
}
