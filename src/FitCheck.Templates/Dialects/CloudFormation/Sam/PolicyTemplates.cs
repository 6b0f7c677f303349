using System.Collections.Frozen;
using System.Text;

namespace FitCheck.Templates.Dialects.CloudFormation.Sam;

/// <summary>How far the resources of a policy-template statement reach.</summary>
public enum PolicyResourceScope
{
    /// <summary>A fixed ARN: no parameter, no wildcard.</summary>
    Fixed,
    /// <summary>The ARN is built from a template parameter (it may still end in a wildcard, e.g. <c>table/{TableName}/index/*</c>).</summary>
    Parameter,
    /// <summary>An ARN pattern with <c>*</c> that uses no parameter (<c>...:stack/*</c>).</summary>
    FixedWildcard,
    /// <summary><c>*</c>: every resource.</summary>
    Any,
}

/// <summary>A condition SAM attaches to a policy-template statement (always <c>StringEquals</c> on one key today).</summary>
/// <param name="Operator">The condition operator, e.g. <c>StringEquals</c>.</param>
/// <param name="Key">The condition key, e.g. <c>elasticfilesystem:AccessPointArn</c>.</param>
/// <param name="Value">The value pattern; may hold <c>{ParamName}</c> placeholders.</param>
public sealed record PolicyTemplateCondition(string Operator, string Key, string Value);

/// <summary>One statement of a SAM policy template (every SAM template statement is <c>Allow</c>).</summary>
/// <param name="Actions">Full IAM action names, e.g. <c>dynamodb:GetItem</c> (<c>sqs:SendMessage*</c> and <c>textract:*</c> are patterns).</param>
/// <param name="Resources">
/// Resource patterns, e.g. <c>arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/{TableName}</c>, or <c>*</c>.
/// Template parameters are written <c>{ParamName}</c>; <c>${AWS::...}</c> are the stack's pseudo parameters.
/// </param>
public sealed record PolicyTemplateStatement(IReadOnlyList<string> Actions, IReadOnlyList<string> Resources)
{
    /// <summary>A condition that narrows the statement; null when there is none.</summary>
    public PolicyTemplateCondition? Condition { get; init; }

    /// <summary>The broadest scope among the statement's resources.</summary>
    public PolicyResourceScope Scope
    {
        get
        {
            var scope = PolicyResourceScope.Fixed;
            foreach (var resource in Resources)
            {
                var s = PolicyTemplates.ScopeOf(resource);
                if (s > scope)
                {
                    scope = s;
                }
            }

            return scope;
        }
    }

    /// <summary>True when any resource is <c>*</c> or an ARN pattern with a wildcard that uses no parameter.</summary>
    public bool HasWildcardResource => Scope >= PolicyResourceScope.FixedWildcard;

    /// <summary>True when a resource of this statement contains the placeholder <c>{parameter}</c>.</summary>
    public bool NamesParameter(string parameter)
    {
        foreach (var resource in Resources)
        {
            if (PolicyTemplates.PlaceholdersIn(resource).Contains(parameter, StringComparer.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>A SAM policy template: what <c>Policies: - DynamoDBCrudPolicy: {TableName: !Ref T}</c> expands to.</summary>
/// <param name="Name">The template name as written in <c>Policies</c> (case-sensitive).</param>
/// <param name="Parameters">The parameters SAM requires, in SAM's order; a missing one is a transform error.</param>
/// <param name="Statements">The statements of the inline policy SAM generates.</param>
public sealed record PolicyTemplate(string Name, IReadOnlyList<string> Parameters, IReadOnlyList<PolicyTemplateStatement> Statements)
{
    /// <summary>
    /// The parameters that some statement's resources name, in <see cref="Parameters"/> order. These link the grant
    /// to the component the parameter refers to; a parameter missing here is only used in a condition
    /// (<c>AWSSecretsManagerRotationPolicy</c>'s FunctionName, <c>EFSWriteAccessPolicy</c>'s AccessPoint).
    /// Use <see cref="StatementsNaming"/> for the statements of one parameter.
    /// </summary>
    public IReadOnlyList<string> ParametersInResources => Parameters.Where(p => Statements.Any(s => s.NamesParameter(p))).ToArray();

    /// <summary>The statements whose resources name <paramref name="parameter"/>.</summary>
    public IEnumerable<PolicyTemplateStatement> StatementsNaming(string parameter) => Statements.Where(s => s.NamesParameter(parameter));

    /// <summary>True when any statement grants on <c>*</c> or on a fixed wildcard (an ARN pattern with <c>*</c> and no parameter).</summary>
    public bool HasWildcardResource => Statements.Any(s => s.HasWildcardResource);

    /// <summary>Every action of every statement, in order, without repeats.</summary>
    public IReadOnlyList<string> AllActions => Statements.SelectMany(s => s.Actions).Distinct(StringComparer.Ordinal).ToArray();
}

/// <summary>
/// The SAM policy templates (<c>samtranslator/policy_templates_data/policy_templates.json</c> in
/// aws/serverless-application-model, 81 templates as of its 2024-11-03 change), as static data: no JSON is loaded at run time.
/// </summary>
public static class PolicyTemplates
{
    private const string PseudoPartition = "${AWS::Partition}";

    /// <summary>Every template by name (ordinal comparison, as SAM matches names).</summary>
    public static IReadOnlyDictionary<string, PolicyTemplate> All { get; } = Build();

    /// <summary>The template called <paramref name="name"/>, or null when SAM has no such template.</summary>
    public static PolicyTemplate? Find(string name) => All.GetValueOrDefault(name);

    /// <summary>The <c>{Name}</c> placeholders of a pattern, in order; <c>${AWS::...}</c> pseudo parameters are not placeholders.</summary>
    public static IReadOnlyList<string> PlaceholdersIn(string pattern)
    {
        List<string>? names = null;
        for (var i = 0; i < pattern.Length; i++)
        {
            if (pattern[i] != '{' || (i > 0 && pattern[i - 1] == '$'))
            {
                continue;
            }

            var end = pattern.IndexOf('}', i + 1);
            if (end < 0)
            {
                break;
            }

            (names ??= []).Add(pattern[(i + 1)..end]);
            i = end;
        }

        return names ?? (IReadOnlyList<string>)[];
    }

    /// <summary>
    /// Replaces the <c>{Name}</c> placeholders of <paramref name="pattern"/> with <paramref name="arguments"/>;
    /// placeholders without an argument, and <c>${AWS::...}</c>, are left as they are.
    /// </summary>
    public static string Bind(string pattern, IReadOnlyDictionary<string, string> arguments)
    {
        var result = new StringBuilder(pattern.Length + 32);
        for (var i = 0; i < pattern.Length; i++)
        {
            var end = pattern[i] == '{' && (i == 0 || pattern[i - 1] != '$') ? pattern.IndexOf('}', i + 1) : -1;
            if (end > i && arguments.TryGetValue(pattern[(i + 1)..end], out var value))
            {
                result.Append(value);
                i = end;
            }
            else
            {
                result.Append(pattern[i]);
            }
        }

        return result.ToString();
    }

    /// <summary>Classifies one resource pattern.</summary>
    public static PolicyResourceScope ScopeOf(string resource)
    {
        if (resource == "*")
        {
            return PolicyResourceScope.Any;
        }

        if (PlaceholdersIn(resource).Count > 0)
        {
            return PolicyResourceScope.Parameter;
        }

        return resource.Contains('*') ? PolicyResourceScope.FixedWildcard : PolicyResourceScope.Fixed;
    }

    /// <summary><c>arn:${AWS::Partition}:service:${AWS::Region}:${AWS::AccountId}:resource</c>: a resource of the stack's own region and account.</summary>
    private static string Arn(string service, string resource) =>
        "arn:" + PseudoPartition + ":" + service + ":${AWS::Region}:${AWS::AccountId}:" + resource;

    /// <summary><c>arn:${AWS::Partition}:service:::resource</c>: a service whose ARNs have no region or account (S3, Route 53).</summary>
    private static string GlobalArn(string service, string resource) => "arn:" + PseudoPartition + ":" + service + ":::" + resource;

    private static string[] A(string service, params string[] verbs)
    {
        var actions = new string[verbs.Length];
        for (var i = 0; i < verbs.Length; i++)
        {
            actions[i] = service + ":" + verbs[i];
        }

        return actions;
    }

    private static PolicyTemplateStatement S(string[] actions, params string[] resources) => new(actions, resources);

    private static PolicyTemplate T(string name, string[] parameters, params PolicyTemplateStatement[] statements) =>
        new(name, parameters, statements);

    private static FrozenDictionary<string, PolicyTemplate> Build()
    {
        PolicyTemplate[] templates =
        [
            T("AMIDescribePolicy", [],
                S(A("ec2", "DescribeImages"), "*")),
            T("AWSSecretsManagerGetSecretValuePolicy", ["SecretArn"],
                S(A("secretsmanager", "GetSecretValue"), "{SecretArn}")),
            T("AWSSecretsManagerRotationPolicy", ["FunctionName"],
                S(A("secretsmanager", "DescribeSecret", "GetSecretValue", "PutSecretValue", "UpdateSecretVersionStage"),
                    Arn("secretsmanager", "secret:*")) with
                {
                    // Every secret of the account, but only for the rotation function named by the parameter.
                    Condition = new("StringEquals", "secretsmanager:resource/AllowRotationLambdaArn", Arn("lambda", "function:{FunctionName}")),
                },
                S(A("secretsmanager", "GetRandomPassword"), "*")),
            T("AcmGetCertificatePolicy", ["CertificateArn"],
                S(A("acm", "GetCertificate"), "{CertificateArn}")),
            T("AthenaQueryPolicy", ["WorkGroupName"],
                S(A("athena", "ListWorkGroups", "GetExecutionEngine", "GetExecutionEngines", "GetNamespace", "GetCatalogs",
                    "GetNamespaces", "GetTables", "GetTable"), "*"),
                S(A("athena", "StartQueryExecution", "GetQueryResults", "DeleteNamedQuery", "GetNamedQuery", "ListQueryExecutions",
                    "StopQueryExecution", "GetQueryResultsStream", "ListNamedQueries", "CreateNamedQuery", "GetQueryExecution",
                    "BatchGetNamedQuery", "BatchGetQueryExecution", "GetWorkGroup"),
                    Arn("athena", "workgroup/{WorkGroupName}"))),
            T("CloudFormationDescribeStacksPolicy", [],
                S(A("cloudformation", "DescribeStacks"), Arn("cloudformation", "stack/*"))),
            T("CloudWatchDashboardPolicy", [],
                S(A("cloudwatch", "GetDashboard", "ListDashboards", "PutDashboard", "ListMetrics"), "*")),
            T("CloudWatchDescribeAlarmHistoryPolicy", [],
                S(A("cloudwatch", "DescribeAlarmHistory"), "*")),
            T("CloudWatchPutMetricPolicy", [],
                S(A("cloudwatch", "PutMetricData"), "*")),
            // SAM lists codecommit:GetBranch and codecommit:GetCommit twice in both CodeCommit templates; they appear once here.
            T("CodeCommitCrudPolicy", ["RepositoryName"],
                S(A("codecommit", "GitPull", "GitPush", "CreateBranch", "DeleteBranch", "GetBranch", "ListBranches",
                    "MergeBranchesByFastForward", "MergeBranchesBySquash", "MergeBranchesByThreeWay", "UpdateDefaultBranch",
                    "BatchDescribeMergeConflicts", "CreateUnreferencedMergeCommit", "DescribeMergeConflicts", "GetMergeCommit",
                    "GetMergeOptions", "BatchGetPullRequests", "CreatePullRequest", "DescribePullRequestEvents",
                    "GetCommentsForPullRequest", "GetCommitsFromMergeBase", "GetMergeConflicts", "GetPullRequest", "ListPullRequests",
                    "MergePullRequestByFastForward", "MergePullRequestBySquash", "MergePullRequestByThreeWay",
                    "PostCommentForPullRequest", "UpdatePullRequestDescription", "UpdatePullRequestStatus", "UpdatePullRequestTitle",
                    "DeleteFile", "GetBlob", "GetFile", "GetFolder", "PutFile", "DeleteCommentContent", "GetComment",
                    "GetCommentsForComparedCommit", "PostCommentForComparedCommit", "PostCommentReply", "UpdateComment",
                    "BatchGetCommits", "CreateCommit", "GetCommit", "GetCommitHistory", "GetDifferences", "GetObjectIdentifier",
                    "GetReferences", "GetTree", "GetRepository", "UpdateRepositoryDescription", "ListTagsForResource", "TagResource",
                    "UntagResource", "GetRepositoryTriggers", "PutRepositoryTriggers", "TestRepositoryTriggers", "UploadArchive",
                    "GetUploadArchiveStatus", "CancelUploadArchive"),
                    Arn("codecommit", "{RepositoryName}"))),
            T("CodeCommitReadPolicy", ["RepositoryName"],
                S(A("codecommit", "GitPull", "GetBranch", "ListBranches", "BatchDescribeMergeConflicts", "DescribeMergeConflicts",
                    "GetMergeCommit", "GetMergeOptions", "BatchGetPullRequests", "DescribePullRequestEvents",
                    "GetCommentsForPullRequest", "GetCommitsFromMergeBase", "GetMergeConflicts", "GetPullRequest", "ListPullRequests",
                    "GetBlob", "GetFile", "GetFolder", "GetComment", "GetCommentsForComparedCommit", "BatchGetCommits", "GetCommit",
                    "GetCommitHistory", "GetDifferences", "GetObjectIdentifier", "GetReferences", "GetTree", "GetRepository",
                    "ListTagsForResource", "GetRepositoryTriggers", "TestRepositoryTriggers", "GetUploadArchiveStatus"),
                    Arn("codecommit", "{RepositoryName}"))),
            T("CodePipelineLambdaExecutionPolicy", [],
                S(A("codepipeline", "PutJobSuccessResult", "PutJobFailureResult"), "*")),
            T("CodePipelineReadOnlyPolicy", ["PipelineName"],
                S(A("codepipeline", "ListPipelineExecutions"), Arn("codepipeline", "{PipelineName}"))),
            T("ComprehendBasicAccessPolicy", [],
                S(A("comprehend", "BatchDetectKeyPhrases", "DetectDominantLanguage", "DetectEntities", "BatchDetectEntities",
                    "DetectKeyPhrases", "DetectSentiment", "BatchDetectDominantLanguage", "BatchDetectSentiment"), "*")),
            T("CostExplorerReadOnlyPolicy", [],
                S(A("ce", "GetCostAndUsage", "GetDimensionValues", "GetReservationCoverage", "GetReservationPurchaseRecommendation",
                    "GetReservationUtilization", "GetTags"), "*")),
            T("DynamoDBBackupFullAccessPolicy", ["TableName"],
                S(A("dynamodb", "CreateBackup", "DescribeContinuousBackups"), Arn("dynamodb", "table/{TableName}")),
                S(A("dynamodb", "DeleteBackup", "DescribeBackup", "ListBackups"), Arn("dynamodb", "table/{TableName}/backup/*"))),
            T("DynamoDBCrudPolicy", ["TableName"],
                S(A("dynamodb", "GetItem", "DeleteItem", "PutItem", "Scan", "Query", "UpdateItem", "BatchWriteItem", "BatchGetItem",
                    "DescribeTable", "ConditionCheckItem"),
                    Arn("dynamodb", "table/{TableName}"), Arn("dynamodb", "table/{TableName}/index/*"))),
            T("DynamoDBReadPolicy", ["TableName"],
                S(A("dynamodb", "GetItem", "Scan", "Query", "BatchGetItem", "DescribeTable"),
                    Arn("dynamodb", "table/{TableName}"), Arn("dynamodb", "table/{TableName}/index/*"))),
            T("DynamoDBReconfigurePolicy", ["TableName"],
                S(A("dynamodb", "UpdateTable"), Arn("dynamodb", "table/{TableName}"))),
            T("DynamoDBRestoreFromBackupPolicy", ["TableName"],
                S(A("dynamodb", "RestoreTableFromBackup"), Arn("dynamodb", "table/{TableName}/backup/*")),
                S(A("dynamodb", "PutItem", "UpdateItem", "DeleteItem", "GetItem", "Query", "Scan", "BatchWriteItem"),
                    Arn("dynamodb", "table/{TableName}"))),
            T("DynamoDBStreamReadPolicy", ["StreamName", "TableName"],
                S(A("dynamodb", "DescribeStream", "GetRecords", "GetShardIterator"), Arn("dynamodb", "table/{TableName}/stream/{StreamName}")),
                S(A("dynamodb", "ListStreams"), Arn("dynamodb", "table/{TableName}/stream/*"))),
            T("DynamoDBWritePolicy", ["TableName"],
                S(A("dynamodb", "PutItem", "UpdateItem", "BatchWriteItem"),
                    Arn("dynamodb", "table/{TableName}"), Arn("dynamodb", "table/{TableName}/index/*"))),
            T("EC2CopyImagePolicy", ["ImageId"],
                S(A("ec2", "CopyImage"), Arn("ec2", "image/{ImageId}"))),
            T("EC2DescribePolicy", [],
                S(A("ec2", "DescribeRegions", "DescribeInstances"), "*")),
            T("EFSWriteAccessPolicy", ["AccessPoint", "FileSystem"],
                S(A("elasticfilesystem", "ClientMount", "ClientWrite"), Arn("elasticfilesystem", "file-system/{FileSystem}")) with
                {
                    Condition = new("StringEquals", "elasticfilesystem:AccessPointArn", Arn("elasticfilesystem", "access-point/{AccessPoint}")),
                }),
            T("EKSDescribePolicy", [],
                S(A("eks", "DescribeCluster", "ListClusters"), "*")),
            T("EcsRunTaskPolicy", ["TaskDefinition"],
                S(A("ecs", "RunTask"), Arn("ecs", "task-definition/{TaskDefinition}"))),
            T("ElasticMapReduceAddJobFlowStepsPolicy", ["ClusterId"],
                S(A("elasticmapreduce", "AddJobFlowSteps"), Arn("elasticmapreduce", "cluster/{ClusterId}"))),
            T("ElasticMapReduceCancelStepsPolicy", ["ClusterId"],
                S(A("elasticmapreduce", "CancelSteps"), Arn("elasticmapreduce", "cluster/{ClusterId}"))),
            T("ElasticMapReduceModifyInstanceFleetPolicy", ["ClusterId"],
                S(A("elasticmapreduce", "ModifyInstanceFleet", "ListInstanceFleets"), Arn("elasticmapreduce", "cluster/{ClusterId}"))),
            T("ElasticMapReduceModifyInstanceGroupsPolicy", ["ClusterId"],
                S(A("elasticmapreduce", "ModifyInstanceGroups", "ListInstanceGroups"), Arn("elasticmapreduce", "cluster/{ClusterId}"))),
            T("ElasticMapReduceSetTerminationProtectionPolicy", ["ClusterId"],
                S(A("elasticmapreduce", "SetTerminationProtection"), Arn("elasticmapreduce", "cluster/{ClusterId}"))),
            T("ElasticMapReduceTerminateJobFlowsPolicy", ["ClusterId"],
                S(A("elasticmapreduce", "TerminateJobFlows"), Arn("elasticmapreduce", "cluster/{ClusterId}"))),
            T("ElasticsearchHttpPostPolicy", ["DomainName"],
                S(A("es", "ESHttpPost", "ESHttpPut"), Arn("es", "domain/{DomainName}/*"))),
            T("EventBridgePutEventsPolicy", ["EventBusName"],
                S(A("events", "PutEvents"), Arn("events", "event-bus/{EventBusName}"))),
            T("FilterLogEventsPolicy", ["LogGroupName"],
                S(A("logs", "FilterLogEvents"), Arn("logs", "log-group:{LogGroupName}:log-stream:*"))),
            T("FirehoseCrudPolicy", ["DeliveryStreamName"],
                S(A("firehose", "CreateDeliveryStream", "DeleteDeliveryStream", "DescribeDeliveryStream", "PutRecord", "PutRecordBatch",
                    "UpdateDestination"), Arn("firehose", "deliverystream/{DeliveryStreamName}"))),
            T("FirehoseWritePolicy", ["DeliveryStreamName"],
                S(A("firehose", "PutRecord", "PutRecordBatch"), Arn("firehose", "deliverystream/{DeliveryStreamName}"))),
            T("KMSDecryptPolicy", ["KeyId"],
                S(A("kms", "Decrypt"), Arn("kms", "key/{KeyId}"))),
            T("KMSEncryptPolicy", ["KeyId"],
                S(A("kms", "Encrypt"), Arn("kms", "key/{KeyId}"))),
            T("KMSEncryptPolicy_v2", ["KeyId"],
                S(A("kms", "Encrypt", "GenerateDataKey", "GenerateDataKeyWithoutPlaintext", "GenerateDataKeyPair",
                    "GenerateDataKeyPairWithoutPlaintext"), Arn("kms", "key/{KeyId}"))),
            T("KinesisCrudPolicy", ["StreamName"],
                S(A("kinesis", "AddTagsToStream", "CreateStream", "DecreaseStreamRetentionPeriod", "DeleteStream", "DescribeStream",
                    "DescribeStreamSummary", "GetShardIterator", "IncreaseStreamRetentionPeriod", "ListTagsForStream", "MergeShards",
                    "PutRecord", "PutRecords", "SplitShard", "RemoveTagsFromStream"), Arn("kinesis", "stream/{StreamName}"))),
            T("KinesisStreamReadPolicy", ["StreamName"],
                S(A("kinesis", "ListStreams", "DescribeLimits"), Arn("kinesis", "stream/*")),
                S(A("kinesis", "DescribeStream", "DescribeStreamSummary", "GetRecords", "GetShardIterator"), Arn("kinesis", "stream/{StreamName}"))),
            // The trailing '*' also matches every function whose name starts with the value (and its versions and aliases).
            T("LambdaInvokePolicy", ["FunctionName"],
                S(A("lambda", "InvokeFunction"), Arn("lambda", "function:{FunctionName}*"))),
            T("MobileAnalyticsWriteOnlyAccessPolicy", [],
                S(A("mobileanalytics", "PutEvents"), "*")),
            T("OrganizationsListAccountsPolicy", [],
                S(A("organizations", "ListAccounts"), "*")),
            T("PinpointEndpointAccessPolicy", ["PinpointApplicationId"],
                S(A("mobiletargeting", "GetEndpoint", "UpdateEndpoint", "UpdateEndpointsBatch"),
                    Arn("mobiletargeting", "apps/{PinpointApplicationId}/endpoints/*"))),
            T("PollyFullAccessPolicy", ["LexiconName"],
                S(A("polly", "GetLexicon", "DeleteLexicon"), Arn("polly", "lexicon/{LexiconName}")),
                S(A("polly", "DescribeVoices", "ListLexicons", "PutLexicon", "SynthesizeSpeech"), Arn("polly", "lexicon/*"))),
            T("RekognitionDetectOnlyPolicy", [],
                S(A("rekognition", "DetectFaces", "DetectLabels", "DetectModerationLabels", "DetectText"), "*")),
            T("RekognitionFacesManagementPolicy", ["CollectionId"],
                S(A("rekognition", "IndexFaces", "DeleteFaces", "SearchFaces", "SearchFacesByImage", "ListFaces"),
                    Arn("rekognition", "collection/{CollectionId}"))),
            T("RekognitionFacesPolicy", [],
                S(A("rekognition", "CompareFaces", "DetectFaces"), "*")),
            T("RekognitionLabelsPolicy", [],
                S(A("rekognition", "DetectLabels", "DetectModerationLabels"), "*")),
            T("RekognitionNoDataAccessPolicy", ["CollectionId"],
                S(A("rekognition", "CompareFaces", "DetectFaces", "DetectLabels", "DetectModerationLabels"),
                    Arn("rekognition", "collection/{CollectionId}"))),
            T("RekognitionReadPolicy", ["CollectionId"],
                S(A("rekognition", "ListCollections", "ListFaces", "SearchFaces", "SearchFacesByImage"),
                    Arn("rekognition", "collection/{CollectionId}"))),
            T("RekognitionWriteOnlyAccessPolicy", ["CollectionId"],
                S(A("rekognition", "CreateCollection", "IndexFaces"), Arn("rekognition", "collection/{CollectionId}"))),
            T("Route53ChangeResourceRecordSetsPolicy", ["HostedZoneId"],
                S(A("route53", "ChangeResourceRecordSets"), GlobalArn("route53", "hostedzone/{HostedZoneId}"))),
            T("S3CrudPolicy", ["BucketName"],
                S(A("s3", "GetObject", "ListBucket", "GetBucketLocation", "GetObjectVersion", "PutObject", "PutObjectAcl",
                    "GetLifecycleConfiguration", "PutLifecycleConfiguration", "DeleteObject"),
                    GlobalArn("s3", "{BucketName}"), GlobalArn("s3", "{BucketName}/*"))),
            T("S3FullAccessPolicy", ["BucketName"],
                S(A("s3", "GetObject", "GetObjectAcl", "GetObjectVersion", "PutObject", "PutObjectAcl", "DeleteObject",
                    "DeleteObjectTagging", "DeleteObjectVersionTagging", "GetObjectTagging", "GetObjectVersionTagging",
                    "PutObjectTagging", "PutObjectVersionTagging"), GlobalArn("s3", "{BucketName}/*")),
                S(A("s3", "ListBucket", "GetBucketLocation", "GetLifecycleConfiguration", "PutLifecycleConfiguration"),
                    GlobalArn("s3", "{BucketName}"))),
            T("S3ReadPolicy", ["BucketName"],
                S(A("s3", "GetObject", "ListBucket", "GetBucketLocation", "GetObjectVersion", "GetLifecycleConfiguration"),
                    GlobalArn("s3", "{BucketName}"), GlobalArn("s3", "{BucketName}/*"))),
            T("S3WritePolicy", ["BucketName"],
                S(A("s3", "PutObject", "PutObjectAcl", "PutLifecycleConfiguration"),
                    GlobalArn("s3", "{BucketName}"), GlobalArn("s3", "{BucketName}/*"))),
            T("SESBulkTemplatedCrudPolicy", ["IdentityName"],
                S(A("ses", "GetIdentityVerificationAttributes", "SendEmail", "SendRawEmail", "SendTemplatedEmail",
                    "SendBulkTemplatedEmail", "VerifyEmailIdentity"), Arn("ses", "identity/{IdentityName}"))),
            T("SESBulkTemplatedCrudPolicy_v2", ["IdentityName", "TemplateName"],
                S(A("ses", "SendEmail", "SendRawEmail", "SendTemplatedEmail", "SendBulkTemplatedEmail"),
                    Arn("ses", "identity/{IdentityName}"), Arn("ses", "template/{TemplateName}")),
                S(A("ses", "GetIdentityVerificationAttributes", "VerifyEmailIdentity"), "*")),
            T("SESCrudPolicy", ["IdentityName"],
                S(A("ses", "GetIdentityVerificationAttributes", "SendEmail", "SendRawEmail", "VerifyEmailIdentity"),
                    Arn("ses", "identity/{IdentityName}"))),
            T("SESEmailTemplateCrudPolicy", [],
                S(A("ses", "CreateTemplate", "GetTemplate", "ListTemplates", "UpdateTemplate", "DeleteTemplate", "TestRenderTemplate"), "*")),
            T("SESSendBouncePolicy", ["IdentityName"],
                S(A("ses", "SendBounce"), Arn("ses", "identity/{IdentityName}"))),
            // Takes a topic name, not an ARN; the trailing '*' also matches every topic whose name starts with the value.
            T("SNSCrudPolicy", ["TopicName"],
                S(A("sns", "ListSubscriptionsByTopic", "CreateTopic", "SetTopicAttributes", "Subscribe", "Publish"),
                    Arn("sns", "{TopicName}*"))),
            T("SNSPublishMessagePolicy", ["TopicName"],
                S(A("sns", "Publish"), Arn("sns", "{TopicName}"))),
            // The SQS templates take a queue name (!GetAtt Queue.QueueName), not a URL or an ARN.
            T("SQSPollerPolicy", ["QueueName"],
                S(A("sqs", "ChangeMessageVisibility", "ChangeMessageVisibilityBatch", "DeleteMessage", "DeleteMessageBatch",
                    "GetQueueAttributes", "ReceiveMessage"), Arn("sqs", "{QueueName}"))),
            T("SQSSendMessagePolicy", ["QueueName"],
                S(A("sqs", "SendMessage*"), Arn("sqs", "{QueueName}"))),
            T("SSMParameterReadPolicy", ["ParameterName"],
                S(A("ssm", "DescribeParameters"), "*"),
                S(A("ssm", "GetParameters", "GetParameter", "GetParametersByPath"), Arn("ssm", "parameter/{ParameterName}"))),
            // Same as SSMParameterReadPolicy, but the name is expected to start with '/' so none is added.
            T("SSMParameterWithSlashPrefixReadPolicy", ["ParameterName"],
                S(A("ssm", "DescribeParameters"), "*"),
                S(A("ssm", "GetParameters", "GetParameter", "GetParametersByPath"), Arn("ssm", "parameter{ParameterName}"))),
            T("SageMakerCreateEndpointConfigPolicy", ["EndpointConfigName"],
                S(A("sagemaker", "CreateEndpointConfig"), Arn("sagemaker", "endpoint-config/{EndpointConfigName}"))),
            T("SageMakerCreateEndpointPolicy", ["EndpointName"],
                S(A("sagemaker", "CreateEndpoint"), Arn("sagemaker", "endpoint/{EndpointName}"))),
            T("ServerlessRepoReadWriteAccessPolicy", [],
                S(A("serverlessrepo", "CreateApplication", "CreateApplicationVersion", "UpdateApplication", "GetApplication",
                    "ListApplications", "ListApplicationVersions", "ListApplicationDependencies"), Arn("serverlessrepo", "applications/*"))),
            T("StepFunctionsCallbackPolicy", ["StateMachineName"],
                S(A("states", "SendTaskFailure", "SendTaskHeartbeat", "SendTaskSuccess"), Arn("states", "stateMachine:{StateMachineName}"))),
            T("StepFunctionsExecutionPolicy", ["StateMachineName"],
                S(A("states", "StartExecution"), Arn("states", "stateMachine:{StateMachineName}"))),
            T("StepFunctionsExecutionPolicy_v2", ["StateMachineName"],
                S(A("states", "StartExecution", "StartSyncExecution"), Arn("states", "stateMachine:{StateMachineName}"))),
            T("TextractDetectAnalyzePolicy", [],
                S(A("textract", "DetectDocumentText", "StartDocumentTextDetection", "StartDocumentAnalysis", "AnalyzeDocument"), "*")),
            T("TextractGetResultPolicy", [],
                S(A("textract", "GetDocumentTextDetection", "GetDocumentAnalysis"), "*")),
            T("TextractPolicy", [],
                S(A("textract", "*"), "*")),
            T("VPCAccessPolicy", [],
                S(A("ec2", "CreateNetworkInterface", "DeleteNetworkInterface", "DescribeNetworkInterfaces", "DetachNetworkInterface"), "*")),
        ];

        return templates.ToFrozenDictionary(t => t.Name, StringComparer.Ordinal);
    }
}
