using System.Globalization;
using FitCheck.Model;

namespace FitCheck.Rules.State;

/// <summary>A retrier's backoff gives up within a time someone waits for.</summary>
public sealed class RetriesGiveUpInReasonableTime : IRule
{
    /// <summary>Above this total wait a Standard workflow's retrier is reported.</summary>
    public const int StandardLimitSeconds = 3_600;

    /// <summary>Above a day the finding is a warning rather than a note.</summary>
    public const int WarningSeconds = 86_400;

    private const string States = """
        SyncInventory:
          Type: Task
          Resource: arn:aws:states:::lambda:invoke
          Retry:
            - ErrorEquals: [States.ALL]
              IntervalSeconds: 5
              MaxAttempts: 6
              BackoffRate: 2
              MaxDelaySeconds: 60
              JitterStrategy: FULL
        """;

    private const string TerraformStates = """
        SyncInventory = {
          Type     = "Task"
          Resource = "arn:aws:states:::lambda:invoke"
          Retry = [{
            ErrorEquals     = ["States.ALL"]
            IntervalSeconds = 5
            MaxAttempts     = 6
            BackoffRate     = 2
            MaxDelaySeconds = 60
            JitterStrategy  = "FULL"
          }]
        }
        """;

    public RuleInfo Info { get; } = new(
        Id: "FC1021",
        Slug: "retries-give-up-in-reasonable-time",
        Title: "Step Functions retriers give up within a reasonable total wait",
        Section: Section.State,
        Severity: Severity.Note,
        Rationale: "A retrier waits IntervalSeconds × BackoffRate^i before attempt i + 1: a BackoffRate of 10 over 6 attempts from 5 s " +
                   "waits more than six days before the error reaches the Catch. The execution hangs, holds its callers, and an Express " +
                   "workflow is cut off at 5 minutes long before its retries end.",
        Remediation: "Lower BackoffRate or MaxAttempts, or cap each wait with MaxDelaySeconds, so the retries end within what the caller " +
                     "waits for; let the Catch handle what remains.",
        Snippet: "Definition:\n  States:\n" + string.Join('\n', States.Split('\n').Select(l => l.Length == 0 ? l : "    " + l)),
        Equivalents: [],
        Pillar: "reliability")
    {
        Fixes = WorkflowFixes.For("Lower BackoffRate or MaxAttempts, or cap each wait with MaxDelaySeconds", States, TerraformStates),
    };

    public IEnumerable<Finding> Evaluate(Architecture architecture)
    {
        foreach (var machine in architecture.OfType<StateMachine>())
        {
            var express = machine.WorkflowType is { IsKnown: true, Value: var type } && string.Equals(type, "EXPRESS", StringComparison.OrdinalIgnoreCase);
            if (!machine.WorkflowType.IsKnown)
            {
                continue;
            }

            var limit = express ? 300 : StandardLimitSeconds;
            foreach (var state in machine.States)
            {
                foreach (var retrier in state.Retriers)
                {
                    if (!retrier.IntervalSeconds.IsKnown || !retrier.MaxAttempts.IsKnown || !retrier.BackoffRate.IsKnown
                        || retrier.MaxDelaySeconds is { IsKnown: false })
                    {
                        continue;
                    }

                    var total = retrier.TotalWaitSeconds;
                    if (total <= limit)
                    {
                        continue;
                    }

                    var cap = retrier.MaxDelaySeconds is { } m ? $", MaxDelaySeconds {m.Value}" : "";
                    var consequence = express
                        ? "longer than the 5 minutes an Express execution may run, so the workflow is cut off before its retries end"
                        : "the execution hangs that long before the error reaches a Catch";
                    yield return this.Finding(machine,
                        $"Retry on {state.Path} in {machine.LogicalId} (IntervalSeconds {retrier.IntervalSeconds.Value}, BackoffRate " +
                        $"{retrier.BackoffRate.Value.ToString(CultureInfo.InvariantCulture)}, MaxAttempts {retrier.MaxAttempts.Value}{cap}) waits up to " +
                        $"{Duration(total)} in total between attempts: {consequence}.",
                        retrier.BackoffRate.IsConfigured ? retrier.BackoffRate.Span : retrier.Span) with
                    {
                        Severity = express || total > WarningSeconds ? Severity.Warning : Severity.Note,
                    };
                }
            }
        }
    }

    private static string Duration(decimal seconds) => seconds switch
    {
        >= 86_400m * 365m => "more than a year",
        >= 86_400m => $"{seconds.ToString("#,##0", CultureInfo.InvariantCulture)} s (about {Math.Round(seconds / 86_400m, 1).ToString(CultureInfo.InvariantCulture)} days)",
        >= 3_600m => $"{seconds.ToString("#,##0", CultureInfo.InvariantCulture)} s (about {Math.Round(seconds / 3_600m, 1).ToString(CultureInfo.InvariantCulture)} hours)",
        _ => $"{seconds.ToString("#,##0", CultureInfo.InvariantCulture)} s (about {Math.Round(seconds / 60m, 1).ToString(CultureInfo.InvariantCulture)} minutes)",
    };
}
