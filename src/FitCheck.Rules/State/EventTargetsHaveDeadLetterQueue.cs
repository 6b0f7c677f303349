using FitCheck.Model;

namespace FitCheck.Rules.State;

/// <summary>An EventBridge rule or schedule target needs a dead-letter queue for the events it cannot deliver.</summary>
public sealed class EventTargetsHaveDeadLetterQueue : IRule
{
    public RuleInfo Info { get; } = new(
        Id: "FC1008",
        Slug: "event-targets-have-dead-letter-queue",
        Title: "EventBridge rule and schedule targets send undeliverable events to a dead-letter queue",
        Section: Section.State,
        Severity: Severity.Warning,
        Rationale: "EventBridge and EventBridge Scheduler retry a failed delivery (up to 185 times over 24 hours by default) and " +
                   "then drop the event. A dead-letter queue on the target keeps it, with the error that stopped it.",
        Remediation: "Add DeadLetterConfig to the target (SAM: DeadLetterConfig on the EventBridgeRule, Schedule or ScheduleV2 " +
                     "event), and consider a RetryPolicy that suits the target.",
        Snippet: """
            Events:
              OrderPlaced:
                Type: EventBridgeRule
                Properties:
                  Pattern:
                    source: [orders]
                  DeadLetterConfig:
                    Type: SQS
                  RetryPolicy:
                    MaximumEventAgeInSeconds: 3600
            """,
        Equivalents: ["serverless-rules:ES4000", "cdk-nag:Serverless-EventBusDLQ"],
        Pillar: "reliability")
    {
        Fixes = new Dictionary<string, RuleFix>(StringComparer.Ordinal)
        {
            [FixWords.Terraform] = new(
                "Add dead_letter_config { arn = ... } to the aws_cloudwatch_event_target (or the target block of the aws_scheduler_schedule), and a retry_policy that suits the target.",
                """
                resource "aws_cloudwatch_event_target" "order_placed" {
                  rule = aws_cloudwatch_event_rule.order_placed.name
                  arn  = aws_lambda_function.worker.arn

                  dead_letter_config {
                    arn = aws_sqs_queue.order_placed_dlq.arn
                  }

                  retry_policy {
                    maximum_event_age_in_seconds = 3600
                    maximum_retry_attempts       = 10
                  }
                }
                """),
            [FixWords.Serverless] = new(
                "Add deadLetterQueueArn to the eventBridge event, and a retryPolicy (maximumEventAge, maximumRetryAttempts) that suits the function; rules declared under resources take a DeadLetterConfig on their target.",
                """
                functions:
                  worker:
                    handler: worker.handler
                    events:
                      - eventBridge:
                          pattern:
                            source: [orders]
                          deadLetterQueueArn:
                            Fn::GetAtt: [OrderPlacedDlq, Arn]
                          retryPolicy:
                            maximumEventAge: 3600
                            maximumRetryAttempts: 10
                """),
        },
    };

    public IEnumerable<Finding> Evaluate(Architecture architecture)
    {
        foreach (var component in architecture.Components)
        {
            var (targets, what) = component switch
            {
                EventRule { IsIotTopicRule: false } rule => (rule.Targets, rule.ScheduleExpression is null ? "rule" : "scheduled rule"),
                Schedule schedule => (schedule.Targets, "schedule"),
                _ => ([], ""),
            };
            foreach (var target in targets)
            {
                if (target.Delivery.DeadLetter is not null)
                {
                    continue;
                }

                // EventBridge hands a Lambda target to Lambda's own asynchronous queue, which rarely refuses it. The loss worth
                // saying is the function's: it keeps its failures (destination or DLQ) or FC1001 reports it. One root cause,
                // one finding.
                if (target.Target.Target is Function)
                {
                    continue;
                }

                var text = component.Reference(target.Target.Text);
                var name = target.Target.Target?.LogicalId ?? (target.Id is { } id ? $"target {id} ({text})" : text);
                var retries = target.Delivery.MaximumRetryAttempts;
                var age = target.Delivery.MaximumEventAgeSeconds;
                var policy = retries is null || age is null ? "" : $" ({component.Word("MaximumRetryAttempts")} {retries.Describe(component)}, {component.Word("MaximumEventAgeInSeconds")} {age.Describe(component)})";
                yield return this.Finding(component,
                    $"{what} {component.LogicalId} delivers to {name} with no dead-letter queue; events that fail delivery are dropped after the retries{policy}.",
                    target.Span);
            }
        }
    }
}
