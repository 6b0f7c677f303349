using FitCheck.Model;

namespace FitCheck.Rules.State;

/// <summary>A consumer that can see an event twice and writes state should show how it avoids doing the work twice.</summary>
public sealed class AtLeastOnceConsumersAreIdempotent : IRule
{
    private static readonly HashSet<EventSourceKind> AtLeastOnceSources =
    [
        EventSourceKind.Sqs, EventSourceKind.Sns, EventSourceKind.EventBridgeRule, EventSourceKind.Kinesis, EventSourceKind.DynamoDB,
        EventSourceKind.Msk, EventSourceKind.SelfManagedKafka, EventSourceKind.Stream, EventSourceKind.DocumentDB, EventSourceKind.MQ,
    ];

    private static readonly string[] Hints = ["idempot", "dedup"];

    public RuleInfo Info { get; } = new(
        Id: "FC1014",
        Slug: "at-least-once-consumers-are-idempotent",
        Title: "Consumers of at-least-once sources that write state show an idempotency store",
        Section: Section.State,
        Severity: Severity.Note,
        Rationale: "SQS, SNS, EventBridge and stream sources deliver at least once, and Lambda retries failed batches and " +
                   "events: the same message reaches the function more than once. A function that writes rows, objects or " +
                   "messages for each event then writes them twice unless it records what it already handled.",
        Remediation: "Make the handler idempotent: record each event's id in an idempotency table (for example with Powertools " +
                     "for AWS Lambda idempotency utility) or use conditional writes keyed by the event id; name the table so the design shows it.",
        Snippet: """
            IdempotencyTable:
              Type: AWS::DynamoDB::Table
              Properties:
                BillingMode: PAY_PER_REQUEST
                AttributeDefinitions: [{AttributeName: id, AttributeType: S}]
                KeySchema: [{AttributeName: id, KeyType: HASH}]
                TimeToLiveSpecification: {AttributeName: expiration, Enabled: true}
            Worker:
              Type: AWS::Serverless::Function
              Properties:
                Environment:
                  Variables:
                    IDEMPOTENCY_TABLE: !Ref IdempotencyTable
                Policies:
                  - DynamoDBCrudPolicy: {TableName: !Ref IdempotencyTable}
            """,
        Equivalents: [],
        Pillar: "reliability")
    {
        Fixes = new Dictionary<string, RuleFix>(StringComparer.Ordinal)
        {
            [FixWords.Terraform] = new(
                "Make the handler idempotent: record each event's id in an idempotency table (for example with the Powertools for AWS Lambda idempotency utility) or use conditional writes keyed by the event id; pass the table in the function's environment so the design shows it.",
                """
                resource "aws_dynamodb_table" "idempotency" {
                  name         = "orders-idempotency"
                  billing_mode = "PAY_PER_REQUEST"
                  hash_key     = "id"

                  attribute {
                    name = "id"
                    type = "S"
                  }

                  ttl {
                    attribute_name = "expiration"
                    enabled        = true
                  }
                }

                resource "aws_lambda_function" "worker" {
                  # ...
                  environment {
                    variables = {
                      IDEMPOTENCY_TABLE = aws_dynamodb_table.idempotency.name
                    }
                  }
                }
                """),
            [FixWords.Serverless] = new(
                "Make the handler idempotent: record each event's id in an idempotency table (for example with the Powertools for AWS Lambda idempotency utility) or use conditional writes keyed by the event id; declare the table under resources and pass it in the function's environment so the design shows it.",
                """
                functions:
                  worker:
                    handler: worker.handler
                    environment:
                      IDEMPOTENCY_TABLE: !Ref IdempotencyTable
                resources:
                  Resources:
                    IdempotencyTable:
                      Type: AWS::DynamoDB::Table
                      Properties:
                        BillingMode: PAY_PER_REQUEST
                        AttributeDefinitions: [{AttributeName: id, AttributeType: S}]
                        KeySchema: [{AttributeName: id, KeyType: HASH}]
                        TimeToLiveSpecification: {AttributeName: expiration, Enabled: true}
                """),
        },
    };

    public IEnumerable<Finding> Evaluate(Architecture architecture)
    {
        foreach (var function in architecture.OfType<Function>())
        {
            var triggers = function.Events.Where(e => AtLeastOnceSources.Contains(e.Delivery.Kind)).ToList();
            if (triggers.Count == 0)
            {
                continue;
            }

            var flows = architecture.FlowsFrom(function).ToList();
            // Duplicate state is the risk: writes to a table or bucket. Republishing to a queue or topic only passes the
            // duplicate on, and the consumer there is judged on its own.
            var writes = flows.Where(f => f.Kind is FlowKind.Writes && f.To is Table or Bucket).ToList();
            if (writes.Count == 0 || HasIdempotencyEvidence(function, flows))
            {
                continue;
            }

            var sources = string.Join(", ", triggers.Select(e => $"{function.SourceKind(e.Delivery.Source)} ({e.Source?.LogicalId ?? function.Reference(e.SourceText)})").Distinct());
            var targets = string.Join(", ", writes.Select(f => f.To.LogicalId).Distinct());
            yield return this.Finding(function,
                $"{function.LogicalId} is triggered by {sources}, which can deliver the same event twice, and writes to {targets}; " +
                "fitcheck found no idempotency store: no table it uses is named for idempotency or deduplication, and no " +
                "environment variable names one. If the writes are naturally idempotent (overwrites by key, conditional writes), suppress this note.",
                function.Span,
                [.. triggers.Select(e => new RelatedLocation(e.Span, $"at-least-once source {e.Name}")),
                 .. writes.Select(f => new RelatedLocation(f.Span, $"{f.Kind.Name()} {f.To.LogicalId}"))]);
        }
    }

    private static bool HasIdempotencyEvidence(Function function, List<Flow> flows)
    {
        if (flows.Any(f => f.To is Table t && (Mentions(t.LogicalId) || Mentions(t.PhysicalName))))
        {
            return true;
        }

        return function.Environment.Values.Any(v => Mentions(v.Name) || Mentions(v.Literal) || Mentions(v.Reference?.Target?.LogicalId));
    }

    private static bool Mentions(string? text) =>
        text is not null && Hints.Any(h => text.Contains(h, StringComparison.OrdinalIgnoreCase));
}
