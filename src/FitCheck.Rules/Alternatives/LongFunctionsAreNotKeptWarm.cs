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
        Pillar: "cost-optimization")
    {
        Fixes = new Dictionary<string, RuleFix>(StringComparer.Ordinal)
        {
            [FixWords.Terraform] = new(
                "Run the job as an ECS task on Fargate or an AWS Batch job started by the same schedule or event (an aws_scheduler_schedule with ecs_parameters); or drop the aws_lambda_provisioned_concurrency_config, since cold starts matter little to a job that runs for minutes.",
                """
                resource "aws_scheduler_schedule" "reconcile" {
                  name                = "reconcile"
                  schedule_expression = "cron(0 2 * * ? *)"
                  flexible_time_window { mode = "OFF" }

                  target {
                    arn      = aws_ecs_cluster.jobs.arn
                    role_arn = aws_iam_role.scheduler.arn
                    ecs_parameters {
                      task_definition_arn = aws_ecs_task_definition.reconcile.arn
                      launch_type         = "FARGATE"
                    }
                  }
                }
                """),
            [FixWords.Serverless] = new(
                "Drop provisionedConcurrency from the function, since cold starts matter little to a job that runs for minutes; or run the job as an ECS task on Fargate or an AWS Batch job started by the same schedule (declared under resources).",
                """
                functions:
                  reconcile:
                    handler: reconcile.handler
                    # no provisionedConcurrency
                    events:
                      - schedule: cron(0 2 * * ? *)
                """),
        },
    };

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
