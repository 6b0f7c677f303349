using FitCheck.Model;
using FitCheck.Templates.Dialects.CloudFormation;
using FitCheck.Templates.Dialects.CloudFormation.Sam;
using Xunit;

namespace FitCheck.Tests.Templates;

public sealed class PolicyTemplatesTests
{
    private const string PartitionPrefix = "arn:${AWS::Partition}:";
    private const string OwnRegionAccount = "${AWS::Region}:${AWS::AccountId}";

    private static PolicyTemplate Get(string name)
    {
        var template = PolicyTemplates.Find(name);
        Assert.NotNull(template);
        return template;
    }

    [Fact]
    public void Table_holds_the_81_SAM_templates_keyed_by_their_names()
    {
        Assert.Equal(81, PolicyTemplates.All.Count);
        foreach (var (name, template) in PolicyTemplates.All)
        {
            Assert.Equal(name, template.Name);
            Assert.NotEmpty(template.Statements);
        }
    }

    [Fact]
    public void Find_is_ordinal_and_returns_null_for_unknown_names()
    {
        Assert.Same(PolicyTemplates.All["DynamoDBCrudPolicy"], PolicyTemplates.Find("DynamoDBCrudPolicy"));
        Assert.Null(PolicyTemplates.Find("dynamodbcrudpolicy"));
        Assert.Null(PolicyTemplates.Find("DynamoDBCrudPolicy "));
        Assert.Null(PolicyTemplates.Find("NoSuchPolicy"));
        Assert.NotNull(PolicyTemplates.Find("KMSEncryptPolicy_v2"));
        Assert.NotNull(PolicyTemplates.Find("StepFunctionsExecutionPolicy_v2"));
        Assert.NotNull(PolicyTemplates.Find("SESBulkTemplatedCrudPolicy_v2"));
    }

    [Fact]
    public void DynamoDBCrudPolicy_grants_item_CRUD_on_the_table_and_its_indexes()
    {
        var crud = Get("DynamoDBCrudPolicy");

        Assert.Equal(["TableName"], crud.Parameters);
        var statement = Assert.Single(crud.Statements);
        Assert.Equal(10, statement.Actions.Count);
        Assert.Contains("dynamodb:PutItem", statement.Actions);
        Assert.Contains("dynamodb:GetItem", statement.Actions);
        Assert.Contains("dynamodb:ConditionCheckItem", statement.Actions);
        Assert.Equal(
            [
                "arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/{TableName}",
                "arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/{TableName}/index/*",
            ],
            statement.Resources);
        Assert.Equal(PolicyResourceScope.Parameter, statement.Scope);
        Assert.False(crud.HasWildcardResource);
        Assert.Equal(["TableName"], crud.ParametersInResources);
        Assert.Equal(ActionEffect.Read | ActionEffect.Write, ActionClassifier.ClassifyAll(crud.AllActions));
    }

    [Fact]
    public void DynamoDBReadPolicy_and_WritePolicy_split_the_CRUD_actions()
    {
        var read = Get("DynamoDBReadPolicy").AllActions;
        var write = Get("DynamoDBWritePolicy").AllActions;

        Assert.Equal(["dynamodb:GetItem", "dynamodb:Scan", "dynamodb:Query", "dynamodb:BatchGetItem", "dynamodb:DescribeTable"], read);
        Assert.Equal(["dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:BatchWriteItem"], write);
        Assert.Equal(ActionEffect.Read, ActionClassifier.ClassifyAll(read));
        Assert.Equal(ActionEffect.Write, ActionClassifier.ClassifyAll(write));
    }

    [Fact]
    public void SQSPollerPolicy_consumes_from_the_queue_named_by_QueueName()
    {
        var poller = Get("SQSPollerPolicy");

        Assert.Equal(["QueueName"], poller.Parameters);
        var statement = Assert.Single(poller.Statements);
        Assert.Equal(
            ["sqs:ChangeMessageVisibility", "sqs:ChangeMessageVisibilityBatch", "sqs:DeleteMessage", "sqs:DeleteMessageBatch",
             "sqs:GetQueueAttributes", "sqs:ReceiveMessage"],
            statement.Actions);
        Assert.Equal(["arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:{QueueName}"], statement.Resources);
        Assert.DoesNotContain(statement.Actions, a => a.StartsWith("sqs:SendMessage", StringComparison.Ordinal));
        Assert.Equal(ActionEffect.Read, ActionClassifier.ClassifyAll(statement.Actions));
    }

    [Fact]
    public void SQSSendMessagePolicy_grants_the_SendMessage_pattern()
    {
        var statement = Assert.Single(Get("SQSSendMessagePolicy").Statements);

        Assert.Equal(["sqs:SendMessage*"], statement.Actions);
        Assert.Equal(["arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:{QueueName}"], statement.Resources);
        Assert.Equal(ActionEffect.Publish, ActionClassifier.ClassifyAll(statement.Actions));
    }

    [Fact]
    public void LambdaInvokePolicy_and_SNSCrudPolicy_append_a_wildcard_after_the_name()
    {
        var invoke = Assert.Single(Get("LambdaInvokePolicy").Statements);
        Assert.Equal(["lambda:InvokeFunction"], invoke.Actions);
        var resource = Assert.Single(invoke.Resources);
        Assert.EndsWith("function:{FunctionName}*", resource, StringComparison.Ordinal);
        Assert.StartsWith("arn:${AWS::Partition}:lambda:", resource, StringComparison.Ordinal);
        Assert.Equal(ActionEffect.Invoke, ActionClassifier.ClassifyAll(invoke.Actions));

        var sns = Assert.Single(Get("SNSCrudPolicy").Statements);
        Assert.EndsWith(":{TopicName}*", Assert.Single(sns.Resources), StringComparison.Ordinal);
        Assert.EndsWith(":{TopicName}", Assert.Single(Assert.Single(Get("SNSPublishMessagePolicy").Statements).Resources),
            StringComparison.Ordinal);

        // The trailing '*' follows a parameter, so the grant is still scoped by it, not a fixed wildcard.
        Assert.Equal(PolicyResourceScope.Parameter, invoke.Scope);
        Assert.False(Get("LambdaInvokePolicy").HasWildcardResource);
    }

    [Fact]
    public void SSM_templates_differ_only_by_the_slash_before_the_parameter_name()
    {
        var plain = Get("SSMParameterReadPolicy").Statements[1].Resources;
        var slash = Get("SSMParameterWithSlashPrefixReadPolicy").Statements[1].Resources;

        Assert.EndsWith(":parameter/{ParameterName}", Assert.Single(plain), StringComparison.Ordinal);
        Assert.EndsWith(":parameter{ParameterName}", Assert.Single(slash), StringComparison.Ordinal);
        Assert.Equal(Get("SSMParameterReadPolicy").AllActions, Get("SSMParameterWithSlashPrefixReadPolicy").AllActions);
    }

    [Fact]
    public void Every_placeholder_is_a_declared_parameter_and_every_parameter_is_used()
    {
        foreach (var template in PolicyTemplates.All.Values)
        {
            var used = new HashSet<string>(StringComparer.Ordinal);
            foreach (var statement in template.Statements)
            {
                var patterns = new List<string>(statement.Resources);
                if (statement.Condition is { } condition)
                {
                    patterns.Add(condition.Value);
                }

                foreach (var name in patterns.SelectMany(PolicyTemplates.PlaceholdersIn))
                {
                    Assert.True(template.Parameters.Contains(name), $"{template.Name}: placeholder {{{name}}} is not a parameter");
                    used.Add(name);
                }
            }

            Assert.Equal(template.Parameters.Order(StringComparer.Ordinal), used.Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public void Actions_are_full_names_without_repeats_and_resources_are_arns_placeholders_or_star()
    {
        foreach (var template in PolicyTemplates.All.Values)
        {
            foreach (var statement in template.Statements)
            {
                Assert.NotEmpty(statement.Actions);
                Assert.NotEmpty(statement.Resources);
                Assert.Equal(statement.Actions.Count, statement.Actions.Distinct(StringComparer.Ordinal).Count());
                foreach (var action in statement.Actions)
                {
                    var colon = action.IndexOf(':', StringComparison.Ordinal);
                    Assert.True(colon > 0 && colon < action.Length - 1, $"{template.Name}: '{action}' is not service:verb");
                    Assert.DoesNotContain(" ", action, StringComparison.Ordinal);
                }

                foreach (var resource in statement.Resources)
                {
                    Assert.True(
                        resource == "*" || resource.StartsWith(PartitionPrefix, StringComparison.Ordinal) || resource.StartsWith('{'),
                        $"{template.Name}: unexpected resource {resource}");
                    Assert.DoesNotContain("${AWS::AccountId}${", resource, StringComparison.Ordinal);
                }
            }
        }
    }

    [Fact]
    public void Abbreviated_reference_rows_are_complete_here()
    {
        // The reference summarises these with "N actions, e.g. ..."; the table holds SAM's full lists.
        Assert.Equal(13, Get("AthenaQueryPolicy").Statements[1].Actions.Count);
        Assert.Equal(60, Get("CodeCommitCrudPolicy").AllActions.Count);
        Assert.Equal(31, Get("CodeCommitReadPolicy").AllActions.Count);
        Assert.Equal(14, Get("KinesisCrudPolicy").AllActions.Count);
        Assert.Equal(12, Get("S3FullAccessPolicy").Statements[0].Actions.Count);
        Assert.Subset(Get("CodeCommitCrudPolicy").AllActions.ToHashSet(StringComparer.Ordinal),
            Get("CodeCommitReadPolicy").AllActions.ToHashSet(StringComparer.Ordinal));
    }

    [Fact]
    public void Statement_scopes_match_the_counts_in_the_reference()
    {
        var statements = PolicyTemplates.All.Values.SelectMany(t => t.Statements).ToList();

        Assert.Equal(92, statements.Count);
        Assert.Equal(63, statements.Count(s => s.Scope == PolicyResourceScope.Parameter));
        Assert.Equal(24, statements.Count(s => s.Scope == PolicyResourceScope.Any));
        Assert.Equal(5, statements.Count(s => s.Scope == PolicyResourceScope.FixedWildcard));
    }

    [Theory]
    [InlineData("TextractPolicy", true)]
    [InlineData("VPCAccessPolicy", true)]
    [InlineData("CloudWatchPutMetricPolicy", true)]
    [InlineData("CloudFormationDescribeStacksPolicy", true)]
    [InlineData("KinesisStreamReadPolicy", true)]
    [InlineData("SSMParameterReadPolicy", true)]
    [InlineData("AWSSecretsManagerRotationPolicy", true)]
    [InlineData("DynamoDBCrudPolicy", false)]
    [InlineData("DynamoDBBackupFullAccessPolicy", false)]
    [InlineData("S3CrudPolicy", false)]
    [InlineData("LambdaInvokePolicy", false)]
    [InlineData("AWSSecretsManagerGetSecretValuePolicy", false)]
    public void HasWildcardResource_means_star_or_a_fixed_wildcard(string name, bool expected) =>
        Assert.Equal(expected, Get(name).HasWildcardResource);

    [Fact]
    public void ParametersInResources_leaves_out_parameters_used_only_in_conditions()
    {
        Assert.Equal(["StreamName", "TableName"], Get("DynamoDBStreamReadPolicy").ParametersInResources);
        Assert.Equal(["IdentityName", "TemplateName"], Get("SESBulkTemplatedCrudPolicy_v2").ParametersInResources);
        Assert.Empty(Get("TextractPolicy").ParametersInResources);

        var efs = Get("EFSWriteAccessPolicy");
        Assert.Equal(["AccessPoint", "FileSystem"], efs.Parameters);
        Assert.Equal(["FileSystem"], efs.ParametersInResources);
        var condition = Assert.Single(efs.Statements).Condition;
        Assert.NotNull(condition);
        Assert.Equal("elasticfilesystem:AccessPointArn", condition.Key);
        Assert.EndsWith("access-point/{AccessPoint}", condition.Value, StringComparison.Ordinal);

        var rotation = Get("AWSSecretsManagerRotationPolicy");
        Assert.Empty(rotation.ParametersInResources);
        Assert.Equal("secretsmanager:resource/AllowRotationLambdaArn", rotation.Statements[0].Condition?.Key);
        Assert.Null(rotation.Statements[1].Condition);
    }

    [Fact]
    public void StatementsNaming_returns_the_statements_scoped_by_a_parameter()
    {
        var stream = Get("DynamoDBStreamReadPolicy");
        Assert.Equal(["dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator"],
            Assert.Single(stream.StatementsNaming("StreamName")).Actions);
        Assert.Equal(2, stream.StatementsNaming("TableName").Count());
        Assert.Empty(stream.StatementsNaming("tablename"));

        var polly = Get("PollyFullAccessPolicy");
        Assert.Equal(["polly:GetLexicon", "polly:DeleteLexicon"], Assert.Single(polly.StatementsNaming("LexiconName")).Actions);
    }

    [Fact]
    public void PlaceholdersIn_ignores_pseudo_parameters_and_Bind_fills_placeholders()
    {
        const string pattern = "arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/{TableName}/stream/{StreamName}";

        Assert.Equal(["TableName", "StreamName"], PolicyTemplates.PlaceholdersIn(pattern));
        Assert.Empty(PolicyTemplates.PlaceholdersIn("arn:${AWS::Partition}:kinesis:${AWS::Region}:${AWS::AccountId}:stream/*"));
        Assert.Equal(["SecretArn"], PolicyTemplates.PlaceholdersIn("{SecretArn}"));

        var bound = PolicyTemplates.Bind(pattern, new Dictionary<string, string>(StringComparer.Ordinal) { ["TableName"] = "Orders" });
        Assert.Equal("arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/Orders/stream/{StreamName}", bound);
    }

    [Fact]
    public void No_SAM_template_grants_deploy_or_admin_rights()
    {
        foreach (var template in PolicyTemplates.All.Values)
        {
            var effect = ActionClassifier.ClassifyAll(template.AllActions);
            Assert.False((effect & (ActionEffect.Deploy | ActionEffect.Admin)) != 0, $"{template.Name}: {effect}");
        }

        Assert.Equal(ActionEffect.StartExecution, ActionClassifier.ClassifyAll(Get("StepFunctionsExecutionPolicy_v2").AllActions));
        Assert.Equal(ActionEffect.Write, ActionClassifier.ClassifyAll(Get("StepFunctionsCallbackPolicy").AllActions));
        Assert.Equal(ActionEffect.Publish, ActionClassifier.ClassifyAll(Get("EventBridgePutEventsPolicy").AllActions));
        Assert.Equal(ActionEffect.Publish, ActionClassifier.ClassifyAll(Get("FirehoseWritePolicy").AllActions));
        Assert.Equal(ActionEffect.Read, ActionClassifier.ClassifyAll(Get("KinesisStreamReadPolicy").AllActions));
        Assert.Equal(ActionEffect.Read, ActionClassifier.ClassifyAll(Get("S3ReadPolicy").AllActions));
        Assert.Equal(ActionEffect.Read, ActionClassifier.ClassifyAll(Get("AWSSecretsManagerGetSecretValuePolicy").AllActions));
        Assert.Equal(ActionEffect.Read, ActionClassifier.ClassifyAll(Get("KMSDecryptPolicy").AllActions));
    }

    [ReferenceDocFact]
    public void Table_has_exactly_the_templates_of_the_reference_doc()
    {
        var rows = ReferenceDoc.ReadPolicyTemplateRows();

        Assert.True(rows.Count >= 75, $"only {rows.Count} rows parsed from the reference table");
        var missing = rows.Select(r => r.Name).Where(n => PolicyTemplates.Find(n) is null).ToList();
        Assert.True(missing.Count == 0, "missing templates: " + string.Join(", ", missing));
        var extra = PolicyTemplates.All.Keys.Except(rows.Select(r => r.Name), StringComparer.Ordinal).ToList();
        Assert.True(extra.Count == 0, "templates not in the reference: " + string.Join(", ", extra));
    }

    [ReferenceDocFact]
    public void Each_template_matches_its_reference_row()
    {
        foreach (var row in ReferenceDoc.ReadPolicyTemplateRows())
        {
            var template = Get(row.Name);
            Assert.True(row.Parameters.SequenceEqual(template.Parameters), $"{row.Name}: parameters");
            Assert.True(row.Statements.Count == template.Statements.Count, $"{row.Name}: statement count");

            for (var i = 0; i < row.Statements.Count; i++)
            {
                var expected = row.Statements[i];
                var actual = template.Statements[i];
                var where = $"{row.Name} statement {i + 1}";
                var listed = expected.Verbs.Select(v => expected.Service + ":" + v).ToList();

                if (expected.AbbreviatedCount is { } count)
                {
                    Assert.True(count == actual.Actions.Count, $"{where}: {actual.Actions.Count} actions, reference says {count}");
                    Assert.True(listed.All(actual.Actions.Contains), $"{where}: lacks some of {string.Join(", ", listed)}");
                }
                else
                {
                    Assert.True(listed.SequenceEqual(actual.Actions), $"{where}: actions {string.Join(", ", actual.Actions)}");
                }

                Assert.True(expected.Scope == actual.Scope, $"{where}: scope {actual.Scope}, reference says {expected.Scope}");
                var resources = actual.Resources.Select(Abbreviate).ToList();
                Assert.True(expected.Resources.SequenceEqual(resources), $"{where}: resources {string.Join(" ; ", resources)}");
                Assert.True(expected.HasCondition == (actual.Condition is not null), $"{where}: condition");
            }
        }
    }

    /// <summary>The reference's short form: no <c>arn:partition:</c> prefix, <c>&lt;acct&gt;</c> for the stack's region and account.</summary>
    private static string Abbreviate(string resource) =>
        resource.StartsWith(PartitionPrefix, StringComparison.Ordinal)
            ? resource[PartitionPrefix.Length..].Replace(OwnRegionAccount, "<acct>", StringComparison.Ordinal)
            : resource;
}

/// <summary>A fact that needs the shared reference document next to the repository; skipped when it is absent.</summary>
public sealed class ReferenceDocFactAttribute : FactAttribute
{
    public ReferenceDocFactAttribute()
    {
        if (ReferenceDoc.FullPath is null)
        {
            Skip = $"reference document {ReferenceDoc.RelativePath} (relative to the repository root) not found; "
                + "the table is then checked only by the tests that do not need it";
        }
    }
}

internal sealed record ReferenceStatement(string Service, IReadOnlyList<string> Verbs, int? AbbreviatedCount, PolicyResourceScope Scope,
    IReadOnlyList<string> Resources, bool HasCondition);

internal sealed record ReferenceRow(string Name, IReadOnlyList<string> Parameters, IReadOnlyList<ReferenceStatement> Statements);

/// <summary>Reads the policy-template table of the shared SAM reference document.</summary>
internal static class ReferenceDoc
{
    public const string RelativePath = "../shared/reference/sam-and-aws-defaults.md";
    private const string TableHeader = "| Template | Parameters | Statements";
    private const string Arrow = " \u2192 ";

    public static string? FullPath { get; } = Locate();

    private static string? Locate()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "fitcheck.slnx")))
        {
            dir = dir.Parent;
        }

        if (dir is null)
        {
            return null;
        }

        var path = Path.GetFullPath(Path.Combine(dir.FullName, RelativePath));
        return File.Exists(path) ? path : null;
    }

    public static List<ReferenceRow> ReadPolicyTemplateRows()
    {
        Assert.NotNull(FullPath);
        var lines = File.ReadAllLines(FullPath);
        var start = Array.FindIndex(lines, l => l.StartsWith(TableHeader, StringComparison.Ordinal));
        Assert.True(start >= 0, $"'{TableHeader}' not found in {RelativePath}");

        var rows = new List<ReferenceRow>();
        for (var i = start + 2; i < lines.Length && lines[i].StartsWith('|'); i++)
        {
            var cells = lines[i].Split('|');
            Assert.True(cells.Length == 5, $"unexpected row: {lines[i]}");
            var name = cells[1].Trim();
            var parameters = cells[2].Trim() == "\u2014"
                ? []
                : cells[2].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            var statements = cells[3].Split("<br>", StringSplitOptions.TrimEntries).Select(s => ParseStatement(name, s)).ToList();
            rows.Add(new ReferenceRow(name, parameters, statements));
        }

        return rows;
    }

    /// <summary>Parses "`svc`: A, B → param: `x` ; `y`" or "`svc`: 13 actions, e.g. A, B … → `*`".</summary>
    private static ReferenceStatement ParseStatement(string template, string text)
    {
        var arrow = text.IndexOf(Arrow, StringComparison.Ordinal);
        Assert.True(arrow > 0, $"{template}: no arrow in '{text}'");
        var left = text[..arrow].Trim();
        var right = text[(arrow + Arrow.Length)..].Trim();

        Assert.StartsWith("`", left, StringComparison.Ordinal);
        var close = left.IndexOf("`:", 1, StringComparison.Ordinal);
        var service = left[1..close];
        var actions = left[(close + 2)..].Trim();

        int? abbreviated = null;
        const string eg = " actions, e.g. ";
        var egAt = actions.IndexOf(eg, StringComparison.Ordinal);
        if (egAt > 0)
        {
            abbreviated = int.Parse(actions[..egAt], System.Globalization.CultureInfo.InvariantCulture);
            actions = actions[(egAt + eg.Length)..].TrimEnd('\u2026', ' ');
        }

        var verbs = actions.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

        const string withCondition = "(with Condition)";
        var hasCondition = right.Contains(withCondition, StringComparison.Ordinal);
        right = right.Replace(withCondition, "", StringComparison.Ordinal).Trim();

        PolicyResourceScope scope;
        if (right == "`*`")
        {
            return new ReferenceStatement(service, verbs, abbreviated, PolicyResourceScope.Any, ["*"], hasCondition);
        }
        else if (right.StartsWith("param:", StringComparison.Ordinal))
        {
            scope = PolicyResourceScope.Parameter;
            right = right["param:".Length..];
        }
        else if (right.StartsWith("fixed wildcard:", StringComparison.Ordinal))
        {
            scope = PolicyResourceScope.FixedWildcard;
            right = right["fixed wildcard:".Length..];
        }
        else
        {
            Assert.Fail($"{template}: unknown scope '{right}'");
            throw new InvalidOperationException();
        }

        var resources = right.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(r => r.Trim('`'))
            .ToList();
        return new ReferenceStatement(service, verbs, abbreviated, scope, resources, hasCondition);
    }
}
