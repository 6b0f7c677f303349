using FitCheck.Model;
using FitCheck.Analysis.Design;

namespace FitCheck.Rules.WorkloadFit;

/// <summary>A function allowed the full 15 minutes is usually long-running work in the wrong place.</summary>
public sealed class FunctionsFinishWellWithinTheLimit : IRule
{
    public RuleInfo Info { get; } = new(
        Id: "FC7001",
        Slug: "functions-finish-well-within-the-limit",
        Title: "Functions finish well within Lambda's 15-minute limit",
        Section: Section.WorkloadFit,
        Severity: Severity.Note,
        Rationale: "A timeout of 900 s is the Lambda maximum: work that needs it is billed per millisecond for its whole run, is cut off " +
                   "without a chance to checkpoint when it grows, and cannot be retried cheaply. Long jobs fit containers or batch better, " +
                   "or a workflow that splits them.",
        Remediation: "Split the work into steps (Step Functions, a Map state over chunks) or run it as a container task (ECS on Fargate, AWS Batch).",
        Snippet: """
            Reconcile:
              Type: AWS::Serverless::StateMachine
              Properties:
                Definition:
                  StartAt: Chunks
                  States:
                    Chunks:
                      Type: Map
                      ItemProcessor: { ... }
            """,
        Equivalents: [],
        Pillar: "performance-efficiency")
    {
        Fixes = new Dictionary<string, RuleFix>(StringComparer.Ordinal)
        {
            [FixWords.Terraform] = new(
                "Split the work into steps (an aws_sfn_state_machine with a Map state over chunks) or run it as a container task (ECS on Fargate, AWS Batch).",
                """
                resource "aws_sfn_state_machine" "reconcile" {
                  name     = "reconcile"
                  role_arn = aws_iam_role.reconcile.arn
                  definition = jsonencode({
                    StartAt = "Chunks"
                    States = {
                      Chunks = { Type = "Map", ItemProcessor = { StartAt = "Reconcile", States = { Reconcile = { Type = "Task", Resource = "arn:aws:states:::lambda:invoke", End = true } } }, End = true }
                    }
                  })
                }
                """),
            [FixWords.Serverless] = new(
                "Split the work into steps (a state machine under stepFunctions.stateMachines with a Map state over chunks) or run it as a container task (ECS on Fargate, AWS Batch).",
                """
                stepFunctions:
                  stateMachines:
                    reconcile:
                      definition:
                        StartAt: Chunks
                        States:
                          Chunks:
                            Type: Map
                            ItemProcessor:
                              StartAt: Reconcile
                              States:
                                Reconcile:
                                  Type: Task
                                  Resource:
                                    Fn::GetAtt: [reconcile, Arn]
                                  End: true
                            End: true
                """),
        },
    };

    /// <summary>True when the timeout is written on the function itself (or through a parameter), not inherited from Globals.</summary>
    internal static bool IsOwnTimeout(Setting<int> timeout) => timeout.Origin is SettingOrigin.Explicit or SettingOrigin.ParameterDefault;

    public IEnumerable<Finding> Evaluate(Architecture architecture)
    {
        foreach (var f in architecture.OfType<Function>())
        {
            // A timeout written on the function says its work is long. One inherited from Globals is a blanket setting (FC5003's
            // question), and a durable function checkpoints and suspends, so its timeout is no sign of long-running compute.
            if (f.TimeoutSeconds is { IsKnown: true, Value: >= FitEvidence.LongFunctionSeconds } t && IsOwnTimeout(t) && !f.IsDurable && !f.IsCdkInternal())
            {
                yield return this.Finding(f,
                    $"{f.LogicalId} has a timeout of {t.WithUnit("s", f)}, Lambda's maximum: long-running work weighs against serverless here.",
                    t.Span);
            }
        }
    }
}
