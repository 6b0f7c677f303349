using FitCheck.Model;

namespace FitCheck.Rules.State;

/// <summary>A Task whose retries run out should land somewhere deliberate.</summary>
public sealed class TasksCatchErrors : IRule
{
    public RuleInfo Info { get; } = new(
        Id: "FC1012",
        Slug: "tasks-catch-errors",
        Title: "Step Functions Task states that retry also catch the error that remains",
        Section: Section.State,
        Severity: Severity.Note,
        Rationale: "When a Task's retries are exhausted and nothing catches the error, the execution fails where it stands: no " +
                   "compensation for the steps already done, no notification, no record of the input beyond the execution history.",
        Remediation: "Add a Catch (on the Task or on the Map or Parallel state around it) that leads to a compensation, " +
                     "notification or Fail state with the error in its output.",
        Snippet: """
            ChargeCard:
              Type: Task
              Resource: arn:aws:states:::lambda:invoke
              Retry:
                - ErrorEquals: [States.TaskFailed]
                  MaxAttempts: 3
              Catch:
                - ErrorEquals: [States.ALL]
                  ResultPath: $.error
                  Next: RefundAndNotify
            """,
        Equivalents: [],
        Pillar: "reliability")
    {
        Fixes = new Dictionary<string, RuleFix>(StringComparer.Ordinal)
        {
            [FixWords.Terraform] = new(
                "Add a Catch to the Task (or to the Map or Parallel state around it) in the definition, leading to a compensation, notification or Fail state with the error in its output.",
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
                        Retry    = [{ ErrorEquals = ["States.TaskFailed"], MaxAttempts = 3 }]
                        Catch    = [{ ErrorEquals = ["States.ALL"], ResultPath = "$.error", Next = "RefundAndNotify" }]
                        End      = true
                      }
                      RefundAndNotify = { Type = "Fail" }
                    }
                  })
                }
                """),
            [FixWords.Serverless] = new(
                "Add a Catch to the Task (or to the Map or Parallel state around it) in the definition under stepFunctions.stateMachines, leading to a compensation, notification or Fail state with the error in its output.",
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
                              - ErrorEquals: [States.TaskFailed]
                                MaxAttempts: 3
                            Catch:
                              - ErrorEquals: [States.ALL]
                                ResultPath: $.error
                                Next: RefundAndNotify
                            End: true
                          RefundAndNotify:
                            Type: Fail
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

                // A Task with neither is FC1011's finding; one finding per Task.
                if (!retry || @catch)
                {
                    continue;
                }

                yield return this.Finding(machine,
                    $"Task {state.Path} in {machine.LogicalId} retries but has no Catch: when the retries run out the execution fails " +
                    "with no compensation or notification path.",
                    state.Span);
            }
        }
    }
}
