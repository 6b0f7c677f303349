using FitCheck.Model;

namespace FitCheck.Rules.Observability;

/// <summary>State machines trace executions with X-Ray.</summary>
public sealed class StateMachinesHaveTracing : IRule
{
    public RuleInfo Info { get; } = new(
        Id: "FC3004",
        Slug: "state-machines-have-tracing",
        Title: "State machines have X-Ray tracing enabled",
        Section: Section.Observability,
        Severity: Severity.Warning,
        Rationale: "With tracing, an execution and the functions and services its tasks call appear in one trace; without it, " +
                   "a slow or failing step has to be found by reading the execution history state by state.",
        Remediation: "Set Tracing.Enabled: true on the AWS::Serverless::StateMachine (TracingConfiguration.Enabled on AWS::StepFunctions::StateMachine).",
        Snippet: """
            OrderWorkflow:
              Type: AWS::Serverless::StateMachine
              Properties:
                Tracing:
                  Enabled: true
            """,
        Equivalents: ["serverless-rules:WS5000", "cdk-nag:Serverless-StepFunctionStateMachineXray", "cdk-nag:AwsSolutions-SF2"],
        Pillar: "operational-excellence")
    {
        Fixes = new Dictionary<string, RuleFix>(StringComparer.Ordinal)
        {
            [FixWords.Terraform] = new(
                "Add tracing_configuration { enabled = true } to the aws_sfn_state_machine.",
                """
                resource "aws_sfn_state_machine" "orders" {
                  # ...
                  tracing_configuration {
                    enabled = true
                  }
                }
                """),
            [FixWords.Serverless] = new(
                "Set tracingConfig.enabled: true on the state machine under stepFunctions.stateMachines (or TracingConfiguration.Enabled on one declared under resources).",
                """
                stepFunctions:
                  stateMachines:
                    orders:
                      tracingConfig:
                        enabled: true
                """),
        },
    };

    public IEnumerable<Finding> Evaluate(Architecture architecture)
    {
        foreach (var machine in architecture.OfType<StateMachine>())
        {
            if (!machine.TracingEnabled.IsKnown || machine.TracingEnabled.Value)
            {
                continue;
            }

            yield return this.Finding(machine,
                $"{machine.Say("Tracing", "tracing_configuration.enabled", "tracingConfig.enabled")} of state machine {machine.LogicalId} {machine.TracingEnabled.Is(machine)}: executions are not traced.",
                machine.TracingEnabled.Span);
        }
    }
}
