using FitCheck.Model;

namespace FitCheck.Rules.State;

/// <summary>Tasks that wait for a job or a callback need a bound on the wait.</summary>
public sealed class WaitingTasksHaveTimeout : IRule
{
    public RuleInfo Info { get; } = new(
        Id: "FC1013",
        Slug: "waiting-tasks-have-timeout",
        Title: "Step Functions tasks that wait for a job or a callback have a timeout",
        Section: Section.State,
        Severity: Severity.Warning,
        Rationale: "A Task has no timeout by default (99,999,999 s). A .sync job that hangs, or a .waitForTaskToken callback or " +
                   "activity whose worker died, keeps the execution open until the workflow's one-year limit, and nothing fails to tell you.",
        Remediation: "Set TimeoutSeconds on .sync tasks; set TimeoutSeconds, and HeartbeatSeconds when the worker can send " +
                     "heartbeats, on callback and activity tasks.",
        Snippet: """
            WaitForApproval:
              Type: Task
              Resource: arn:aws:states:::sqs:sendMessage.waitForTaskToken
              TimeoutSeconds: 86400
              HeartbeatSeconds: 3600
            """,
        Equivalents: [],
        Pillar: "reliability")
    {
        Fixes = new Dictionary<string, RuleFix>(StringComparer.Ordinal)
        {
            [FixWords.Terraform] = new(
                "Set TimeoutSeconds on .sync tasks, and TimeoutSeconds (with HeartbeatSeconds when the worker can send heartbeats) on callback and activity tasks, in the state machine's definition.",
                """
                resource "aws_sfn_state_machine" "approval" {
                  name     = "approval"
                  role_arn = aws_iam_role.approval_flow.arn
                  definition = jsonencode({
                    StartAt = "WaitForApproval"
                    States = {
                      WaitForApproval = {
                        Type             = "Task"
                        Resource         = "arn:aws:states:::sqs:sendMessage.waitForTaskToken"
                        TimeoutSeconds   = 86400
                        HeartbeatSeconds = 3600
                        End              = true
                      }
                    }
                  })
                }
                """),
            [FixWords.Serverless] = new(
                "Set TimeoutSeconds on .sync tasks, and TimeoutSeconds (with HeartbeatSeconds when the worker can send heartbeats) on callback and activity tasks, in the definition under stepFunctions.stateMachines.",
                """
                stepFunctions:
                  stateMachines:
                    approval:
                      definition:
                        StartAt: WaitForApproval
                        States:
                          WaitForApproval:
                            Type: Task
                            Resource: arn:aws:states:::sqs:sendMessage.waitForTaskToken
                            TimeoutSeconds: 86400
                            HeartbeatSeconds: 3600
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
                if (state.TimeoutSeconds is not null)
                {
                    continue;
                }

                if (state.IntegrationPattern == "sync")
                {
                    yield return this.Finding(machine,
                        $"Task {state.Path} in {machine.LogicalId} waits for a job to finish (.sync) with no TimeoutSeconds: a hung job keeps the execution open indefinitely.",
                        state.Span);
                }
                else if (state.IntegrationPattern == "callback" && state.HeartbeatSeconds is null)
                {
                    var what = state.Service == "activity" ? "an activity worker" : "a task token callback (.waitForTaskToken)";
                    yield return this.Finding(machine,
                        $"Task {state.Path} in {machine.LogicalId} waits for {what} with neither TimeoutSeconds nor HeartbeatSeconds: if the " +
                        "token is lost the execution waits indefinitely.",
                        state.Span);
                }
            }
        }
    }
}
