using FitCheck.Model;

namespace FitCheck.Rules.State;

/// <summary>An IoT topic rule names an error action, or a message whose action fails is dropped.</summary>
public sealed class IotRulesHaveErrorAction : IRule
{
    // The rule as an AWS::IoT::TopicRule, for SAM and CloudFormation alike (SAM's IoTRule event has no error action).
    private const string CloudFormationSnippet = """
        TelemetryRule:
          Type: AWS::IoT::TopicRule
          Properties:
            TopicRulePayload:
              Sql: SELECT * FROM 'devices/+/telemetry'
              Actions:
                - Lambda:
                    FunctionArn: !GetAtt Ingest.Arn
              ErrorAction:
                Sqs:
                  QueueUrl: !Ref TelemetryErrors
                  RoleArn: !GetAtt IotErrorRole.Arn
        """;

    public RuleInfo Info { get; } = new(
        Id: "FC1018",
        Slug: "iot-rules-have-error-action",
        Title: "IoT topic rules send messages whose action fails to an error action",
        Section: Section.State,
        Severity: Severity.Warning,
        Rationale: "When an IoT rule's action fails (the function is throttled or lacks the permission, the queue or table rejects the " +
                   "write), the rules engine sends the message to the rule's error action; without one the message is dropped and " +
                   "only a CloudWatch metric counts it.",
        Remediation: "SAM's IoTRule event cannot set an error action: declare the rule as an AWS::IoT::TopicRule with an ErrorAction " +
                     "(an SQS queue, an S3 bucket or CloudWatch Logs) and a role that may write to it.",
        Snippet: CloudFormationSnippet,
        Equivalents: [],
        Pillar: "reliability")
    {
        Fixes = new Dictionary<string, RuleFix>(StringComparer.Ordinal)
        {
            [FixWords.CloudFormation] = new(
                "Add an ErrorAction to the rule's TopicRulePayload (an SQS queue, an S3 bucket or CloudWatch Logs) with a role that may write to it.",
                CloudFormationSnippet),
            [FixWords.Terraform] = new(
                "Add an error_action block to the aws_iot_topic_rule (sqs, s3 or cloudwatch_logs) with a role that may write to it.",
                """
                resource "aws_iot_topic_rule" "telemetry" {
                  name        = "telemetry"
                  enabled     = true
                  sql         = "SELECT * FROM 'devices/+/telemetry'"
                  sql_version = "2016-03-23"

                  lambda {
                    function_arn = aws_lambda_function.ingest.arn
                  }

                  error_action {
                    sqs {
                      queue_url  = aws_sqs_queue.telemetry_errors.url
                      role_arn   = aws_iam_role.iot_errors.arn
                      use_base64 = false
                    }
                  }
                }
                """),
            [FixWords.Serverless] = new(
                "The iot event cannot set an error action: declare the rule under resources.Resources as an AWS::IoT::TopicRule with an " +
                "ErrorAction, invoking the function (and add a Lambda permission for iot.amazonaws.com).",
                """
                resources:
                  Resources:
                    TelemetryRule:
                      Type: AWS::IoT::TopicRule
                      Properties:
                        TopicRulePayload:
                          Sql: SELECT * FROM 'devices/+/telemetry'
                          Actions:
                            - Lambda:
                                FunctionArn: !GetAtt IngestLambdaFunction.Arn
                          ErrorAction:
                            Sqs:
                              QueueUrl: !Ref TelemetryErrors
                              RoleArn: !GetAtt IotErrorRole.Arn
                """),
        },
    };

    public IEnumerable<Finding> Evaluate(Architecture architecture)
    {
        foreach (var rule in architecture.OfType<EventRule>())
        {
            if (!rule.IsIotTopicRule || !rule.Enabled || rule.HasErrorAction is not { IsKnown: true, Value: false } errorAction)
            {
                continue;
            }

            var actions = architecture.FlowsFrom(rule).Where(f => !f.Kind.IsFailurePath()).Select(f => f.To).Distinct().ToList();
            var on = actions.Count == 0 ? "" : " on " + RuleExtensions.NameList(actions.Select(a => a.LogicalId));
            // An action that invokes a function asynchronously fails only when the invoke is refused (no permission, throttled
            // request); after Lambda accepts the event, the function's own retries and destination take over.
            var onlyAsyncFunctions = actions.Count > 0 && actions.All(a => a is Function);
            var where = !rule.IsImplicit ? ""
                : FixWords.Of(rule) == FixWords.Serverless ? $" (the iot event of {rule.ImpliedBy!.LogicalId} cannot set one)"
                : $" (SAM's IoTRule event on {rule.ImpliedBy!.LogicalId} cannot set one)";
            yield return this.Finding(rule,
                $"IoT rule {rule.LogicalId} has no ErrorAction{where}: a message whose action{on} fails is dropped" +
                (onlyAsyncFunctions ? " (a refused invoke; once Lambda accepts the event, the function's own retries apply)." : "."),
                errorAction.Span,
                [.. actions.Select(a => a.Related("action target"))]) with { Severity = onlyAsyncFunctions ? Severity.Note : Severity.Warning };
        }
    }
}
