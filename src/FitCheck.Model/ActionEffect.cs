namespace FitCheck.Model;

/// <summary>What an IAM action lets its holder do to a resource (see <see cref="ActionClassifier"/>).</summary>
[Flags]
public enum ActionEffect
{
    /// <summary>Nothing the classifier knows about (metadata-free calls, unknown verbs, <c>sts:AssumeRole</c>).</summary>
    None = 0,
    /// <summary>Reads data or configuration: <c>dynamodb:GetItem</c>, <c>s3:GetObject</c>, <c>sqs:ReceiveMessage</c>, <c>kms:Decrypt</c>.</summary>
    Read = 1,
    /// <summary>Changes data or the resource: <c>dynamodb:PutItem</c>, <c>s3:DeleteObject</c>, <c>states:SendTaskSuccess</c>.</summary>
    Write = 2,
    /// <summary>Sends a message or event into the resource: <c>sqs:SendMessage</c>, <c>sns:Publish</c>, <c>events:PutEvents</c>, <c>kinesis:PutRecord</c>.</summary>
    Publish = 4,
    /// <summary>Invokes a function (or an API through <c>execute-api:Invoke</c>).</summary>
    Invoke = 8,
    /// <summary>Starts a state machine execution.</summary>
    StartExecution = 16,
    /// <summary>A deploy-time or control-plane permission: IAM writes and PassRole, CloudFormation, Lambda code and configuration, CodeDeploy, API Gateway writes, bucket policies.</summary>
    Deploy = 32,
    /// <summary>The action is exactly <c>*</c> (or a NotAction statement): every action of every service.</summary>
    Admin = 64,
}
