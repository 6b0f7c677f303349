using FitCheck.Model;

namespace FitCheck.Rules.Delivery;

/// <summary>A DeploymentPreference shifts traffic gradually rather than all at once.</summary>
public sealed class DeploymentsAreNotAllAtOnce : IRule
{
    public RuleInfo Info { get; } = new(
        Id: "FC6002",
        Slug: "deployments-are-not-all-at-once",
        Title: "Deployment preferences shift traffic gradually, not all at once",
        Section: Section.Delivery,
        Severity: Severity.Warning,
        Rationale: "DeploymentPreference Type AllAtOnce goes through CodeDeploy but moves all traffic in one step: alarms can only roll back " +
                   "after every caller has already met the new version.",
        Remediation: "Use a Canary (Canary10Percent5Minutes...) or Linear (Linear10PercentEvery1Minute...) type, with rollback alarms.",
        Snippet: """
            DeploymentPreference:
              Type: Canary10Percent5Minutes
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
                "Set deploymentSettings.type (serverless-plugin-canary-deployments) to a Canary or Linear type, with rollback alarms.",
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
            if (Deployments.Active(function) is { } deployment && Deployments.IsAllAtOnce(deployment))
            {
                yield return this.Finding(function,
                    $"{function.Say("DeploymentPreference Type", "DeploymentPreference Type", "deploymentSettings type")} of {function.LogicalId} {deployment.Type.Is()}: all traffic moves to a new version in one step.",
                    deployment.Type.Span);
            }
        }
    }
}
