using FitCheck.Model;
using FitCheck.Templates.Dialects.Serverless;
using static FitCheck.Tests.Serverless.ServerlessFixtures;

namespace FitCheck.Tests.Serverless;

/// <summary>Plugins whose settings fitcheck models: serverless-plugin-canary-deployments and serverless-api-gateway-throttling.</summary>
public class ServerlessPluginTests
{
    private const string Canary = """
        service: shop
        plugins:
          modules:
            - serverless-plugin-canary-deployments
        provider:
          name: aws
          runtime: nodejs22.x
          stage: prod
        custom:
          deploymentSettings:
            type: Linear10PercentEvery1Minute
            alias: Live
            stages: [prod]
        functions:
          create:
            handler: create.handler
            events:
              - http: POST orders
            deploymentSettings:
              preTrafficHook: check
              postTrafficHook: check
              alarms:
                - CreateErrorsAlarm
                - name: shop-create-latency
          list:
            handler: list.handler
          check:
            handler: check.handler
        resources:
          Resources:
            CreateErrorsAlarm:
              Type: AWS::CloudWatch::Alarm
              Properties:
                Namespace: AWS/Lambda
                MetricName: Errors
        """;

    private static Architecture Build(string yaml) => ServerlessArchitecture.Build(ReadText(yaml));

    [Fact]
    public void Build_WhenCanaryDeploymentSettings_FunctionHasTheDeploymentPreferenceSamWouldHave()
    {
        var create = (Function)Build(Canary).Find("create")!;

        Assert.Equal("Live", create.AutoPublishAlias.Value);
        var deployment = Assert.IsType<DeploymentSettings>(create.Deployment);
        Assert.Equal("Linear10PercentEvery1Minute", deployment.Type.Value); // from custom.deploymentSettings
        Assert.True(deployment.Enabled.Value);
        Assert.Equal(20, deployment.Span.Line); // the function's deploymentSettings (its first setting)
        Assert.Equal("CreateErrorsAlarm", Assert.IsType<Alarm>(deployment.Alarms[0].Target).LogicalId);
        Assert.Equal(2, deployment.Alarms.Count);
        Assert.Equal("check", deployment.PreTrafficHook?.Target?.LogicalId);
        Assert.Equal("check", deployment.PostTrafficHook?.Target?.LogicalId);
    }

    [Fact]
    public void Build_WhenFunctionHasNoDeploymentSettings_TheDefaultsDoNotApply()
    {
        var list = (Function)Build(Canary).Find("list")!;

        Assert.Null(list.Deployment);
        Assert.Null(list.AutoPublishAlias.Value);
    }

    [Fact]
    public void Build_WhenStageIsNotInTheCanaryStages_DeploymentIsDisabled()
    {
        var create = (Function)Build(Canary.Replace("stage: prod", "stage: dev", StringComparison.Ordinal)).Find("create")!;

        Assert.False(create.Deployment?.Enabled.Value);
    }

    [Fact]
    public void Build_WhenCanaryPluginIsNotListed_DeploymentSettingsAreNotDeployed()
    {
        var create = (Function)Build(Canary.Replace("- serverless-plugin-canary-deployments", "- serverless-offline", StringComparison.Ordinal)).Find("create")!;

        Assert.Null(create.Deployment);
    }

    [Theory]
    [InlineData("http: POST orders", ApiProtocol.Rest)]
    [InlineData("httpApi: POST /orders", ApiProtocol.Http)]
    public void Build_WhenApiGatewayThrottlingPlugin_StageHasDefaultThrottling(string ev, ApiProtocol protocol)
    {
        var yaml = $"""
            service: shop
            plugins:
              - serverless-api-gateway-throttling
            provider:
              name: aws
            custom:
              apiGatewayThrottling:
                maxRequestsPerSecond: 50
                maxConcurrentRequests: 20
            functions:
              create:
                handler: create.handler
                events:
                  - {ev}
            """;

        var api = Assert.Single(Build(yaml).OfType<Api>(), a => a.Protocol == protocol);

        Assert.True(api.DefaultThrottling?.IsComplete);
        Assert.Equal(8, api.DefaultThrottling!.Span.Line);
        Assert.Null(Assert.Single(Build(yaml.Replace("- serverless-api-gateway-throttling", "- serverless-offline", StringComparison.Ordinal)).OfType<Api>()).DefaultThrottling);
    }

    [Fact]
    public void Build_WhenProviderUsagePlansAreNamed_TheThrottlingPlanIsTheApis()
    {
        var api = Assert.Single(Build("""
            service: shop
            provider:
              name: aws
              apiGateway:
                usagePlan:
                  - free:
                      quota:
                        limit: 5000
                  - paid:
                      throttle:
                        burstLimit: 200
                        rateLimit: 100
            functions:
              create:
                handler: create.handler
                events:
                  - http: POST orders
            """).OfType<Api>());

        Assert.True(api.UsagePlanThrottling?.IsComplete);
        Assert.Equal(11, api.UsagePlanThrottling!.Span.Line);
    }
}
