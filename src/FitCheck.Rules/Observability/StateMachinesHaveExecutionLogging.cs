using FitCheck.Model;

namespace FitCheck.Rules.Observability;

/// <summary>State machines log executions to CloudWatch Logs; Express workflows have no other record.</summary>
public sealed class StateMachinesHaveExecutionLogging : IRule
{
    public RuleInfo Info { get; } = new(
        Id: "FC3005",
        Slug: "state-machines-have-execution-logging",
        Title: "State machines log executions to CloudWatch Logs",
        Section: Section.Observability,
        Severity: Severity.Warning,
        Rationale: "Express workflows keep no execution history: with logging OFF a failed execution leaves no record of its input, " +
                   "the state that failed or the error. Standard workflows keep 90 days of history in the console, but without logs " +
                   "you cannot search, alarm on or keep that history.",
        Remediation: "Add Logging with Level ALL (or ERROR) and a CloudWatch Logs destination, and grant the role the log-delivery permissions.",
        Snippet: """
            OrderWorkflow:
              Type: AWS::Serverless::StateMachine
              Properties:
                Type: EXPRESS
                Logging:
                  Level: ERROR
                  IncludeExecutionData: true
                  Destinations:
                    - CloudWatchLogsLogGroup:
                        LogGroupArn: !GetAtt OrderWorkflowLogs.Arn
            """,
        Equivalents: ["cdk-nag:AwsSolutions-SF1"],
        Pillar: "operational-excellence")
    {
        Fixes = new Dictionary<string, RuleFix>(StringComparer.Ordinal)
        {
            [FixWords.Terraform] = new(
                "Add logging_configuration with level \"ALL\" (or \"ERROR\") and an aws_cloudwatch_log_group as log_destination to the aws_sfn_state_machine, and grant its role the log-delivery permissions.",
                """
                resource "aws_sfn_state_machine" "orders" {
                  # ...
                  type = "EXPRESS"
                  logging_configuration {
                    log_destination        = "${aws_cloudwatch_log_group.orders_flow.arn}:*"
                    include_execution_data = true
                    level                  = "ERROR"
                  }
                }
                """),
            [FixWords.Serverless] = new(
                "Add loggingConfig with level ALL (or ERROR) and a log group destination to the state machine under stepFunctions.stateMachines.",
                """
                stepFunctions:
                  stateMachines:
                    orders:
                      type: EXPRESS
                      loggingConfig:
                        level: ERROR
                        includeExecutionData: true
                        destinations:
                          - Fn::GetAtt: [OrdersFlowLogs, Arn]
                """),
        },
    };

    public IEnumerable<Finding> Evaluate(Architecture architecture)
    {
        foreach (var machine in architecture.OfType<StateMachine>())
        {
            var level = machine.LoggingLevel;
            if (!level.IsKnown || !string.Equals(level.Value, "OFF", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var express = machine.WorkflowType.IsKnown && string.Equals(machine.WorkflowType.Value, "EXPRESS", StringComparison.OrdinalIgnoreCase);
            var finding = this.Finding(machine,
                express
                    ? $"Logging level of Express state machine {machine.LogicalId} {level.Is()}: Express workflows keep no execution history, so failed executions leave no trace."
                    : $"Logging level of state machine {machine.LogicalId} {level.Is()}: executions are only in the console history, which cannot be searched or alarmed on.",
                level.Span);
            yield return express ? finding : finding with { Severity = Severity.Note };
        }
    }
}
