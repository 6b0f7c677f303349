using FitCheck.Model;
using FitCheck.Templates.Dialects;
using FitCheck.Templates.Dialects.Terraform.Hcl;
using FitCheck.Templates.Dialects.Terraform.Plan;
using FitCheck.Templates.Scanning;

namespace FitCheck.Tests.Terraform;

/// <summary>
/// <c>terraform show -json</c> plans: the fixture is the plan of <c>Fixtures/terraform/plan/main.tf</c> (an SQS queue
/// with a dead-letter queue, a Lambda consumer with its role and policy, a local module's SNS topic), written by hand in
/// Terraform's documented JSON format (format_version 1.2). Beside its .tf files findings point at them; alone, at the plan.
/// </summary>
public sealed class TerraformPlanTests
{
    private static readonly string Folder = Path.Combine(RepoPaths.Fixtures, "terraform", "plan");

    private static string PlanPath => Path.Combine(Folder, "plan.json");

    /// <summary>The plan copied into a folder of its own (no .tf beside it), removed after the action.</summary>
    private static T Alone<T>(Func<string, T> action)
    {
        var folder = Directory.CreateTempSubdirectory("fitcheck-plan");
        try
        {
            var copy = Path.Combine(folder.FullName, "plan.json");
            File.Copy(PlanPath, copy);
            return action(copy);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_plan_beside_its_configuration_is_one_terraform_unit_whose_findings_point_at_the_tf_lines()
    {
        var scan = Scanner.Scan([Folder]);

        var architecture = Assert.Single(scan.Architectures); // the plan and its .tf folder are one unit, not two
        Assert.Equal(DialectIds.Terraform, architecture.Template.Dialect);
        Assert.Equal("plan.json", architecture.Template.Path);
        var function = Assert.IsType<Function>(architecture.Components.Single(c => c.LogicalId == "aws_lambda_function.worker"));
        Assert.Equal(900, function.TimeoutSeconds.Value);
        Assert.Equal(("main.tf", 57), (function.TimeoutSeconds.Span.File, function.TimeoutSeconds.Span.Line));
        Assert.Equal(("main.tf", 51), (function.Span.File, function.Span.Line));
        Assert.Contains(architecture.Components, c => c.LogicalId == "module.alerts.aws_sns_topic.this" && c.Span.File == "modules/alerts/main.tf");
        Assert.Contains(architecture.Flows, f => f.From.LogicalId == "aws_sqs_queue.orders" && f.To == function && f.Kind == FlowKind.Triggers);
        // The redrive policy is read from the jsonencode in main.tf: the dead-letter queue and its receive count.
        var queue = Assert.IsType<Queue>(architecture.Components.Single(c => c.LogicalId == "aws_sqs_queue.orders"));
        Assert.Equal("aws_sqs_queue.dlq", queue.Redrive?.DeadLetterTarget.Target?.LogicalId);
        Assert.Equal(5, queue.Redrive?.MaxReceiveCount.Value);
        Assert.DoesNotContain(scan.Diagnostics, d => d.Level == DiagnosticLevel.Error);
    }

    [Fact]
    public void Planned_values_resolve_what_the_configuration_leaves_to_variables_and_references_become_edges()
    {
        var project = Alone(plan => TerraformPlanReader.Load(plan, Path.GetDirectoryName(plan)!));

        Assert.Equal("plan.json", project.Directory);
        Assert.Equal(
            ["aws_iam_role.worker", "aws_iam_role_policy.worker", "aws_lambda_event_source_mapping.orders", "aws_lambda_function.worker", "aws_sqs_queue.dlq", "aws_sqs_queue.orders", "module.alerts.aws_sns_topic.this", "data.aws_iam_policy_document.assume"],
            project.Resources.Select(r => r.Address));
        var function = project.Find("aws_lambda_function.worker")!;
        Assert.Equal("orders-prod-worker", Assert.IsType<HclString>(function["function_name"]).Value); // local.name from var.stage, resolved by the plan
        Assert.Null(function["reserved_concurrent_executions"]); // the provider's -1: not reserved
        Assert.Null(function["vpc_config"]); // empty blocks are unset
        Assert.Null(function["arn"]); // computed by the provider, not configured
        var role = Assert.IsType<HclUnknown>(function["role"]);
        Assert.Equal(("aws_iam_role.worker", "arn"), (Assert.Single(role.References).Address, role.References[0].Attribute));
        // module.alerts.topic_arn is followed through the module's output to the topic.
        var topic = Assert.IsType<HclUnknown>(Assert.IsType<HclMap>(Assert.IsType<HclMap>(Assert.IsType<HclList>(function["environment"]).Items[0])["variables"])["ALERTS_TOPIC"]);
        Assert.Equal("module.alerts.aws_sns_topic.this", Assert.Single(topic.References).Address);
        var mapping = project.Find("aws_lambda_event_source_mapping.orders")!;
        Assert.Contains(mapping.References, r => r.Address == "aws_sqs_queue.orders" && r.Attribute == "arn");
        Assert.Equal(10, Assert.IsType<HclNumber>(mapping["batch_size"]).Value);
        Assert.Equal(("plan.json", 109), (function["timeout"]!.Span!.File, function["timeout"]!.Span!.Line));
    }

    [Fact]
    public void A_plan_alone_is_assessed_at_its_own_lines_and_what_is_known_only_after_apply_keeps_rules_silent()
    {
        var (code, stdout) = Alone(plan =>
        {
            var run = FitCheck.Tests.Cli.CliRunner.Run("assess", plan, "--fail-on", "never");
            return (run.Code, run.Stdout);
        });

        Assert.Equal(0, code);
        Assert.Contains("plan.json:109:24: note FC7001 [aws_lambda_function.worker]", stdout, StringComparison.Ordinal);
        // The redrive policy is known only after apply (the DLQ's ARN): it names the DLQ, so no 'no redrive policy' finding,
        // and its receive count stays unknown rather than a guessed one.
        Assert.DoesNotContain("FC1005", stdout, StringComparison.Ordinal);
        Assert.Contains("FC1010", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("maxReceiveCount", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_terraform_json_output_is_a_plan_and_a_bad_one_is_a_diagnostic_with_its_line()
    {
        var folder = Directory.CreateTempSubdirectory("fitcheck-plan-bad");
        try
        {
            File.WriteAllText(Path.Combine(folder.FullName, "future.json"), """{"format_version": "2.0", "terraform_version": "2.1.0", "planned_values": {}}""");
            File.WriteAllText(Path.Combine(folder.FullName, "broken.json"), "{\"format_version\": \"1.2\", \"terraform_version\": \"1.9.8\",\n  \"planned_values\": {\n");
            File.WriteAllText(Path.Combine(folder.FullName, "package.json"), """{"name": "x", "version": "1.0.0"}""");
            Assert.True(TerraformPlanReader.LooksLikePlan(Path.Combine(folder.FullName, "future.json")));
            Assert.False(TerraformPlanReader.LooksLikePlan(Path.Combine(folder.FullName, "package.json")));
            Assert.False(TerraformPlanReader.LooksLikePlan(Path.Combine(RepoPaths.Fixtures, "terraform", "variables", "env", "tags.tfvars.json")));

            var scan = Scanner.Scan([folder.FullName]);

            Assert.Contains(scan.Diagnostics, d => d.Location.File == "future.json" && d.Level == DiagnosticLevel.Error && d.Message.Contains("format_version is '2.0'", StringComparison.Ordinal));
            Assert.Contains(scan.Diagnostics, d => d.Location.File == "broken.json" && d.Code == DiagnosticCodes.Syntax && d.Location.Line == 2);
            Assert.True(scan.HasInputErrors);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
