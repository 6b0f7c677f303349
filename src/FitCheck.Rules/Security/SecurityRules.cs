namespace FitCheck.Rules.Security;

/// <summary>The rules of this section, in id order.</summary>
public static class SecurityRules
{
    public static IReadOnlyList<IRule> All { get; } =
    [
        new PoliciesNameTheirActions(),
        new FunctionRolesAvoidBroadManagedPolicies(),
        new FunctionsHaveTheirOwnRole(),
        new RuntimeRolesHoldNoDeployPermissions(),
        new SecretsComeFromASecretStore(),
        new ServicePermissionsNameTheirSource(),
        new FunctionUrlsRequireAuth(),
        new ApiRoutesRequireAuthorization(),
        new ResourcePoliciesStayInTheOrganization(),
        new RestApisValidateRequests(),
        new PoliciesScopeSensitiveActions(),
        new EnvironmentCarriesNoCredentials(),
        new WebSocketConnectionsRequireAuthorization(),
        new GraphqlMutationsNeedMoreThanAnApiKey(),
        new PasswordAuthClientsRequireMfa(),
    ];
}
