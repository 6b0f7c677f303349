using FitCheck.Model;

namespace FitCheck.Templates.Dialects.CloudFormation.Mappers;

/// <summary>DynamoDB tables (SAM's SimpleTable too).</summary>
internal static class StorageMappers
{
    public static IReadOnlyList<ResourceMapper> All { get; } =
    [
        new(["AWS::DynamoDB::Table", "AWS::DynamoDB::GlobalTable"], (context, r) => new Table(r.LogicalId, r.Type, context.Template, r.Span)
        {
            BillingMode = context.String(r["BillingMode"], "PROVISIONED", r.Span, property: "BillingMode"),
            StreamViewType = r["StreamSpecification"]?["StreamViewType"]?.Text ?? (r["StreamSpecification"] is not null ? "UNKNOWN" : null),
            PointInTimeRecovery = context.Bool(r["PointInTimeRecoverySpecification"]?["PointInTimeRecoveryEnabled"], false, r.Span, property: "PointInTimeRecoveryEnabled"),
            HasTimeToLive = r["TimeToLiveSpecification"]?["Enabled"]?.Text?.Equals("true", StringComparison.OrdinalIgnoreCase) == true,
        }, "TableName"),
        new(["AWS::Serverless::SimpleTable"], (context, r) => new Table(r.LogicalId, r.Type, context.Template, r.Span)
        {
            BillingMode = r["ProvisionedThroughput"] is null ? Setting.Default("PAY_PER_REQUEST", r.Span) : Setting.Explicit("PROVISIONED", r["ProvisionedThroughput"]!.Span),
            PointInTimeRecovery = context.Bool(r["PointInTimeRecoverySpecification"]?["PointInTimeRecoveryEnabled"], false, r.Span, property: "PointInTimeRecoveryEnabled"),
        }, "TableName"),
    ];
}
