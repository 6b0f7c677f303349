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
        Pillar: "reliability");

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
                $"{site.Describe()} neither bisects failing batches nor reports batch item failures (BatchSize {s.BatchSize.Describe()}): " +
                "one bad record fails the whole batch on every retry.",
                s.BisectBatchOnFunctionError.IsConfigured ? s.BisectBatchOnFunctionError.Span : site.Span);
        }
    }
}
