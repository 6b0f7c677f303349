using FitCheck.Model;
using FitCheck.Templates.Dialects.Serverless;
using static FitCheck.Tests.Serverless.ServerlessFixtures;

namespace FitCheck.Tests.Serverless;

public class ServerlessArchitectureTests
{
    private static Architecture Typed() => ServerlessArchitecture.Build(Read("typed"), Path.Combine(Folder, "typed"));

    [Fact]
    public void Build_WhenFunctions_AreFunctionComponentsNamedByTheirKey()
    {
        var architecture = Typed();

        Assert.Equal(["create-order", "process_order", "notify"], architecture.OfType<Function>().Select(f => f.LogicalId));
        var create = (Function)architecture.Find("create-order")!;
        Assert.Equal(42, create.Span.Line);
        Assert.Equal("shop-dev-create-order", create.PhysicalName);
    }

    [Fact]
    public void Build_WhenProviderSettings_FunctionsInheritThemAndTheirOwnWin()
    {
        var architecture = Typed();
        var create = (Function)architecture.Find("create-order")!;
        var process = (Function)architecture.Find("process_order")!;

        Assert.Equal(512, create.MemoryMb.Value);
        Assert.Equal(SettingOrigin.Explicit, create.MemoryMb.Origin);
        Assert.Equal(256, process.MemoryMb.Value);
        Assert.Equal(SettingOrigin.Globals, process.MemoryMb.Origin);
        Assert.Equal(12, process.MemoryMb.Span.Line); // provider.memorySize
        Assert.Equal(30, process.TimeoutSeconds.Value);
        Assert.Equal("arm64", process.Architecture.Value);
        Assert.Equal("Active", process.Tracing.Value);
        Assert.Equal("python3.12", process.Runtime.Value);
    }

    [Fact]
    public void Build_WhenNothingSetsMemoryOrTimeout_UsesTheFrameworkDefaults()
    {
        var architecture = ServerlessArchitecture.Build(ReadText("service: s\nprovider:\n  name: aws\nfunctions:\n  hello:\n    handler: h.h\n"));

        var hello = (Function)architecture.Find("hello")!;
        Assert.Equal(1024, hello.MemoryMb.Value);
        Assert.Equal(6, hello.TimeoutSeconds.Value);
        Assert.Equal(SettingOrigin.ServiceDefault, hello.MemoryMb.Origin);
        Assert.Equal(5, hello.MemoryMb.Span.Line);
    }

    [Fact]
    public void Build_WhenEvents_DrawTheSameFlowsAsSamEvents()
    {
        var architecture = Typed();
        var process = architecture.Find("process_order")!;

        var sources = architecture.FlowsTo(process).Select(f => f.From.LogicalId).Order().ToList();
        Assert.Equal(["OrdersQueue", "OrdersTable", "fulfil"], sources); // fulfil: the state machine's task
        var sqs = architecture.FlowsTo(process).Single(f => f.From.LogicalId == "OrdersQueue");
        Assert.Equal(55, sqs.Span.Line); // "- sqs:"
        var mapping = ((Function)process).Events.Single(e => e.Delivery.Source == "SQS").Delivery.Mapping!;
        Assert.True(mapping.ReportBatchItemFailures.Value);
        var stream = ((Function)process).Events.Single(e => e.Delivery.Source == "DynamoDB").Delivery.Mapping!;
        Assert.Equal(3, stream.MaximumRetryAttempts.Value);
        Assert.Equal("FailedQueue", stream.OnFailure!.Target.Target!.LogicalId);
    }

    [Fact]
    public void Build_WhenS3AndSnsEventsNameTheirSource_TheFrameworkResourcesExist()
    {
        var architecture = Typed();
        var notify = architecture.Find("notify")!;

        Assert.Contains(architecture.FlowsTo(notify), f => f.From.LogicalId == "S3BucketUploads");
        Assert.Contains(architecture.FlowsTo(notify), f => f.From.LogicalId == "SNSTopicOrderstopic");
        Assert.Contains(architecture.FlowsTo(notify), f => f.From.Type == "AWS::Events::Rule");
    }

    [Fact]
    public void Build_WhenHttpEvents_TheApisCarryTheFrameworkIds()
    {
        var architecture = Typed();

        var rest = Assert.IsType<Api>(architecture.Find(ServerlessNaming.RestApi));
        Assert.Contains(rest.Routes, r => r.Method == "POST" && r.Path == "/orders");
        var http = Assert.IsType<Api>(architecture.Find(ServerlessNaming.HttpApi));
        Assert.Contains(http.Routes, r => r.Method == "GET" && r.Path == "/orders/{id}");
        Assert.True(rest.TracingEnabled.Value);
    }

    [Fact]
    public void Build_WhenProviderStatements_AreGrantsOfTheSharedRole()
    {
        var architecture = Typed();
        var create = (Function)architecture.Find("create-order")!;

        Assert.Equal(ServerlessNaming.ExecutionRole, create.ExecutionRole?.Target?.LogicalId);
        var role = create.ExecutionRole!.Target!;
        var grants = architecture.GrantsOf(role).ToList();
        Assert.Contains(grants, g => g.Targets.Any(t => t.LogicalId == "OrdersTable") && g.Actions.Contains("dynamodb:PutItem"));
        Assert.Contains(grants, g => g.Targets.Any(t => t.LogicalId == "OrdersQueue") && g.Actions.Contains("sqs:SendMessage"));
    }

    [Fact]
    public void Build_WhenAsyncSettings_CarryRetriesDestinationsAndDeadLetter()
    {
        var notify = (Function)Typed().Find("notify")!;

        Assert.Equal(1, notify.AsyncInvoke.MaximumRetryAttempts.Value);
        Assert.Equal(3600, notify.AsyncInvoke.MaximumEventAgeSeconds.Value);
        Assert.NotNull(notify.AsyncInvoke.OnFailure);
        Assert.NotNull(notify.DeadLetter);
        Assert.Equal(2, notify.ProvisionedConcurrency.Value);
        Assert.Equal("AWS_IAM", notify.Url!.AuthType.Value);
        Assert.True(notify.InVpc);
        Assert.Contains(notify.Events, e => e.Delivery.Source == "alb" && e.Delivery.Mode == DeliveryMode.Synchronous);
    }

    [Fact]
    public void Build_WhenStepFunctions_TheStateMachineCallsTheFunctionByItsFrameworkLogicalId()
    {
        var architecture = Typed();

        var machine = Assert.IsType<StateMachine>(architecture.Find("fulfil"));
        Assert.Contains(architecture.FlowsFrom(machine), f => f.To.LogicalId == "process_order");
        Assert.Contains(architecture.FlowsTo(machine), f => f.From.LogicalId == ServerlessNaming.RestApi);
    }

    [Fact]
    public void Build_WhenTypedFixture_ReportsNoMappingWarnings()
    {
        var architecture = Typed();

        Assert.DoesNotContain(architecture.Diagnostics, d => d.Level != DiagnosticLevel.Info);
    }
}
