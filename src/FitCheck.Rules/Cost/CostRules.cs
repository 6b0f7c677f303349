namespace FitCheck.Rules.Cost;

/// <summary>The rules of this section, in id order.</summary>
public static class CostRules
{
    public static IReadOnlyList<IRule> All { get; } =
    [
        new FunctionMemoryIsExplicit(),
        new FunctionTimeoutIsExplicit(),
        new FunctionTimeoutsStayBelowTheMaximum(),
        new FunctionsDoNotLogAtDebugLevel(),
        new QueueConsumersBoundTheirConcurrency(),
        new ReservedConcurrencyCoversQueueConcurrency(),
        new FunctionsRunOnArm64(),
        new RestApisUseRestFeatures(),
        new ApiStagesSetDefaultThrottling(),
        new ResourcesStayInOneRegion(),
        new RetryAmplificationWithinBounds(),
        new VerboseLogsLeaveOutPayloads(),
    ];
}
