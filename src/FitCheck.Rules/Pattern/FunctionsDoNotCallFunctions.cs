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
        Severity: Severity.Warning,
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
        Pillar: "operational-excellence");

    public IEnumerable<Finding> Evaluate(Architecture architecture)
    {
        foreach (var flow in architecture.Flows)
        {
            if (flow is not { Kind: FlowKind.Invokes, From: Function caller, To: Function callee } || ReferenceEquals(caller, callee) || caller.IsDurable || callee.IsDurable)
            {
                continue; // A durable function suspends, unbilled, while what it invoked runs; invoking one starts a workflow.
            }

            yield return this.Finding(caller,
                $"{caller.LogicalId} may invoke {callee.LogicalId} directly (through {flow.Via}); a synchronous call bills both while " +
                "the second runs and couples their failures. Use Step Functions or an event.",
                flow.Span,
                callee.Related($"{callee.LogicalId} is invoked by {caller.LogicalId}"));
        }
    }
}
