using FitCheck.Model;

namespace FitCheck.Rules.Delivery;

/// <summary>Functions that serve requests are deployed through an alias with a canary or linear traffic shift.</summary>
public sealed class RequestServingFunctionsDeployGradually : IFoldedRule
{
    public RuleInfo Info { get; } = new(
        Id: "FC6001",
        Slug: "request-serving-functions-deploy-gradually",
        Title: "Functions that serve requests are deployed gradually",
        Section: Section.Delivery,
        Severity: Severity.Note,
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
        Pillar: "reliability")
    {
        OncePerTemplate = true,
        Fixes = new Dictionary<string, RuleFix>(StringComparer.Ordinal)
        {
            [FixWords.Terraform] = new(
                "Publish versions (publish = true), point an aws_lambda_alias at the current one, and shift traffic with an aws_codedeploy_deployment_group (compute platform Lambda) using a Canary or Linear deployment config and rollback alarms.",
                """
                resource "aws_lambda_alias" "live" {
                  name             = "live"
                  function_name    = aws_lambda_function.orders_api.function_name
                  function_version = aws_lambda_function.orders_api.version
                }

                resource "aws_codedeploy_deployment_group" "orders_api" {
                  app_name               = aws_codedeploy_app.orders.name # compute_platform = "Lambda"
                  deployment_group_name  = "orders-api"
                  service_role_arn       = aws_iam_role.codedeploy.arn
                  deployment_config_name = "CodeDeployDefault.LambdaCanary10Percent5Minutes"

                  deployment_style {
                    deployment_option = "WITH_TRAFFIC_CONTROL"
                    deployment_type   = "BLUE_GREEN"
                  }

                  alarm_configuration {
                    alarms  = [aws_cloudwatch_metric_alarm.orders_api_errors.alarm_name]
                    enabled = true
                  }
                }
                """),
            [FixWords.Serverless] = new(
                "The framework deploys all at once; shift traffic gradually with the serverless-plugin-canary-deployments plugin: deploymentSettings with a Canary or Linear type, an alias and rollback alarms.",
                """
                plugins:
                  - serverless-plugin-canary-deployments
                functions:
                  ordersApi:
                    handler: orders.handler
                    deploymentSettings:
                      type: Canary10Percent5Minutes
                      alias: Live
                      alarms:
                        - OrdersApiErrorsAlarm
                """),
        },
    };

    public string Summary(IReadOnlyList<Finding> findings) =>
        $"{findings.Count} functions serve requests with no gradual deployment ({RuleExtensions.NameList(findings.Select(f => f.Resource.LogicalId))}): " +
        "every deployment moves all traffic to the new code at once; " + findings[0].Resource.Say(
            "give each AutoPublishAlias and a Canary or Linear DeploymentPreference.",
            "publish versions behind an aws_lambda_alias and shift traffic with an aws_codedeploy_deployment_group.",
            "give each deploymentSettings with a Canary or Linear type (serverless-plugin-canary-deployments).");

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

                yield return this.Finding(function, function.IsServerlessShorthand()
                    ? $"{function.LogicalId} serves requests from {via} but is deployed all at once (no deploymentSettings): every deployment replaces the code for all traffic at once."
                    : sam
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
