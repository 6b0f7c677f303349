using FitCheck.Model;

namespace FitCheck.Rules.Security;

/// <summary>Secrets reach functions through Secrets Manager or SSM, not through literals or plain parameters.</summary>
public sealed class SecretsComeFromASecretStore : IRule
{
    public RuleInfo Info { get; } = new(
        Id: "FC2005",
        Slug: "secrets-come-from-a-secret-store",
        Title: "Secrets come from Secrets Manager or SSM, not from literals or plain parameters",
        Section: Section.Security,
        Severity: Severity.Error,
        Rationale: "A password, token or key written in the template, or given as a parameter default, is in source control, in " +
                   "the CloudFormation console and in the function's configuration for anyone who can read them. A parameter without " +
                   "NoEcho shows its value in the console and in describe-stacks output.",
        Remediation: "Keep the secret in Secrets Manager or SSM Parameter Store (SecureString) and pass its name or ARN, reading it " +
                     "at run time, or use a dynamic reference ({{resolve:secretsmanager:...}}, also for an EventBridge connection's API " +
                     "key, password or client secret); at the very least mark the parameter NoEcho and drop its default.",
        Snippet: """
            Environment:
              Variables:
                DB_SECRET_ARN: !Ref DatabaseSecret
            Policies:
              - AWSSecretsManagerGetSecretValuePolicy:
                  SecretArn: !Ref DatabaseSecret
            """,
        Equivalents: ["checkov:CKV_AWS_45", "cfn-lint:W1011"],
        Pillar: "security")
    {
        SecuritySeverity = 8.5,
        Fixes = new Dictionary<string, RuleFix>(StringComparer.Ordinal)
        {
            [FixWords.CloudFormation] = new(
                "Pass the secret's ARN and read it at run time, or use a dynamic reference ({{resolve:secretsmanager:...}}) where the " +
                "property needs the value (an EventBridge connection's ApiKeyValue, Password or ClientSecret); at the very least mark the " +
                "parameter NoEcho and drop its default.",
                """
                Partner:
                  Type: AWS::Events::Connection
                  Properties:
                    AuthorizationType: API_KEY
                    AuthParameters:
                      ApiKeyAuthParameters:
                        ApiKeyName: x-api-key
                        ApiKeyValue: '{{resolve:secretsmanager:partner-api:SecretString:key}}'
                """),
            [FixWords.Terraform] = new(
                "Keep the secret in an aws_secretsmanager_secret (or an aws_ssm_parameter of type SecureString) and pass its ARN or name in the environment, reading it at run time; a variable marked sensitive still ends up in plain text in the function's configuration. Where a resource needs the value itself (an aws_cloudwatch_event_connection's api_key value, password or client secret), read it from a aws_secretsmanager_secret_version data source instead of a literal.",
                """
                resource "aws_secretsmanager_secret" "database" {
                  name = "orders/database"
                }

                resource "aws_lambda_function" "orders" {
                  # ...
                  environment {
                    variables = {
                      DB_SECRET_ARN = aws_secretsmanager_secret.database.arn
                    }
                  }
                }

                data "aws_secretsmanager_secret_version" "partner" {
                  secret_id = "partner-api"
                }

                resource "aws_cloudwatch_event_connection" "partner" {
                  name               = "partner"
                  authorization_type = "API_KEY"
                  auth_parameters {
                    api_key {
                      key   = "x-api-key"
                      value = data.aws_secretsmanager_secret_version.partner.secret_string
                    }
                  }
                }
                """),
            [FixWords.Serverless] = new(
                "Keep the secret in Secrets Manager or SSM Parameter Store (SecureString) and pass its ARN or name in the environment, reading it at run time; ${ssm:...} in environment resolves at deploy time and stores the value in plain text.",
                """
                provider:
                  environment:
                    DB_SECRET_ARN: !Ref DatabaseSecret
                  iam:
                    role:
                      statements:
                        - Effect: Allow
                          Action: [secretsmanager:GetSecretValue]
                          Resource: !Ref DatabaseSecret
                """),
        },
    };

    private static readonly HashSet<string> SecretWords = new(StringComparer.Ordinal)
    {
        "PASSWORD", "PASSWD", "PASSPHRASE", "SECRET", "TOKEN", "CREDENTIAL", "CREDENTIALS", "APIKEY", "PRIVATEKEY", "ACCESSKEY",
        "SECRETKEY", "CONNECTIONSTRING", "CLIENTSECRET", "SIGNINGKEY",
    };

    private static readonly (string, string)[] SecretPairs =
        [("API", "KEY"), ("PRIVATE", "KEY"), ("ACCESS", "KEY"), ("SECRET", "KEY"), ("SIGNING", "KEY"), ("CONNECTION", "STRING"), ("AUTH", "KEY")];

    // A name ending in one of these points at a secret (or describes one) rather than holding it.
    private static readonly HashSet<string> PointerWords = new(StringComparer.Ordinal)
    {
        "ARN", "NAME", "ID", "PARAM", "PARAMETER", "PATH", "TABLE", "URL", "URI", "ENDPOINT", "TTL", "EXPIRY", "EXPIRATION",
        "HEADER", "BUCKET", "FIELD", "TYPE", "LENGTH", "REGION", "VERSION", "STAGE", "ENABLED", "QUEUE", "TOPIC", "KEYID",
    };

    public IEnumerable<Finding> Evaluate(Architecture architecture)
    {
        foreach (var function in architecture.OfType<Function>())
        {
            foreach (var variable in function.Environment.Values)
            {
                var nameIsSecret = LooksSecret(variable.Name);
                var parameter = variable.Parameter;
                var parameterIsSecret = parameter is not null && LooksSecret(parameter.Name);
                string? problem = variable.Source switch
                {
                    VariableSource.Literal when nameIsSecret && IsValue(variable.Literal) => "holds a literal value written in " + function.Say("the template", "the configuration", "serverless.yml"),
                    VariableSource.Parameter when (nameIsSecret || parameterIsSecret) && parameter is not null =>
                        $"comes from parameter {parameter.Name}, which is not NoEcho" + (parameter.Default is null ? "" : " and has a default in the template"),
                    VariableSource.SecretParameter when (nameIsSecret || parameterIsSecret) && parameter?.Default is not null =>
                        $"comes from parameter {parameter.Name}, whose default value is written in the template",
                    _ => null,
                };
                if (problem is null)
                {
                    continue;
                }

                var related = parameter is null ? [] : new[] { new RelatedLocation(parameter.Span, $"parameter {parameter.Name}") };
                yield return this.Finding(function,
                    $"{function.LogicalId}'s environment variable {variable.Name} looks like a secret and {problem}; " +
                    "read it from Secrets Manager or SSM instead.",
                    variable.Span,
                    related) with { Severity = variable.Source == VariableSource.Literal ? Severity.Error : Severity.Warning };
            }
        }

        // An EventBridge connection's API key, password or client secret is a secret by what it is, whatever its name.
        foreach (var connection in architecture.OfType<Connection>())
        {
            foreach (var secret in connection.Secrets)
            {
                var parameter = secret.Parameter;
                string? problem = secret.Source switch
                {
                    VariableSource.Literal when IsValue(secret.Literal) && !IsPlaceholder(secret.Literal!) => "is a literal value written in the template",
                    VariableSource.Parameter when parameter is not null =>
                        $"comes from parameter {parameter.Name}, which is not NoEcho" + (parameter.Default is null ? "" : " and has a default in the template"),
                    VariableSource.SecretParameter when parameter?.Default is not null =>
                        $"comes from parameter {parameter.Name}, whose default value is written in the template",
                    _ => null,
                };
                if (problem is null)
                {
                    continue;
                }

                var related = parameter is null ? [] : new[] { new RelatedLocation(parameter.Span, $"parameter {parameter.Name}") };
                yield return this.Finding(connection,
                    $"Connection {connection.LogicalId}'s {secret.Name} {problem}; use a dynamic reference ({{{{resolve:secretsmanager:...}}}}) " +
                    "so the value stays out of the template.",
                    secret.Span,
                    related) with { Severity = secret.Source == VariableSource.Literal ? Severity.Error : Severity.Warning };
            }
        }
    }

    internal static bool LooksSecret(string name)
    {
        var words = Words(name);
        if (words.Count == 0 || PointerWords.Contains(words[^1]))
        {
            return false;
        }

        if (words.Any(SecretWords.Contains))
        {
            return true;
        }

        for (var i = 0; i + 1 < words.Count; i++)
        {
            if (SecretPairs.Contains((words[i], words[i + 1])))
            {
                return true;
            }
        }

        return false;
    }

    // DB_PASSWORD, dbPassword, Db-Password -> [DB, PASSWORD]
    private static List<string> Words(string name)
    {
        var words = new List<string>();
        var current = new System.Text.StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (!char.IsLetterOrDigit(c))
            {
                Flush();
                continue;
            }

            if (char.IsUpper(c) && current.Length > 0 && char.IsLower(name[i - 1]))
            {
                Flush();
            }

            current.Append(char.ToUpperInvariant(c));
        }

        Flush();
        return words;

        void Flush()
        {
            if (current.Length > 0)
            {
                words.Add(current.ToString());
                current.Clear();
            }
        }
    }

    // A connection must carry credentials even when the endpoint needs none (a token in the URL): "dummy-value" is no secret.
    private static bool IsPlaceholder(string literal) => PlaceholderWords.Any(word => literal.Contains(word, StringComparison.OrdinalIgnoreCase));

    private static readonly string[] PlaceholderWords = ["dummy", "placeholder", "example", "changeme", "unused", "not-used", "xxx"];

    private static bool IsValue(string? literal) =>
        !string.IsNullOrWhiteSpace(literal)
        && !literal.StartsWith("arn:", StringComparison.Ordinal)
        && !literal.StartsWith('/')
        && !literal.StartsWith("{{resolve:", StringComparison.Ordinal);
}
