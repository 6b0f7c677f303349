using FitCheck.Model;

namespace FitCheck.Rules.State;

/// <summary>Task states should retry the transient errors every integration has.</summary>
public sealed class TasksRetryErrors : IRule
{
    public RuleInfo Info { get; } = new(
        Id: "FC1011",
        Slug: "tasks-retry-errors",
        Title: "Step Functions Task states retry transient errors",
        Section: Section.State,
        Severity: Severity.Warning,
        Rationale: "A Task state has no retries by default: a throttle, a Lambda.ServiceException or a network blip fails the " +
                   "state, and without a Catch the whole execution. AWS recommends retrying at least the transient service errors.",
        Remediation: "Add a Retry to the Task (or to the Map or Parallel state around it) with backoff, for example for " +
                     "Lambda.ServiceException, Lambda.AWSLambdaException, Lambda.SdkClientException and Lambda.TooManyRequestsException.",
        Snippet: """
            ChargeCard:
              Type: Task
              Resource: arn:aws:states:::lambda:invoke
              Retry:
                - ErrorEquals: [Lambda.ServiceException, Lambda.AWSLambdaException, Lambda.SdkClientException, Lambda.TooManyRequestsException]
                  IntervalSeconds: 2
                  MaxAttempts: 6
                  BackoffRate: 2
            """,
        Equivalents: [],
        Pillar: "reliability")
    {
        Fixes = new Dictionary<string, RuleFix>(StringComparer.Ordinal)
        {
            [FixWords.Terraform] = new(
                "Add a Retry with backoff to the Task (or to the Map or Parallel state around it) in the state machine's definition, for example for Lambda.ServiceException, Lambda.AWSLambdaException, Lambda.SdkClientException and Lambda.TooManyRequestsException.",
                """
                resource "aws_sfn_state_machine" "orders" {
                  name     = "orders"
                  role_arn = aws_iam_role.orders_flow.arn
                  definition = jsonencode({
                    StartAt = "ChargeCard"
                    States = {
                      ChargeCard = {
                        Type     = "Task"
                        Resource = "arn:aws:states:::lambda:invoke"
                        Retry = [{
                          ErrorEquals     = ["Lambda.ServiceException", "Lambda.AWSLambdaException", "Lambda.SdkClientException", "Lambda.TooManyRequestsException"]
                          IntervalSeconds = 2
                          MaxAttempts     = 6
                          BackoffRate     = 2
                        }]
                        End = true
                      }
                    }
                  })
                }
                """),
            [FixWords.Serverless] = new(
                "Add a Retry with backoff to the Task (or to the Map or Parallel state around it) in the definition under stepFunctions.stateMachines, for example for Lambda.ServiceException, Lambda.AWSLambdaException, Lambda.SdkClientException and Lambda.TooManyRequestsException.",
                """
                stepFunctions:
                  stateMachines:
                    orders:
                      definition:
                        StartAt: ChargeCard
                        States:
                          ChargeCard:
                            Type: Task
                            Resource: arn:aws:states:::lambda:invoke
                            Retry:
                              - ErrorEquals: [Lambda.ServiceException, Lambda.AWSLambdaException, Lambda.SdkClientException, Lambda.TooManyRequestsException]
                                IntervalSeconds: 2
                                MaxAttempts: 6
                                BackoffRate: 2
                            End: true
                """),
        },
    };

    public IEnumerable<Finding> Evaluate(Architecture architecture)
    {
        foreach (var machine in architecture.OfType<StateMachine>())
        {
            foreach (var state in machine.States.Where(s => s.Type == "Task"))
            {
                var (retry, @catch) = Consumers.ErrorHandling(machine, state);
                if (retry)
                {
                    continue;
                }

                yield return this.Finding(machine, @catch
                    ? $"Task {state.Path} in {machine.LogicalId} has a Catch but no Retry: a transient error goes straight to the error path."
                    : $"Task {state.Path} in {machine.LogicalId} has neither Retry nor Catch: any error, a transient one included, fails the execution.",
                    state.Span);
            }
        }
    }
}
