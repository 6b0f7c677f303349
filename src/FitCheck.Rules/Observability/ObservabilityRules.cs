namespace FitCheck.Rules.Observability;

/// <summary>The rules of this section, in id order.</summary>
public static class ObservabilityRules
{
    public static IReadOnlyList<IRule> All { get; } =
    [
        new FunctionsHaveActiveTracing(),
        new RestApisHaveTracing(),
        new GraphqlApisHaveTracing(),
        new StateMachinesHaveTracing(),
        new StateMachinesHaveExecutionLogging(),
        new FunctionLogGroupsHaveRetention(),
        new LogGroupsHaveRetention(),
        new FunctionsWriteStructuredLogs(),
        new ApisHaveAccessLogs(),
        new ApiAccessLogsAreStructured(),
        new DeadLetterQueuesHaveAlarms(),
        new FunctionsHaveAlarms(),
        new StreamConsumersHaveIteratorAgeAlarms(),
        new ConsumedQueuesHaveBacklogAlarms(),
        new StateMachinesHaveFailureAlarms(),
        new AlarmsHaveActions(),
        new TemplatesWithFunctionsHaveDashboard(),
        new GraphqlApisLogResolverErrors(),
    ];
}
