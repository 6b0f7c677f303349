using FitCheck.Model;
using FitCheck.Templates.Scanning;

namespace FitCheck.Tests.Terraform;

/// <summary>terraform-aws-modules eventbridge, step-functions and apigateway-v2 without <c>terraform init</c>: the
/// resources each creates from its documented inputs and defaults, wired to the configuration's own resources.</summary>
public sealed class TerraformRegistryIntegrationTests
{
    private static readonly Lazy<Architecture> Model = new(() =>
        Assert.Single(Scanner.Scan([Path.Combine(RepoPaths.Fixtures, "terraform", "registry-integration")]).Architectures));

    private static Architecture Architecture => Model.Value;

    private static T Component<T>(string id) where T : Component =>
        Assert.IsType<T>(Architecture.Components.SingleOrDefault(c => c.LogicalId == id) ?? throw new Xunit.Sdk.XunitException($"no {id}; have {string.Join(", ", Architecture.Components.Select(c => c.LogicalId))}"));

    private static bool HasFlow(string from, string to, FlowKind kind) =>
        Architecture.Flows.Any(f => f.From.LogicalId == from && f.To.LogicalId == to && f.Kind == kind);

    [Fact]
    public void Eventbridge_rules_targets_and_schedules_deliver_where_their_inputs_say()
    {
        Component<EventRule>("module.bus.aws_cloudwatch_event_rule.this[\"placed\"]");
        Assert.True(HasFlow("module.bus.aws_cloudwatch_event_bus.this[0]", "module.bus.aws_cloudwatch_event_rule.this[\"placed\"]", FlowKind.Routes));
        Assert.True(HasFlow("module.bus.aws_cloudwatch_event_rule.this[\"placed\"]", "aws_lambda_function.worker", FlowKind.Triggers));
        Assert.True(HasFlow("module.bus.aws_cloudwatch_event_rule.this[\"placed\"]", "aws_sqs_queue.jobs", FlowKind.Publishes));
        Assert.True(HasFlow("module.bus.aws_cloudwatch_event_rule.this[\"placed\"]", "aws_sqs_queue.failed", FlowKind.DeadLetter)); // the target's dead_letter_arn
        Assert.True(HasFlow("module.bus.aws_scheduler_schedule.this[\"nightly\"]", "aws_lambda_function.worker", FlowKind.Triggers));

        // The module's role trusts events and scheduler (schedules are given) and holds the attach_* target policies.
        var role = Component<Role>("module.bus.aws_iam_role.eventbridge[0]");
        var actions = Architecture.GrantsOf(role).SelectMany(g => g.Actions).ToList();
        Assert.Contains("lambda:InvokeFunction", actions);
        Assert.Contains("sqs:SendMessage*", actions);
    }

    [Fact]
    public void A_step_functions_state_machine_gets_its_logging_tracing_and_integration_policies()
    {
        var machine = Component<StateMachine>("module.workflow.aws_sfn_state_machine.this[0]");

        Assert.True(machine.TracingEnabled.Value); // service_integrations.xray.xray = true
        Assert.Equal("ALL", machine.LoggingLevel.Value);
        Assert.True(HasFlow(machine.LogicalId, "aws_lambda_function.worker", FlowKind.Invokes));
        Assert.Equal(14, Component<LogGroup>("module.workflow.aws_cloudwatch_log_group.sfn[0]").RetentionDays.Value);
        var role = Component<Role>("module.workflow.aws_iam_role.this[0]");
        Assert.Contains(Architecture.GrantsOf(role), g => g.Actions.Contains("lambda:InvokeFunction"));
    }

    [Fact]
    public void An_http_api_gets_its_routes_authorizer_and_the_modules_default_access_logs()
    {
        var api = Component<Api>("module.api.aws_apigatewayv2_api.this[0]");

        Assert.True(HasFlow(api.LogicalId, "aws_lambda_function.worker", FlowKind.Invokes));
        Assert.Contains(Architecture.Components, c => c.LogicalId == "module.api.aws_apigatewayv2_route.this[\"POST /orders\"]");
        Assert.Contains(Architecture.Components, c => c.LogicalId == "module.api.aws_apigatewayv2_authorizer.this[\"cognito\"]");
        // stage_access_log_settings defaults to {}: access logs into a log group the module creates, kept 30 days.
        Assert.Equal("module.api.aws_cloudwatch_log_group.this[\"this\"]", api.AccessLog?.Destination?.Target?.LogicalId);
        Assert.Equal(30, Component<LogGroup>("module.api.aws_cloudwatch_log_group.this[\"this\"]").RetentionDays.Value);
    }

    [Fact]
    public void The_findings_are_those_of_the_design_not_of_the_modelling()
    {
        var run = FitCheck.Tests.Cli.CliRunner.Run("assess", Path.Combine(RepoPaths.Fixtures, "terraform", "registry-integration"), "--fail-on", "never");

        // True of the configuration: the module creates no Lambda permission, the target DLQ has no queue policy.
        Assert.Contains("FC1017", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("FC1016", run.Stdout, StringComparison.Ordinal);
        // Set by the modules' inputs and defaults, so not reported: tracing and logging of the state machine, the API's
        // access logs and its throttling (stage_default_route_settings defaults to 500/1000).
        foreach (var id in new[] { "FC3004", "FC3005", "FC3009", "FC5010" })
        {
            Assert.DoesNotContain(id, run.Stdout, StringComparison.Ordinal);
        }
    }
}
