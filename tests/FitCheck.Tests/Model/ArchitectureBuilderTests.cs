using FitCheck.Model;
using FitCheck.Templates.Dialects.CloudFormation;
using FitCheck.Templates.Reading;
using FitCheck.Templates.Scanning;

namespace FitCheck.Tests.Model;

public class ArchitectureBuilderTests
{
    private static Architecture Load(string name)
    {
        var path = Path.Combine(RepoPaths.Fixtures, "Model", name);
        return ArchitectureBuilder.Build(TemplateReader.ReadFile(path, name));
    }

    private static HashSet<string> Edges(Architecture a) =>
        a.Flows.Select(f => $"{f.From.LogicalId} -{f.Kind.Name()}-> {f.To.LogicalId}").ToHashSet();

    [Fact]
    public void Build_WhenSamTemplateWiresEverySource_ShowsEveryFlowWithItsKindAndDirection()
    {
        var a = Load("sam-wiring.yaml");
        var edges = Edges(a);

        string[] expected =
        [
            "ServerlessRestApi -invokes-> Api",
            "Orders -triggers-> Worker",
            "Orders -dead-letter-> OrdersDlq",
            "Bus -routes-> OnOrderPlaced",
            "OnOrderPlaced -triggers-> OnOrder",
            "OnOrderPlaced -dead-letter-> OnOrderPlacedQueue",
            "Uploads -triggers-> Thumbnails",
            "Clicks -triggers-> ClickCounter",
            "Alerts -triggers-> Notifier",
            "Alerts -dead-letter-> AlertsDlq",
            "Fulfil -invokes-> Charge",
            "Fulfil -invokes-> Ship",
            "Fulfil -writes-> Table",
            "Reader -reads-> Table",
        ];
        foreach (var edge in expected)
        {
            Assert.Contains(edge, edges);
        }

        Assert.Empty(a.Diagnostics);
    }

    [Fact]
    public void Build_WhenSamTemplate_AddsTheImplicitComponentsSamCreates()
    {
        var a = Load("sam-wiring.yaml");

        var implicitIds = a.Components.Where(c => c.IsImplicit).Select(c => c.LogicalId).ToHashSet();
        Assert.Contains("ServerlessRestApi", implicitIds);
        Assert.Contains("OnOrderPlaced", implicitIds);
        Assert.Contains("OnOrderPlacedQueue", implicitIds);
        Assert.Contains("WorkerRole", implicitIds);
        Assert.Contains("FulfilRole", implicitIds);
        Assert.Equal(a.Template.ResourceCount, a.Components.Count(c => !c.IsImplicit));
        Assert.IsType<Api>(a.Find("ServerlessRestApi"));
        Assert.Equal("Api", a.Find("ServerlessRestApi")!.ImpliedBy!.LogicalId);
    }

    [Fact]
    public void Build_WhenValuesComeFromGlobalsDefaultsOrTheResource_RecordsOriginAndSpan()
    {
        var a = Load("sam-wiring.yaml");
        var api = (Function)a.Find("Api")!;
        var worker = (Function)a.Find("Worker")!;

        // Timeout: 20 in Globals (line 13), Worker overrides with 60 (line 41).
        Assert.Equal(20, api.TimeoutSeconds.Value);
        Assert.Equal(SettingOrigin.Globals, api.TimeoutSeconds.Origin);
        Assert.Equal(13, api.TimeoutSeconds.Span.Line);
        Assert.Equal(60, worker.TimeoutSeconds.Value);
        Assert.Equal(SettingOrigin.Explicit, worker.TimeoutSeconds.Origin);
        Assert.Equal(41, worker.TimeoutSeconds.Span.Line);

        // MemorySize left out on Worker: the 128 MB default, on the resource's own line.
        Assert.Equal(128, worker.MemoryMb.Value);
        Assert.Equal(SettingOrigin.ServiceDefault, worker.MemoryMb.Origin);
        Assert.Equal(37, worker.MemoryMb.Span.Line);
        Assert.Equal(1024, api.MemoryMb.Value);

        // Environment from Globals merged into every function; a parameter with a default resolves.
        Assert.Equal(VariableSource.Parameter, worker.Environment["STAGE"].Source);
        Assert.Equal("prod", worker.Environment["STAGE"].Literal);

        // Mapping settings: explicit, and defaults where left out.
        var mapping = worker.Events.Single().Delivery.Mapping!;
        Assert.Equal(5, mapping.BatchSize.Value);
        Assert.True(mapping.ReportBatchItemFailures.Value);
        Assert.Equal(SettingOrigin.ServiceDefault, mapping.MaximumConcurrency.Origin);
        Assert.Null(mapping.MaximumConcurrency.Value);
    }

    [Fact]
    public void Build_WhenAnEventSourceIsAParameterWithoutDefault_KeepsTheEventButNoFlow()
    {
        var a = Load("sam-wiring.yaml");
        var notifier = (Function)a.Find("Notifier")!;

        var external = notifier.Events.Single(e => e.Name == "External");
        Assert.Null(external.Source);
        Assert.Equal(DeliveryMode.Asynchronous, external.Delivery.Mode);
        Assert.True(notifier.IsInvokedAsynchronously);
        Assert.DoesNotContain(a.Flows, f => f.To == notifier && f.Via == "External");
    }

    [Fact]
    public void Build_WhenStreamMappingOmitsRetrySettings_UsesTheUnboundedDefaults()
    {
        var a = Load("sam-wiring.yaml");
        var counter = (Function)a.Find("ClickCounter")!;
        var mapping = counter.Events.Single().Delivery.Mapping!;

        Assert.Equal(DeliveryMode.StreamPolling, counter.Events.Single().Delivery.Mode);
        Assert.Equal(3, mapping.MaximumRetryAttempts.Value);
        Assert.Equal(-1, mapping.MaximumRecordAgeSeconds.Value);
        Assert.Equal(SettingOrigin.ServiceDefault, mapping.MaximumRecordAgeSeconds.Origin);
        Assert.False(mapping.BisectBatchOnFunctionError.Value);
    }

    [Fact]
    public void Build_WhenStateMachineHasTasks_RecordsEachTaskWithItsTargetAndRetries()
    {
        var a = Load("sam-wiring.yaml");
        var machine = (StateMachine)a.Find("Fulfil")!;

        Assert.True(machine.DefinitionKnown);
        Assert.Equal(["Charge", "Ship", "Record"], machine.States.Select(s => s.Name));
        Assert.Equal("Charge", machine.States[0].Target!.LogicalId);
        Assert.Equal("Ship", machine.States[1].Target!.LogicalId);
        Assert.True(machine.States[1].HasRetry);
        Assert.Equal(4, machine.States[1].MaxRetryAttempts);
        Assert.Equal("dynamodb", machine.States[2].Service);
        Assert.Equal("Table", machine.States[2].Target!.LogicalId);
        Assert.Equal("STANDARD", machine.WorkflowType.Value);
        Assert.Equal(SettingOrigin.ServiceDefault, machine.WorkflowType.Origin);
    }

    [Fact]
    public void Build_WhenPlainCloudFormation_ResolvesIntegrationsMappingsSubscriptionsAndTargets()
    {
        var a = Load("cfn-wiring.yaml");
        var edges = Edges(a);

        string[] expected =
        [
            "RestApi -invokes-> Handler",
            "Queue -triggers-> Handler",
            "Topic -triggers-> Handler",
            "Topic -dead-letter-> TopicDlq",
            "Rule -triggers-> Handler",
            "Machine -invokes-> Handler",
            "Handler -writes-> Table",
        ];
        foreach (var edge in expected)
        {
            Assert.Contains(edge, edges);
        }

        var api = (Api)a.Find("RestApi")!;
        var route = Assert.Single(api.Routes);
        Assert.Equal(("POST", "/orders", "NONE"), (route.Method, route.Path, route.Authorization.Value));

        var handler = (Function)a.Find("Handler")!;
        Assert.Equal("Role", handler.ExecutionRole!.Target!.LogicalId);
        var rule = handler.Events.Single(e => e.Source?.LogicalId == "Rule");
        Assert.Equal(4, rule.Delivery.MaximumRetryAttempts!.Value);
        Assert.Equal(DeliveryMode.Asynchronous, rule.Delivery.Mode);
        Assert.Equal(["Handler", "Machine"], ((Role)handler.ExecutionRole.Target!).UsedBy.Select(c => c.LogicalId));
        Assert.Equal("PROVISIONED", ((Table)a.Find("Table")!).BillingMode.Value);
    }

    [Fact]
    public void Build_WhenYamlAndJsonTwinsOfOneTemplate_GivesTheSameModel()
    {
        var yamlPath = Path.Combine(RepoPaths.Fixtures, "Model", "cfn-wiring.yaml");
        var yaml = ArchitectureBuilder.Build(TemplateReader.ReadFile(yamlPath, "t"));
        var json = ArchitectureBuilder.Build(TemplateReader.ReadFile(Path.ChangeExtension(yamlPath, ".json"), "t"));

        Assert.Equal(yaml.Components.Select(c => (c.LogicalId, c.Kind)), json.Components.Select(c => (c.LogicalId, c.Kind)));
        Assert.Equal(Edges(yaml).Order(), Edges(json).Order());
    }

    [Fact]
    public void Build_WhenCdkWritesBucketNotificationsThroughItsCustomResource_DrawsTheBucketTrigger()
    {
        const string template = """
            {
              "Resources": {
                "Uploads": { "Type": "AWS::S3::Bucket" },
                "Failures": { "Type": "AWS::SQS::Queue" },
                "ProcessRole": { "Type": "AWS::IAM::Role", "Properties": {
                  "AssumeRolePolicyDocument": { "Statement": [ { "Effect": "Allow", "Principal": { "Service": "lambda.amazonaws.com" }, "Action": "sts:AssumeRole" } ] },
                  "Policies": [ { "PolicyName": "p", "PolicyDocument": { "Statement": [
                    { "Effect": "Allow", "Action": ["sqs:SendMessage", "sqs:GetQueueAttributes"], "Resource": { "Fn::GetAtt": ["Failures", "Arn"] } } ] } } ] } },
                "Process": { "Type": "AWS::Lambda::Function", "Properties": {
                  "Runtime": "nodejs20.x", "Handler": "index.handler", "Role": { "Fn::GetAtt": ["ProcessRole", "Arn"] }, "Code": { "ZipFile": "x" } } },
                "ProcessAsync": { "Type": "AWS::Lambda::EventInvokeConfig", "Properties": {
                  "FunctionName": { "Ref": "Process" }, "Qualifier": "$LATEST",
                  "DestinationConfig": { "OnFailure": { "Destination": { "Fn::GetAtt": ["Failures", "Arn"] } } } } },
                "UploadsNotifications": { "Type": "Custom::S3BucketNotifications", "Properties": {
                  "BucketName": { "Ref": "Uploads" },
                  "NotificationConfiguration": { "LambdaFunctionConfigurations": [
                    { "Events": ["s3:ObjectCreated:*"], "LambdaFunctionArn": { "Fn::GetAtt": ["Process", "Arn"] } } ] } } }
              }
            }
            """;

        var a = Scanner.FromText(template, "cdk.template.json");
        var edges = Edges(a);

        Assert.Contains("Uploads -triggers-> Process", edges);
        Assert.Contains("Process -on-failure-> Failures", edges);
        // The permission to send to its own failure destination is wiring, not a second edge.
        Assert.DoesNotContain("Process -publishes-> Failures", edges);
        Assert.True(((Function)a.Find("Process")!).IsInvokedAsynchronously);
    }
}
