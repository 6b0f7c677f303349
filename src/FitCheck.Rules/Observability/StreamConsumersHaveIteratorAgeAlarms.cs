using FitCheck.Analysis.Design;
using FitCheck.Model;

namespace FitCheck.Rules.Observability;

/// <summary>Functions that read Kinesis or DynamoDB streams alarm on iterator age.</summary>
public sealed class StreamConsumersHaveIteratorAgeAlarms : IRule
{
    public RuleInfo Info { get; } = new(
        Id: "FC3013",
        Slug: "stream-consumers-have-iterator-age-alarms",
        Title: "Stream consumers have an iterator age alarm",
        Section: Section.Observability,
        Severity: Severity.Warning,
        Rationale: "A stream consumer that keeps failing on one batch, or cannot keep up, blocks its shard silently: the function " +
                   "may show few errors while IteratorAge climbs towards the stream's retention, after which records are lost.",
        Remediation: "Add an alarm on the function's IteratorAge metric (AWS/Lambda, Maximum) with a threshold well below the stream retention.",
        Snippet: """
            OrdersConsumerIteratorAge:
              Type: AWS::CloudWatch::Alarm
              Properties:
                Namespace: AWS/Lambda
                MetricName: IteratorAge
                Dimensions:
                  - Name: FunctionName
                    Value: !Ref OrdersConsumer
                Statistic: Maximum
                Period: 60
                EvaluationPeriods: 5
                Threshold: 600000
                ComparisonOperator: GreaterThanThreshold
                AlarmActions: [!Ref OpsTopic]
            """,
        Equivalents: [],
        Pillar: "reliability")
    {
        Fixes = new Dictionary<string, RuleFix>(StringComparer.Ordinal)
        {
            [FixWords.Terraform] = new(
                "Add an aws_cloudwatch_metric_alarm on the function's IteratorAge metric (AWS/Lambda, Maximum) with a threshold well below the stream retention.",
                """
                resource "aws_cloudwatch_metric_alarm" "orders_consumer_iterator_age" {
                  alarm_name          = "orders-consumer-iterator-age"
                  namespace           = "AWS/Lambda"
                  metric_name         = "IteratorAge"
                  dimensions          = { FunctionName = aws_lambda_function.orders_consumer.function_name }
                  statistic           = "Maximum"
                  period              = 60
                  evaluation_periods  = 5
                  threshold           = 600000
                  comparison_operator = "GreaterThanThreshold"
                  alarm_actions       = [aws_sns_topic.ops.arn]
                }
                """),
            [FixWords.Serverless] = new(
                "Add an AWS::CloudWatch::Alarm on the function's IteratorAge metric (AWS/Lambda, Maximum) under resources.Resources, with a threshold well below the stream retention.",
                """
                resources:
                  Resources:
                    OrdersConsumerIteratorAge:
                      Type: AWS::CloudWatch::Alarm
                      Properties:
                        Namespace: AWS/Lambda
                        MetricName: IteratorAge
                        Dimensions:
                          - Name: FunctionName
                            Value: !Ref OrdersConsumerLambdaFunction
                        Statistic: Maximum
                        Period: 60
                        EvaluationPeriods: 5
                        Threshold: 600000
                        ComparisonOperator: GreaterThanThreshold
                        AlarmActions: [!Ref OpsTopic]
                """),
        },
    };

    public IEnumerable<Finding> Evaluate(Architecture architecture)
    {
        foreach (var function in architecture.OfType<Function>())
        {
            foreach (var source in function.Events.Where(IsKinesisOrDynamoDbStream))
            {
                if (Alarms.AnyWatching(architecture, function, IsIteratorAge)
                    || (source.Source is { } stream && Watched(architecture, stream)))
                {
                    continue;
                }

                yield return this.Finding(function,
                    $"{function.LogicalId} reads the {source.Delivery.Source} stream {source.Source?.LogicalId ?? function.Reference(source.SourceText)} but no alarm watches its IteratorAge: a stuck or slow shard goes unnoticed until records expire.",
                    source.Span,
                    function.Related($"function {function.LogicalId}"));
            }
        }
    }

    private static bool IsKinesisOrDynamoDbStream(EventSource e) =>
        e.Delivery.Mode == DeliveryMode.StreamPolling
        && (e.Delivery.Kind is EventSourceKind.Kinesis or EventSourceKind.DynamoDB
            || e.SourceText.Contains(":kinesis:", StringComparison.Ordinal) || e.SourceText.Contains(":dynamodb:", StringComparison.Ordinal));

    private static bool IsIteratorAge(string metric) => metric.Contains("IteratorAge", StringComparison.Ordinal);

    // Kinesis publishes GetRecords.IteratorAgeMilliseconds on the stream itself.
    private static bool Watched(Architecture architecture, Component stream) =>
        Alarms.Watching(architecture, stream).Any(a => a.MetricName is { } m && IsIteratorAge(m));
}
