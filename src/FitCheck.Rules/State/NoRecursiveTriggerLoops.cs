using FitCheck.Model;

namespace FitCheck.Rules.State;

/// <summary>A function must not feed the bucket, queue or topic that triggers it.</summary>
public sealed class NoRecursiveTriggerLoops : IRule
{
    public RuleInfo Info { get; } = new(
        Id: "FC1015",
        Slug: "no-recursive-trigger-loops",
        Title: "Functions do not write to the bucket, queue or topic that triggers them",
        Section: Section.State,
        Severity: Severity.Warning,
        Rationale: "A function that writes to its own trigger can invoke itself without end: each write is a new event. " +
                   "Lambda's recursive loop detection stops SQS, SNS and S3 loops only after about 16 rounds, and every round is billed.",
        Remediation: "Write to a different bucket, queue or topic; for S3, at least filter the trigger on a prefix or suffix the " +
                     "function never writes, and keep the function's RecursiveLoop setting at Terminate.",
        Snippet: """
            Events:
              Upload:
                Type: S3
                Properties:
                  Bucket: !Ref Uploads
                  Events: s3:ObjectCreated:*
            Policies:
              - S3WritePolicy:
                  BucketName: !Ref Thumbnails   # not the Uploads bucket
            """,
        Equivalents: [],
        Pillar: "cost-optimization")
    {
        Fixes = new Dictionary<string, RuleFix>(StringComparer.Ordinal)
        {
            [FixWords.Terraform] = new(
                "Write to a different bucket, queue or topic; for S3, at least give the lambda_function block of the aws_s3_bucket_notification a filter_prefix or filter_suffix the function never writes.",
                """
                resource "aws_s3_bucket_notification" "uploads" {
                  bucket = aws_s3_bucket.uploads.id

                  lambda_function {
                    lambda_function_arn = aws_lambda_function.thumbnail.arn
                    events              = ["s3:ObjectCreated:*"]
                    filter_prefix       = "incoming/" # the function writes elsewhere
                  }
                }
                """),
            [FixWords.Serverless] = new(
                "Write to a different bucket, queue or topic; for S3, at least give the s3 event rules with a prefix or suffix the function never writes.",
                """
                functions:
                  thumbnail:
                    handler: thumbnail.handler
                    events:
                      - s3:
                          bucket: uploads
                          event: s3:ObjectCreated:*
                          rules:
                            - prefix: incoming/ # the function writes elsewhere
                """),
        },
    };

    public IEnumerable<Finding> Evaluate(Architecture architecture)
    {
        foreach (var function in architecture.OfType<Function>())
        {
            var reported = new HashSet<Component>(ReferenceEqualityComparer.Instance);
            foreach (var ev in function.Events)
            {
                if (ev.Source is not (Bucket or Queue or Topic) || !reported.Add(ev.Source))
                {
                    continue;
                }

                var back = architecture.FlowsFrom(function).FirstOrDefault(f => ReferenceEquals(f.To, ev.Source)
                    && f.Kind is FlowKind.Writes or FlowKind.Publishes or FlowKind.OnSuccess or FlowKind.OnFailure or FlowKind.DeadLetter);
                if (back is null)
                {
                    continue;
                }

                var filterNote = ev.Source is Bucket ? " (unless the trigger's prefix or suffix filter excludes what it writes)" : "";
                yield return this.Finding(function,
                    $"{function.LogicalId} is triggered by {ev.Source.LogicalId} and also {Verb(back.Kind)} it ({back.Via}): each write can " +
                    $"trigger it again{filterNote}.",
                    ev.Span,
                    new RelatedLocation(back.Span, $"{back.Kind.Name()} {ev.Source.LogicalId}"));
            }
        }
    }

    private static string Verb(FlowKind kind) => kind switch
    {
        FlowKind.Writes => "writes to",
        FlowKind.Publishes => "publishes to",
        FlowKind.OnSuccess => "sends its results to",
        _ => "sends its failures to",
    };
}
