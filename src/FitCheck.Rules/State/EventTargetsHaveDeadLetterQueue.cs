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
        Pillar: "reliability");

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

                // EventBridge hands a Lambda target to Lambda's own asynchronous queue; when the function keeps its own
                // failures (destination or DLQ), a target DLQ only adds the rare delivery failure and is not worth a warning.
                if (target.Target.Target is Function { } fn && (fn.DeadLetter is not null || fn.AsyncInvoke.OnFailure is not null))
                {
                    continue;
                }

                var name = target.Target.Target?.LogicalId ?? (target.Id is { } id ? $"target {id} ({target.Target.Text})" : target.Target.Text);
                var retries = target.Delivery.MaximumRetryAttempts;
                var age = target.Delivery.MaximumEventAgeSeconds;
                var policy = retries is null || age is null ? "" : $" (MaximumRetryAttempts {retries.Describe()}, MaximumEventAgeInSeconds {age.Describe()})";
                yield return this.Finding(component,
                    $"{what} {component.LogicalId} delivers to {name} with no dead-letter queue; events that fail delivery are dropped after the retries{policy}.",
                    target.Span);
            }
        }
    }
}
