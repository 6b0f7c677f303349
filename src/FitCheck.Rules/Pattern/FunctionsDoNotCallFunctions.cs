using FitCheck.Model;

namespace FitCheck.Rules.Pattern;

/// <summary>Functions hand work to other functions through a workflow or events, not by calling them.</summary>
public sealed class FunctionsDoNotCallFunctions : IRule
{
    public RuleInfo Info { get; } = new(
        Id: "FC4001",
        Slug: "functions-do-not-call-functions",
        Title: "Functions do not invoke other functions directly",
        Section: Section.Pattern,
        Severity: Severity.Note,
        Rationale: "A function that invokes another and waits pays for both while the second runs, adds their timeouts and " +
                   "failure modes together, and hides the orchestration in code. Step Functions, a queue or an event bus do this " +
                   "with retries, visibility and no idle billing.",
        Remediation: "Chain the functions with a Step Functions state machine, or have the first publish an event (EventBridge, " +
                     "SNS, SQS) that the second consumes.",
        Snippet: """
            OrderFlow:
              Type: AWS::Serverless::StateMachine
              Properties:
                DefinitionUri: statemachine/order.asl.json
                Policies:
                  - LambdaInvokePolicy:
                      FunctionName: !Ref Charge
            """,
        Equivalents: [],
        Pillar: "operational-excellence")
    {
        Fixes = new Dictionary<string, RuleFix>(StringComparer.Ordinal)
        {
            [FixWords.Terraform] = new(
                "Chain the functions with an aws_sfn_state_machine, or have the first publish an event (EventBridge, SNS, SQS) that the second consumes.",
                """
                resource "aws_sfn_state_machine" "order_flow" {
                  name     = "order-flow"
                  role_arn = aws_iam_role.order_flow.arn
                  definition = jsonencode({
                    StartAt = "Validate"
                    States = {
                      Validate = { Type = "Task", Resource = "arn:aws:states:::lambda:invoke", Parameters = { FunctionName = aws_lambda_function.validate.arn, "Payload.$" = "$" }, Next = "Charge" }
                      Charge   = { Type = "Task", Resource = "arn:aws:states:::lambda:invoke", Parameters = { FunctionName = aws_lambda_function.charge.arn, "Payload.$" = "$" }, End = true }
                    }
                  })
                }
                """),
            [FixWords.Serverless] = new(
                "Chain the functions with a state machine under stepFunctions.stateMachines, or have the first publish an event (EventBridge, SNS, SQS) that the second consumes.",
                """
                stepFunctions:
                  stateMachines:
                    orderFlow:
                      definition:
                        StartAt: Validate
                        States:
                          Validate:
                            Type: Task
                            Resource:
                              Fn::GetAtt: [validate, Arn]
                            Next: Charge
                          Charge:
                            Type: Task
                            Resource:
                              Fn::GetAtt: [charge, Arn]
                            End: true
                """),
        },
    };

    public IEnumerable<Finding> Evaluate(Architecture architecture)
    {
        foreach (var flow in architecture.Flows)
        {
            if (flow is not { Kind: FlowKind.Invokes, From: Function caller, To: Function callee } || ReferenceEquals(caller, callee) || caller.IsDurable || callee.IsDurable)
            {
                continue; // A durable function suspends, unbilled, while what it invoked runs; invoking one starts a workflow.
            }

            // The template shows a permission to invoke, not how the code calls. When the callee is configured for asynchronous
            // invocation (EventInvokeConfig, a destination or a dead-letter queue), the call is an event: fine when its failures
            // are kept, and only their loss is worth saying.
            if (ConfiguredForAsync(callee))
            {
                if (callee.AsyncInvoke.OnFailure is null && callee.DeadLetter is null)
                {
                    yield return this.Finding(caller,
                        $"{caller.LogicalId} may invoke {callee.LogicalId} (through {flow.Via}), which is set up for asynchronous invocation " +
                        "but has no on-failure destination or dead-letter queue: an event that fails after Lambda's retries is dropped.",
                        flow.Span,
                        callee.Related($"{callee.LogicalId} is invoked by {caller.LogicalId}")) with { Severity = Severity.Warning };
                }

                continue;
            }

            yield return this.Finding(caller,
                $"{caller.LogicalId} may invoke {callee.LogicalId} directly (through {flow.Via}). If it waits for the answer, both are " +
                "billed while the second runs and their failures are coupled: use Step Functions or an event. If it invokes with " +
                $"InvocationType Event, give {callee.LogicalId} an on-failure destination instead.",
                flow.Span,
                callee.Related($"{callee.LogicalId} is invoked by {caller.LogicalId}"));
        }
    }

    private static bool ConfiguredForAsync(Function function) =>
        function.AsyncInvoke.OnFailure is not null || function.AsyncInvoke.OnSuccess is not null || function.DeadLetter is not null
        || function.AsyncInvoke.MaximumRetryAttempts.IsConfigured || function.AsyncInvoke.MaximumEventAgeSeconds.IsConfigured;
}
