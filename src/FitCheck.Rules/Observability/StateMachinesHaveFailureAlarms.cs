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
        Pillar: "operational-excellence");

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
