using FitCheck.Model;
using FitCheck.Templates.Dialects;
using FitCheck.Templates.Dialects.Terraform;
using FitCheck.Templates.Dialects.Terraform.Hcl;

namespace FitCheck.Tests.Terraform;

/// <summary>Input variables from every source, in Terraform's precedence: defaults &lt; terraform.tfvars &lt; *.auto.tfvars
/// (lexical order) &lt; -var and -var-file in command-line order.</summary>
public sealed class TerraformVariablesTests
{
    private static readonly string Folder = Path.Combine(RepoPaths.Fixtures, "terraform", "variables");

    private static string Env(string name) => Path.Combine(Folder, "env", name);

    private static TerraformProject Load(params VariableArgument[] commandLine) =>
        TerraformLoader.Load(Folder, new TerraformLoadOptions(Folder, commandLine));

    private static HclValue Variable(TerraformProject project, string name) => project.Variables[name];

    [Fact]
    public void Without_a_command_line_the_auto_tfvars_win_in_lexical_order()
    {
        var project = Load();

        Assert.Equal("test", Assert.IsType<HclString>(Variable(project, "stage")).Value); // terraform.tfvars over the default
        Assert.Equal(512, Assert.IsType<HclNumber>(Variable(project, "memory")).Value); // a.auto.tfvars over terraform.tfvars
        Assert.Equal(20, Assert.IsType<HclNumber>(Variable(project, "timeout")).Value); // b.auto.tfvars over a.auto.tfvars
        Assert.Equal(["a.auto.tfvars", "b.auto.tfvars", "terraform.tfvars"], project.Files.Where(f => f.EndsWith(".tfvars", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(project.Diagnostics, d => d.Level != DiagnosticLevel.Info);
    }

    [Fact]
    public void A_var_file_wins_over_the_folder_and_a_later_var_wins_over_it()
    {
        var project = Load(VariableArgument.VarFile(Env("prod.tfvars")), VariableArgument.Pair("timeout", "60"));

        Assert.Equal("prod", Assert.IsType<HclString>(Variable(project, "stage")).Value);
        Assert.Equal(60, Assert.IsType<HclNumber>(Variable(project, "timeout")).Value);
        Assert.Contains("env/prod.tfvars", project.Files);
        var function = project.Find("aws_lambda_function.worker")!;
        Assert.Equal("worker-prod", Assert.IsType<HclString>(function["function_name"]).Value);
        Assert.Equal(60, Assert.IsType<HclNumber>(function["timeout"]).Value);
    }

    [Fact]
    public void A_later_var_file_wins_over_an_earlier_var()
    {
        var project = Load(VariableArgument.Pair("timeout", "60"), VariableArgument.VarFile(Env("prod.tfvars")));

        Assert.Equal(900, Assert.IsType<HclNumber>(Variable(project, "timeout")).Value);
    }

    [Fact]
    public void A_var_is_read_by_the_variable_s_type()
    {
        var project = Load(
            VariableArgument.Pair("memory", "1024"),
            VariableArgument.Pair("tracing", "true"),
            VariableArgument.Pair("stage", "[\"not\", \"parsed\"]"),
            VariableArgument.Pair("queues", "[\"orders\", \"refunds\"]"),
            VariableArgument.Pair("tags", "{ team = \"orders\" }"));

        Assert.Equal(1024, Assert.IsType<HclNumber>(Variable(project, "memory")).Value);
        Assert.True(Assert.IsType<HclBool>(Variable(project, "tracing")).Value);
        Assert.Equal("[\"not\", \"parsed\"]", Assert.IsType<HclString>(Variable(project, "stage")).Value); // a string variable takes the text as is
        Assert.NotNull(project.Find("aws_sqs_queue.work[\"refunds\"]"));
        Assert.Equal("orders", Assert.IsType<HclString>(Assert.IsType<HclMap>(Variable(project, "tags"))["team"]).Value);
        var tracing = Assert.IsType<HclList>(project.Find("aws_lambda_function.worker")!["tracing_config"]);
        Assert.Equal("Active", Assert.IsType<HclString>(Assert.IsType<HclMap>(Assert.Single(tracing.Items))["mode"]).Value);
    }

    [Fact]
    public void A_json_var_file_is_read_and_a_malformed_or_undeclared_var_is_a_diagnostic()
    {
        var project = Load(
            VariableArgument.VarFile(Env("tags.tfvars.json")),
            VariableArgument.Pair("queues", "[\"unclosed\""),
            VariableArgument.Pair("PAYMENT_API_KEY", "meant-for-a-serverless-yml"));

        Assert.Equal("orders", Assert.IsType<HclString>(Assert.IsType<HclMap>(Variable(project, "tags"))["team"]).Value);
        Assert.IsType<HclUnknown>(Variable(project, "queues")); // the later, malformed -var wins and is unknown
        Assert.Contains(project.Diagnostics, d => d.Message.StartsWith("-var queues:", StringComparison.Ordinal));
        var undeclared = Assert.Single(project.Diagnostics, d => d.Message.Contains("PAYMENT_API_KEY", StringComparison.Ordinal));
        Assert.Equal(DiagnosticLevel.Info, undeclared.Level);
    }

    [Fact]
    public void The_command_line_takes_var_file_and_var_in_the_order_given()
    {
        var prod = Env("prod.tfvars");
        var longTimeout = FitCheck.Tests.Cli.CliRunner.Run("assess", Folder, "--fail-on", "never", "-f", "json", "-var", "timeout=60", "-var-file", prod);
        var shortTimeout = FitCheck.Tests.Cli.CliRunner.Run("assess", Folder, "--fail-on", "never", "-f", "json", "--var-file", prod, "--var", "timeout=60");
        var missing = FitCheck.Tests.Cli.CliRunner.Run("assess", Folder, "--var-file", Env("missing.tfvars"));

        Assert.Equal(0, longTimeout.Code);
        Assert.Contains("\"FC7001\"", longTimeout.Stdout, StringComparison.Ordinal); // 900 s from the later -var-file
        Assert.Equal(0, shortTimeout.Code);
        Assert.DoesNotContain("\"FC7001\"", shortTimeout.Stdout, StringComparison.Ordinal);
        Assert.Equal(2, missing.Code);
        Assert.Contains("--var-file", missing.Stderr, StringComparison.Ordinal);
    }
}
