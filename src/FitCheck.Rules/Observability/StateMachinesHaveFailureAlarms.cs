using FitCheck.Analysis.Design;
using FitCheck.Model;

namespace FitCheck.Rules.Observability;

/// <summary>State machines alarm on failed executions.</summary>
public sealed class StateMachinesHaveFailureAlarms : IRule
{
    public RuleInfo Info { get; } = new(
        Id: "FC3015",
        Slug: "state-machines-have-failure-alarms",
        Title: "State machines have an alarm on failed executions",
        Section: Section.Observability,
        Severity: Severity.Note,
        Rationale: "A workflow that fails after its retries stops there: nobody is told unless an alarm watches ExecutionsFailed " +
                   "(and ExecutionsTimedOut).",
        Remediation: "Add an alarm on the state machine's ExecutionsFailed metric (AWS/States, dimension StateMachineArn).",
        Snippet: """
            OrderWorkflowFailures:
              Type: AWS::CloudWatch::Alarm
              Properties:
                Namespace: AWS/States
                MetricName: ExecutionsFailed
                Dimensions:
                  - Name: StateMachineArn
                    Value: !Ref OrderWorkflow
                Statistic: Sum
                Period: 300
                EvaluationPeriods: 1
                Threshold: 0
                ComparisonOperator: GreaterThanThreshold
                AlarmActions: [!Ref OpsTopic]
            """,
        Equivalents: [],
        Pillar: "operational-excellence")
    {
        Fixes = new Dictionary<string, RuleFix>(StringComparer.Ordinal)
        {
            [FixWords.Terraform] = new(
                "Add an aws_cloudwatch_metric_alarm on the state machine's ExecutionsFailed metric (AWS/States, dimension StateMachineArn).",
                """
                resource "aws_cloudwatch_metric_alarm" "orders_flow_failures" {
                  alarm_name          = "orders-flow-failures"
                  namespace           = "AWS/States"
                  metric_name         = "ExecutionsFailed"
                  dimensions          = { StateMachineArn = aws_sfn_state_machine.orders.arn }
                  statistic           = "Sum"
                  period              = 300
                  evaluation_periods  = 1
                  threshold           = 0
                  comparison_operator = "GreaterThanThreshold"
                  alarm_actions       = [aws_sns_topic.ops.arn]
                }
                """),
            [FixWords.Serverless] = new(
                "Add an AWS::CloudWatch::Alarm on the state machine's ExecutionsFailed metric (AWS/States, dimension StateMachineArn) under resources.Resources; the serverless-step-functions plugin's alarms (metrics: [executionsFailed]) do the same.",
                """
                resources:
                  Resources:
                    OrdersFlowFailures:
                      Type: AWS::CloudWatch::Alarm
                      Properties:
                        Namespace: AWS/States
                        MetricName: ExecutionsFailed
                        Dimensions:
                          - Name: StateMachineArn
                            Value: !Ref OrdersStepFunctionsStateMachine
                        Statistic: Sum
                        Period: 300
                        EvaluationPeriods: 1
                        Threshold: 0
                        ComparisonOperator: GreaterThanThreshold
                        AlarmActions: [!Ref OpsTopic]
                """),
        },
    };

    public IEnumerable<Finding> Evaluate(Architecture architecture)
    {
        foreach (var machine in architecture.OfType<StateMachine>())
        {
            if (!Alarms.AnyWatching(architecture, machine, m => m.StartsWith("Executions", StringComparison.Ordinal) && m != "ExecutionsStarted" && m != "ExecutionsSucceeded"))
            {
                yield return this.Finding(machine, $"No alarm watches failed executions of state machine {machine.LogicalId}: failed workflows go unnoticed.");
            }
        }
    }
}
