using System.Text.RegularExpressions;
using FitCheck.Model;

namespace FitCheck.Rules.Security;

/// <summary>Resource policies do not open a resource to anyone, or to another account without a condition.</summary>
public sealed partial class ResourcePoliciesStayInTheOrganization : IRule
{
    public RuleInfo Info { get; } = new(
        Id: "FC2009",
        Slug: "resource-policies-stay-in-the-organization",
        Title: "Resource policies do not open queues, topics, buckets or functions to anyone or to other accounts unconditionally",
        Section: Section.Security,
        Severity: Severity.Error,
        Rationale: "A queue, topic, bucket or function whose policy allows principal '*' (or a whole other account) without an " +
                   "organization or source condition can be written to, read or invoked by anyone holding an AWS account.",
        Remediation: "Name the principal that needs access, and add an aws:PrincipalOrgID, aws:SourceArn or aws:SourceAccount " +
                     "condition (PrincipalOrgID, SourceArn or SourceAccount on a Lambda permission).",
        Snippet: """
            Statement:
              - Effect: Allow
                Principal: { Service: sns.amazonaws.com }
                Action: sqs:SendMessage
                Resource: !GetAtt Orders.Arn
                Condition:
                  ArnEquals:
                    aws:SourceArn: !Ref OrdersTopic
            """,
        Equivalents: ["cdk-nag:LambdaFunctionPublicAccessProhibited"],
        Pillar: "security")
    {
        SecuritySeverity = 8.0,
        Fixes = new Dictionary<string, RuleFix>(StringComparer.Ordinal)
        {
            [FixWords.Terraform] = new(
                "Name the principal that needs access, and add an aws:PrincipalOrgID, aws:SourceArn or aws:SourceAccount condition to the policy document (principal_org_id, source_arn or source_account on an aws_lambda_permission).",
                """
                data "aws_iam_policy_document" "orders_queue" {
                  statement {
                    actions   = ["sqs:SendMessage"]
                    resources = [aws_sqs_queue.orders.arn]
                    principals {
                      type        = "Service"
                      identifiers = ["sns.amazonaws.com"]
                    }
                    condition {
                      test     = "ArnEquals"
                      variable = "aws:SourceArn"
                      values   = [aws_sns_topic.orders.arn]
                    }
                  }
                }
                """),
            [FixWords.Serverless] = new(
                "Name the principal that needs access in the policy under resources.Resources, and add an aws:PrincipalOrgID, aws:SourceArn or aws:SourceAccount condition.",
                """
                resources:
                  Resources:
                    OrdersQueuePolicy:
                      Type: AWS::SQS::QueuePolicy
                      Properties:
                        Queues: [!Ref OrdersQueue]
                        PolicyDocument:
                          Statement:
                            - Effect: Allow
                              Principal: { Service: sns.amazonaws.com }
                              Action: sqs:SendMessage
                              Resource: !GetAtt OrdersQueue.Arn
                              Condition:
                                ArnEquals:
                                  aws:SourceArn: !Ref OrdersTopic
                """),
        },
    };

    public IEnumerable<Finding> Evaluate(Architecture architecture)
    {
        foreach (var permission in architecture.ResourcePermissions)
        {
            if (permission.HasOrgCondition || permission.HasSourceCondition)
            {
                continue;
            }

            // The permission a function URL needs: when the URL is in the template, FC2007 reports it once, on the URL.
            if (permission.ForFunctionUrl && permission.Resource is Function { Url: not null })
            {
                continue;
            }

            var principal = permission.Principal.Trim();
            string who;
            if (principal == "*")
            {
                who = "anyone ('*')";
            }
            else if (Account().Match(principal) is { Success: true } m)
            {
                who = $"account {m.Groups["account"].Value}";
            }
            else
            {
                continue;
            }

            var through = permission.ForFunctionUrl ? " through its function URL" : "";
            yield return this.Finding(permission.Declaration,
                $"{permission.Declaration.LogicalId} allows {who} to {string.Join(", ", permission.Actions)} on " +
                $"{permission.Resource.LogicalId}{through} with no organization or source condition.",
                permission.Span,
                ReferenceEquals(permission.Resource, permission.Declaration) ? [] : [permission.Resource.Related($"{permission.Resource.LogicalId} is the resource exposed")])
                with { Severity = principal == "*" ? Severity.Error : Severity.Warning };
        }
    }

    [GeneratedRegex(@"^(?:(?<account>\d{12})|arn:aws[a-z-]*:iam::(?<account>\d{12}):root)$")]
    private static partial Regex Account();
}
