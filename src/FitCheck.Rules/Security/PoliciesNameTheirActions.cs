using FitCheck.Model;

namespace FitCheck.Rules.Security;

/// <summary>Policies name the actions they need, not every action of every service.</summary>
public sealed class PoliciesNameTheirActions : IRule
{
    public RuleInfo Info { get; } = new(
        Id: "FC2001",
        Slug: "policies-name-their-actions",
        Title: "Policies grant named actions, not every action or every action of a service on any resource",
        Section: Section.Security,
        Severity: Severity.Error,
        Rationale: "An Allow statement with the action '*', a NotAction, or 'service:*' on every resource gives the holder far more " +
                   "than its code uses: a bug or a stolen credential can then delete data, change policies or reach other services.",
        Remediation: "List the actions the code calls and the resources it calls them on, or use a SAM policy template or a connector.",
        Snippet: """
            Policies:
              - DynamoDBCrudPolicy:
                  TableName: !Ref Orders
              - Statement:
                  - Effect: Allow
                    Action: [s3:GetObject]
                    Resource: !Sub "${Uploads.Arn}/*"
            """,
        Equivalents: ["serverless-rules:WS1003", "cdk-nag:Serverless-LambdaStarPermissions", "cdk-nag:IAMPolicyNoStatementsWithAdminAccess",
            "cdk-nag:IAMPolicyNoStatementsWithFullAccess", "checkov:CKV_AWS_62", "checkov:CKV_AWS_63"],
        Pillar: "security")
    {
        SecuritySeverity = 8.0,
        Fixes = new Dictionary<string, RuleFix>(StringComparer.Ordinal)
        {
            [FixWords.Terraform] = new(
                "List the actions the code calls and the resources it calls them on in the aws_iam_policy_document (or aws_iam_role_policy) of the function's role, instead of \"*\" or \"service:*\".",
                """
                data "aws_iam_policy_document" "orders" {
                  statement {
                    actions   = ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem"]
                    resources = [aws_dynamodb_table.orders.arn]
                  }
                  statement {
                    actions   = ["s3:GetObject"]
                    resources = ["${aws_s3_bucket.uploads.arn}/*"]
                  }
                }
                """),
            [FixWords.Serverless] = new(
                "List the actions the code calls and the resources it calls them on in provider.iam.role.statements (or the function's own role), instead of '*' or 'service:*'.",
                """
                provider:
                  iam:
                    role:
                      statements:
                        - Effect: Allow
                          Action: [dynamodb:GetItem, dynamodb:PutItem, dynamodb:UpdateItem]
                          Resource: !GetAtt OrdersTable.Arn
                        - Effect: Allow
                          Action: [s3:GetObject]
                          Resource: !Sub "${UploadsBucket.Arn}/*"
                """),
        },
    };

    public IEnumerable<Finding> Evaluate(Architecture architecture)
    {
        foreach (var grant in architecture.Grants)
        {
            if (!grant.IsAllow || grant.IsManagedPolicy || grant.Source.Kind is GrantSourceKind.Connector or GrantSourceKind.PolicyTemplate)
            {
                continue;
            }

            var anyResource = grant.Resources.Any(Principals.IsAnyResource);
            string? what = null;
            var everything = false;
            if (grant.Actions.Any(a => a.Trim() == "*"))
            {
                what = anyResource ? "every action on every resource ('*' on '*')" : $"every action ('*') on {string.Join(", ", grant.Resources)}";
                everything = anyResource;
            }
            else if (grant.Actions.Count > 0 && grant.Actions.All(a => a.StartsWith('!')) && anyResource)
            {
                what = $"every action except {string.Join(", ", grant.Actions.Select(a => a[1..]))} (NotAction) on every resource";
                everything = true;
            }
            else if (anyResource && !grant.HasCondition)
            {
                var services = grant.Actions.Where(IsServiceWide).ToList();
                if (services.Count > 0)
                {
                    what = $"{string.Join(", ", services)} on every resource ('*')";
                }
            }

            if (what is null)
            {
                continue;
            }

            var functions = Principals.FunctionsOf(grant.Principal);
            yield return this.Finding(grant.Principal,
                $"{Principals.Describe(grant.Principal)} is allowed {what}; name the actions and resources the code needs.",
                grant.Span,
                [.. functions.Where(f => !ReferenceEquals(f, grant.Principal.ImpliedBy)).Select(f => f.Related($"{f.LogicalId} runs with this role"))])
                with { Severity = everything ? Severity.Error : Severity.Warning };
        }
    }

    private static bool IsServiceWide(string action)
    {
        var a = action.Trim();
        var colon = a.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && a[(colon + 1)..] == "*";
    }
}
