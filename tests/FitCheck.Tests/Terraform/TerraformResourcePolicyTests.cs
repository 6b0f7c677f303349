using FitCheck.Assessing;
using FitCheck.Model;
using FitCheck.Rules;
using FitCheck.Templates.Scanning;

namespace FitCheck.Tests.Terraform;

/// <summary><c>aws_sqs_queue_policy</c>, <c>aws_sns_topic_policy</c> and <c>aws_s3_bucket_policy</c> become
/// CloudFormation's QueuePolicy, TopicPolicy and BucketPolicy: the rules that read resource policies see a Terraform policy as they see a CloudFormation one, and their
/// findings point at the .tf lines.</summary>
public sealed class TerraformResourcePolicyTests
{
    private static readonly string Fixtures = Path.Combine(AppContext.BaseDirectory, "Fixtures", "terraform", "resource-policies");

    private static (Architecture Architecture, Assessment Assessment) Assess(string folder)
    {
        var scan = Scanner.Scan([Path.Combine(Fixtures, folder)]);
        Assert.DoesNotContain(scan.Diagnostics, d => d.Level == DiagnosticLevel.Error);
        return (Assert.Single(scan.Architectures), Assessor.Assess(scan.Architectures, scan.Diagnostics, new AssessmentOptions()));
    }

    /// <summary>Scans and assesses a Terraform folder made of <paramref name="files"/> (name, text), deleted afterwards.</summary>
    private static (Architecture Architecture, Assessment Assessment) AssessFiles(params (string Name, string Text)[] files)
    {
        var folder = Directory.CreateTempSubdirectory("fitcheck-tf-policies");
        try
        {
            foreach (var (name, text) in files)
            {
                File.WriteAllText(Path.Combine(folder.FullName, name), text);
            }

            var scan = Scanner.Scan([folder.FullName]);
            return (Assert.Single(scan.Architectures), Assessor.Assess(scan.Architectures, scan.Diagnostics, new AssessmentOptions()));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void DeadLetterQueues_WithoutAQueuePolicy_AreReportedAtTheTerraformLines()
    {
        var (_, assessment) = Assess("without-policies");

        var findings = assessment.Active.Where(f => f.Rule.Id == "FC1016").OrderBy(f => f.Location.Line).ToList();
        Assert.Equal(2, findings.Count);
        Assert.Equal("aws_sqs_queue.rule_dlq", findings[0].Resource.LogicalId);
        Assert.Contains("events.amazonaws.com", findings[0].Message, StringComparison.Ordinal);
        Assert.Equal(("main.tf", 22), (Path.GetFileName(findings[0].Location.File), findings[0].Location.Line));
        Assert.Equal("aws_sqs_queue.billing_dlq", findings[1].Resource.LogicalId);
        Assert.Contains("sns.amazonaws.com", findings[1].Message, StringComparison.Ordinal);
        Assert.Equal(("main.tf", 39), (Path.GetFileName(findings[1].Location.File), findings[1].Location.Line));
    }

    [Fact]
    public void DeadLetterQueues_WithAQueuePolicyForTheirSender_AreNotReported()
    {
        // The same design plus the queue policies: a heredoc (queue_url = .id), a jsonencode() (.url) and an
        // aws_iam_policy_document (.json), each allowing its service with an aws:SourceArn condition.
        var (architecture, assessment) = Assess("with-policies");

        Assert.DoesNotContain(assessment.Active, f => f.Rule.Id is "FC1016" or "FC2006" or "FC2009");
        var permissions = architecture.ResourcePermissions
            .Select(p => (p.Declaration.LogicalId, Resource: p.Resource.LogicalId, p.Principal, Actions: string.Join(' ', p.Actions), p.HasSourceCondition))
            .Order()
            .ToList();
        Assert.Equal(
        [
            ("aws_sqs_queue_policy.billing", "aws_sqs_queue.billing", "sns.amazonaws.com", "sqs:SendMessage", true),
            ("aws_sqs_queue_policy.billing_dlq", "aws_sqs_queue.billing_dlq", "sns.amazonaws.com", "sqs:SendMessage", true),
            ("aws_sqs_queue_policy.rule_dlq", "aws_sqs_queue.rule_dlq", "events.amazonaws.com", "sqs:SendMessage", true),
        ], permissions);
        Assert.All(architecture.Components.Where(c => c.LogicalId.StartsWith("aws_sqs_queue_policy.", StringComparison.Ordinal)),
            c => Assert.Equal(ComponentKind.Policy, c.Kind));
    }

    [Fact]
    public void TopicPolicies_OpenToAnyoneOrUnscoped_AreReportedOnTheStatementOrThePolicy()
    {
        var (_, assessment) = Assess("topic-policies");

        var findings = assessment.Active.Where(f => f.Rule.Id is "FC2006" or "FC2009")
            .Select(f => (f.Rule.Id, f.Resource.LogicalId, f.Severity, File: Path.GetFileName(f.Location.File), f.Location.Line))
            .Order()
            .ToList();
        // Each finding is on its statement's line, in a jsonencode() as in a heredoc. The orders topic's EventBridge
        // statement names its rule (aws:SourceArn): it is not reported.
        Assert.Equal(
        [
            ("FC2006", "aws_sns_topic_policy.alerts", Severity.Warning, "main.tf", 45),
            ("FC2009", "aws_sns_topic_policy.alerts", Severity.Error, "main.tf", 51),
            ("FC2009", "aws_sns_topic_policy.orders", Severity.Warning, "main.tf", 29),
        ], findings);
        var open = assessment.Active.Single(f => f.Rule.Id == "FC2009" && f.Severity == Severity.Error);
        Assert.Contains("anyone ('*') to sns:Subscribe on aws_sns_topic.alerts", open.Message, StringComparison.Ordinal);
        Assert.Equal(5, open.Location.Column); // the statement's '{' inside the heredoc
    }

    [Fact]
    public void Inline_policies_of_queues_topics_and_buckets_are_read_as_resource_policies()
    {
        // policy = jsonencode(...) on the aws_sqs_queue, the aws_sns_topic and the aws_s3_bucket themselves.
        var (architecture, assessment) = Assess("inline-policies");

        Assert.DoesNotContain(assessment.Active, f => f.Rule.Id == "FC1016");
        var open = Assert.Single(assessment.Active, f => f.Rule.Id == "FC2009");
        Assert.Equal("aws_sns_topic.orders.policy allows anyone ('*') to sns:Publish on aws_sns_topic.orders with no organization or source condition.", open.Message);
        Assert.Equal(("main.tf", 15), (Path.GetFileName(open.Location.File), open.Location.Line));
        var dlq = Assert.Single(architecture.ResourcePermissions, p => p.Resource.LogicalId == "aws_sqs_queue.rule_dlq");
        Assert.Equal(("aws_sqs_queue.rule_dlq.policy", "events.amazonaws.com", true), (dlq.Declaration.LogicalId, dlq.Principal, dlq.HasSourceCondition));
        var site = Assert.Single(architecture.ResourcePermissions, p => p.Resource.LogicalId == "aws_s3_bucket.site");
        Assert.Equal(("aws_s3_bucket.site.policy", "cloudfront.amazonaws.com", true), (site.Declaration.LogicalId, site.Principal, site.HasSourceCondition));
        Assert.DoesNotContain(assessment.Active, f => f.Rule.Id == "FC2006");
    }

    [Fact]
    public void Policies_with_for_each_count_or_odd_values_protect_each_instance_and_never_throw()
    {
        const string Terraform = """
            variable "doc" {}
            variable "names" { default = ["a", "b"] }

            resource "aws_sqs_queue" "q" {
              for_each = toset(var.names)
              name     = each.key
              policy   = ""
            }

            resource "aws_sqs_queue" "c" {
              count  = 2
              name   = "c${count.index}"
              policy = 42
            }

            resource "aws_sqs_queue_policy" "empty" {}

            resource "aws_sqs_queue_policy" "listy" {
              queue_url = [aws_sqs_queue.c[0].id, aws_sqs_queue.c[1].id]
              policy    = "not json {"
            }

            resource "aws_sqs_queue_policy" "each" {
              for_each  = toset(var.names)
              queue_url = aws_sqs_queue.q[each.key].url
              policy    = jsonencode({ Statement = [{ Effect = "Allow", Principal = "*", Action = "sqs:SendMessage", Resource = "*" }] })
            }

            resource "aws_sqs_queue_policy" "counted" {
              count     = 2
              queue_url = aws_sqs_queue.c[count.index].id
              policy    = var.doc
            }

            resource "aws_sns_topic_policy" "elsewhere" {
              arn    = "arn:aws:sns:us-east-1:123456789012:elsewhere"
              policy = jsonencode({ Statement = "nope" })
            }

            resource "aws_sns_topic" "t" {
              policy = jsonencode([1, 2, { Statement = [null, 3, { Effect = "Allow" }] }])
            }
            """;
        var (architecture, assessment) = AssessFiles(("main.tf", Terraform));

        // Each instance of the for_each policy protects its own queue; the policies whose document or queue is not
        // known or not JSON grant nothing anyone can read.
        Assert.Equal(
        [
            ("aws_sqs_queue_policy.each[\"a\"]", "aws_sqs_queue.q[\"a\"]"),
            ("aws_sqs_queue_policy.each[\"b\"]", "aws_sqs_queue.q[\"b\"]"),
        ], architecture.ResourcePermissions.Select(p => (p.Declaration.LogicalId, p.Resource.LogicalId)).Order().ToList());
        Assert.Equal(["aws_sqs_queue_policy.each[\"a\"]", "aws_sqs_queue_policy.each[\"b\"]"],
            assessment.Active.Where(f => f.Rule.Id == "FC2009").Select(f => f.Resource.LogicalId).Order().ToList());
    }

    [Fact]
    public void A_bucket_policy_open_to_anyone_is_reported_on_its_statement()
    {
        const string Terraform = """
            resource "aws_s3_bucket" "site" {
              bucket = "site"
            }

            data "aws_iam_policy_document" "site" {
              statement {
                actions   = ["s3:GetObject"]
                resources = ["${aws_s3_bucket.site.arn}/*"]
                principals {
                  type        = "*"
                  identifiers = ["*"]
                }
              }
            }

            resource "aws_s3_bucket_policy" "site" {
              bucket = aws_s3_bucket.site.id
              policy = data.aws_iam_policy_document.site.json
            }
            """;
        var (_, assessment) = AssessFiles(("main.tf", Terraform));

        var open = Assert.Single(assessment.Active, f => f.Rule.Id == "FC2009");
        Assert.Equal("aws_s3_bucket_policy.site allows anyone ('*') to s3:GetObject on aws_s3_bucket.site with no organization or source condition.", open.Message);
        Assert.Equal(("main.tf", 6), (Path.GetFileName(open.Location.File), open.Location.Line));
    }

    [Fact]
    public void A_policy_in_an_indented_heredoc_is_reported_on_its_statement_and_one_read_from_a_file_on_its_argument()
    {
        const string Terraform = """
            resource "aws_sqs_queue" "a" {
              name = "a"
            }

            resource "aws_sqs_queue" "b" {
              name = "b"
            }

            resource "aws_sqs_queue_policy" "a" {
              queue_url = aws_sqs_queue.a.id
              policy    = <<-EOT
                {
                  "Statement": [
                    { "Effect": "Deny", "Principal": "*", "Action": "sqs:*", "Resource": "*" },
                    { "Effect": "Allow", "Principal": "*", "Action": "sqs:SendMessage", "Resource": "${aws_sqs_queue.a.arn}" }
                  ]
                }
                EOT
            }

            resource "aws_sqs_queue_policy" "b" {
              queue_url = aws_sqs_queue.b.id
              policy    = file("${path.module}/policy.json")
            }
            """;
        const string Json = """
            {
              "Statement": [
                { "Effect": "Allow", "Principal": "*", "Action": "sqs:SendMessage", "Resource": "*" }
              ]
            }
            """;
        var (_, assessment) = AssessFiles(("main.tf", Terraform), ("policy.json", Json));

        // The heredoc's Allow statement is on line 15; the file's JSON is not in main.tf, so its finding is on the
        // policy argument (line 23) that reads it.
        Assert.Equal(
        [
            ("aws_sqs_queue_policy.a", 15),
            ("aws_sqs_queue_policy.b", 23),
        ], assessment.Active.Where(f => f.Rule.Id == "FC2009").Select(f => (f.Resource.LogicalId, f.Location.Line)).Order().ToList());
    }

    [Fact]
    public void A_topic_policy_is_read_as_its_CloudFormation_twin()
    {
        const string Terraform = """
            resource "aws_sns_topic" "alerts" {
              name = "alerts"
            }

            resource "aws_sns_topic_policy" "alerts" {
              arn    = aws_sns_topic.alerts.arn
              policy = jsonencode({
                Version = "2012-10-17"
                Statement = [
                  { Effect = "Allow", Principal = { Service = "events.amazonaws.com" }, Action = "sns:Publish", Resource = aws_sns_topic.alerts.arn },
                  { Effect = "Allow", Principal = "*", Action = ["sns:Subscribe", "sns:Receive"], Resource = aws_sns_topic.alerts.arn, Condition = { StringEquals = { "aws:PrincipalOrgID" = "o-abc123" } } },
                  { Effect = "Deny", Principal = "*", Action = "sns:*", Resource = aws_sns_topic.alerts.arn },
                ]
              })
            }
            """;
        const string CloudFormation = """
            Resources:
              Alerts:
                Type: AWS::SNS::Topic
              AlertsPolicy:
                Type: AWS::SNS::TopicPolicy
                Properties:
                  Topics: [!Ref Alerts]
                  PolicyDocument:
                    Version: "2012-10-17"
                    Statement:
                      - { Effect: Allow, Principal: { Service: events.amazonaws.com }, Action: sns:Publish, Resource: !Ref Alerts }
                      - { Effect: Allow, Principal: "*", Action: [sns:Subscribe, sns:Receive], Resource: !Ref Alerts, Condition: { StringEquals: { "aws:PrincipalOrgID": o-abc123 } } }
                      - { Effect: Deny, Principal: "*", Action: "sns:*", Resource: !Ref Alerts }
            """;
        var folder = Directory.CreateTempSubdirectory("fitcheck-tf-topic-policy");
        try
        {
            Directory.CreateDirectory(Path.Combine(folder.FullName, "tf"));
            File.WriteAllText(Path.Combine(folder.FullName, "tf", "main.tf"), Terraform);
            File.WriteAllText(Path.Combine(folder.FullName, "template.yaml"), CloudFormation);
            var architectures = Scanner.Scan([Path.Combine(folder.FullName, "tf"), Path.Combine(folder.FullName, "template.yaml")]).Architectures;
            Assert.Equal(2, architectures.Count);

            var cloudFormation = Read(architectures.Single(a => a.Template.Dialect == DialectIds.CloudFormation));
            var terraform = Read(architectures.Single(a => a.Template.Dialect == DialectIds.Terraform));
            Assert.Equal(2, cloudFormation.Count);
            Assert.Equal(cloudFormation, terraform);
        }
        finally
        {
            folder.Delete(recursive: true);
        }

        static List<(ComponentKind, string, string, bool, bool, ComponentKind)> Read(Architecture architecture) =>
            [.. architecture.ResourcePermissions.Select(p => (p.Resource.Kind, p.Principal, string.Join(' ', p.Actions), p.HasSourceCondition, p.HasOrgCondition, p.Declaration.Kind))];
    }
}
