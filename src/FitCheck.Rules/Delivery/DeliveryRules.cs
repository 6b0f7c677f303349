namespace FitCheck.Rules.Delivery;

/// <summary>The rules of this section, in id order.</summary>
public static class DeliveryRules
{
    public static IReadOnlyList<IRule> All { get; } =
    [
        new RequestServingFunctionsDeployGradually(),
        new DeploymentsAreNotAllAtOnce(),
        new DeploymentsHaveRollbackAlarms(),
        new DeploymentsHavePreTrafficHook(),
        new RuntimesAreSupported(),
        new ExternalResourcesArePassedIn(),
    ];
}
