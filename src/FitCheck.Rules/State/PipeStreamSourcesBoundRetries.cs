using FitCheck.Model;

namespace FitCheck.Rules.State;

/// <summary>A pipe that reads a Kinesis or DynamoDB stream bounds its retries and keeps the records it gives up on.</summary>
public sealed class PipeStreamSourcesBoundRetries : IRule
{
    public RuleInfo Info { get; } = new(
        Id: "FC1019",
        Slug: "pipe-stream-sources-bound-retries",
        Title: "EventBridge Pipes reading a stream bound their retries and keep discarded records",
        Section: Section.State,
        Severity: Severity.Warning,
        Rationale: "A pipe reading a Kinesis or DynamoDB stream retries a failing batch until its records expire by default " +
                   "(MaximumRetryAttempts and MaximumRecordAgeInSeconds -1): one bad record blocks its shard for up to a day or the " +
                   "stream's retention, and the records it then drops are gone. A bounded retry with a DeadLetterConfig keeps the shard " +
                   "moving and the failed batch.",
        Remediation: "On the stream's source parameters set MaximumRetryAttempts (and, for old records, MaximumRecordAgeInSeconds) and a " +
                     "DeadLetterConfig naming an SQS queue (or SNS topic) that keeps what the pipe gives up on.",
        Snippet: """
            OrdersPipe:
              Type: AWS::Pipes::Pipe
              Properties:
                RoleArn: !GetAtt PipeRole.Arn
                Source: !GetAtt OrdersTable.StreamArn
                SourceParameters:
                  DynamoDBStreamParameters:
                    StartingPosition: LATEST
                    MaximumRetryAttempts: 5
                    DeadLetterConfig:
                      Arn: !GetAtt OrdersPipeDlq.Arn
                Target: !GetAtt Process.Arn
            """,
        Equivalents: [],
        Pillar: "reliability")
    {
        Fixes = new Dictionary<string, RuleFix>(StringComparer.Ordinal)
        {
            [FixWords.Terraform] = new(
                "In source_parameters, set maximum_retry_attempts (and maximum_record_age_in_seconds) and a dead_letter_config on the " +
                "kinesis_stream_parameters or dynamodb_stream_parameters block of the aws_pipes_pipe.",
                """
                resource "aws_pipes_pipe" "orders" {
                  name     = "orders"
                  role_arn = aws_iam_role.pipe.arn
                  source   = aws_dynamodb_table.orders.stream_arn
                  target   = aws_lambda_function.process.arn

                  source_parameters {
                    dynamodb_stream_parameters {
                      starting_position      = "LATEST"
                      maximum_retry_attempts = 5
                      dead_letter_config {
                        arn = aws_sqs_queue.orders_pipe_dlq.arn
                      }
                    }
                  }
                }
                """),
            [FixWords.Serverless] = new(
                "Pipes are declared under resources.Resources: set MaximumRetryAttempts and a DeadLetterConfig on the stream's source parameters.",
                """
                resources:
                  Resources:
                    OrdersPipe:
                      Type: AWS::Pipes::Pipe
                      Properties:
                        RoleArn: !GetAtt PipeRole.Arn
                        Source: !GetAtt OrdersTable.StreamArn
                        SourceParameters:
                          DynamoDBStreamParameters:
                            StartingPosition: LATEST
                            MaximumRetryAttempts: 5
                            DeadLetterConfig:
                              Arn: !GetAtt OrdersPipeDlq.Arn
                        Target: !GetAtt ProcessLambdaFunction.Arn
                """),
        },
    };

    public IEnumerable<Finding> Evaluate(Architecture architecture)
    {
        foreach (var pipe in architecture.OfType<Pipe>())
        {
            // SQS sources are retried by the queue and kept by its redrive policy (FC1005); brokers and Kafka are out of scope.
            if (pipe.SourceKind is not (EventSourceKind.Kinesis or EventSourceKind.DynamoDB)
                || pipe.MaximumRetryAttempts is not { IsKnown: true } retries || pipe.MaximumRecordAgeSeconds is not { IsKnown: true } age)
            {
                continue;
            }

            var unbounded = retries.Value < 0 && age.Value < 0;
            var noDeadLetter = pipe.DeadLetter is null;
            if (!unbounded && !noDeadLetter)
            {
                continue;
            }

            var source = pipe.Source?.Target?.LogicalId ?? pipe.Source?.Text ?? "its stream";
            var kind = pipe.SourceKind == EventSourceKind.Kinesis ? "Kinesis stream" : "DynamoDB stream";
            var retryWord = pipe.Word("MaximumRetryAttempts");
            var deadLetterWord = pipe.Word("DeadLetterConfig");
            var message = (unbounded, noDeadLetter) switch
            {
                (true, true) => $"Pipe {pipe.LogicalId} reads the {kind} {source} with {retryWord} {retries.Describe(pipe)} and no {deadLetterWord}: " +
                                "a failing batch is retried until its records expire, blocking the shard, and then dropped.",
                (true, false) => $"Pipe {pipe.LogicalId} reads the {kind} {source} with {retryWord} {retries.Describe(pipe)}: a failing batch is " +
                                 "retried until its records expire, blocking the shard, before it reaches the dead-letter queue.",
                _ => $"Pipe {pipe.LogicalId} reads the {kind} {source} with no {deadLetterWord}: after {RetryText(retries, age)} a failing batch is dropped.",
            };
            var at = unbounded ? (retries.IsConfigured ? retries.Span : pipe.SourceParametersSpan) : pipe.SourceParametersSpan;
            yield return this.Finding(pipe, message, at);
        }
    }

    private static string RetryText(Setting<int> retries, Setting<int> age) =>
        retries.Value >= 0 ? $"{retries.Value} retries" : $"{age.Value} s (MaximumRecordAgeInSeconds)";
}
