using FitCheck.Analysis.Design;
using FitCheck.Model;

namespace FitCheck.Rules.Observability;

/// <summary>Every function is watched by at least one alarm (errors, throttles).</summary>
public sealed class FunctionsHaveAlarms : IFoldedRule
{
    public RuleInfo Info { get; } = new(
        Id: "FC3012",
        Slug: "functions-have-alarms",
        Title: "Functions have an alarm on errors or throttles",
        Section: Section.Observability,
        Severity: Severity.Warning,
        Rationale: "Lambda records Errors and Throttles for every function, but nobody is told unless an alarm watches them; " +
                   "a failing function is otherwise found by its users.",
        Remediation: "Add an AWS::CloudWatch::Alarm on the function's Errors (and Throttles) metric with an alarm action.",
        Snippet: """
            OrdersFunctionErrors:
              Type: AWS::CloudWatch::Alarm
              Properties:
                Namespace: AWS/Lambda
                MetricName: Errors
                Dimensions:
                  - Name: FunctionName
                    Value: !Ref OrdersFunction
                Statistic: Sum
                Period: 60
                EvaluationPeriods: 1
                Threshold: 0
                ComparisonOperator: GreaterThanThreshold
                AlarmActions: [!Ref OpsTopic]
            """,
        Equivalents: [],
        Pillar: "operational-excellence")
    {
        OncePerTemplate = true,
        Fixes = new Dictionary<string, RuleFix>(StringComparer.Ordinal)
        {
            [FixWords.Terraform] = new(
                "Add an aws_cloudwatch_metric_alarm on the function's Errors (and Throttles) metric with alarm_actions.",
                """
                resource "aws_cloudwatch_metric_alarm" "orders_errors" {
                  alarm_name          = "orders-errors"
                  namespace           = "AWS/Lambda"
                  metric_name         = "Errors"
                  dimensions          = { FunctionName = aws_lambda_function.orders.function_name }
                  statistic           = "Sum"
                  period              = 60
                  evaluation_periods  = 1
                  threshold           = 0
                  comparison_operator = "GreaterThanThreshold"
                  alarm_actions       = [aws_sns_topic.ops.arn]
                }
                """),
            [FixWords.Serverless] = new(
                "Add an AWS::CloudWatch::Alarm on the function's Errors (and Throttles) metric under resources.Resources, with an alarm action (the function's logical id is its name + LambdaFunction).",
                """
                resources:
                  Resources:
                    OrdersErrorsAlarm:
                      Type: AWS::CloudWatch::Alarm
                      Properties:
                        Namespace: AWS/Lambda
                        MetricName: Errors
                        Dimensions:
                          - Name: FunctionName
                            Value: !Ref OrdersLambdaFunction
                        Statistic: Sum
                        Period: 60
                        EvaluationPeriods: 1
                        Threshold: 0
                        ComparisonOperator: GreaterThanThreshold
                        AlarmActions: [!Ref OpsTopic]
                """),
        },
    };

    public string Summary(IReadOnlyList<Finding> findings) =>
        $"No alarm watches {findings.Count} functions ({RuleExtensions.NameList(findings.Select(f => f.Resource.LogicalId))}): their errors and throttles go unnoticed.";

    public IEnumerable<Finding> Evaluate(Architecture architecture)
    {
        // An alarm on an AWS/Lambda metric without dimensions (or whose dimensions do not resolve here) watches every function.
        if (architecture.OfType<Alarm>().Any(a => !a.IsComposite && a.Watches.Count == 0 && string.Equals(a.Namespace, "AWS/Lambda", StringComparison.Ordinal)))
        {
            yield break;
        }

        // Deployment hooks run only during a deployment, and CodeDeploy reports their failures.
        var hooks = architecture.OfType<Function>()
            .SelectMany(f => new[] { f.Deployment?.PreTrafficHook?.Target, f.Deployment?.PostTrafficHook?.Target })
            .OfType<Function>()
            .ToHashSet();
        foreach (var function in architecture.OfType<Function>().Where(f => !f.IsCdkInternal() && !hooks.Contains(f)))
        {
            if (!Alarms.AnyWatching(architecture, function))
            {
                yield return this.Finding(function, $"No alarm watches {function.LogicalId}: its errors and throttles go unnoticed.");
            }
        }
    }
}
