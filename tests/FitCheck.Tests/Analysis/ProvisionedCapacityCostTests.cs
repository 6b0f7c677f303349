using FitCheck.Analysis.Cost;
using FitCheck.Model;
using FitCheck.Templates.Dialects.CloudFormation;
using FitCheck.Templates.Reading;

namespace FitCheck.Tests.Analysis;

/// <summary>DynamoDB provisioned capacity: priced every hour, and checked against the writes and reads the profile implies.</summary>
public class ProvisionedCapacityCostTests
{
    private static Architecture Build(string yaml)
    {
        var document = TemplateReader.ReadText(yaml, "template.yaml", "yaml");
        Assert.False(document.Failed, string.Join("; ", document.Diagnostics));
        return ArchitectureBuilder.Build(document, AnalysisFixtures.Folder, AnalysisFixtures.Folder);
    }

    private static string Template(string scaling = "") => $$"""
        Transform: AWS::Serverless-2016-10-31
        Resources:
          Handler:
            Type: AWS::Serverless::Function
            Properties:
              Handler: app.handler
              Runtime: python3.12
              CodeUri: .
              Policies:
                - DynamoDBWritePolicy:
                    TableName: !Ref Orders
              Events:
                Post:
                  Type: HttpApi
                  Properties:
                    Path: /orders
                    Method: post
          Orders:
            Type: AWS::DynamoDB::Table
            Properties:
              AttributeDefinitions:
                - AttributeName: id
                  AttributeType: S
              KeySchema:
                - AttributeName: id
                  KeyType: HASH
              ProvisionedThroughput:
                ReadCapacityUnits: 5
                WriteCapacityUnits: 5
        {{scaling}}
        """;

    private const string WriteScaling = """
          OrdersWriteScaling:
            Type: AWS::ApplicationAutoScaling::ScalableTarget
            Properties:
              MaxCapacity: 2000
              MinCapacity: 5
              ResourceId: !Sub table/${Orders}
              ScalableDimension: dynamodb:table:WriteCapacityUnits
              ServiceNamespace: dynamodb
        """;

    private const string Profile = "traffic:\n  requestsPerSecond:\n    average: 1000\nfunctions:\n  averageDurationMs: 20\n";

    [Fact]
    public void ProvisionedTable_IsPricedByTheHour_AndFlaggedWhenTheProfileWritesFarMore()
    {
        var cost = CostEstimator.Estimate([Build(Template())], AnalysisFixtures.ProfileText(Profile));

        // 5 WCU × 730 h × $0.00065 = $2.3725; 5 RCU × 730 h × $0.00013 = $0.4745; together $2.847 a month, whatever the traffic.
        var table = cost.Items.Where(i => i.Component.LogicalId == "Orders").ToList();
        Assert.NotEmpty(table);
        Assert.Equal(2.847m, table.Sum(i => i.Monthly));

        // 1,000 req/s × 2,628,000 s = 2,628,000,000 writes a month = 1,000 writes a second of 1 KB items = 1,000 WCU needed against 5.
        var warning = Assert.Single(cost.Diagnostics, d => d.Message.StartsWith("Orders is provisioned with 5 WCU", StringComparison.Ordinal));
        Assert.Contains("about 1,000 write units a second", warning.Message, StringComparison.Ordinal);
        Assert.Equal(29, warning.Location.Line);
        // The function only writes: no read warning.
        Assert.DoesNotContain(cost.Diagnostics, d => d.Message.Contains("RCU, but", StringComparison.Ordinal));
    }

    [Fact]
    public void ProvisionedTable_WithWriteAutoScaling_IsNotFlagged()
    {
        var cost = CostEstimator.Estimate([Build(Template(WriteScaling))], AnalysisFixtures.ProfileText(Profile));

        Assert.DoesNotContain(cost.Diagnostics, d => d.Message.Contains("is provisioned with", StringComparison.Ordinal));
        Assert.Contains(cost.Items, i => i.Component.LogicalId == "Orders" && i.Arithmetic.Contains("WriteCapacityUnits, priced at the written capacity", StringComparison.Ordinal));
    }

    [Fact]
    public void ProvisionedTable_AtALowRate_IsPricedAndNotFlagged()
    {
        // 2 req/s = 2 WCU needed on average, under the 5 provisioned.
        var cost = CostEstimator.Estimate([Build(Template())], AnalysisFixtures.ProfileText("traffic:\n  requestsPerSecond:\n    average: 2\n"));

        Assert.Equal(2.847m, cost.Items.Where(i => i.Component.LogicalId == "Orders").Sum(i => i.Monthly));
        Assert.DoesNotContain(cost.Diagnostics, d => d.Message.Contains("is provisioned with", StringComparison.Ordinal));
    }
}

/// <summary>WebSocket connection minutes: priced from the connections the profile says are open on average.</summary>
public class WebSocketConnectionCostTests
{
    private const string Chat = """
        AWSTemplateFormatVersion: "2010-09-09"
        Resources:
          ChatApi:
            Type: AWS::ApiGatewayV2::Api
            Properties:
              Name: chat
              ProtocolType: WEBSOCKET
              RouteSelectionExpression: $request.body.action
          SendRoute:
            Type: AWS::ApiGatewayV2::Route
            Properties:
              ApiId: !Ref ChatApi
              RouteKey: sendmessage
        """;

    private static Architecture Build()
    {
        var document = TemplateReader.ReadText(Chat, "template.yaml", "yaml");
        return ArchitectureBuilder.Build(document, AnalysisFixtures.Folder, AnalysisFixtures.Folder);
    }

    [Fact]
    public void ConnectionMinutes_ArePricedFromConcurrentConnections_ElseListedAsMissing()
    {
        // 1,000 connections open on average × 43,800 minutes (60 × 730) = 43,800,000 connection minutes × $0.25/M = $10.95.
        var cost = CostEstimator.Estimate([Build()], AnalysisFixtures.ProfileText("traffic:\n  requestsPerMonth: 1000000\nconcurrentConnections: 1000\n"));
        var minutes = Assert.Single(cost.Items, i => i.Component.LogicalId == "ChatApi" && i.Arithmetic.Contains("connection minutes", StringComparison.Ordinal));
        Assert.Equal(10.95m, minutes.Monthly);

        cost = CostEstimator.Estimate([Build()], AnalysisFixtures.ProfileText("traffic:\n  requestsPerMonth: 1000000\n"));
        Assert.Contains("components.ChatApi.concurrentConnections (WebSocket connection minutes not priced)", cost.MissingInputs);
    }
}

/// <summary>An IoT rule's error action is a failure path: it carries the failure rate of the rule's messages, not the flow.</summary>
public class IotErrorActionCostTests
{
    private const string Rule = """
        AWSTemplateFormatVersion: "2010-09-09"
        Resources:
          Readings:
            Type: AWS::SQS::Queue
          ReadingErrors:
            Type: AWS::SQS::Queue
          ReadingsRule:
            Type: AWS::IoT::TopicRule
            Properties:
              TopicRulePayload:
                Sql: SELECT * FROM 'devices/+/readings'
                Actions:
                  - Sqs:
                      QueueUrl: !Ref Readings
                      RoleArn: arn:aws:iam::123456789012:role/iot
                ErrorAction:
                  Sqs:
                    QueueUrl: !Ref ReadingErrors
                    RoleArn: arn:aws:iam::123456789012:role/iot
        """;

    [Fact]
    public void ErrorActionQueue_CarriesTheFailureRate()
    {
        var document = TemplateReader.ReadText(Rule, "template.yaml", "yaml");
        var architecture = ArchitectureBuilder.Build(document, AnalysisFixtures.Folder, AnalysisFixtures.Folder);
        Assert.Contains(architecture.FlowsFrom(architecture.Find("ReadingsRule")!), f => f.Kind == FlowKind.DeadLetter && f.To.LogicalId == "ReadingErrors");

        // 10,000,000 messages a month to the rule: the action queue gets 10,000,000 sends × $0.40/M = $4.00; the error
        // queue gets 10,000,000 × failureRate 0.001 (default) = 10,000 sends × $0.40/M = $0.004.
        var cost = CostEstimator.Estimate([architecture],
            AnalysisFixtures.ProfileText("components:\n  ReadingsRule:\n    traffic:\n      requestsPerMonth: 10000000\n"));
        Assert.Equal(4.00m, cost.Items.Where(i => i.Component.LogicalId == "Readings").Sum(i => i.Monthly));
        Assert.Equal(0.004m, cost.Items.Where(i => i.Component.LogicalId == "ReadingErrors").Sum(i => i.Monthly));
    }
}
