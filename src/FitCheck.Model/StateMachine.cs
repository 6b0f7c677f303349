namespace FitCheck.Model;

/// <summary>A Step Functions state machine and its states.</summary>
public sealed class StateMachine(string logicalId, string type, TemplateInfo template, SourceSpan span)
    : Component(logicalId, type, ComponentKind.StateMachine, template, span)
{
    /// <summary>STANDARD (the default) or EXPRESS.</summary>
    public required Setting<string> WorkflowType { get; set; }
    public required Setting<bool> TracingEnabled { get; set; }
    /// <summary>ALL, ERROR, FATAL or OFF (the default).</summary>
    public required Setting<string> LoggingLevel { get; set; }
    /// <summary>True when execution logs carry each state's input and output (<c>LoggingConfiguration.IncludeExecutionData</c>, false by default).</summary>
    public Setting<bool> LogIncludesExecutionData { get; set; } = new(false, SettingOrigin.ServiceDefault, span);
    /// <summary>The fields Choice states test (the last segment of each <c>Variable</c> path, and the names a JSONata
    /// <c>Condition</c> mentions), so a rule can ask whether a result field is ever checked.</summary>
    public HashSet<string> ChoiceFields { get; } = new(StringComparer.Ordinal);
    /// <summary>True when the definition could be read (inline, or a local file).</summary>
    public bool DefinitionKnown { get; set; }
    public List<WorkflowState> States { get; } = [];

    /// <summary>What starts executions (schedules, rules, APIs, pipes).</summary>
    public List<EventSource> Events { get; } = [];
}

/// <summary>A state of a workflow definition.</summary>
/// <param name="Path">The state's path through Map and Parallel states, such as <c>Process/Iterator/Charge</c>.</param>
/// <param name="Resource">The Task resource ARN as written (after substitution where it could be resolved).</param>
public sealed record WorkflowState(string Name, string Path, string Type, string? Resource, Component? Target, SourceSpan Span)
{
    public bool HasRetry { get; init; }
    public bool HasCatch { get; init; }
    /// <summary>The largest MaxAttempts over the Retry entries (3 when a retrier omits it).</summary>
    public int MaxRetryAttempts { get; init; }
    public Setting<int>? TimeoutSeconds { get; init; }
    public Setting<int>? HeartbeatSeconds { get; init; }
    /// <summary>The integration pattern: request-response, sync (<c>.sync</c>) or callback (<c>.waitForTaskToken</c>).</summary>
    public string IntegrationPattern { get; init; } = "request-response";
    /// <summary>The service integrated with (lambda, dynamodb, sqs, sns, events, states, ecs...).</summary>
    public string? Service { get; init; }
    /// <summary>The API action of an SDK or optimised integration (putItem, sendMessage, invoke...).</summary>
    public string? Action { get; init; }
    /// <summary>For Choice states that loop back to an earlier Wait state: a polling loop.</summary>
    public bool IsPollingLoop { get; init; }
    /// <summary>The state's Retry entries, in order.</summary>
    public IReadOnlyList<Retrier> Retriers { get; init; } = [];
}

/// <summary>One entry of a state's <c>Retry</c> list, with the Step Functions defaults applied (IntervalSeconds 1,
/// MaxAttempts 3, BackoffRate 2, no MaxDelaySeconds).</summary>
/// <param name="ErrorEquals">The error names it matches (<c>States.ALL</c>, <c>Lambda.TooManyRequestsException</c>...).</param>
public sealed record Retrier(IReadOnlyList<string> ErrorEquals, Setting<int> IntervalSeconds, Setting<int> MaxAttempts, Setting<decimal> BackoffRate,
    Setting<int>? MaxDelaySeconds, SourceSpan Span)
{
    /// <summary>The longest total wait between the attempts: the sum over i &lt; MaxAttempts of IntervalSeconds × BackoffRate^i,
    /// each wait capped at MaxDelaySeconds when set (jitter only shortens waits).</summary>
    public decimal TotalWaitSeconds
    {
        get
        {
            // Past a thousand attempts every wait is at its cap (MaxDelaySeconds, a BackoffRate of 1 or the 10^9 s ceiling):
            // the rest is one multiplication, so a hostile MaxAttempts (up to 99,999,999) costs nothing.
            decimal total = 0m, wait = Math.Max(IntervalSeconds.Value, 0), capped = 0m;
            var attempts = Math.Max(MaxAttempts.Value, 0);
            for (var i = 0; i < Math.Min(attempts, 1_000); i++)
            {
                capped = MaxDelaySeconds is { Value: > 0 } cap ? Math.Min(wait, cap.Value) : wait;
                total += capped;
                wait = Math.Min(wait * Math.Max(BackoffRate.Value, 0m), 1_000_000_000m);
            }

            return total + Math.Max(attempts - 1_000, 0) * capped;
        }
    }
}
