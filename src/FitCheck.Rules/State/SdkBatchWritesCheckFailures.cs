using FitCheck.Model;

namespace FitCheck.Rules.State;

/// <summary>A batch write through an SDK integration succeeds even when entries fail: the workflow must test the failed count.</summary>
public sealed class SdkBatchWritesCheckFailures : IRule
{
    private const string States = """
        PublishOrder:
          Type: Task
          Resource: arn:aws:states:::events:putEvents
          Parameters:
            Entries:
              - EventBusName: !Ref OrdersBus
                Source: orders
                DetailType: OrderPlaced
                Detail.$: $.order
          Retry:
            - ErrorEquals: [States.ALL]
              MaxAttempts: 3
        """;

    private const string TerraformStates = """
        PublishOrder = {
          Type     = "Task"
          Resource = "arn:aws:states:::events:putEvents"
          Parameters = {
            Entries = [{
              EventBusName = aws_cloudwatch_event_bus.orders.name
              Source       = "orders"
              DetailType   = "OrderPlaced"
              "Detail.$"   = "$.order"
            }]
          }
        }
        """;

    /// <summary>SDK batch actions (service:action, lower case) and the result field that counts or lists failed entries.</summary>
    private static readonly Dictionary<string, string> FailureFields = new(StringComparer.Ordinal)
    {
        ["eventbridge:putevents"] = "FailedEntryCount",
        ["kinesis:putrecords"] = "FailedRecordCount",
        ["firehose:putrecordbatch"] = "FailedPutCount",
        ["sqs:sendmessagebatch"] = "Failed",
        ["sns:publishbatch"] = "Failed",
        ["dynamodb:batchwriteitem"] = "UnprocessedItems",
    };

    public RuleInfo Info { get; } = new(
        Id: "FC1022",
        Slug: "sdk-batch-writes-check-failures",
        Title: "Step Functions batch writes through the SDK integration check the entries that failed",
        Section: Section.State,
        Severity: Severity.Warning,
        Rationale: "PutEvents, PutRecords, SendMessageBatch, PublishBatch and BatchWriteItem answer 200 when some entries fail and " +
                   "report them in the result (FailedEntryCount, FailedRecordCount, Failed, UnprocessedItems). Through an aws-sdk task " +
                   "the state succeeds and the failed entries are lost unless the workflow tests that field. The optimised " +
                   "events:putEvents integration fails the task instead, so Retry and Catch see it.",
        Remediation: "Use the optimised integration (arn:aws:states:::events:putEvents), or follow the SDK task with a Choice that " +
                     "tests the failure field and fails or retries when it is not zero.",
        Snippet: "Definition:\n  States:\n" + string.Join('\n', States.Split('\n').Select(l => l.Length == 0 ? l : "    " + l)),
        Equivalents: [],
        Pillar: "reliability")
    {
        Fixes = WorkflowFixes.For("Use the optimised integration (arn:aws:states:::events:putEvents), or test the failure field in a Choice after the task",
            States, TerraformStates),
    };

    public IEnumerable<Finding> Evaluate(Architecture architecture)
    {
        foreach (var machine in architecture.OfType<StateMachine>())
        {
            foreach (var state in machine.States)
            {
                if (state.Type != "Task" || state.Resource is null || !state.Resource.Contains(":aws-sdk:", StringComparison.Ordinal)
                    || state.Service is null || state.Action is null
                    || !FailureFields.TryGetValue($"{state.Service}:{state.Action}".ToLowerInvariant(), out var field)
                    || machine.ChoiceFields.Contains(field) || (field == "FailedEntryCount" && machine.ChoiceFields.Contains("ErrorCode")))
                {
                    continue;
                }

                var optimised = state.Service == "eventbridge" ? " The optimised arn:aws:states:::events:putEvents integration fails the task instead." : "";
                yield return this.Finding(machine,
                    $"Task {state.Path} in {machine.LogicalId} calls {state.Service}:{state.Action} through the SDK integration and no Choice " +
                    $"state tests {field}: entries that fail are dropped while the state succeeds.{optimised}",
                    state.Span);
            }
        }
    }
}
