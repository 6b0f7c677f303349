using FitCheck.Model;

namespace FitCheck.Rules;

/// <summary>How every rule names an API: an implicit one says which SAM events create it and where to configure it.</summary>
internal static class ApiNames
{
    /// <summary>"OrdersApi", or "ServerlessRestApi (the API SAM creates from the Api events of A, B; configure it in Globals.Api)".</summary>
    public static string Describe(Api api)
    {
        if (!api.IsImplicit)
        {
            return api.LogicalId;
        }

        var owners = api.Routes.Select(r => r.Target?.LogicalId).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        if (owners.Count == 0 && api.ImpliedBy is { } owner)
        {
            owners.Add(owner.LogicalId);
        }

        if (api.Template.Dialect == DialectIds.Serverless)
        {
            var (kind, place) = api.Protocol == ApiProtocol.Http ? ("httpApi", "provider.httpApi") : ("http", "provider.apiGateway");
            return $"{api.LogicalId} (the API the framework creates from the {kind} events of {RuleExtensions.NameList(owners, 3)}; configure it under {place})";
        }

        var events = api.Protocol == ApiProtocol.Http ? "HttpApi" : "Api";
        var globals = api.Protocol == ApiProtocol.Http ? "Globals.HttpApi" : "Globals.Api";
        return $"{api.LogicalId} (the API SAM creates from the {events} events of {RuleExtensions.NameList(owners, 3)}; configure it in {globals})";
    }
}
