using FitCheck.Model;

namespace FitCheck.Rules.State;

/// <summary>A dead-letter queue of an SNS subscription or an EventBridge target lets that service send to it.</summary>
public sealed class DeadLetterQueuesAcceptTheirSender : IRule
{
    // The fix in SAM and CloudFormation words; serverless.yml declares the same resources under resources.Resources.
    private const string CloudFormationSnippet = """
        OrdersDlqPolicy:
          Type: AWS::SQS::QueuePolicy
          Properties:
            Queues: [!Ref OrdersDlq]
            PolicyDocument:
              Statement:
                - Effect: Allow
                  Principal:
                    Service: sns.amazonaws.com
                  Action: sqs:SendMessage
                  Resource: !GetAtt OrdersDlq.Arn
                  Condition:
                    ArnEquals:
                      aws:SourceArn: !Ref OrdersTopic
        """;

    public RuleInfo Info { get; } = new(
        Id: "FC1016",
        Slug: "dead-letter-queues-accept-their-sender",
        Title: "Dead-letter queues of SNS subscriptions and EventBridge targets let the service send to them",
        Section: Section.State,
        Severity: Severity.Warning,
        Rationale: "SNS and EventBridge write to a subscription's or target's dead-letter queue as the service itself, so the queue's " +
                   "policy must allow sns.amazonaws.com or events.amazonaws.com to call sqs:SendMessage. Without it the redrive fails " +
                   "silently: the message that exhausted its retries is dropped, and the queue everyone trusts stays empty.",
        Remediation: "Add an AWS::SQS::QueuePolicy on the dead-letter queue allowing the service principal sqs:SendMessage, scoped " +
                     "with aws:SourceArn to the topic or rule.",
        Snippet: CloudFormationSnippet,
        Equivalents: [],
        Pillar: "reliability")
    {
        Fixes = new Dictionary<string, RuleFix>(StringComparer.Ordinal)
        {
            [FixWords.Terraform] = new(
                "Add an aws_sqs_queue_policy on the dead-letter queue that allows the service principal sqs:SendMessage, scoped with aws:SourceArn to the topic or rule.",
                """
                data "aws_iam_policy_document" "orders_dlq" {
                  statement {
                    actions   = ["sqs:SendMessage"]
                    resources = [aws_sqs_queue.orders_dlq.arn]
                    principals {
                      type        = "Service"
                      identifiers = ["sns.amazonaws.com"]
                    }
                    condition {
                      test     = "ArnEquals"
                      variable = "aws:SourceArn"
                      values   = [aws_sns_topic.orders.arn]
                    }
                  }
                }

                resource "aws_sqs_queue_policy" "orders_dlq" {
                  queue_url = aws_sqs_queue.orders_dlq.id
                  policy    = data.aws_iam_policy_document.orders_dlq.json
                }
                """),
            [FixWords.Serverless] = RuleFix.UnderServerlessResources(
                "Add an AWS::SQS::QueuePolicy under resources.Resources on the dead-letter queue, allowing the service principal sqs:SendMessage scoped with aws:SourceArn to the topic or rule.",
                CloudFormationSnippet),
        },
    };

    public IEnumerable<Finding> Evaluate(Architecture architecture)
    {
        // One finding per queue and service: the queue's policy is the root cause, whichever senders share it.
        var senders = new Dictionary<(Queue Queue, string Service), List<Flow>>();
        foreach (var flow in architecture.Flows)
        {
            if (flow.Kind != FlowKind.DeadLetter || flow.To is not Queue { ImpliedBy: null } queue)
            {
                continue;
            }

            var service = flow.From switch
            {
                Topic or Subscription => "sns.amazonaws.com",
                EventRule { IsIotTopicRule: false } => "events.amazonaws.com",
                _ => null,
            };
            if (service is null)
            {
                continue;
            }

            if (!senders.TryGetValue((queue, service), out var flows))
            {
                senders[(queue, service)] = flows = [];
            }

            flows.Add(flow);
        }

        foreach (var ((queue, service), flows) in senders)
        {
            var permissions = architecture.ResourcePermissions.Where(p => ReferenceEquals(p.Resource, queue)).ToList();
            if (permissions.Any(p => (p.Principal == service || p.Principal == "*" || !IsPlainPrincipal(p.Principal)) && AllowsSend(p.Actions)))
            {
                continue;
            }

            var from = string.Join(", ", flows.Select(f => f.From.LogicalId).Distinct());
            var first = flows[0];
            yield return this.Finding(queue,
                $"{queue.LogicalId} is the dead-letter queue of {from}, but no queue policy lets {service} send to it; " +
                "failed deliveries cannot be redriven and are dropped silently.",
                first.Span,
                [queue.Related($"{queue.LogicalId} is declared here"), .. flows.Skip(1).Select(f => new RelatedLocation(f.Span, $"{f.From.LogicalId} also sends its failures here"))]);
        }
    }

    private static bool IsPlainPrincipal(string principal) =>
        principal.EndsWith(".amazonaws.com", StringComparison.Ordinal) || principal.StartsWith("arn:", StringComparison.Ordinal)
        || principal.All(char.IsAsciiDigit);

    private static bool AllowsSend(IReadOnlyList<string> actions) =>
        actions.Any(a => a is "*" or "sqs:*" or "?" || a.Equals("sqs:SendMessage", StringComparison.OrdinalIgnoreCase) || a.StartsWith("sqs:Send", StringComparison.OrdinalIgnoreCase) && a.EndsWith('*'));
}
