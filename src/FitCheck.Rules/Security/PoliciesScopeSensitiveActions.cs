using FitCheck.Model;

namespace FitCheck.Rules.Security;

/// <summary>Wildcard action patterns and actions that move data, run code or hand out roles name the resources they act on.</summary>
public sealed class PoliciesScopeSensitiveActions : IRule
{
    public RuleInfo Info { get; } = new(
        Id: "FC2011",
        Slug: "policies-scope-sensitive-actions",
        Title: "Wildcard action patterns and sensitive actions name their resources, not every resource",
        Section: Section.Security,
        Severity: Severity.Warning,
        Rationale: "'s3:Get*' or 'lambda:InvokeFunction' on every resource reaches every bucket, function or secret in the account, " +
                   "not the one the code uses; 'iam:PassRole' on every role lets the holder hand any role, administrator included, to a " +
                   "service it controls: a privilege-escalation path.",
        Remediation: "Name the resources (the ARN of the bucket, function, queue, secret or role the code uses), or add a Condition " +
                     "(iam:PassedToService for iam:PassRole); prefer a SAM policy template or connector, which scope for you.",
        Snippet: """
            Policies:
              - LambdaInvokePolicy:
                  FunctionName: !Ref Worker
              - Statement:
                  - Effect: Allow
                    Action: iam:PassRole
                    Resource: !GetAtt SchedulerRole.Arn
            """,
        Equivalents: ["cdk-nag:AwsSolutions-IAM5", "checkov:CKV_AWS_107", "checkov:CKV_AWS_108", "checkov:CKV_AWS_111"],
        Pillar: "security")
    {
        SecuritySeverity = 7.0,
        Fixes = new Dictionary<string, RuleFix>(StringComparer.Ordinal)
        {
            [FixWords.CloudFormation] = new(
                "In the role's policy statement, replace Resource: '*' with the ARNs the code uses (Fn::GetAtt of the function, queue " +
                "or role), or add a Condition such as iam:PassedToService for iam:PassRole.",
                """
                PolicyDocument:
                  Statement:
                    - Effect: Allow
                      Action: lambda:InvokeFunction
                      Resource: !GetAtt Worker.Arn
                    - Effect: Allow
                      Action: iam:PassRole
                      Resource: !GetAtt SchedulerRole.Arn
                """),
            [FixWords.Terraform] = new(
                "Name the resources in the statement of the aws_iam_policy_document (the ARN of the bucket, function, queue, secret or role the code uses), or add a condition (iam:PassedToService for iam:PassRole).",
                """
                data "aws_iam_policy_document" "worker" {
                  statement {
                    actions   = ["lambda:InvokeFunction"]
                    resources = [aws_lambda_function.next_step.arn]
                  }
                  statement {
                    actions   = ["iam:PassRole"]
                    resources = [aws_iam_role.scheduler.arn]
                    condition {
                      test     = "StringEquals"
                      variable = "iam:PassedToService"
                      values   = ["scheduler.amazonaws.com"]
                    }
                  }
                }
                """),
            [FixWords.Serverless] = new(
                "Name the resources in provider.iam.role.statements (the ARN of the bucket, function, queue, secret or role the code uses), or add a Condition (iam:PassedToService for iam:PassRole).",
                """
                provider:
                  iam:
                    role:
                      statements:
                        - Effect: Allow
                          Action: [lambda:InvokeFunction]
                          Resource: !GetAtt NextStepLambdaFunction.Arn
                        - Effect: Allow
                          Action: iam:PassRole
                          Resource: !GetAtt SchedulerRole.Arn
                """),
        },
    };

    /// <summary>Actions that run code, hand out roles, read secrets or move data: on every resource they reach the whole account.</summary>
    private static readonly HashSet<string> Sensitive = new(StringComparer.OrdinalIgnoreCase)
    {
        "iam:PassRole", "sts:AssumeRole",
        "lambda:InvokeFunction", "lambda:InvokeAsync", "lambda:InvokeFunctionUrl", "lambda:UpdateFunctionCode", "lambda:CreateFunction",
        "states:StartExecution", "states:StartSyncExecution",
        "sns:Publish", "sqs:SendMessage", "sqs:DeleteMessage", "sqs:ReceiveMessage",
        "secretsmanager:GetSecretValue", "ssm:GetParameter", "ssm:GetParameters", "ssm:GetParametersByPath", "kms:Decrypt",
        "s3:GetObject", "s3:PutObject", "s3:DeleteObject",
        "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:Query", "dynamodb:Scan",
        "dynamodb:BatchGetItem", "dynamodb:BatchWriteItem",
    };

    public IEnumerable<Finding> Evaluate(Architecture architecture)
    {
        // sns:Publish to a phone number or a mobile endpoint only accepts '*'; it is a topic grant only when the template has a topic.
        var hasTopic = architecture.OfType<Topic>().Any();
        foreach (var grant in architecture.Grants)
        {
            if (!grant.IsAllow || grant.IsManagedPolicy || grant.HasCondition
                || grant.Source.Kind is GrantSourceKind.Connector or GrantSourceKind.PolicyTemplate
                || grant.Resources.Count == 0 || !grant.Resources.All(IsEveryResourceOfItsKind) || PoliciesNameTheirActionsFires(grant))
            {
                continue;
            }

            var offending = grant.Actions.Select(a => a.Trim()).Where(a => IsBroadPattern(a) || (Sensitive.Contains(a) && (hasTopic || !string.Equals(a, "sns:Publish", StringComparison.OrdinalIgnoreCase)))).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            if (offending.Count == 0)
            {
                continue;
            }

            var passRole = offending.Any(a => string.Equals(a, "iam:PassRole", StringComparison.OrdinalIgnoreCase));
            var where = grant.Resources.All(Principals.IsAnyResource) ? "every resource ('*')" : $"every resource of its kind ({string.Join(", ", grant.Resources)})";
            var functions = Principals.FunctionsOf(grant.Principal);
            yield return this.Finding(grant.Principal,
                $"{Principals.Describe(grant.Principal)} is allowed {string.Join(", ", offending)} on {where}" +
                (passRole ? "; iam:PassRole on every role lets it hand any role, administrator included, to a service it controls" : "") +
                "; name the resources the code uses.",
                grant.Span,
                [.. functions.Where(f => !ReferenceEquals(f, grant.Principal.ImpliedBy)).Select(f => f.Related($"{f.LogicalId} runs with this role"))]);
        }
    }

    /// <summary>FC2001's own cases ('*', NotAction on '*', 'service:*' on '*'): one finding per root cause.</summary>
    private static bool PoliciesNameTheirActionsFires(Grant grant)
    {
        var anyResource = grant.Resources.Any(Principals.IsAnyResource);
        return grant.Actions.Any(a => a.Trim() == "*")
            || (anyResource && grant.Actions.Count > 0 && grant.Actions.All(a => a.StartsWith('!')))
            || (anyResource && grant.Actions.Any(a => a.Trim().EndsWith(":*", StringComparison.Ordinal)));
    }

    /// <summary>
    /// A wildcard pattern that reaches data or code: 'service:*', or one that is not a read-only listing
    /// ('s3:Get*', 's3:*Object', 'dynamodb:*Item'); 'List*' and 'Describe*' read metadata and many of them only accept '*'.
    /// </summary>
    private static bool IsBroadPattern(string action)
    {
        var colon = action.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || !action.Contains('*', StringComparison.Ordinal) || action.StartsWith('!'))
        {
            return false;
        }

        var name = action[(colon + 1)..];
        return !(name.StartsWith("List", StringComparison.OrdinalIgnoreCase) || name.StartsWith("Describe", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>'*', or an ARN whose resource part names no resource: 'arn:aws:lambda:*:*:function:*', 'arn:aws:s3:::*', 'arn:aws:iam::123456789012:role/*'.</summary>
    private static bool IsEveryResourceOfItsKind(string resource)
    {
        var r = resource.Trim();
        if (Principals.IsAnyResource(r))
        {
            return true;
        }

        if (!Arn.TryParse(r, out var arn))
        {
            return false;
        }

        var rest = arn.Resource;
        if (rest is "*" or "*/*")
        {
            return true;
        }

        // S3 ARNs carry no resource type: 'arn:aws:s3:::bucket/*' is one bucket's objects.
        var separator = rest.IndexOfAny([':', '/']);
        return arn.Service != "s3" && separator > 0 && rest[(separator + 1)..] is "*" or "*:*" && !rest[..separator].Contains('*', StringComparison.Ordinal);
    }
}
