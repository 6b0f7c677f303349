using FitCheck.Model;

namespace FitCheck.Rules.Delivery;

/// <summary>Functions that serve requests are deployed through an alias with a canary or linear traffic shift.</summary>
public sealed class RequestServingFunctionsDeployGradually : IRule
{
    public RuleInfo Info { get; } = new(
        Id: "FC6001",
        Slug: "request-serving-functions-deploy-gradually",
        Title: "Functions that serve requests are deployed gradually",
        Section: Section.Delivery,
        Severity: Severity.Warning,
        Rationale: "Without an alias and a CodeDeploy traffic shift, a deployment sends every request to the new code at once: " +
                   "a bad release fails all callers until someone notices and redeploys.",
        Remediation: "Set AutoPublishAlias and a DeploymentPreference with a Canary or Linear type and rollback alarms.",
        Snippet: """
            OrdersApiFunction:
              Type: AWS::Serverless::Function
              Properties:
                AutoPublishAlias: live
                DeploymentPreference:
                  Type: Canary10Percent5Minutes
                  Alarms:
                    - !Ref OrdersApiFunctionErrors
            """,
        Equivalents: [],
        Pillar: "reliability");

    public IEnumerable<Finding> Evaluate(Architecture architecture)
    {
        // Lambda aliases and CodeDeploy deployment groups wired by hand are not modelled per function: functions not
        // declared with SAM's shorthand in such templates are left alone.
        var handWiredCodeDeploy = architecture.Components.Any(c =>
            c is { Kind: ComponentKind.Alias, Service: "lambda" } || c is { Kind: ComponentKind.Deployment, Service: "codedeploy" } && c.Type.EndsWith("DeploymentGroup", StringComparison.Ordinal));
        foreach (var function in architecture.OfType<Function>())
        {
            var sources = Deployments.RequestSources(function);
            if (sources.Count == 0 || !function.AutoPublishAlias.IsKnown)
            {
                continue;
            }

            var via = string.Join(", ", sources);
            if (function.AutoPublishAlias.Value is null)
            {
                var sam = function.IsSamShorthand;
                if (!sam && handWiredCodeDeploy)
                {
                    continue;
                }

                yield return this.Finding(function, sam
                    ? $"{function.LogicalId} serves requests from {via} but has no AutoPublishAlias: every deployment replaces the code for all traffic at once."
                    : $"{function.LogicalId} serves requests from {via} but is not deployed through an alias with CodeDeploy: every deployment replaces the code for all traffic at once.");
                continue;
            }

            var deployment = function.Deployment;
            if (deployment is null)
            {
                yield return this.Finding(function,
                    $"{function.LogicalId} serves requests from {via} and publishes alias {function.AutoPublishAlias.Value} but has no DeploymentPreference: traffic moves to each new version at once.",
                    function.AutoPublishAlias.Span);
            }
            else if (deployment.Enabled is { IsKnown: true, Value: false })
            {
                yield return this.Finding(function,
                    $"{function.LogicalId} serves requests from {via} but its DeploymentPreference is disabled (Enabled {deployment.Enabled.Is()}): traffic moves to each new version at once.",
                    deployment.Enabled.Span);
            }
        }
    }
}
