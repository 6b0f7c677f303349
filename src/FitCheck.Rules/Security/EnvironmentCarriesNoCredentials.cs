using System.Text.RegularExpressions;
using FitCheck.Model;

namespace FitCheck.Rules.Security;

/// <summary>Environment variables do not carry AWS access keys or generated client secrets.</summary>
public sealed partial class EnvironmentCarriesNoCredentials : IRule
{
    public RuleInfo Info { get; } = new(
        Id: "FC2012",
        Slug: "environment-carries-no-credentials",
        Title: "Environment variables carry no AWS access keys or generated client secrets",
        Section: Section.Security,
        Severity: Severity.Warning,
        Rationale: "A function's environment is plain text to anyone who can read its configuration (lambda:GetFunctionConfiguration, " +
                   "the console, the deployed template). A static access key there is a long-lived credential that never rotates, " +
                   "and a Cognito app client's ClientSecret or an IAM access key's SecretAccessKey copied with Fn::GetAtt lands in " +
                   "the same place whatever the variable is called.",
        Remediation: "Give the function a role instead of access keys; keep generated secrets in Secrets Manager and pass the " +
                     "secret's ARN, read at run time.",
        Snippet: """
            Environment:
              Variables:
                CLIENT_SECRET_ARN: !Ref AppClientSecret
            Policies:
              - AWSSecretsManagerGetSecretValuePolicy:
                  SecretArn: !Ref AppClientSecret
            """,
        Equivalents: ["checkov:CKV_AWS_45"],
        Pillar: "security")
    {
        SecuritySeverity = 7.5,
        Fixes = new Dictionary<string, RuleFix>(StringComparer.Ordinal)
        {
            [FixWords.CloudFormation] = new(
                "Remove the key or secret from Environment.Variables; let the function's execution role grant access, and pass " +
                "the ARN of a Secrets Manager secret that the role may read (secretsmanager:GetSecretValue on that ARN).",
                """
                Environment:
                  Variables:
                    CLIENT_SECRET_ARN: !Ref AppClientSecret
                """),
            [FixWords.Terraform] = new(
                "Give the function an aws_iam_role instead of access keys; keep generated secrets in an aws_secretsmanager_secret and pass the secret's ARN in environment.variables, read at run time.",
                """
                resource "aws_lambda_function" "orders" {
                  # ...
                  role = aws_iam_role.orders.arn
                  environment {
                    variables = {
                      CLIENT_SECRET_ARN = aws_secretsmanager_secret.app_client.arn
                    }
                  }
                }
                """),
            [FixWords.Serverless] = new(
                "Let the function use its role instead of access keys; keep generated secrets in Secrets Manager and pass the secret's ARN in environment, read at run time.",
                """
                provider:
                  environment:
                    CLIENT_SECRET_ARN: !Ref AppClientSecret
                  iam:
                    role:
                      statements:
                        - Effect: Allow
                          Action: [secretsmanager:GetSecretValue]
                          Resource: !Ref AppClientSecret
                """),
        },
    };

    // Attributes that are secrets by construction, whatever the variable is called.
    private static readonly HashSet<string> SecretAttributes = new(StringComparer.Ordinal) { "ClientSecret", "SecretAccessKey" };

    public IEnumerable<Finding> Evaluate(Architecture architecture)
    {
        foreach (var function in architecture.OfType<Function>())
        {
            foreach (var variable in function.Environment.Values)
            {
                string? problem = null;
                if (variable.Attribute is { } attribute && SecretAttributes.Contains(attribute[(attribute.LastIndexOf('.') + 1)..]))
                {
                    problem = $"copies {attribute} with Fn::GetAtt into plain text in the function's configuration";
                }
                else if (variable.Literal is { } value && AccessKeyId().IsMatch(value)
                         && !(variable.Source == VariableSource.Literal && SecretsComeFromASecretStore.LooksSecret(variable.Name)))
                {
                    // A literal under a secret-looking name is FC2005's finding already.
                    problem = variable.Source == VariableSource.Literal
                        ? "holds a static AWS access key id written in the template"
                        : $"defaults to a static AWS access key id written in the template (parameter {variable.Parameter?.Name})";
                }

                if (problem is not null)
                {
                    yield return this.Finding(function,
                        $"{function.LogicalId}'s environment variable {variable.Name} {problem}; use the function's role, or pass a Secrets Manager ARN and read it at run time.",
                        variable.Span);
                }
            }
        }
    }

    [GeneratedRegex(@"\b(AKIA|ASIA)[A-Z0-9]{16}\b", RegexOptions.CultureInvariant)]
    private static partial Regex AccessKeyId();
}
