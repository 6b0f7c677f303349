using FitCheck.Model;

namespace FitCheck.Rules.State;

/// <summary>An SNS subscription needs a dead-letter queue for the messages SNS cannot deliver.</summary>
public sealed class SnsSubscriptionsHaveDeadLetterQueue : IRule
{
    public RuleInfo Info { get; } = new(
        Id: "FC1007",
        Slug: "sns-subscriptions-have-dead-letter-queue",
        Title: "SNS subscriptions send undeliverable messages to a dead-letter queue",
        Section: Section.State,
        Severity: Severity.Warning,
        Rationale: "When SNS cannot deliver a message (the endpoint was deleted, a policy or key denies it, the HTTP endpoint " +
                   "keeps failing), it retries and then discards the message. A redrive policy keeps it in a queue instead.",
        Remediation: "Add a RedrivePolicy with a deadLetterTargetArn to the subscription (or to the SAM SNS event), and allow SNS to send to that queue.",
        Snippet: """
            Events:
              Notification:
                Type: SNS
                Properties:
                  Topic: !Ref Orders
                  RedrivePolicy:
                    deadLetterTargetArn: !GetAtt OrdersSubscriptionDlq.Arn
            """,
        Equivalents: ["serverless-rules:ES7000", "cdk-nag:Serverless-SNSRedrivePolicy"],
        Pillar: "reliability")
    {
        Fixes = new Dictionary<string, RuleFix>(StringComparer.Ordinal)
        {
            [FixWords.Terraform] = new(
                "Add a redrive_policy with a deadLetterTargetArn to the aws_sns_topic_subscription, and an aws_sqs_queue_policy that lets sns.amazonaws.com send to that queue.",
                """
                resource "aws_sns_topic_subscription" "worker" {
                  topic_arn = aws_sns_topic.orders.arn
                  protocol  = "lambda"
                  endpoint  = aws_lambda_function.worker.arn
                  redrive_policy = jsonencode({
                    deadLetterTargetArn = aws_sqs_queue.worker_subscription_dlq.arn
                  })
                }
                """),
            [FixWords.Serverless] = new(
                "Add redrivePolicy with deadLetterTargetArn (or deadLetterTargetRef to a queue under resources) to the sns event; the queue needs a policy that lets sns.amazonaws.com send to it.",
                """
                functions:
                  worker:
                    handler: worker.handler
                    events:
                      - sns:
                          arn: !Ref OrdersTopic
                          redrivePolicy:
                            deadLetterTargetRef: WorkerSubscriptionDlq
                """),
        },
    };

    public IEnumerable<Finding> Evaluate(Architecture architecture)
    {
        // Subscriptions declared as resources, whether or not their topic and endpoint are in the template.
        foreach (var subscription in architecture.OfType<Subscription>())
        {
            if (subscription.DeadLetter is null)
            {
                var endpoint = subscription.Endpoint?.Target?.LogicalId ?? (subscription.Endpoint is { } e ? subscription.Reference(e.Text) : "its endpoint");
                var topic = subscription.Topic?.Target?.LogicalId ?? (subscription.Topic is { } t ? subscription.Reference(t.Text) : "its topic");
                yield return this.Finding(subscription,
                    $"subscription {subscription.LogicalId} ({subscription.Protocol ?? "?"}) from {topic} to {endpoint} has no redrive policy; " +
                    "messages SNS cannot deliver are discarded after its retries.",
                    subscription.Span);
            }
        }

        // Subscriptions SAM creates from SNS events, and those written inline on a topic.
        foreach (var flow in architecture.Flows)
        {
            if (flow.From is not Topic topic || flow.Binding is not null || flow.Delivery is not { Kind: EventSourceKind.Sns, DeadLetter: null } delivery)
            {
                continue;
            }

            var inline = flow.Via == "subscription";
            yield return this.Finding(inline ? topic : flow.To,
                inline
                    ? $"{topic.LogicalId} subscribes {flow.To.LogicalId} inline, which allows no redrive policy; messages SNS cannot deliver are " +
                      "discarded after its retries. Declare an AWS::SNS::Subscription with a RedrivePolicy instead."
                    : $"the subscription of {flow.To.LogicalId} to {topic.LogicalId} ({flow.To.EventName(flow.Via)}) has no redrive policy; messages SNS cannot " +
                      "deliver are discarded after its retries.",
                delivery.SettingsSpan ?? flow.Span);
        }

        // SAM SNS events whose topic is outside the template.
        foreach (var function in architecture.OfType<Function>())
        {
            foreach (var ev in function.Events)
            {
                if (ev.Source is null && ev.Delivery is { Kind: EventSourceKind.Sns, Mode: DeliveryMode.Asynchronous, DeadLetter: null }
                    && architecture.Find(ev.Name) is null)
                {
                    yield return this.Finding(function,
                        $"the subscription of {function.LogicalId} to {function.Reference(ev.SourceText)} ({function.EventName(ev.Name)}) has no redrive policy; messages SNS " +
                        "cannot deliver are discarded after its retries.",
                        ev.Span);
                }
            }
        }
    }
}
