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
            [FixWords.Terraform] = new(
                "Set function_response_types = [\"ReportBatchItemFailures\"] on the aws_lambda_event_source_mapping and return batchItemFailures from the handler.",
                """
                resource "aws_lambda_event_source_mapping" "orders" {
                  event_source_arn        = aws_sqs_queue.orders.arn
                  function_name           = aws_lambda_function.consumer.arn
                  batch_size              = 10
                  function_response_types = ["ReportBatchItemFailures"]
                }
                """),
            [FixWords.Serverless] = new(
                "Set functionResponseType: ReportBatchItemFailures on the sqs event and return batchItemFailures from the handler.",
                """
                functions:
                  consumer:
                    handler: consumer.handler
                    events:
                      - sqs:
                          arn:
                            Fn::GetAtt: [OrdersQueue, Arn]
                          batchSize: 10
                          functionResponseType: ReportBatchItemFailures
                """),
        },
    };

    /// <summary>The setting as the user writes it: <c>function_response_types = ["ReportBatchItemFailures"]</c> in Terraform,
    /// <c>functionResponseType: ReportBatchItemFailures</c> in serverless.yml.</summary>
    private static string ReportBatchItemFailures(Component resource) =>
        resource.IsTerraform() ? "function_response_types = [\"ReportBatchItemFailures\"]"
        : resource.IsServerlessShorthand() ? "functionResponseType: ReportBatchItemFailures"
        : "ReportBatchItemFailures";

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

            var product = site.Source is Queue { Redrive.MaxReceiveCount: { IsKnown: true } receives }
                ? $"; with maxReceiveCount {receives.Value}, a poison message can run a batch of {s.BatchSize.Value} up to {receives.Value} times, {receives.Value * s.BatchSize.Value:#,##0} runs"
                : "";
            yield return this.Finding(site.Resource,
                $"{site.Describe()} reads batches from {site.SourceText} ({site.Word("BatchSize")} {Consumers.Show(s.BatchSize, site.Resource, "")}) without {ReportBatchItemFailures(site.Resource)}: " +
                $"one failed message sends the whole batch back to the queue{product}.",
                s.ReportBatchItemFailures.IsConfigured ? s.ReportBatchItemFailures.Span : site.Span);
        }
    }
}
