using FitCheck.Assessing;
using FitCheck.Model;
using FitCheck.Rules;
using FitCheck.Templates.Scanning;

namespace FitCheck.Tests.Terraform;

/// <summary>An <c>aws_api_gateway_integration</c> becomes the Integration of the <c>aws_api_gateway_method</c> it belongs to
/// (same rest_api_id, resource_id and http_method): a Terraform REST API's routes reach their functions, queues and tables
/// as a CloudFormation Method's do, and the rules that follow them speak at the .tf lines.</summary>
public sealed class TerraformRestIntegrationTests
{
    private static readonly string Fixtures = Path.Combine(AppContext.BaseDirectory, "Fixtures", "terraform", "rest-api");

    private static (Architecture Architecture, Assessment Assessment) Assess(string folder)
    {
        var scan = Scanner.Scan([Path.Combine(Fixtures, folder)]);
        Assert.DoesNotContain(scan.Diagnostics, d => d.Level == DiagnosticLevel.Error);
        return (Assert.Single(scan.Architectures), Assessor.Assess(scan.Architectures, scan.Diagnostics, new AssessmentOptions()));
    }

    private static List<(string Method, string Path, string? Target, string? Type)> Routes(Architecture architecture) =>
        [.. architecture.OfType<Api>().SelectMany(a => a.Routes).Select(r => (r.Method, r.Path, r.Target?.LogicalId, r.IntegrationType)).Order()];

    [Fact]
    public void LambdaProxyIntegrations_GiveTheRoutesTheirFunctions_AndAMethodWithoutIntegrationStaysWithoutTarget()
    {
        var (architecture, _) = Assess("proxy");

        Assert.Equal(
        [
            ("DELETE", "/orders", null, null),
            ("GET", "/", "aws_lambda_function.report", "aws_proxy"),
            ("POST", "/orders", "aws_lambda_function.create", "aws_proxy"),
            ("PUT", "/orders", "aws_lambda_function.create", "aws"),
        ], Routes(architecture));
        // One flow per API and function (the first route's method line), as for a CloudFormation Method.
        var flows = architecture.Flows.Where(f => f.From is Api)
            .Select(f => (f.From.LogicalId, To: f.To.LogicalId, f.Kind, f.Span.Line)).Order().ToList();
        Assert.Equal(
        [
            ("aws_api_gateway_rest_api.orders", "aws_lambda_function.create", FlowKind.Invokes, 39),
            ("aws_api_gateway_rest_api.orders", "aws_lambda_function.report", FlowKind.Invokes, 56),
        ], flows);

        // The integration's own settings keep the integration's lines; the 'Event' header is read by its name as written.
        var routes = architecture.OfType<Api>().Single().Routes;
        var report = routes.Single(r => r.Method == "GET");
        Assert.Equal((5000, 71), (report.IntegrationTimeoutMs!.Value, report.IntegrationTimeoutMs.Span.Line));
        Assert.True(routes.Single(r => r.Method == "PUT").InvokesAsynchronously);
        Assert.False(routes.Single(r => r.Method == "POST").InvokesAsynchronously);
    }

    [Fact]
    public void FunctionsThatOutliveTheIntegrationTimeout_AreReportedAtTheirTimeoutLine()
    {
        var (_, assessment) = Assess("proxy");

        var findings = assessment.Active.Where(f => f.Rule.Id == "FC4002")
            .Select(f => (f.Resource.LogicalId, f.Location.Line, Related: f.Related.Single().Location.Line)).Order().ToList();
        // create: 60 s against REST's 29 s default (the asynchronous PUT does not wait for it); report: 10 s against the
        // integration's 5000 ms. Each finding is on the function's timeout line, the route on the method's.
        Assert.Equal(
        [
            ("aws_lambda_function.create", 17, 39),
            ("aws_lambda_function.report", 26, 56),
        ], findings);
        Assert.Contains("POST /orders", assessment.Active.Single(f => f.Resource.LogicalId == "aws_lambda_function.create" && f.Rule.Id == "FC4002").Message, StringComparison.Ordinal);
        Assert.Contains("5000 ms", assessment.Active.Single(f => f.Resource.LogicalId == "aws_lambda_function.report" && f.Rule.Id == "FC4002").Message, StringComparison.Ordinal);

        // The POST that reaches a function without a request validator is now seen.
        var validation = Assert.Single(assessment.Active, f => f.Rule.Id == "FC2010");
        Assert.Contains("(POST /orders, PUT /orders)", validation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AwsIntegrations_ToSqsDynamoDbAndStepFunctions_AreDirectServiceIntegrations()
    {
        // The queue and the state machine are named by their known names in strings that stay partly unknown (the
        // region of data.aws_region): they are still found by those names.
        var (architecture, _) = Assess("service");

        Assert.Equal(
        [
            ("POST", "/", "aws_sfn_state_machine.fulfil", "aws"),
            ("POST", "/queue", "aws_sqs_queue.orders", "aws"),
            ("PUT", "/table", "aws_dynamodb_table.orders", "aws"),
        ], Routes(architecture));
        var flows = architecture.Flows.Where(f => f.From is Api)
            .Select(f => (To: f.To.LogicalId, f.Kind, f.Span.Line)).Order().ToList();
        Assert.Equal(
        [
            ("aws_dynamodb_table.orders", FlowKind.Writes, 74),
            ("aws_sfn_state_machine.fulfil", FlowKind.Triggers, 109),
            ("aws_sqs_queue.orders", FlowKind.Publishes, 50),
        ], flows);
        Assert.DoesNotContain(architecture.OfType<Function>(), _ => true);
    }

    [Fact]
    public void CountedMethods_AreMatchedInstanceByInstance_AndUnknownInstancesAreNotGuessed()
    {
        var (architecture, assessment) = Assess("instances");

        var routes = Routes(architecture);
        Assert.Contains(("POST", "/item0", "aws_lambda_function.handler[0]", "aws_proxy"), routes);
        Assert.Contains(("POST", "/item1", "aws_lambda_function.handler[1]", "aws_proxy"), routes);
        // The for_each over a variable without a value: the GET method is there, with no integration folded into it.
        var dynamic = Assert.Single(routes, r => r.Method == "GET");
        Assert.Null(dynamic.Target);
        Assert.Null(dynamic.Type);
        // Two integrations claim the PATCH method: neither is chosen.
        var twice = Assert.Single(routes, r => r.Method == "PATCH");
        Assert.Null(twice.Target);
        Assert.Null(twice.Type);
        // The 5 s functions finish within REST's 29 s: no FC4002.
        Assert.DoesNotContain(assessment.Active, f => f.Rule.Id == "FC4002");
    }
}
