using FitCheck.Analysis.Design;
using FitCheck.Model;

namespace FitCheck.Rules.Delivery;

/// <summary>A gradual deployment names alarms that watch the function, so CodeDeploy can roll back.</summary>
public sealed class DeploymentsHaveRollbackAlarms : IRule
{
    public RuleInfo Info { get; } = new(
        Id: "FC6003",
        Slug: "deployments-have-rollback-alarms",
        Title: "Gradual deployments roll back on alarms that watch the function",
        Section: Section.Delivery,
        Severity: Severity.Warning,
        Rationale: "CodeDeploy rolls a canary or linear deployment back only when one of the DeploymentPreference alarms fires. " +
                   "Without alarms, or with alarms on other resources, a bad version is promoted on schedule.",
        Remediation: "List alarms on the function's Errors (and latency or business metrics) under DeploymentPreference.Alarms.",
        Snippet: """
            DeploymentPreference:
              Type: Linear10PercentEvery1Minute
              Alarms:
                - !Ref OrdersFunctionErrors
            """,
        Equivalents: [],
        Pillar: "reliability")
    {
        NotApplicable = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [FixWords.Terraform] = "SAM's DeploymentPreference has no Terraform twin that fitcheck reads: Terraform deploys gradually through aws_lambda_alias and aws_codedeploy_deployment_group, which FC6001 looks for.",
        },
        Fixes = new Dictionary<string, RuleFix>(StringComparer.Ordinal)
        {
            [FixWords.Serverless] = new(
                "List CloudWatch alarms on the function under deploymentSettings.alarms (serverless-plugin-canary-deployments): a logical id in resources, or name: for an alarm by name.",
                """
                functions:
                  orders:
                    handler: orders.handler
                    deploymentSettings:
                      type: Canary10Percent5Minutes
                      alias: Live
                      alarms:
                        - OrdersErrorsAlarm
                """),
        },
    };

    public IEnumerable<Finding> Evaluate(Architecture architecture)
    {
        foreach (var function in architecture.OfType<Function>())
        {
            if (Deployments.Active(function) is not { } deployment || !Deployments.IsGradual(deployment))
            {
                continue;
            }

            if (deployment.Alarms.Count == 0)
            {
                yield return this.Finding(function,
                    $"{function.LogicalId} deploys with {deployment.Type.Value} but its {function.Say("DeploymentPreference lists no Alarms", "DeploymentPreference lists no Alarms", "deploymentSettings list no alarms")}: CodeDeploy cannot roll a bad version back.",
                    deployment.Span);
                continue;
            }

            // An alarm passed in by name or parameter may watch the function: stay silent unless every alarm is known.
            var alarms = deployment.Alarms.Select(a => a.Target).OfType<Alarm>().ToList();
            if (alarms.Count < deployment.Alarms.Count || alarms.Any(a => Watches(architecture, a, function)))
            {
                continue;
            }

            yield return this.Finding(function,
                $"None of the rollback alarms of {function.LogicalId} ({string.Join(", ", alarms.Select(a => a.LogicalId))}) watches the function: a failing version is not rolled back.",
                deployment.Span,
                [.. alarms.Select(a => a.Related($"rollback alarm {a.LogicalId}"))]);
        }
    }

    // The function itself, or something that calls it (the API in front of it, a state machine whose task it is): a 5XX
    // alarm on the API measures the new version too. Alarms whose dimensions do not resolve here may watch it. A composite
    // alarm watches what the metric alarms behind it watch.
    private static bool Watches(Architecture architecture, Alarm alarm, Function function) =>
        Alarms.MetricAlarmsBehind(alarm).Any(metric => metric.Watches.Count == 0
            || metric.Watches.Any(w => ReferenceEquals(w, function) || architecture.FlowsFrom(w).Any(f => ReferenceEquals(f.To, function) && f.Kind == FlowKind.Invokes)));
}
