using FitCheck.Model;

namespace FitCheck.Rules.State;

/// <summary>A function subscribed to a topic or targeted by an EventBridge rule lets that service invoke it.</summary>
public sealed class SubscribedFunctionsAllowTheirInvoker : IRule
{
    public RuleInfo Info { get; } = new(
        Id: "FC1017",
        Slug: "subscribed-functions-allow-their-invoker",
        Title: "Functions subscribed to SNS topics or targeted by EventBridge rules let the service invoke them",
        Section: Section.State,
        Severity: Severity.Warning,
        Rationale: "SNS and EventBridge invoke a function only when its resource policy allows sns.amazonaws.com or " +
                   "events.amazonaws.com. SAM events write that permission; plain CloudFormation does not. Without it every delivery " +
                   "fails: SNS retries and drops the message, EventBridge counts a FailedInvocation, and the function never runs.",
        Remediation: "Use a SAM SNS or EventBridgeRule event on the function, which adds the permission, or declare an " +
                     "AWS::Lambda::Permission for the service principal scoped with SourceArn to the topic or rule.",
        Snippet: """
            Worker:
              Type: AWS::Serverless::Function
              Properties:
                Events:
                  OrderTopic:
                    Type: SNS
                    Properties:
                      Topic: !Ref Orders
            """,
        Equivalents: [],
        Pillar: "reliability")
    {
        Fixes = new Dictionary<string, RuleFix>(StringComparer.Ordinal)
        {
            [FixWords.CloudFormation] = new(
                "Declare an AWS::Lambda::Permission on the function for the service principal (sns.amazonaws.com or " +
                "events.amazonaws.com), scoped with SourceArn to the topic or rule.",
                """
                WorkerSnsPermission:
                  Type: AWS::Lambda::Permission
                  Properties:
                    Action: lambda:InvokeFunction
                    FunctionName: !GetAtt Worker.Arn
                    Principal: sns.amazonaws.com
                    SourceArn: !Ref Orders
                """),
            [FixWords.Terraform] = new(
                "Add an aws_lambda_permission for the service principal (sns.amazonaws.com, events.amazonaws.com) with source_arn set to the topic or rule.",
                """
                resource "aws_lambda_permission" "from_orders_topic" {
                  statement_id  = "AllowFromOrdersTopic"
                  action        = "lambda:InvokeFunction"
                  function_name = aws_lambda_function.worker.function_name
                  principal     = "sns.amazonaws.com"
                  source_arn    = aws_sns_topic.orders.arn
                }
                """),
            [FixWords.Serverless] = new(
                "Subscribe the function with an sns or eventBridge event, which adds the permission; a subscription or rule declared under resources needs an AWS::Lambda::Permission for the service principal with SourceArn.",
                """
                functions:
                  worker:
                    handler: worker.handler
                    events:
                      - sns:
                          arn: !Ref OrdersTopic
                """),
        },
    };

    public IEnumerable<Finding> Evaluate(Architecture architecture)
    {
        // A permission whose function or principal the template cannot show may be the missing one: stay silent.
        var recorded = architecture.ResourcePermissions.Select(p => p.Declaration).ToHashSet();
        if (architecture.Components.Any(c => c.Kind == ComponentKind.Permission && !recorded.Contains(c))
            || architecture.ResourcePermissions.Any(p => p.Resource is Function && p.Principal == "?"))
        {
            yield break;
        }

        foreach (var subscription in architecture.OfType<Subscription>())
        {
            if (subscription.ImpliedBy is null && string.Equals(subscription.Protocol, "lambda", StringComparison.OrdinalIgnoreCase)
                && subscription.Endpoint is { Target: Function function } endpoint && !Allows(architecture, function, "sns.amazonaws.com"))
            {
                var topic = subscription.Topic?.Target?.LogicalId ?? subscription.Topic?.Text ?? "its topic";
                yield return this.Finding(subscription,
                    $"{subscription.LogicalId} subscribes {function.LogicalId} to {topic}, but no AWS::Lambda::Permission lets " +
                    $"sns.amazonaws.com invoke {function.LogicalId}; every delivery fails and the messages are dropped.",
                    endpoint.Span, function.Related($"{function.LogicalId} is declared here"));
            }
        }

        foreach (var rule in architecture.OfType<EventRule>())
        {
            if (rule.ImpliedBy is not null || rule.IsIotTopicRule)
            {
                continue;
            }

            foreach (var target in rule.Targets)
            {
                if (target.Target.Target is Function function && !Allows(architecture, function, "events.amazonaws.com"))
                {
                    yield return this.Finding(rule,
                        $"{rule.LogicalId} targets {function.LogicalId}, but no AWS::Lambda::Permission lets events.amazonaws.com " +
                        $"invoke {function.LogicalId}; every matching event fails as a FailedInvocation and the function never runs.",
                        target.Target.Span, function.Related($"{function.LogicalId} is declared here"));
                }
            }
        }
    }

    private static bool Allows(Architecture architecture, Function function, string service) =>
        architecture.ResourcePermissions.Any(p => ReferenceEquals(p.Resource, function) && (p.Principal == service || p.Principal == "*"));
}
