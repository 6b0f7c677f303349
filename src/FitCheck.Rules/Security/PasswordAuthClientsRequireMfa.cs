using FitCheck.Model;

namespace FitCheck.Rules.Security;

/// <summary>A Cognito app client that accepts a plain password does so for a pool that asks for a second factor.</summary>
public sealed class PasswordAuthClientsRequireMfa : IRule
{
    public RuleInfo Info { get; } = new(
        Id: "FC2015",
        Slug: "password-auth-clients-require-mfa",
        Title: "Cognito app clients that accept plain passwords belong to a pool with MFA",
        Section: Section.Security,
        Severity: Severity.Note,
        Rationale: "ALLOW_USER_PASSWORD_AUTH sends the password itself to Cognito (SRP never does) and lets anyone with a leaked or " +
                   "guessed password sign in with one call; with MfaConfiguration OFF nothing else stands in the way.",
        Remediation: "Use ALLOW_USER_SRP_AUTH (and ALLOW_REFRESH_TOKEN_AUTH) unless a migration needs plain passwords, and set the " +
                     "pool's MfaConfiguration to ON or OPTIONAL.",
        Snippet: """
            UserPool:
              Type: AWS::Cognito::UserPool
              Properties:
                MfaConfiguration: OPTIONAL
                EnabledMfas: [SOFTWARE_TOKEN_MFA]
            AppClient:
              Type: AWS::Cognito::UserPoolClient
              Properties:
                UserPoolId: !Ref UserPool
                ExplicitAuthFlows:
                  - ALLOW_USER_SRP_AUTH
                  - ALLOW_REFRESH_TOKEN_AUTH
            """,
        Equivalents: [],
        Pillar: "security")
    {
        SecuritySeverity = 4.0,
        Fixes = new Dictionary<string, RuleFix>(StringComparer.Ordinal)
        {
            [FixWords.Terraform] = new(
                "List ALLOW_USER_SRP_AUTH instead of ALLOW_USER_PASSWORD_AUTH in explicit_auth_flows of the aws_cognito_user_pool_client, " +
                "and set mfa_configuration to ON or OPTIONAL on the aws_cognito_user_pool.",
                """
                resource "aws_cognito_user_pool" "users" {
                  name              = "users"
                  mfa_configuration = "OPTIONAL"
                  software_token_mfa_configuration {
                    enabled = true
                  }
                }

                resource "aws_cognito_user_pool_client" "web" {
                  name                = "web"
                  user_pool_id        = aws_cognito_user_pool.users.id
                  explicit_auth_flows = ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
                }
                """),
            [FixWords.Serverless] = new(
                "In resources.Resources, list ALLOW_USER_SRP_AUTH instead of ALLOW_USER_PASSWORD_AUTH on the AWS::Cognito::UserPoolClient " +
                "and set MfaConfiguration to ON or OPTIONAL on the pool.",
                """
                resources:
                  Resources:
                    UserPool:
                      Type: AWS::Cognito::UserPool
                      Properties:
                        MfaConfiguration: OPTIONAL
                        EnabledMfas: [SOFTWARE_TOKEN_MFA]
                    AppClient:
                      Type: AWS::Cognito::UserPoolClient
                      Properties:
                        UserPoolId: !Ref UserPool
                        ExplicitAuthFlows: [ALLOW_USER_SRP_AUTH, ALLOW_REFRESH_TOKEN_AUTH]
                """),
        },
    };

    public IEnumerable<Finding> Evaluate(Architecture architecture)
    {
        foreach (var client in architecture.OfType<UserPoolClient>())
        {
            if (client.Pool?.Target is not UserPool pool || pool.MfaConfiguration is not { IsKnown: true } mfa
                || !string.Equals(mfa.Value, "OFF", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var flow = client.ExplicitAuthFlows.FirstOrDefault(f => f.IsKnown && f.Value is "ALLOW_USER_PASSWORD_AUTH" or "USER_PASSWORD_AUTH");
            if (flow is null)
            {
                continue;
            }

            yield return this.Finding(client,
                $"App client {client.LogicalId} allows {flow.Value} while user pool {pool.LogicalId} " +
                (mfa.Origin == SettingOrigin.ServiceDefault ? "leaves MfaConfiguration to its default OFF" : $"sets MfaConfiguration {mfa.Value}") + ": " +
                "a leaked or guessed password signs in with one call and no second factor.",
                flow.Span,
                pool.Related("user pool"));
        }
    }
}
