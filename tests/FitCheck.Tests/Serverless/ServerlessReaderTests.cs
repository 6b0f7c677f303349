using FitCheck.Model;
using FitCheck.Templates.Dialects.Serverless;
using FitCheck.Templates.Reading;
using FitCheck.Templates.Scanning;
using static FitCheck.Tests.Serverless.ServerlessFixtures;

namespace FitCheck.Tests.Serverless;

public class ServerlessReaderTests
{
    [Fact]
    public void Read_WhenProviderSettings_TypesThemWithTheirServerlessNames()
    {
        var service = Service(Read("typed"));
        var provider = service.Provider;

        Assert.Equal("shop", service.Name!.Text);
        Assert.Equal("python3.12", provider.Runtime!.Text);
        Assert.Equal(256, provider.MemorySize!.AsInt);
        Assert.Equal(10, provider.Timeout!.AsInt);
        Assert.Equal("arm64", provider.Architecture!.Text);
        Assert.Equal(14, provider.LogRetentionInDays!.AsInt);
        Assert.Equal(true, provider.LambdaTracing!.AsBool);
        Assert.Equal("tracing.lambda", provider.LambdaTracing.Name);
        Assert.Equal(true, provider.ApiGatewayTracing!.AsBool);
        Assert.NotNull(provider.Logs?["restApi"]);
        Assert.Equal(2, provider.IamStatements.Count);
        Assert.Equal(26, provider.IamStatements[0].Span.Line);
        Assert.Equal("arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess", Assert.Single(provider.ManagedPolicies).Text);
        Assert.IsType<IntrinsicNode>(provider.Environment!["TABLE"]);
        Assert.Equal("1024", provider.ApiGateway!["minimumCompressionSize"]!.Text);
        Assert.Equal("true", provider.HttpApi!["cors"]!.Text);
    }

    [Fact]
    public void Read_WhenLegacyIamRoleStatements_ReadsThemAsStatements()
    {
        var yaml = """
            service: s
            provider:
              name: aws
              iamRoleStatements:
                - Effect: Allow
                  Action: sqs:SendMessage
                  Resource: '*'
              iamManagedPolicies:
                - arn:aws:iam::aws:policy/ReadOnlyAccess
            """;

        var provider = Service(ReadText(yaml)).Provider;

        Assert.Equal("sqs:SendMessage", Assert.Single(provider.IamStatements)["Action"]!.Text);
        Assert.Single(provider.ManagedPolicies);
    }

    [Fact]
    public void Read_WhenProviderNamesAnExistingRole_KeepsItAsTheRole()
    {
        var service = Service(ReadText("service: s\nprovider:\n  name: aws\n  iam:\n    role: arn:aws:iam::123456789012:role/shared\n"));

        Assert.Equal("iam.role", service.Provider.Role!.Name);
        Assert.Equal("arn:aws:iam::123456789012:role/shared", service.Provider.Role.Text);
    }

    [Fact]
    public void Read_WhenFunctions_KeepsTheKeyAsIdAndTheFrameworkLogicalIdAsAlias()
    {
        var service = Service(Read("typed"));

        Assert.Equal(["create-order", "process_order", "notify"], service.Functions.Select(f => f.Key));
        Assert.Equal(["CreateDashorderLambdaFunction", "ProcessUnderscoreorderLambdaFunction", "NotifyLambdaFunction"], service.Functions.Select(f => f.LogicalId));
        Assert.Same(service.Functions[1], service.FindFunction("ProcessUnderscoreorderLambdaFunction"));
        Assert.Equal(42, service.Functions[0].Span.Line);
    }

    [Fact]
    public void Read_WhenFunctionSettings_TypesEachOfThem()
    {
        var service = Service(Read("typed"));
        var create = service.FindFunction("create-order")!;
        var notify = service.FindFunction("notify")!;

        Assert.Equal("orders.create", create.Handler!.Text);
        Assert.Equal(512, create.MemorySize!.AsInt);
        Assert.Equal(5, create.ReservedConcurrency!.AsInt);
        Assert.Equal("arn:aws:sns:us-east-1:123456789012:dlq", notify.OnError!.Text);
        Assert.Equal(1, notify.MaximumRetryAttempts!.AsInt);
        Assert.Equal("maximumRetryAttempts", notify.MaximumRetryAttempts.Name);
        Assert.Equal(3600, notify.MaximumEventAge!.AsInt);
        Assert.Equal("destinations.onFailure", notify.OnFailure!.Name);
        Assert.Null(notify.OnSuccess);
        Assert.Equal(2, notify.ProvisionedConcurrency!.AsInt);
        Assert.Equal("aws_iam", notify.UrlAuthorizer!.Text);
        Assert.NotNull(notify.Vpc?["subnetIds"]);
        Assert.IsType<SequenceNode>(notify.Layers);
    }

    [Fact]
    public void Read_WhenEveryAwsEventType_TypesEachWithItsSource()
    {
        var result = Read("typed");
        var service = Service(result);
        var events = service.Functions.SelectMany(f => f.Events).ToList();

        Assert.Equal(
            [
                ServerlessEventKind.Http, ServerlessEventKind.HttpApi, ServerlessEventKind.Sqs, ServerlessEventKind.Stream,
                ServerlessEventKind.S3, ServerlessEventKind.Sns, ServerlessEventKind.Schedule, ServerlessEventKind.EventBridge,
                ServerlessEventKind.CloudWatchLog, ServerlessEventKind.CognitoUserPool, ServerlessEventKind.Alb, ServerlessEventKind.Iot,
                ServerlessEventKind.Msk, ServerlessEventKind.Kafka, ServerlessEventKind.ActiveMq, ServerlessEventKind.RabbitMq,
                ServerlessEventKind.Websocket, ServerlessEventKind.Unknown,
            ],
            events.Select(e => e.Kind));

        var http = events[0];
        Assert.Equal(("post", "orders"), (http.Method, http.Path));
        Assert.Equal(("GET", "/orders/{id}"), (events[1].Method, events[1].Path));
        Assert.Equal("Fn::GetAtt", Assert.IsType<IntrinsicNode>(events[2].Source!.Node).Name);
        Assert.Equal("ReportBatchItemFailures", events[2]["functionResponseType"]!.Text);
        Assert.Equal("dynamodb", events[3].StreamType);
        Assert.Equal(3, events[3]["maximumRetryAttempts"]!.AsInt);
        Assert.IsType<IntrinsicNode>(events[3]["destinations.onFailure"]!.Node);
        Assert.Equal("uploads", events[4].Source!.Text);
        Assert.Equal("orders-topic", events[5].Source!.Text);
        Assert.Equal("rate(5 minutes)", events[6].Source!.Text);
        Assert.Null(events[7].Source); // The default bus.
        Assert.Equal("/aws/lambda/other", events[8].Source!.Text);
        Assert.Equal("Users", events[9].Source!.Text);
        Assert.Equal("/notify", events[10].Path);
        Assert.Equal("SELECT * FROM 'shop/orders'", events[11].Source!.Text);
        Assert.StartsWith("arn:aws:kafka:", events[12].Source!.Text, StringComparison.Ordinal);
        Assert.IsType<SequenceNode>(events[13].Source!.Node);
        Assert.StartsWith("arn:aws:mq:", events[14].Source!.Text, StringComparison.Ordinal);
        Assert.Equal("$connect", events[16].Path);
        Assert.Contains(result.Diagnostics, d => d.Level == DiagnosticLevel.Info && d.Message.Contains("customPluginEvent", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_WhenResourcesInSeveralParts_MergesThemInOrder()
    {
        var service = Service(Read("typed"));

        Assert.Equal(["OrdersTable", "OrdersQueue", "FailedQueue"], service.Resources!.Pairs.Select(p => p.Key.Value));
        Assert.NotNull(service.Outputs?["QueueUrl"]);
    }

    [Fact]
    public void Read_WhenStepFunctionsPlugin_ReadsTheStateMachineWithItsDefinitionFromAFile()
    {
        var service = Service(Read("typed"));

        var machine = Assert.Single(service.StateMachines);
        Assert.Equal("fulfil", machine.Key);
        Assert.Equal("FulfilStepFunctionsStateMachine", machine.LogicalId);
        Assert.Equal("EXPRESS", machine.Type!.Text);
        var definition = Assert.IsType<MappingNode>(machine.Definition);
        Assert.Equal("typed/statemachine/fulfil.asl.yml", definition.Span.File);
        Assert.Equal("Process", definition["StartAt"]!.Text);
        Assert.Equal(ServerlessEventKind.Http, Assert.Single(machine.Events).Kind);
    }

    [Fact]
    public void Read_WhenPlugins_ListsThemAndNamesThoseThatMayChangeTheDeployment()
    {
        var result = Read("typed");
        var service = Service(result);

        Assert.Equal(["serverless-step-functions", "serverless-offline", "serverless-iam-roles-per-function"], service.Plugins.Select(p => p.Name));
        Assert.True(service.Plugins[0].Understood);
        Assert.False(service.Plugins[1].MayChangeDeployment);
        Assert.True(service.Plugins[2].MayChangeDeployment);
        var note = Assert.Single(result.Diagnostics, d => d.Message.Contains("may add or change resources", StringComparison.Ordinal));
        Assert.Contains("serverless-iam-roles-per-function", note.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("serverless-offline", note.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_WhenTypedFixture_HasNoWarnings()
    {
        Assert.Empty(Warnings(Read("typed")));
    }

    [Fact]
    public void Read_WhenOtherProvider_SkipsWithOneLine()
    {
        var result = Read("openwhisk");

        Assert.Null(result.Service);
        Assert.Equal("openwhisk", result.SkippedProvider);
        var line = Assert.Single(result.Diagnostics);
        Assert.Equal(DiagnosticCodes.NotATemplate, line.Code);
        Assert.Contains("provider 'openwhisk'", line.Message, StringComparison.Ordinal);
        Assert.Equal(4, line.Location.Line);
    }

    [Fact]
    public void CodeFileDiagnostic_WhenServerlessTs_SaysItIsCodeAndHowToReviewIt()
    {
        var path = Path.Combine(Folder, "code", "serverless.ts");

        Assert.True(ServerlessReader.IsCodeFile(path));
        Assert.False(ServerlessReader.IsServiceFile(path));
        var message = ServerlessReader.CodeFileDiagnostic("code/serverless.ts").Message;
        Assert.Contains("serverless package", message, StringComparison.Ordinal);
        Assert.Contains(".serverless/cloudformation-template-update-stack.json", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Scan_WhenPackagedTemplate_ReadsItAsCloudFormationWithTheServiceNames()
    {
        var scan = Scanner.Scan([Path.Combine(Folder, "packaged")]);

        var architecture = Assert.Single(scan.Architectures);
        Assert.EndsWith(".serverless/cloudformation-template-update-stack.json", architecture.Template.Path, StringComparison.Ordinal);
        var function = Assert.Single(architecture.OfType<Function>());
        Assert.Equal(ServerlessNaming.FunctionLogicalId("worker"), function.LogicalId);
        Assert.Equal("orders-dev-worker", function.PhysicalName);
        Assert.Equal(ServerlessNaming.ExecutionRole, function.ExecutionRole?.Target?.LogicalId);
        var queue = architecture.Find("OrdersQueue")!;
        Assert.Contains(architecture.Flows, f => f.From == queue && f.To == function);
    }

    [Fact]
    public void Read_WhenNotAMapping_IsAnErrorWithItsLine()
    {
        var result = ReadText("- a\n- b\n");

        Assert.True(result.Failed);
        Assert.Contains(result.Diagnostics, d => d.Level == DiagnosticLevel.Error && d.Location.Line == 1);
    }

    [Fact]
    public void Read_WhenFunctionsFromSeveralFiles_MergesTheList()
    {
        var yaml = """
            service: s
            provider:
              name: aws
            custom:
              a:
                one:
                  handler: a.one
              b:
                two:
                  handler: b.two
            functions:
              - ${self:custom.a}
              - ${self:custom.b}
            """;

        var service = Service(ReadText(yaml));

        Assert.Equal(["one", "two"], service.Functions.Select(f => f.Key));
        Assert.Equal(6, service.Functions[0].Span.Line);
    }
}
