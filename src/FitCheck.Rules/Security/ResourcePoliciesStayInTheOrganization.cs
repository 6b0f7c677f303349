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
