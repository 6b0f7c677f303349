using FitCheck.Model;

namespace FitCheck.Rules;

/// <summary>Functions the AWS CDK adds for its own constructs. Their tracing, logging and alarms cannot be set from the
/// app, so per-function observability rules skip them. The CDK names them after fixed singleton ids.</summary>
internal static class CdkGenerated
{
    private static readonly string[] SingletonPrefixes =
    [
        "LogRetentionaae0aa3c5b4d4f87b02d85b201efdd8a",                  // logRetention on functions and log groups
        "BucketNotificationsHandler050a0587b7544547bf325f094a3db834",    // S3 bucket notifications
        "AWS679f53fac002430cb0da5b7982bd2287",                           // AwsCustomResource
        "CustomCDKBucketDeployment8693BB64968944B69AAFB0CC9EB8756C",     // s3-deployment BucketDeployment
        "CustomS3AutoDeleteObjectsCustomResourceProviderHandler",        // autoDeleteObjects
        "CustomVpcRestrictDefaultSGCustomResourceProviderHandler",       // restrictDefaultSecurityGroup
        "CustomCrossRegionExportWriterCustomResourceProviderHandler",
        "CustomCrossRegionExportReaderCustomResourceProviderHandler",
    ];

    public static bool IsCdkInternal(this Component component)
    {
        if (component is not Function)
        {
            return false;
        }

        foreach (var prefix in SingletonPrefixes)
        {
            if (component.LogicalId.StartsWith(prefix, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
