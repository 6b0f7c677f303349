using FitCheck.Model;
using FitCheck.Templates.Dialects.CloudFormation;
using FitCheck.Templates.Reading;

namespace FitCheck.Tests.Templates;

/// <summary>The failure-handling wiring the state rules read: mappings, subscriptions and targets recorded even when
/// their other end is outside the template, and dead-letter queues named in every shape templates use.</summary>
public sealed class FailureWiringTests
{
    private static Architecture Build(string yaml) =>
        ArchitectureBuilder.Build(TemplateReader.ReadText(yaml, "template.yaml", "yaml"));

    [Fact]
    public void EventSourceMapping_WithFunctionOutsideTemplate_KeepsItsSettings()
    {
        var architecture = Build("""
            Resources:
              Mapping:
                Type: AWS::Lambda::EventSourceMapping
                Properties:
                  FunctionName: my-function
                  EventSourceArn: arn:aws:kinesis:us-east-1:111122223333:stream/clicks
                  StartingPosition: LATEST
                  MaximumRetryAttempts: 3
            """);

        var mapping = Assert.IsType<EventMapping>(architecture.Find("Mapping"));
        Assert.Null(mapping.Function!.Target);
        Assert.Equal("Kinesis", mapping.Delivery!.Source);
        Assert.Equal(DeliveryMode.StreamPolling, mapping.Delivery.Mode);
        Assert.Equal(3, mapping.Delivery.Mapping!.MaximumRetryAttempts.Value);
    }

    [Fact]
    public void EventSourceMapping_WithFunctionInTemplate_SharesItsDeliveryWithTheFunctionEvent()
    {
        var architecture = Build("""
            Resources:
              Orders:
                Type: AWS::SQS::Queue
              Worker:
                Type: AWS::Lambda::Function
                Properties:
                  Handler: index.handler
                  Runtime: nodejs22.x
                  Role: arn:aws:iam::111122223333:role/worker
                  Code: {ZipFile: x}
              Mapping:
                Type: AWS::Lambda::EventSourceMapping
                Properties:
                  FunctionName: !Ref Worker
                  EventSourceArn: !GetAtt Orders.Arn
            """);

        var mapping = Assert.IsType<EventMapping>(architecture.Find("Mapping"));
        var worker = Assert.IsType<Function>(architecture.Find("Worker"));
        Assert.Same(mapping.Delivery, Assert.Single(worker.Events).Delivery);
        Assert.Equal("SQS", mapping.Delivery!.Source);
    }

    [Fact]
    public void RedrivePolicy_AsJsonInsideSub_NamesTheDeadLetterQueue()
    {
        var architecture = Build("""
            Resources:
              Queue:
                Type: AWS::SQS::Queue
                Properties:
                  RedrivePolicy: !Sub |
                    {"deadLetterTargetArn": "${DLQ.Arn}", "maxReceiveCount": 4}
              DLQ:
                Type: AWS::SQS::Queue
            """);

        var queue = Assert.IsType<Queue>(architecture.Find("Queue"));
        var dlq = Assert.IsType<Queue>(architecture.Find("DLQ"));
        Assert.Same(dlq, queue.Redrive!.DeadLetterTarget.Target);
        Assert.Equal(4, queue.Redrive.MaxReceiveCount.Value);
        Assert.True(dlq.IsDeadLetterQueue);
    }

    [Fact]
    public void SnsSubscription_WithEndpointOutsideTemplate_KeepsItsRedrivePolicy()
    {
        var architecture = Build("""
            Resources:
              Failed:
                Type: AWS::SQS::Queue
              Subscription:
                Type: AWS::SNS::Subscription
                Properties:
                  Protocol: HTTPS
                  Endpoint: https://example.com/hook
                  TopicArn: arn:aws:sns:us-east-1:111122223333:orders
                  RedrivePolicy:
                    deadLetterTargetArn: !GetAtt Failed.Arn
            """);

        var subscription = Assert.IsType<Subscription>(architecture.Find("Subscription"));
        Assert.Equal("https", subscription.Protocol);
        Assert.Same(architecture.Find("Failed"), subscription.DeadLetter!.Target.Target);
        Assert.True(((Queue)architecture.Find("Failed")!).IsDeadLetterQueue);
    }

    [Fact]
    public void RuleTargets_OutsideTemplate_AreRecordedWithTheirDeadLetterQueues()
    {
        var architecture = Build("""
            Resources:
              Failed:
                Type: AWS::SQS::Queue
              Rule:
                Type: AWS::Events::Rule
                Properties:
                  EventPattern: {source: [orders]}
                  Targets:
                    - Id: one
                      Arn: arn:aws:lambda:us-east-1:111122223333:function:one
                    - Id: two
                      Arn: arn:aws:lambda:us-east-1:111122223333:function:two
                      DeadLetterConfig:
                        Arn: !GetAtt Failed.Arn
            """);

        var rule = Assert.IsType<EventRule>(architecture.Find("Rule"));
        Assert.Equal(["one", "two"], rule.Targets.Select(t => t.Id));
        Assert.Null(rule.Targets[0].Delivery.DeadLetter);
        Assert.Same(architecture.Find("Failed"), rule.Targets[1].Delivery.DeadLetter!.Target.Target);
    }

    [Fact]
    public void SamScheduleV2Event_AddsATargetToTheImplicitSchedule()
    {
        var architecture = Build("""
            Transform: AWS::Serverless-2016-10-31
            Resources:
              Job:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: app.handler
                  Runtime: python3.12
                  Events:
                    Nightly:
                      Type: ScheduleV2
                      Properties:
                        ScheduleExpression: rate(1 day)
                        DeadLetterConfig:
                          Type: SQS
            """);

        var schedule = Assert.IsType<Schedule>(architecture.Find("JobNightly"));
        var target = Assert.Single(schedule.Targets);
        Assert.Same(architecture.Find("Job"), target.Target.Target);
        Assert.Equal("JobNightlyQueue", target.Delivery.DeadLetter!.Target.Target!.LogicalId);
    }

    [Fact]
    public void PipeSourceDeadLetterConfig_MarksTheQueueAsDeadLetterQueue()
    {
        var architecture = Build("""
            Resources:
              Source:
                Type: AWS::SQS::Queue
              PipeFailures:
                Type: AWS::SQS::Queue
              Pipe:
                Type: AWS::Pipes::Pipe
                Properties:
                  RoleArn: arn:aws:iam::111122223333:role/pipe
                  Source: !GetAtt Source.Arn
                  SourceParameters:
                    SqsQueueParameters: {BatchSize: 1}
                    DynamoDBStreamParameters:
                      DeadLetterConfig: {Arn: !GetAtt PipeFailures.Arn}
                  Target: arn:aws:events:us-east-1:111122223333:event-bus/default
            """);

        Assert.True(((Queue)architecture.Find("PipeFailures")!).IsDeadLetterQueue);
        Assert.False(((Queue)architecture.Find("Source")!).IsDeadLetterQueue);
    }
}
