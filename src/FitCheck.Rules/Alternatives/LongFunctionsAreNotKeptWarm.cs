using FitCheck.Model;
using FitCheck.Analysis.Design;

namespace FitCheck.Rules.Alternatives;

/// <summary>Provisioned concurrency on a long-running function is an always-on server paid at Lambda prices.</summary>
public sealed class LongFunctionsAreNotKeptWarm : IRule
{
    public RuleInfo Info { get; } = new(
        Id: "FC8001",
        Slug: "long-functions-are-not-kept-warm",
        Title: "Long-running functions are not kept warm with provisioned concurrency",
        Section: Section.Alternatives,
        Severity: Severity.Note,
        Rationale: "Provisioned concurrency is billed every second of the month whether used or not. On a function that runs for up to " +
                   "15 minutes it buys always-on capacity for sustained compute, which a container or batch job provides for less and " +
                   "without the 15-minute limit.",
        Remediation: "Run the job as an ECS task on Fargate or an AWS Batch job started by the same schedule or event; or drop provisioned " +
                     "concurrency, since cold starts matter little to a job that runs for minutes.",
        Snippet: """
            ReconcileTask:
              Type: AWS::Scheduler::Schedule
              Properties:
                ScheduleExpression: cron(0 2 * * ? *)
                Target:
                  Arn: !GetAtt Cluster.Arn
                  EcsParameters: { TaskDefinitionArn: !Ref ReconcileTaskDefinition, LaunchType: FARGATE }
            """,
        Equivalents: [],
        Pillar: "cost-optimization");

    public IEnumerable<Finding> Evaluate(Architecture architecture)
    {
        foreach (var f in architecture.OfType<Function>())
        {
            if (f.ProvisionedConcurrency is { IsKnown: true, Value: > 0 } pc && f.TimeoutSeconds is { IsKnown: true, Value: >= FitEvidence.LongFunctionSeconds } t)
            {
                yield return this.Finding(f,
                    $"{f.LogicalId} keeps {pc.Value} environments provisioned all month for work that may run {t.Describe()} s: " +
                    "sustained compute fits a container or batch job better.",
                    pc.Span,
                    new RelatedLocation(t.Span, "the 15-minute timeout"));
            }
        }
    }
}
