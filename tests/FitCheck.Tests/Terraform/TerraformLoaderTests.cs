using FitCheck.Model;
using FitCheck.Templates.Dialects.Terraform;
using FitCheck.Templates.Dialects.Terraform.Evaluation;
using FitCheck.Templates.Dialects.Terraform.Hcl;

namespace FitCheck.Tests.Terraform;

/// <summary>The orders fixture: a root module with tfvars, locals, count, for_each, dynamic blocks, policy documents, a templatefile, a local and a registry module.</summary>
public sealed class TerraformLoaderTests
{
    private static readonly string Folder = Path.Combine(RepoPaths.Fixtures, "terraform", "orders");

    private static readonly Lazy<TerraformProject> Orders = new(() => TerraformLoader.Load(Folder, new TerraformLoadOptions(Folder)));

    private static TerraformProject Project => Orders.Value;

    private static TerraformResource Resource(string address) =>
        Project.Find(address) ?? throw new Xunit.Sdk.XunitException($"no {address}; have: {string.Join(", ", Project.Resources.Select(r => r.Address))}");

    private static HclValue Value(string address, string attribute) =>
        Resource(address)[attribute] ?? throw new Xunit.Sdk.XunitException($"{address} has no {attribute}");

    [Fact]
    public void Auto_tfvars_win_over_terraform_tfvars_which_win_over_defaults()
    {
        Assert.Equal("prod", Assert.IsType<HclString>(Project.Variables["stage"]).Value);
        Assert.Equal(512, Assert.IsType<HclNumber>(Project.Variables["memory"]).Value);
        Assert.Equal("eu-west-1", Assert.IsType<HclString>(Project.Variables["region"]).Value);
        var email = Assert.IsType<HclUnknown>(Project.Variables["alarm_email"]);
        Assert.Equal("var.alarm_email", Assert.Single(email.References).Address);
    }

    [Fact]
    public void Files_read_include_tfvars_and_the_local_module()
    {
        Assert.Contains("main.tf", Project.Files);
        Assert.Contains("terraform.tfvars", Project.Files);
        Assert.Contains("prod.auto.tfvars", Project.Files);
        Assert.Contains("modules/api/main.tf", Project.Files);
        Assert.DoesNotContain(Project.Diagnostics, d => d.Level == DiagnosticLevel.Error);
    }

    [Fact]
    public void Locals_and_templates_evaluate()
    {
        Assert.Equal("orders-prod-queue", Assert.IsType<HclString>(Value("aws_sqs_queue.orders", "name")).Value);
        var tags = Assert.IsType<HclMap>(Value("aws_sqs_queue.orders", "tags"));
        Assert.Equal(["Project", "Queue", "Stage"], tags.Entries.Keys);
        Assert.Equal("prod", Assert.IsType<HclString>(tags["Stage"]).Value);

        // var.memory = 512 > 256.
        Assert.Equal(180, Assert.IsType<HclNumber>(Value("aws_sqs_queue.orders", "visibility_timeout_seconds")).Value);
    }

    [Fact]
    public void For_each_and_count_make_addressed_instances()
    {
        var billing = Resource("aws_lambda_function.consumer[\"billing\"]");
        Assert.Equal("aws_lambda_function.consumer", billing.BlockAddress);
        Assert.Equal(30, Assert.IsType<HclNumber>(billing["timeout"]).Value);
        Assert.Equal("orders-prod-billing", Assert.IsType<HclString>(billing["function_name"]).Value);
        Assert.Equal(60, Assert.IsType<HclNumber>(Value("aws_lambda_function.consumer[\"shipping\"]", "timeout")).Value);

        Assert.Equal(10, Assert.IsType<HclNumber>(Value("aws_lambda_event_source_mapping.orders[0]", "batch_size")).Value);
        Assert.Equal(5, Assert.IsType<HclNumber>(Value("aws_lambda_event_source_mapping.orders[1]", "batch_size")).Value);
        Assert.Null(Project.Find("aws_lambda_event_source_mapping.orders[2]"));
    }

    [Fact]
    public void Count_over_an_unknown_value_is_one_instance_marked_unknown()
    {
        var subscription = Resource("aws_sns_topic_subscription.email");
        Assert.True(subscription.ExpansionUnknown);
        Assert.Contains(subscription.References, r => r.Address == "var.alarm_email");
    }

    [Fact]
    public void Attributes_known_after_apply_are_unknown_and_keep_their_reference()
    {
        var mapping = Resource("aws_lambda_event_source_mapping.orders[0]");
        var source = Assert.IsType<HclUnknown>(mapping["event_source_arn"]);
        var reference = Assert.Single(source.References);
        Assert.Equal("aws_sqs_queue.orders", reference.Address);
        Assert.Equal("arn", reference.Attribute);
        Assert.Equal(122, reference.Span.Line);
        Assert.Equal(29, reference.Span.Column);

        var function = Assert.IsType<HclUnknown>(mapping["function_name"]);
        Assert.Equal("aws_lambda_function.consumer[\"billing\"]", Assert.Single(function.References).Address);
    }

    [Fact]
    public void Configured_attributes_of_another_resource_are_known_and_still_referenced()
    {
        var permission = Resource("module.api.aws_lambda_permission.api");
        var name = Assert.IsType<HclString>(permission["function_name"]);
        Assert.Equal("orders-prod-shipping", name.Value);
        Assert.Contains(permission.References, r => r.Address == "aws_lambda_function.consumer[\"shipping\"]" && r.Attribute == "function_name");
    }

    [Fact]
    public void Jsonencode_keeps_the_structure_of_a_partly_unknown_value()
    {
        var redrive = Assert.IsType<HclUnknown>(Value("aws_sqs_queue.orders", "redrive_policy"));
        var structure = Assert.IsType<HclMap>(redrive.Structure);
        Assert.Equal(3, Assert.IsType<HclNumber>(structure["maxReceiveCount"]).Value);
        var target = Assert.IsType<HclUnknown>(structure["deadLetterTargetArn"]);
        Assert.Equal("aws_sqs_queue.dlq", Assert.Single(target.References).Address);
    }

    [Fact]
    public void Nested_and_dynamic_blocks_are_lists_of_maps()
    {
        var function = Resource("aws_lambda_function.consumer[\"billing\"]");
        var environment = Assert.IsType<HclMap>(Assert.Single(Assert.IsType<HclList>(function["environment"]).Items));
        var variables = Assert.IsType<HclMap>(environment["variables"]);
        Assert.Equal("aws_sqs_queue.orders", Assert.Single(Assert.IsType<HclUnknown>(variables["QUEUE_URL"]).References).Address);
        Assert.Equal("data.aws_caller_identity.current", Assert.Single(Assert.IsType<HclUnknown>(variables["ACCOUNT"]).References).Address);

        var tracing = Assert.IsType<HclMap>(Assert.Single(Assert.IsType<HclList>(function["tracing_config"]).Items));
        Assert.Equal("Active", Assert.IsType<HclString>(tracing["mode"]).Value);
    }

    [Fact]
    public void Policy_documents_render_their_statements()
    {
        var assume = Assert.IsType<HclString>(Value("aws_iam_role.consumer", "assume_role_policy"));
        Assert.Contains("\"Service\":[\"lambda.amazonaws.com\"]", assume.Value, StringComparison.Ordinal);
        Assert.Contains("\"Action\":[\"sts:AssumeRole\"]", assume.Value, StringComparison.Ordinal);

        var consume = Value("aws_iam_role_policy.consume", "policy");
        var policy = Assert.IsType<HclMap>(HclJson.Structure(consume));
        var statement = Assert.IsType<HclMap>(Assert.Single(Assert.IsType<HclList>(policy["Statement"]).Items));
        Assert.Equal("Allow", Assert.IsType<HclString>(statement["Effect"]).Value);
        Assert.Equal(3, Assert.IsType<HclList>(statement["Action"]).Items.Count);
        var resource = Assert.IsType<HclUnknown>(Assert.Single(Assert.IsType<HclList>(statement["Resource"]).Items));
        Assert.Equal("aws_sqs_queue.orders", Assert.Single(resource.References).Address);
        Assert.Equal(63, statement.Span!.Line);
    }

    [Fact]
    public void Templatefile_reads_the_definition_inside_the_root_and_keeps_unknown_arns_as_references()
    {
        var definition = Value("aws_sfn_state_machine.flow", "definition");
        var structure = Assert.IsType<HclMap>(HclJson.Structure(definition));
        var bill = Assert.IsType<HclMap>(Assert.IsType<HclMap>(structure["States"])["Bill"]);
        var arn = Assert.IsType<HclUnknown>(bill["Resource"]);
        Assert.Equal("aws_lambda_function.consumer[\"billing\"]", Assert.Single(arn.References).Address);
        var retry = Assert.IsType<HclMap>(Assert.Single(Assert.IsType<HclList>(bill["Retry"]).Items));
        Assert.Equal(2, Assert.IsType<HclNumber>(retry["MaxAttempts"]).Value);
    }

    [Fact]
    public void A_local_module_is_read_with_its_inputs_bound_and_addresses_prefixed()
    {
        var api = Resource("module.api.aws_apigatewayv2_api.this");
        Assert.Equal("module.api", api.Module);
        Assert.Equal("orders-prod-api", Assert.IsType<HclString>(api["name"]).Value);
        Assert.Equal("modules/api/main.tf", api.Span.File);

        var stage = Resource("module.api.aws_apigatewayv2_stage.default");
        var settings = Assert.IsType<HclMap>(Assert.Single(Assert.IsType<HclList>(stage["default_route_settings"]).Items));
        Assert.Equal(200, Assert.IsType<HclNumber>(settings["throttling_burst_limit"]).Value);

        var integration = Resource("module.api.aws_apigatewayv2_integration.lambda");
        Assert.Contains(integration.References, r => r.Address == "aws_lambda_function.consumer[\"shipping\"]" && r.Attribute == "invoke_arn");
        Assert.Contains(integration.References, r => r.Address == "module.api.aws_apigatewayv2_api.this" && r.Attribute == "id");
    }

    [Fact]
    public void A_registry_module_without_terraform_init_is_a_call_with_a_note()
    {
        var call = Assert.Single(Project.ModuleCalls, c => c.Name == "lambda");
        Assert.Equal(ModuleSourceKind.Remote, call.Kind);
        Assert.Equal("terraform-aws-modules/lambda/aws", call.Source);
        Assert.Equal("~> 7.0", call.Version);
        Assert.Contains("modelled from the documented inputs of terraform-aws-modules/lambda/aws", call.Note, StringComparison.Ordinal);
        Assert.Equal("orders-prod-registry", Assert.IsType<HclString>(call.Inputs["function_name"]).Value);

        var local = Assert.Single(Project.ModuleCalls, c => c.Name == "api");
        Assert.Equal(ModuleSourceKind.Local, local.Kind);
    }

    [Fact]
    public void The_registry_lambda_module_is_modelled_by_its_inputs_with_the_module_defaults()
    {
        var function = Resource("module.lambda.aws_lambda_function.this[0]");
        Assert.Equal("orders-prod-registry", Assert.IsType<HclString>(function["function_name"]).Value);
        Assert.Equal("python3.12", Assert.IsType<HclString>(function["runtime"]).Value);
        Assert.Equal("main.tf", function.Span.File);
        Assert.Equal(function.Block.Span.Line, function.Span.Line);
        var role = Assert.IsType<HclUnknown>(function["role"]);
        Assert.Equal("module.lambda.aws_iam_role.lambda[0]", Assert.Single(role.References).Address);

        Assert.NotNull(Project.Find("module.lambda.aws_iam_role.lambda[0]"));
        Assert.NotNull(Project.Find("module.lambda.aws_cloudwatch_log_group.lambda[0]"));
        var logs = Assert.IsType<HclMap>(HclJson.Structure(Value("module.lambda.aws_iam_policy.logs[0]", "policy")));
        Assert.Single(Assert.IsType<HclList>(logs["Statement"]).Items);
    }
}
