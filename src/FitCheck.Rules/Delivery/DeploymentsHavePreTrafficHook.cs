using FitCheck.Model;

namespace FitCheck.Rules.Delivery;

/// <summary>A gradual deployment tests the new version before it receives traffic.</summary>
public sealed class DeploymentsHavePreTrafficHook : IRule
{
    public RuleInfo Info { get; } = new(
        Id: "FC6004",
        Slug: "deployments-have-pre-traffic-hook",
        Title: "Gradual deployments run a pre-traffic test",
        Section: Section.Delivery,
        Severity: Severity.Note,
        Rationale: "A PreTraffic hook invokes the new version before any caller does; a version that cannot start, or fails a smoke test, " +
                   "is rolled back without serving a single real request.",
        Remediation: "Add Hooks.PreTraffic naming a function that exercises the new version and reports to CodeDeploy " +
                     "(codedeploy:PutLifecycleEventHookExecutionStatus).",
        Snippet: """
            DeploymentPreference:
              Type: Canary10Percent5Minutes
              Alarms:
                - !Ref OrdersFunctionErrors
              Hooks:
                PreTraffic: !Ref OrdersPreTrafficCheck
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
                "Name a validation function of the service under deploymentSettings.preTrafficHook (serverless-plugin-canary-deployments); it reports its result to CodeDeploy.",
                """
                functions:
                  orders:
                    handler: orders.handler
                    deploymentSettings:
                      type: Canary10Percent5Minutes
                      alias: Live
                      preTrafficHook: ordersPreTraffic
                  ordersPreTraffic:
                    handler: hooks.preTraffic
                """),
        },
    };

    public IEnumerable<Finding> Evaluate(Architecture architecture)
    {
        foreach (var function in architecture.OfType<Function>())
        {
            if (Deployments.Active(function) is { } deployment && Deployments.IsGradual(deployment) && deployment.PreTrafficHook is null)
            {
                yield return this.Finding(function,
                    $"{function.LogicalId} deploys with {deployment.Type.Value} and no {function.Say("PreTraffic hook", "PreTraffic hook", "preTrafficHook")}: the new version's first requests are real ones.",
                    deployment.Span);
            }
        }
    }
}
