using System.Text;

namespace FitCheck.Templates.Dialects.Serverless;

/// <summary>
/// The logical ids the framework gives the resources it generates (its <c>naming</c> module), so <c>resources:</c>,
/// <c>Ref</c> and <c>Fn::GetAtt</c> written by the user can be linked to functions and event sources.
/// </summary>
public static class ServerlessNaming
{
    /// <summary>The role the framework creates for all functions of the service.</summary>
    public const string ExecutionRole = "IamRoleLambdaExecution";

    /// <summary>The REST API of <c>http</c> events.</summary>
    public const string RestApi = "ApiGatewayRestApi";

    /// <summary>The HTTP API of <c>httpApi</c> events.</summary>
    public const string HttpApi = "HttpApi";

    /// <summary>The WebSocket API of <c>websocket</c> events.</summary>
    public const string WebsocketsApi = "WebsocketsApi";

    /// <summary>The bucket the framework uploads artifacts to.</summary>
    public const string DeploymentBucket = "ServerlessDeploymentBucket";

    /// <summary>First letter upper-cased; <c>-</c> becomes <c>Dash</c>, <c>_</c> becomes <c>Underscore</c>.</summary>
    public static string NormalizedFunctionName(string name) =>
        UpperFirst(name.Replace("-", "Dash", StringComparison.Ordinal).Replace("_", "Underscore", StringComparison.Ordinal));

    /// <summary><c>hello</c> → <c>HelloLambdaFunction</c>.</summary>
    public static string FunctionLogicalId(string functionKey) => NormalizedFunctionName(functionKey) + "LambdaFunction";

    /// <summary><c>hello</c> → <c>HelloLogGroup</c>.</summary>
    public static string LogGroupLogicalId(string functionKey) => NormalizedFunctionName(functionKey) + "LogGroup";

    /// <summary><c>my-bucket</c> → <c>S3BucketMybucket</c>: the bucket an <c>s3</c> event creates.</summary>
    public static string BucketLogicalId(string bucketName) => "S3Bucket" + AlphaNumericOnly(bucketName);

    /// <summary><c>orders-topic</c> → <c>SNSTopicOrderstopic</c>: the topic an <c>sns</c> event creates.</summary>
    public static string TopicLogicalId(string topicName) => "SNSTopic" + AlphaNumericOnly(topicName);

    /// <summary>The state machine of the serverless-step-functions plugin: its <c>id</c>, else its normalised key.</summary>
    public static string StateMachineLogicalId(string key, string? id) =>
        id ?? NormalizedFunctionName(key) + "StepFunctionsStateMachine";

    /// <summary>Letters and digits only, first letter upper-cased.</summary>
    public static string AlphaNumericOnly(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                builder.Append(c);
            }
        }

        return UpperFirst(builder.ToString());
    }

    private static string UpperFirst(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];
}
