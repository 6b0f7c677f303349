namespace FitCheck.Rules.State;

/// <summary>The rules of this section, in id order.</summary>
public static class StateRules
{
    public static IReadOnlyList<IRule> All { get; } =
    [
        new AsyncFunctionsHaveFailureDestination(),
        new StreamMappingsHaveFailureDestination(),
        new StreamMappingsBoundRetries(),
        new StreamMappingsBisectFailingBatches(),
        new QueuesHaveRedrivePolicy(),
        new SqsMappingsReportBatchItemFailures(),
        new SnsSubscriptionsHaveDeadLetterQueue(),
        new EventTargetsHaveDeadLetterQueue(),
        new QueueVisibilityTimeoutCoversConsumer(),
        new DeadLetterQueuesOutliveSource(),
        new TasksRetryErrors(),
        new TasksCatchErrors(),
        new WaitingTasksHaveTimeout(),
        new AtLeastOnceConsumersAreIdempotent(),
        new NoRecursiveTriggerLoops(),
        new FailurePathsDoNotDropSilently(),
        new DeadLetterQueuesAcceptTheirSender(),
        new SubscribedFunctionsAllowTheirInvoker(),
        new IotRulesHaveErrorAction(),
        new PipeStreamSourcesBoundRetries(),
        new LambdaTasksRetryThrottling(),
        new RetriesGiveUpInReasonableTime(),
        new SdkBatchWritesCheckFailures(),
    ];
}
