using FitCheck.Model;

namespace FitCheck.Rules.Cost;

/// <summary>SQS consumers cap how far Lambda scales them out.</summary>
public sealed class QueueConsumersBoundTheirConcurrency : IRule
{
    public RuleInfo Info { get; } = new(
        Id: "FC5006",
        Slug: "queue-consumers-bound-their-concurrency",
        Title: "SQS consumers set a maximum concurrency",
        Section: Section.Cost,
        Severity: Severity.Note,
        Rationale: "Lambda scales an SQS consumer out as the backlog grows, to hundreds of concurrent invocations. A burst then " +
                   "takes concurrency from every other function in the account and hammers the database or API downstream.",
        Remediation: "Set ScalingConfig.MaximumConcurrency on the event source mapping to what the downstream can take (it " +
                     "limits pollers without the throttling that reserved concurrency causes).",
        Snippet: """
            Events:
              Orders:
                Type: SQS
                Properties:
                  Queue: !GetAtt Orders.Arn
                  ScalingConfig:
                    MaximumConcurrency: 10
            """,
        Equivalents: [],
        Pillar: "cost-optimization")
    {
        Fixes = new Dictionary<string, RuleFix>(StringComparer.Ordinal)
        {
            [FixWords.Terraform] = new(
                "Add scaling_config { maximum_concurrency = ... } to the aws_lambda_event_source_mapping, set to what the downstream can take (it limits pollers without the throttling that reserved concurrency causes).",
                """
                resource "aws_lambda_event_source_mapping" "orders" {
                  event_source_arn = aws_sqs_queue.orders.arn
                  function_name    = aws_lambda_function.worker.arn

                  scaling_config {
                    maximum_concurrency = 10
                  }
                }
                """),
            [FixWords.Serverless] = new(
                "Set maximumConcurrency on the sqs event to what the downstream can take (it limits pollers without the throttling that reservedConcurrency causes).",
                """
                functions:
                  worker:
                    handler: worker.handler
                    events:
                      - sqs:
                          arn:
                            Fn::GetAtt: [OrdersQueue, Arn]
                          maximumConcurrency: 10
                """),
        },
    };

    public IEnumerable<Finding> Evaluate(Architecture architecture)
    {
        foreach (var function in architecture.OfType<Function>())
        {
            if (!function.ReservedConcurrency.IsKnown || function.ReservedConcurrency.Value is not null)
            {
                continue; // Reserved concurrency already bounds it (FC5007 checks the two agree).
            }

            foreach (var ev in function.Events)
            {
                if (ev.Delivery is not { Mode: DeliveryMode.QueuePolling, Kind: EventSourceKind.Sqs, Mapping: { } mapping }
                    || ev.Source is Queue { IsFifo: true }
                    || mapping.MaximumConcurrency.Origin != SettingOrigin.ServiceDefault)
                {
                    continue;
                }

                yield return this.Finding(function,
                    $"{function.LogicalId} consumes {ev.Source?.LogicalId ?? ev.SourceText} with no {function.Word("MaximumConcurrency")} and no reserved concurrency; a backlog " +
                    "scales it out without limit on the account's concurrency and on its downstreams.",
                    ev.Span);
            }
        }
    }
}
