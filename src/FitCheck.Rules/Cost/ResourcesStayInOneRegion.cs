using FitCheck.Model;

namespace FitCheck.Rules.Cost;

/// <summary>Hard-coded ARNs point at the region the rest of the template uses.</summary>
public sealed class ResourcesStayInOneRegion : IRule
{
    public RuleInfo Info { get; } = new(
        Id: "FC5011",
        Slug: "resources-stay-in-one-region",
        Title: "Hard-coded ARNs stay in the region the rest of the template uses",
        Section: Section.Cost,
        Severity: Severity.Note,
        Rationale: "A literal ARN in another region means cross-region calls: inter-region data transfer is billed, every call " +
                   "adds tens of milliseconds, and the workload now fails when either region does. Often it is a copy-paste " +
                   "left over from another environment.",
        Remediation: "Build ARNs from ${AWS::Region} and ${AWS::AccountId}, or pass them as parameters; when another region is " +
                     "intended, keep the call asynchronous and suppress the finding with the reason.",
        Snippet: """
            Topic: !Sub arn:${AWS::Partition}:sns:${AWS::Region}:${AWS::AccountId}:orders
            """,
        Equivalents: [],
        Pillar: "cost-optimization")
    {
        Fixes = new Dictionary<string, RuleFix>(StringComparer.Ordinal)
        {
            [FixWords.Terraform] = new(
                "Build ARNs from data.aws_region and data.aws_caller_identity (or pass them in as variables); when another region is intended, keep the call asynchronous and suppress the finding with the reason.",
                """
                data "aws_region" "current" {}
                data "aws_caller_identity" "current" {}
                data "aws_partition" "current" {}

                locals {
                  orders_topic_arn = "arn:${data.aws_partition.current.partition}:sns:${data.aws_region.current.name}:${data.aws_caller_identity.current.account_id}:orders"
                }
                """),
            [FixWords.Serverless] = new(
                "Build ARNs from ${aws:region} and ${aws:accountId} (or Fn::Sub with ${AWS::Region}), or pass them as params; when another region is intended, keep the call asynchronous and suppress the finding with the reason.",
                """
                provider:
                  environment:
                    ORDERS_TOPIC_ARN: arn:aws:sns:${aws:region}:${aws:accountId}:orders
                """),
        },
    };

    // Services whose resources live in us-east-1 by design (CloudFront certificates and web ACLs, edge functions).
    private static readonly string[] GlobalByDesign = ["acm", "cloudfront", "wafv2", "waf", "route53", "iam", "s3", "sts", "organizations", "globalaccelerator"];

    public IEnumerable<Finding> Evaluate(Architecture architecture)
    {
        var regional = architecture.ExternalReferences
            .Where(r => r.Region is not null && !GlobalByDesign.Contains(r.Service, StringComparer.OrdinalIgnoreCase)).ToList();
        var byRegion = regional.GroupBy(r => r.Region!).OrderByDescending(g => g.Count()).ToList();
        // Only when one region clearly dominates: at least two ARNs there, more than any other region has.
        if (byRegion.Count < 2 || byRegion[0].Count() < 2 || byRegion[0].Count() == byRegion[1].Count())
        {
            yield break;
        }

        var home = byRegion[0].Key;
        foreach (var reference in byRegion.Skip(1).SelectMany(g => g))
        {
            yield return this.Finding(reference.From,
                $"{reference.From.LogicalId} refers to {reference.Arn} in {reference.Region}, while the template's other ARNs are in " +
                $"{home}; cross-region calls add latency, inter-region transfer cost and a dependency on a second region.",
                reference.Span,
                [.. byRegion[0].Take(3).Select(r => new RelatedLocation(r.Span, $"{r.Service} ARN in {home}"))]);
        }
    }
}
