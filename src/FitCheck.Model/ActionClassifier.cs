using System.Collections.Frozen;

namespace FitCheck.Model;

/// <summary>
/// Classifies IAM actions (<c>dynamodb:PutItem</c>, <c>s3:Get*</c>, <c>*</c>) by what they do to a resource.
/// Service prefixes and verbs compare case-insensitively, as IAM does.
/// </summary>
/// <remarks>
/// A pattern (<c>*</c> or <c>?</c> in the verb) is matched against the verbs the classifier knows for the service and
/// the effects of every match are combined, so <c>s3:*Object</c> is Read | Write. For services without a verb list, the
/// pattern is matched against a few generic verbs (Get, List, Describe, Put, Create, Update, Delete) and its literal
/// start (<c>Send</c> in <c>ses:Send*</c>) is classified too. Service-wide wildcards therefore carry every effect of the
/// service: <c>s3:*</c> includes <c>s3:PutBucketPolicy</c> and so is Read | Write | Deploy, <c>lambda:*</c> is
/// Read | Invoke | Deploy. Only the bare <c>*</c> adds <see cref="ActionEffect.Admin"/>.
/// </remarks>
public static class ActionClassifier
{
    private static readonly HashSet<string> LambdaControlPlane = new(StringComparer.OrdinalIgnoreCase)
    {
        "CreateFunction", "DeleteFunction", "UpdateFunctionCode", "UpdateFunctionConfiguration", "PublishVersion", "CreateAlias",
        "UpdateAlias", "DeleteAlias", "AddPermission", "RemovePermission", "PutFunctionConcurrency", "CreateEventSourceMapping",
        "UpdateEventSourceMapping", "DeleteEventSourceMapping", "PublishLayerVersion", "CreateFunctionUrlConfig", "UpdateFunctionUrlConfig",
        "TagResource", "UntagResource",
    };

    /// <summary>Every effect but Admin.</summary>
    private const ActionEffect Everything = ActionEffect.Read | ActionEffect.Write | ActionEffect.Publish | ActionEffect.Invoke
        | ActionEffect.StartExecution | ActionEffect.Deploy;

    private sealed record Service(string[] Verbs, Func<string, ActionEffect> Classify);

    private static readonly string[] GenericVerbs = ["Get", "List", "Describe", "Put", "Create", "Update", "Delete"];

    private static readonly FrozenDictionary<string, Service> Services = new Dictionary<string, Service>(StringComparer.OrdinalIgnoreCase)
    {
        ["dynamodb"] = new(
            ["GetItem", "BatchGetItem", "Query", "Scan", "DescribeTable", "DescribeStream", "GetRecords", "GetShardIterator",
             "ListStreams", "ListTables", "DescribeTimeToLive", "DescribeContinuousBackups", "DescribeBackup", "ListBackups",
             "PartiQLSelect", "PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem", "ConditionCheckItem", "PartiQLInsert",
             "PartiQLUpdate", "PartiQLDelete", "CreateTable", "UpdateTable", "DeleteTable", "CreateBackup", "DeleteBackup",
             "RestoreTableFromBackup", "UpdateTimeToLive", "TagResource", "UntagResource"],
            DynamoDb),
        ["s3"] = new(
            ["GetObject", "GetObjectVersion", "GetObjectAcl", "GetObjectTagging", "GetBucketLocation", "GetBucketPolicy",
             "GetLifecycleConfiguration", "ListBucket", "ListBucketVersions", "ListAllMyBuckets", "ListMultipartUploadParts",
             "PutObject", "PutObjectAcl", "PutObjectTagging", "PutLifecycleConfiguration", "PutBucketNotification", "PutBucketPolicy",
             "DeleteObject", "DeleteObjectVersion", "DeleteObjectTagging", "DeleteBucket", "DeleteBucketPolicy", "CreateBucket",
             "AbortMultipartUpload", "RestoreObject", "ReplicateObject"],
            S3),
        ["sqs"] = new(
            ["SendMessage", "SendMessageBatch", "ReceiveMessage", "DeleteMessage", "DeleteMessageBatch", "ChangeMessageVisibility",
             "ChangeMessageVisibilityBatch", "GetQueueAttributes", "GetQueueUrl", "ListQueues", "ListQueueTags",
             "ListDeadLetterSourceQueues", "PurgeQueue", "SetQueueAttributes", "CreateQueue", "DeleteQueue", "TagQueue", "UntagQueue",
             "AddPermission", "RemovePermission", "StartMessageMoveTask"],
            Sqs),
        ["sns"] = new(
            ["Publish", "PublishBatch", "Subscribe", "Unsubscribe", "ConfirmSubscription", "CreateTopic", "DeleteTopic",
             "SetTopicAttributes", "SetSubscriptionAttributes", "GetTopicAttributes", "GetSubscriptionAttributes", "ListTopics",
             "ListSubscriptions", "ListSubscriptionsByTopic", "AddPermission", "RemovePermission", "TagResource", "UntagResource"],
            verb => Starts(verb, "Publish") ? ActionEffect.Publish
                : StartsAny(verb, "Get", "List", "Check") ? ActionEffect.Read
                : ActionEffect.Write),
        ["events"] = new(
            ["PutEvents", "PutPartnerEvents", "PutRule", "PutTargets", "RemoveTargets", "DeleteRule", "EnableRule", "DisableRule",
             "DescribeRule", "DescribeEventBus", "ListRules", "ListTargetsByRule", "CreateEventBus", "DeleteEventBus", "PutPermission",
             "RemovePermission", "TestEventPattern"],
            verb => Is(verb, "PutEvents") || Is(verb, "PutPartnerEvents") ? ActionEffect.Publish
                : StartsAny(verb, "Describe", "List", "Test") ? ActionEffect.Read
                : ActionEffect.Write),
        ["kinesis"] = new(
            ["PutRecord", "PutRecords", "GetRecords", "GetShardIterator", "SubscribeToShard", "DescribeStream", "DescribeStreamSummary",
             "DescribeStreamConsumer", "DescribeLimits", "ListStreams", "ListShards", "ListTagsForStream", "CreateStream", "DeleteStream",
             "AddTagsToStream", "RemoveTagsFromStream", "MergeShards", "SplitShard", "IncreaseStreamRetentionPeriod",
             "DecreaseStreamRetentionPeriod", "UpdateShardCount", "RegisterStreamConsumer", "DeregisterStreamConsumer",
             "EnableEnhancedMonitoring", "StartStreamEncryption"],
            verb => Starts(verb, "PutRecord") ? ActionEffect.Publish
                : StartsAny(verb, "Get", "Describe", "List", "SubscribeToShard") ? ActionEffect.Read
                : ActionEffect.Write),
        ["firehose"] = new(
            ["PutRecord", "PutRecordBatch", "DescribeDeliveryStream", "ListDeliveryStreams", "ListTagsForDeliveryStream",
             "CreateDeliveryStream", "DeleteDeliveryStream", "UpdateDestination", "TagDeliveryStream", "UntagDeliveryStream",
             "StartDeliveryStreamEncryption", "StopDeliveryStreamEncryption"],
            verb => Starts(verb, "PutRecord") ? ActionEffect.Publish
                : StartsAny(verb, "Describe", "List") ? ActionEffect.Read
                : ActionEffect.Write),
        ["lambda"] = new(
            ["InvokeFunction", "InvokeAsync", "InvokeFunctionUrl", "GetFunction", "GetFunctionConfiguration", "GetPolicy", "GetAlias",
             "ListFunctions", "ListVersionsByFunction", "ListAliases", "CreateFunction", "DeleteFunction", "UpdateFunctionCode",
             "UpdateFunctionConfiguration", "PublishVersion", "CreateAlias", "UpdateAlias", "DeleteAlias", "AddPermission",
             "RemovePermission", "PutFunctionConcurrency", "CreateEventSourceMapping", "UpdateEventSourceMapping",
             "DeleteEventSourceMapping", "PublishLayerVersion", "CreateFunctionUrlConfig", "UpdateFunctionUrlConfig", "TagResource",
             "UntagResource"],
            // Invoke is Lambda's only data-plane verb; the listed control-plane verbs change code, configuration or
            // permissions. A verb Lambda added later (CreateMicrovmAuthToken...) is not assumed to be a deployment action.
            verb => Starts(verb, "Invoke") ? ActionEffect.Invoke
                : StartsAny(verb, "Get", "List") ? ActionEffect.Read
                : LambdaControlPlane.Contains(verb) ? ActionEffect.Deploy
                : ActionEffect.None),
        ["states"] = new(
            ["StartExecution", "StartSyncExecution", "SendTaskSuccess", "SendTaskFailure", "SendTaskHeartbeat", "StopExecution",
             "RedriveExecution", "GetActivityTask", "DescribeExecution", "DescribeStateMachine", "GetExecutionHistory", "ListExecutions",
             "ListStateMachines", "CreateStateMachine", "UpdateStateMachine", "DeleteStateMachine", "CreateActivity", "DeleteActivity",
             "PublishStateMachineVersion", "TagResource", "UntagResource"],
            States),
        ["secretsmanager"] = new(
            ["GetSecretValue", "BatchGetSecretValue", "DescribeSecret", "ListSecrets", "ListSecretVersionIds", "GetRandomPassword",
             "GetResourcePolicy", "PutSecretValue", "UpdateSecret", "UpdateSecretVersionStage", "CreateSecret", "DeleteSecret",
             "RestoreSecret", "RotateSecret", "CancelRotateSecret", "TagResource", "UntagResource", "PutResourcePolicy",
             "DeleteResourcePolicy"],
            verb => StartsAny(verb, "Get", "BatchGet", "Describe", "List") ? ActionEffect.Read : ActionEffect.Write),
        ["ssm"] = new(
            ["GetParameter", "GetParameters", "GetParametersByPath", "GetParameterHistory", "DescribeParameters", "ListTagsForResource",
             "PutParameter", "DeleteParameter", "DeleteParameters", "LabelParameterVersion", "AddTagsToResource", "RemoveTagsFromResource",
             "SendCommand", "StartSession", "GetDocument"],
            verb => StartsAny(verb, "Get", "Describe", "List") ? ActionEffect.Read
                : StartsAny(verb, "Put", "Delete", "Label", "Unlabel", "AddTags", "RemoveTags") ? ActionEffect.Write
                : ActionEffect.None),
        ["kms"] = new(
            ["Decrypt", "Encrypt", "ReEncryptFrom", "ReEncryptTo", "GenerateDataKey", "GenerateDataKeyWithoutPlaintext",
             "GenerateDataKeyPair", "GenerateDataKeyPairWithoutPlaintext", "GenerateRandom", "Sign", "Verify", "GenerateMac", "VerifyMac",
             "DescribeKey", "GetKeyPolicy", "GetPublicKey", "ListKeys", "ListAliases", "ListGrants", "CreateKey", "CreateAlias",
             "CreateGrant", "RetireGrant", "RevokeGrant", "PutKeyPolicy", "ScheduleKeyDeletion", "DisableKey", "EnableKey",
             "EnableKeyRotation", "TagResource"],
            Kms),
        ["iam"] = new(
            ["GetRole", "GetRolePolicy", "GetPolicy", "GetPolicyVersion", "ListRoles", "ListPolicies", "ListAttachedRolePolicies",
             "ListRolePolicies", "SimulatePrincipalPolicy", "GenerateServiceLastAccessedDetails", "PassRole", "CreateRole", "DeleteRole",
             "UpdateRole", "UpdateAssumeRolePolicy", "PutRolePolicy", "DeleteRolePolicy", "AttachRolePolicy", "DetachRolePolicy",
             "CreatePolicy", "CreatePolicyVersion", "DeletePolicy", "CreateUser", "CreateAccessKey", "AttachUserPolicy", "PutUserPolicy",
             "CreateServiceLinkedRole", "TagRole", "UntagRole"],
            verb => StartsAny(verb, "Get", "List", "Simulate", "Generate") ? ActionEffect.Read : ActionEffect.Deploy),
        ["cloudformation"] = new(
            ["DescribeStacks", "DescribeStackResource", "DescribeStackResources", "DescribeStackEvents", "DescribeChangeSet",
             "ListStacks", "ListStackResources", "ListExports", "GetTemplate", "GetTemplateSummary", "ValidateTemplate",
             "EstimateTemplateCost", "DetectStackDrift", "CreateStack", "UpdateStack", "DeleteStack", "CreateChangeSet", "ExecuteChangeSet",
             "DeleteChangeSet", "SignalResource", "ContinueUpdateRollback", "CreateStackSet", "UpdateStackSet"],
            verb => StartsAny(verb, "Describe", "List", "Get", "Validate", "Estimate", "Detect") ? ActionEffect.Read : ActionEffect.Deploy),
        ["codedeploy"] = new(
            ["GetDeployment", "GetDeploymentConfig", "GetDeploymentGroup", "GetApplication", "GetApplicationRevision", "ListDeployments",
             "ListApplications", "BatchGetDeployments", "CreateDeployment", "StopDeployment", "ContinueDeployment",
             "PutLifecycleEventHookExecutionStatus", "RegisterApplicationRevision", "CreateApplication", "CreateDeploymentGroup",
             "UpdateDeploymentGroup", "DeleteDeploymentGroup"],
            verb => StartsAny(verb, "Get", "List", "BatchGet") ? ActionEffect.Read : ActionEffect.Deploy),
        // API Gateway's management actions are HTTP methods on resource paths.
        ["apigateway"] = new(
            ["GET", "POST", "PUT", "PATCH", "DELETE"],
            verb => Is(verb, "GET") ? ActionEffect.Read
                : Is(verb, "POST") || Is(verb, "PUT") || Is(verb, "PATCH") || Is(verb, "DELETE") ? ActionEffect.Deploy
                : ActionEffect.None),
        ["execute-api"] = new(
            ["Invoke", "ManageConnections", "InvalidateCache"],
            verb => Is(verb, "Invoke") ? ActionEffect.Invoke
                : Is(verb, "ManageConnections") ? ActionEffect.Publish
                : Is(verb, "InvalidateCache") ? ActionEffect.Write
                : ActionEffect.None),
        // Assuming a role is neither data access nor deployment by itself; what the role may do is its own grant.
        ["sts"] = new(
            ["AssumeRole", "AssumeRoleWithWebIdentity", "GetCallerIdentity", "GetSessionToken", "TagSession"],
            _ => ActionEffect.None),
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// What <paramref name="action"/> lets its holder do. <c>*</c> is every effect plus Admin; an entry with a leading
    /// <c>!</c> (a NotAction exclusion, as <see cref="FitCheck.Model.Grant"/> writes them) stands for the whole
    /// statement, which allows every other action, so it is classified like <c>*</c>. Malformed actions are None.
    /// </summary>
    public static ActionEffect Classify(string action)
    {
        ArgumentNullException.ThrowIfNull(action);

        // A run asks about the same few hundred actions thousands of times (several rules, every grant, every template);
        // the answer depends on the text alone. The memory is bounded: emptied when it grows past its limit.
        if (Known.TryGetValue(action, out var known))
        {
            return known;
        }

        var effect = ClassifyText(action);
        if (Interlocked.Increment(ref _knownCount) > KnownLimit)
        {
            Known.Clear(); // (ConcurrentDictionary.Count would take every lock: a counter is kept instead)
            Interlocked.Exchange(ref _knownCount, 0);
        }

        Known[action] = effect;
        return effect;
    }

    private const int KnownLimit = 8_192;

    private static int _knownCount;

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, ActionEffect> Known = new(StringComparer.Ordinal);

    private static ActionEffect ClassifyText(string action)
    {
        var text = action.AsSpan().Trim();
        if (text is "*" || (text.Length > 0 && text[0] == '!'))
        {
            return Everything | ActionEffect.Admin;
        }

        var colon = text.IndexOf(':');
        if (colon <= 0 || colon == text.Length - 1)
        {
            return ActionEffect.None;
        }

        var service = text[..colon].ToString();
        var verb = text[(colon + 1)..].ToString();
        if (IsPattern(service) || verb.Contains(':', StringComparison.Ordinal))
        {
            return ActionEffect.None;
        }

        Services.TryGetValue(service, out var rules);
        var classify = rules is null ? Generic : rules.Classify;
        if (!IsPattern(verb))
        {
            return classify(verb);
        }

        var effect = ActionEffect.None;
        var matched = false;
        foreach (var known in rules?.Verbs ?? GenericVerbs)
        {
            if (Matches(verb, known))
            {
                effect |= classify(known);
                matched = true;
            }
        }

        // The literal start of the pattern is itself a verb prefix ("Send" in ses:Send*, "GetBucketAcl" in s3:GetBucketAcl*).
        if (rules is null || !matched)
        {
            var literal = verb[..verb.AsSpan().IndexOfAny('*', '?')];
            if (literal.Length > 0)
            {
                effect |= classify(literal);
            }
        }

        return effect;
    }

    /// <summary>The combined effect of several actions (one statement's <c>Action</c> list, or a whole template's).</summary>
    public static ActionEffect ClassifyAll(IEnumerable<string> actions)
    {
        var effect = ActionEffect.None;
        foreach (var action in actions)
        {
            effect |= Classify(action);
        }

        return effect;
    }

    /// <summary>True when <paramref name="text"/> holds an IAM wildcard (<c>*</c> or <c>?</c>).</summary>
    public static bool IsPattern(string text) => text.AsSpan().IndexOfAny('*', '?') >= 0;

    /// <summary>
    /// IAM wildcard matching, case-insensitive: <c>*</c> matches any run of characters, <c>?</c> one character.
    /// Works on whole actions (<c>s3:Get*</c> against <c>s3:GetObject</c>) or on verbs.
    /// </summary>
    public static bool Matches(string pattern, string value)
    {
        int p = 0, v = 0, star = -1, resume = 0;
        while (v < value.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || char.ToUpperInvariant(pattern[p]) == char.ToUpperInvariant(value[v])))
            {
                p++;
                v++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                resume = v;
            }
            else if (star >= 0)
            {
                p = star + 1;
                v = ++resume;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }

    private static ActionEffect DynamoDb(string verb)
    {
        if (StartsAny(verb, "Get", "BatchGet", "Query", "Scan", "Describe", "List", "PartiQLSelect"))
        {
            return ActionEffect.Read;
        }

        return StartsAny(verb, "Put", "Update", "Delete", "BatchWrite", "ConditionCheck", "PartiQLInsert", "PartiQLUpdate",
            "PartiQLDelete", "Create", "Restore", "Tag", "Untag")
            ? ActionEffect.Write
            : ActionEffect.None;
    }

    private static ActionEffect S3(string verb)
    {
        if (StartsAny(verb, "Get", "List"))
        {
            return ActionEffect.Read;
        }

        // A bucket policy decides who else may use the bucket: a control-plane change.
        if (Is(verb, "PutBucketPolicy") || Is(verb, "DeleteBucketPolicy"))
        {
            return ActionEffect.Write | ActionEffect.Deploy;
        }

        return StartsAny(verb, "Put", "Delete", "Create", "Abort", "Restore", "Replicate") ? ActionEffect.Write : ActionEffect.None;
    }

    private static ActionEffect Sqs(string verb)
    {
        if (Starts(verb, "SendMessage"))
        {
            return ActionEffect.Publish;
        }

        // Consuming: receive, delete what was received, extend its visibility.
        return StartsAny(verb, "ReceiveMessage", "DeleteMessage", "ChangeMessageVisibility", "Get", "List")
            ? ActionEffect.Read
            : ActionEffect.Write;
    }

    private static ActionEffect States(string verb)
    {
        if (Is(verb, "StartExecution") || Is(verb, "StartSyncExecution"))
        {
            return ActionEffect.StartExecution;
        }

        if (StartsAny(verb, "SendTask", "StopExecution", "RedriveExecution"))
        {
            return ActionEffect.Write;
        }

        if (StartsAny(verb, "Get", "Describe", "List"))
        {
            return ActionEffect.Read;
        }

        return StartsAny(verb, "Create", "Update", "Delete", "Publish", "Tag", "Untag") ? ActionEffect.Deploy : ActionEffect.None;
    }

    private static ActionEffect Kms(string verb)
    {
        if (StartsAny(verb, "ReEncrypt"))
        {
            return ActionEffect.Read | ActionEffect.Write;
        }

        if (StartsAny(verb, "Decrypt", "Verify", "Describe", "Get", "List"))
        {
            return ActionEffect.Read;
        }

        if (StartsAny(verb, "Encrypt", "GenerateDataKey", "Sign", "GenerateMac"))
        {
            return ActionEffect.Write;
        }

        // The key policy and grants decide who else may use the key.
        if (Is(verb, "PutKeyPolicy") || Is(verb, "CreateGrant"))
        {
            return ActionEffect.Deploy;
        }

        return Is(verb, "GenerateRandom") ? ActionEffect.None : ActionEffect.Write;
    }

    /// <summary>Services without rules of their own: the usual AWS verb prefixes.</summary>
    private static ActionEffect Generic(string verb)
    {
        if (StartsAny(verb, "Get", "BatchGet", "List", "Describe", "Search", "Read"))
        {
            return ActionEffect.Read;
        }

        if (StartsAny(verb, "Send", "Publish"))
        {
            return ActionEffect.Publish;
        }

        return StartsAny(verb, "Put", "Create", "Update", "Delete", "Modify", "Write") ? ActionEffect.Write : ActionEffect.None;
    }

    private static bool Is(string verb, string name) => string.Equals(verb, name, StringComparison.OrdinalIgnoreCase);

    private static bool Starts(string verb, string prefix) => verb.StartsWith(prefix, StringComparison.OrdinalIgnoreCase);

    private static bool StartsAny(string verb, params string[] prefixes)
    {
        foreach (var prefix in prefixes)
        {
            if (verb.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
