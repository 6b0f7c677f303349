using FitCheck.Model;

namespace FitCheck.Rules.Cost;

/// <summary>Workflow, pipe and GraphQL logs at their most verbose level do not also record every payload.</summary>
public sealed class VerboseLogsLeaveOutPayloads : IRule
{
    public RuleInfo Info { get; } = new(
        Id: "FC5012",
        Slug: "verbose-logs-leave-out-payloads",
        Title: "Workflow, pipe and GraphQL logs at the most verbose level leave out full payloads",
        Section: Section.Cost,
        Severity: Severity.Note,
        Rationale: "Step Functions at Level ALL with IncludeExecutionData, a pipe at TRACE with IncludeExecutionData and AppSync at " +
                   "FieldLogLevel ALL with verbose content write every state's input and output, every event, every field's request " +
                   "and response to CloudWatch Logs: ingestion at $0.50 per GB often costs more than the service itself, and personal " +
                   "data in the payloads lands in logs that many more people can read, for as long as the log group keeps them.",
        Remediation: "Log at ERROR (or ALL without execution data) in production and turn payloads on only while debugging; for AppSync " +
                     "use FieldLogLevel ERROR, or set ExcludeVerboseContent: true.",
        Snippet: """
            OrdersWorkflow:
              Type: AWS::Serverless::StateMachine
              Properties:
                Logging:
                  Level: ERROR
                  IncludeExecutionData: false
                  Destinations:
                    - CloudWatchLogsLogGroup:
                        LogGroupArn: !GetAtt OrdersWorkflowLogs.Arn
            OrdersApi:
              Type: AWS::Serverless::GraphQLApi
              Properties:
                Logging:
                  FieldLogLevel: ERROR
                  ExcludeVerboseContent: true
            """,
        Equivalents: [],
        Pillar: "cost")
    {
        Fixes = new Dictionary<string, RuleFix>(StringComparer.Ordinal)
        {
            [FixWords.CloudFormation] = new(
                "Log at ERROR (or ALL without execution data): LoggingConfiguration of the state machine, LogConfiguration of the pipe " +
                "(Level ERROR or INFO, no IncludeExecutionData), LogConfig of the GraphQL API (FieldLogLevel ERROR or ExcludeVerboseContent: true).",
                """
                OrdersWorkflow:
                  Type: AWS::StepFunctions::StateMachine
                  Properties:
                    LoggingConfiguration:
                      Level: ERROR
                      IncludeExecutionData: false
                OrdersPipe:
                  Type: AWS::Pipes::Pipe
                  Properties:
                    LogConfiguration:
                      Level: ERROR
                OrdersApi:
                  Type: AWS::AppSync::GraphQLApi
                  Properties:
                    LogConfig:
                      FieldLogLevel: ERROR
                      ExcludeVerboseContent: true
                """),
            [FixWords.Terraform] = new(
                "Log at ERROR (or ALL without execution data): logging_configuration of aws_sfn_state_machine, log_configuration of " +
                "aws_pipes_pipe (level ERROR or INFO, no include_execution_data), log_config of aws_appsync_graphql_api.",
                """
                resource "aws_sfn_state_machine" "orders" {
                  logging_configuration {
                    level                  = "ERROR"
                    include_execution_data = false
                    log_destination        = "${aws_cloudwatch_log_group.orders.arn}:*"
                  }
                }

                resource "aws_pipes_pipe" "orders" {
                  log_configuration {
                    level = "ERROR"
                  }
                }

                resource "aws_appsync_graphql_api" "orders" {
                  log_config {
                    field_log_level         = "ERROR"
                    exclude_verbose_content = true
                  }
                }
                """),
            [FixWords.Serverless] = new(
                "Log at ERROR (or ALL without execution data): loggingConfig of the state machine (serverless-step-functions), " +
                "LogConfiguration of a pipe or LogConfig of a GraphQL API under resources.Resources.",
                """
                stepFunctions:
                  stateMachines:
                    orders:
                      loggingConfig:
                        level: ERROR
                        includeExecutionData: false
                        destinations:
                          - Fn::GetAtt: [OrdersWorkflowLogs, Arn]
                """),
        },
    };

    public IEnumerable<Finding> Evaluate(Architecture architecture)
    {
        foreach (var machine in architecture.OfType<StateMachine>())
        {
            if (Is(machine.LoggingLevel, "ALL") && machine.LogIncludesExecutionData is { IsKnown: true, Value: true } data)
            {
                var express = string.Equals(machine.WorkflowType.Value, "EXPRESS", StringComparison.OrdinalIgnoreCase) ? " of every Express execution" : "";
                yield return this.Finding(machine,
                    $"State machine {machine.LogicalId} logs at Level ALL with IncludeExecutionData: every state's input and output{express} " +
                    "is written to CloudWatch Logs, paid per GB and readable by whoever reads the logs.",
                    data.Span);
            }
        }

        foreach (var pipe in architecture.OfType<Pipe>())
        {
            if (Is(pipe.LogLevel, "TRACE") && pipe.LogIncludesExecutionData is { IsKnown: true, Value: true } data)
            {
                yield return this.Finding(pipe,
                    $"Pipe {pipe.LogicalId} logs at Level TRACE with IncludeExecutionData: every event, enrichment and target " +
                    "request and response is written to the logs, paid per GB and readable by whoever reads them.",
                    data.Span);
            }
        }

        foreach (var api in architecture.OfType<Api>())
        {
            if (api.FieldLogLevel is { IsKnown: true } level && string.Equals(level.Value, "ALL", StringComparison.OrdinalIgnoreCase) && api.ExcludeVerboseContent is { IsKnown: true, Value: false } verbose)
            {
                var how = verbose.IsConfigured ? "ExcludeVerboseContent: false" : "verbose content (ExcludeVerboseContent defaults to false)";
                yield return this.Finding(api,
                    $"GraphQL API {api.LogicalId} logs every field at FieldLogLevel ALL with {how}: each resolver's request and response, " +
                    "headers and context are written to the logs for every request, paid per GB and readable by whoever reads them.",
                    level.Span);
            }
        }
    }

    private static bool Is(Setting<string> setting, string level) =>
        setting.IsKnown && string.Equals(setting.Value, level, StringComparison.OrdinalIgnoreCase);
}
