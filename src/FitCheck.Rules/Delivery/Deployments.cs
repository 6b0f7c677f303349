using FitCheck.Model;

namespace FitCheck.Rules.Delivery;

/// <summary>What the delivery rules share: which functions serve requests and which deployments shift traffic gradually.</summary>
internal static class Deployments
{
    /// <summary>The synchronous request sources of a function: API routes, AppSync resolvers, a function URL.</summary>
    public static IReadOnlyList<string> RequestSources(Function function)
    {
        var sources = function.Events
            .Where(e => e.Delivery.Mode == DeliveryMode.Synchronous && (e.Source is Api || e.Delivery.Kind.IsApi()))
            .Select(e => e.SourceText)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (function.Url is not null)
        {
            sources.Add("its function URL");
        }

        return sources;
    }

    /// <summary>An enabled DeploymentPreference whose type is known: the one the rules judge.</summary>
    public static DeploymentSettings? Active(Function function) =>
        function.Deployment is { } d && d.Enabled is { IsKnown: true, Value: true } && d.Type.IsKnown ? d : null;

    public static bool IsAllAtOnce(DeploymentSettings deployment) =>
        string.Equals(deployment.Type.Value, "AllAtOnce", StringComparison.OrdinalIgnoreCase);

    /// <summary>Canary or linear (predefined or custom CodeDeploy configuration).</summary>
    public static bool IsGradual(DeploymentSettings deployment) => deployment.Type.Value is not null && !IsAllAtOnce(deployment);
}
