using FitCheck.Model;
using Xunit;

namespace FitCheck.Tests.Templates;

public sealed class ActionClassifierTests
{
    private const ActionEffect AllButAdmin = ActionEffect.Read | ActionEffect.Write | ActionEffect.Publish | ActionEffect.Invoke
        | ActionEffect.StartExecution | ActionEffect.Deploy;

    [Theory]
    [InlineData("lambda:UpdateFunctionCode", ActionEffect.Deploy)]
    [InlineData("lambda:CreateMicrovmAuthToken", ActionEffect.None)]
    public void Classify_WhenLambdaVerb_IsDeployOnlyForKnownControlPlaneVerbs(string action, ActionEffect expected) =>
        Assert.Equal(expected, ActionClassifier.Classify(action));

    [Theory]
    [InlineData("dynamodb:GetItem", ActionEffect.Read)]
    [InlineData("dynamodb:Query", ActionEffect.Read)]
    [InlineData("dynamodb:Scan", ActionEffect.Read)]
    [InlineData("dynamodb:BatchGetItem", ActionEffect.Read)]
    [InlineData("dynamodb:DescribeTable", ActionEffect.Read)]
    [InlineData("dynamodb:PutItem", ActionEffect.Write)]
    [InlineData("dynamodb:UpdateItem", ActionEffect.Write)]
    [InlineData("dynamodb:DeleteItem", ActionEffect.Write)]
    [InlineData("dynamodb:BatchWriteItem", ActionEffect.Write)]
    [InlineData("dynamodb:ConditionCheckItem", ActionEffect.Write)]
    [InlineData("dynamodb:GetRecords", ActionEffect.Read)]
    [InlineData("dynamodb:*", ActionEffect.Read | ActionEffect.Write)]
    [InlineData("dynamodb:Get*", ActionEffect.Read)]
    [InlineData("dynamodb:*Item", ActionEffect.Read | ActionEffect.Write)]
    [InlineData("dynamodb:Batch*", ActionEffect.Read | ActionEffect.Write)]
    [InlineData("dynamodb:Put*", ActionEffect.Write)]
    [InlineData("dynamodb:Q?ery", ActionEffect.Read)]
    public void DynamoDB(string action, ActionEffect expected) => Assert.Equal(expected, ActionClassifier.Classify(action));

    [Theory]
    [InlineData("s3:GetObject", ActionEffect.Read)]
    [InlineData("s3:GetObjectVersion", ActionEffect.Read)]
    [InlineData("s3:ListBucket", ActionEffect.Read)]
    [InlineData("s3:PutObject", ActionEffect.Write)]
    [InlineData("s3:PutObjectAcl", ActionEffect.Write)]
    [InlineData("s3:DeleteObject", ActionEffect.Write)]
    [InlineData("s3:Get*", ActionEffect.Read)]
    [InlineData("s3:List*", ActionEffect.Read)]
    [InlineData("s3:*Object", ActionEffect.Read | ActionEffect.Write)]
    [InlineData("s3:Delete*", ActionEffect.Write | ActionEffect.Deploy)]
    [InlineData("s3:PutBucketPolicy", ActionEffect.Write | ActionEffect.Deploy)]
    [InlineData("s3:GetBucketAcl*", ActionEffect.Read)]
    public void S3(string action, ActionEffect expected) => Assert.Equal(expected, ActionClassifier.Classify(action));

    [Fact]
    public void S3_service_wildcard_reads_and_writes_and_includes_the_bucket_policy()
    {
        var effect = ActionClassifier.Classify("s3:*");

        Assert.True(effect.HasFlag(ActionEffect.Read | ActionEffect.Write));
        // s3:* covers s3:PutBucketPolicy, a deploy-time permission, so the wildcard carries Deploy too.
        Assert.Equal(ActionEffect.Read | ActionEffect.Write | ActionEffect.Deploy, effect);
        Assert.False(effect.HasFlag(ActionEffect.Admin));
    }

    [Theory]
    [InlineData("sqs:SendMessage", ActionEffect.Publish)]
    [InlineData("sqs:SendMessageBatch", ActionEffect.Publish)]
    [InlineData("sqs:SendMessage*", ActionEffect.Publish)]
    [InlineData("sqs:ReceiveMessage", ActionEffect.Read)]
    [InlineData("sqs:DeleteMessage", ActionEffect.Read)]
    [InlineData("sqs:DeleteMessageBatch", ActionEffect.Read)]
    [InlineData("sqs:ChangeMessageVisibility", ActionEffect.Read)]
    [InlineData("sqs:PurgeQueue", ActionEffect.Write)]
    [InlineData("sqs:Delete*", ActionEffect.Read | ActionEffect.Write)]
    [InlineData("sns:Publish", ActionEffect.Publish)]
    [InlineData("events:PutEvents", ActionEffect.Publish)]
    [InlineData("kinesis:PutRecord", ActionEffect.Publish)]
    [InlineData("kinesis:PutRecords", ActionEffect.Publish)]
    [InlineData("kinesis:PutRecord*", ActionEffect.Publish)]
    [InlineData("kinesis:GetRecords", ActionEffect.Read)]
    [InlineData("kinesis:GetShardIterator", ActionEffect.Read)]
    [InlineData("firehose:PutRecord", ActionEffect.Publish)]
    [InlineData("firehose:PutRecordBatch", ActionEffect.Publish)]
    public void Messaging(string action, ActionEffect expected) => Assert.Equal(expected, ActionClassifier.Classify(action));

    [Theory]
    [InlineData("lambda:InvokeFunction", ActionEffect.Invoke)]
    [InlineData("lambda:InvokeAsync", ActionEffect.Invoke)]
    [InlineData("lambda:Invoke*", ActionEffect.Invoke)]
    [InlineData("states:StartExecution", ActionEffect.StartExecution)]
    [InlineData("states:StartSyncExecution", ActionEffect.StartExecution)]
    [InlineData("states:SendTaskSuccess", ActionEffect.Write)]
    [InlineData("states:SendTaskFailure", ActionEffect.Write)]
    [InlineData("states:SendTaskHeartbeat", ActionEffect.Write)]
    [InlineData("states:SendTask*", ActionEffect.Write)]
    [InlineData("states:Start*", ActionEffect.StartExecution)]
    [InlineData("execute-api:Invoke", ActionEffect.Invoke)]
    public void Invocation(string action, ActionEffect expected) => Assert.Equal(expected, ActionClassifier.Classify(action));

    [Theory]
    [InlineData("secretsmanager:GetSecretValue", ActionEffect.Read)]
    [InlineData("ssm:GetParameter", ActionEffect.Read)]
    [InlineData("ssm:GetParameters", ActionEffect.Read)]
    [InlineData("ssm:GetParametersByPath", ActionEffect.Read)]
    [InlineData("ssm:GetParameter*", ActionEffect.Read)]
    [InlineData("kms:Decrypt", ActionEffect.Read)]
    public void Secrets_and_configuration(string action, ActionEffect expected) => Assert.Equal(expected, ActionClassifier.Classify(action));

    [Theory]
    [InlineData("iam:PassRole")]
    [InlineData("iam:CreateRole")]
    [InlineData("iam:PutRolePolicy")]
    [InlineData("iam:AttachRolePolicy")]
    [InlineData("iam:UpdateAssumeRolePolicy")]
    [InlineData("iam:DeleteRole")]
    [InlineData("iam:*")]
    [InlineData("iam:Put*")]
    [InlineData("cloudformation:CreateStack")]
    [InlineData("cloudformation:ExecuteChangeSet")]
    [InlineData("cloudformation:*")]
    [InlineData("lambda:UpdateFunctionCode")]
    [InlineData("lambda:UpdateFunctionConfiguration")]
    [InlineData("lambda:CreateFunction")]
    [InlineData("lambda:DeleteFunction")]
    [InlineData("lambda:AddPermission")]
    [InlineData("lambda:PublishVersion")]
    [InlineData("lambda:UpdateAlias")]
    [InlineData("lambda:Update*")]
    [InlineData("codedeploy:CreateDeployment")]
    [InlineData("codedeploy:PutLifecycleEventHookExecutionStatus")]
    [InlineData("codedeploy:*")]
    [InlineData("apigateway:POST")]
    [InlineData("apigateway:PUT")]
    [InlineData("apigateway:PATCH")]
    [InlineData("apigateway:DELETE")]
    [InlineData("s3:PutBucketPolicy")]
    public void Deploy_time_permissions(string action)
    {
        var effect = ActionClassifier.Classify(action);
        Assert.True(effect.HasFlag(ActionEffect.Deploy), $"{action}: {effect}");
        Assert.False(effect.HasFlag(ActionEffect.Admin), $"{action}: {effect}");
    }

    [Theory]
    [InlineData("sts:AssumeRole", ActionEffect.None)]
    [InlineData("apigateway:GET", ActionEffect.Read)]
    [InlineData("iam:GetRole", ActionEffect.Read)]
    [InlineData("iam:List*", ActionEffect.Read)]
    [InlineData("cloudformation:DescribeStacks", ActionEffect.Read)]
    [InlineData("lambda:GetFunction", ActionEffect.Read)]
    [InlineData("lambda:InvokeFunction", ActionEffect.Invoke)]
    public void Not_deploy(string action, ActionEffect expected) => Assert.Equal(expected, ActionClassifier.Classify(action));

    [Fact]
    public void Service_wildcards_combine_the_services_effects_without_admin()
    {
        Assert.Equal(ActionEffect.Read | ActionEffect.Invoke | ActionEffect.Deploy, ActionClassifier.Classify("lambda:*"));
        Assert.Equal(ActionEffect.Read | ActionEffect.Deploy, ActionClassifier.Classify("iam:*"));
        Assert.Equal(ActionEffect.Read | ActionEffect.Write | ActionEffect.Publish, ActionClassifier.Classify("sqs:*"));
        Assert.Equal(ActionEffect.Read | ActionEffect.Write | ActionEffect.Publish, ActionClassifier.Classify("sns:*"));
        Assert.Equal(ActionEffect.Read | ActionEffect.Write | ActionEffect.StartExecution | ActionEffect.Deploy,
            ActionClassifier.Classify("states:*"));
    }

    [Fact]
    public void Star_is_everything_and_admin()
    {
        Assert.Equal(AllButAdmin | ActionEffect.Admin, ActionClassifier.Classify("*"));
        Assert.Equal(AllButAdmin | ActionEffect.Admin, ActionClassifier.Classify(" * "));
    }

    [Fact]
    public void A_NotAction_exclusion_stands_for_everything_else()
    {
        Assert.Equal(AllButAdmin | ActionEffect.Admin, ActionClassifier.ClassifyAll(["!iam:*", "!organizations:*"]));
    }

    [Theory]
    [InlineData("DYNAMODB:GETITEM", ActionEffect.Read)]
    [InlineData("DynamoDB:putitem", ActionEffect.Write)]
    [InlineData("S3:get*", ActionEffect.Read)]
    [InlineData("s3:*OBJECT", ActionEffect.Read | ActionEffect.Write)]
    [InlineData("SQS:sendmessage*", ActionEffect.Publish)]
    [InlineData("Lambda:invokefunction", ActionEffect.Invoke)]
    [InlineData("IAM:passrole", ActionEffect.Deploy)]
    [InlineData("apigateway:post", ActionEffect.Deploy)]
    [InlineData("States:startexecution", ActionEffect.StartExecution)]
    public void Case_does_not_matter(string action, ActionEffect expected) => Assert.Equal(expected, ActionClassifier.Classify(action));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("GetItem")]
    [InlineData("s3:")]
    [InlineData(":GetObject")]
    [InlineData("s*:GetObject")]
    [InlineData("dynamodb:NoSuchVerb")]
    [InlineData("s3:Zzz*")]
    public void Malformed_or_unknown_actions_have_no_effect(string action) => Assert.Equal(ActionEffect.None, ActionClassifier.Classify(action));

    [Theory]
    [InlineData("xray:PutTraceSegments", ActionEffect.Write)]
    [InlineData("logs:CreateLogStream", ActionEffect.Write)]
    [InlineData("ses:SendEmail", ActionEffect.Publish)]
    [InlineData("ses:Send*", ActionEffect.Publish)]
    [InlineData("ec2:DescribeInstances", ActionEffect.Read)]
    [InlineData("rekognition:DetectFaces", ActionEffect.None)]
    [InlineData("textract:*", ActionEffect.Read | ActionEffect.Write)]
    public void Other_services_use_the_common_verb_prefixes(string action, ActionEffect expected) =>
        Assert.Equal(expected, ActionClassifier.Classify(action));

    [Fact]
    public void ClassifyAll_combines_effects()
    {
        Assert.Equal(ActionEffect.None, ActionClassifier.ClassifyAll([]));
        Assert.Equal(ActionEffect.Read | ActionEffect.Publish,
            ActionClassifier.ClassifyAll(["sqs:ReceiveMessage", "sqs:DeleteMessage", "sns:Publish"]));
    }

    [Theory]
    [InlineData("s3:Get*", "s3:GetObject", true)]
    [InlineData("s3:get*", "S3:GETOBJECT", true)]
    [InlineData("s3:*Object", "s3:GetObject", true)]
    [InlineData("s3:*Object", "s3:GetObjectAcl", false)]
    [InlineData("s3:Get?bject", "s3:GetObject", true)]
    [InlineData("s3:Get?bject", "s3:GetObject2", false)]
    [InlineData("*", "anything:AtAll", true)]
    [InlineData("dynamodb:*Item*", "dynamodb:BatchGetItem", true)]
    [InlineData("sqs:SendMessage", "sqs:SendMessageBatch", false)]
    [InlineData("a*b*c", "abxxbyc", true)]
    [InlineData("a*b*c", "abxxbycd", false)]
    public void Matches_is_an_IAM_wildcard_match(string pattern, string value, bool expected) =>
        Assert.Equal(expected, ActionClassifier.Matches(pattern, value));
}
