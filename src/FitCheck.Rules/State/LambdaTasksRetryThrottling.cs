using FitCheck.Model;

namespace FitCheck.Rules.State;

/// <summary>A Lambda task that retries some errors retries the throttle too.</summary>
public sealed class LambdaTasksRetryThrottling : IRule
{
    private const string States = """
        ChargeCard:
          Type: Task
          Resource: arn:aws:states:::lambda:invoke
          Retry:
            - ErrorEquals: [Lambda.TooManyRequestsException, Lambda.ServiceException, Lambda.AWSLambdaException, Lambda.SdkClientException]
              IntervalSeconds: 2
              MaxAttempts: 6
              BackoffRate: 2
              JitterStrategy: FULL
        """;

    private const string TerraformStates = """
        ChargeCard = {
          Type     = "Task"
          Resource = "arn:aws:states:::lambda:invoke"
          Retry = [{
            ErrorEquals     = ["Lambda.TooManyRequestsException", "Lambda.ServiceException", "Lambda.AWSLambdaException", "Lambda.SdkClientException"]
            IntervalSeconds = 2
            MaxAttempts     = 6
            BackoffRate     = 2
            JitterStrategy  = "FULL"
          }]
        }
        """;

    /// <summary>Error names whose retrier retries a throttled invoke.</summary>
    private static readonly HashSet<string> CoversThrottling = new(StringComparer.Ordinal)
    {
        "States.ALL", "States.TaskFailed", "Lambda.TooManyRequestsException", "Lambda.ServiceException",
    };

    public RuleInfo Info { get; } = new(
        Id: "FC1020",
        Slug: "lambda-tasks-retry-throttling",
        Title: "Step Functions Lambda tasks that retry also retry throttling",
        Section: Section.State,
        Severity: Severity.Warning,
        Rationale: "A Retry list that names only the function's own errors leaves out Lambda.TooManyRequestsException: when the " +
                   "account or the function hits its concurrency limit, the task fails at once, the error most worth retrying with backoff.",
        Remediation: "Add Lambda.TooManyRequestsException (with Lambda.ServiceException, Lambda.AWSLambdaException and " +
                     "Lambda.SdkClientException) to a retrier with backoff and jitter.",
        Snippet: "Definition:\n  States:\n" + string.Join('\n', States.Split('\n').Select(l => l.Length == 0 ? l : "    " + l)),
        Equivalents: [],
        Pillar: "reliability")
    {
        Fixes = WorkflowFixes.For("Add Lambda.TooManyRequestsException (with Lambda.ServiceException, Lambda.AWSLambdaException and " +
                                  "Lambda.SdkClientException) to a retrier with backoff and jitter", States, TerraformStates),
    };

    public IEnumerable<Finding> Evaluate(Architecture architecture)
    {
        foreach (var machine in architecture.OfType<StateMachine>())
        {
            foreach (var state in machine.States)
            {
                // A task with no Retry at all is FC1011's; an unreadable error name keeps the rule silent.
                if (state.Type != "Task" || state.Service != "lambda" || state.Retriers.Count == 0
                    || state.Retriers.Any(r => r.ErrorEquals.Any(e => CoversThrottling.Contains(e) || e == "?")))
                {
                    continue;
                }

                var named = RuleExtensions.NameList(state.Retriers.SelectMany(r => r.ErrorEquals));
                yield return this.Finding(machine,
                    $"Lambda task {state.Path} in {machine.LogicalId} retries only {named}: a throttled invoke " +
                    "(Lambda.TooManyRequestsException) fails the task without a retry.",
                    state.Retriers[0].Span);
            }
        }
    }
}
