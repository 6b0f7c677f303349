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
            ReadCapacityUnits = r["ProvisionedThroughput"]?["ReadCapacityUnits"] is { } rcu ? context.Int(rcu, 0, r.Span, property: "ReadCapacityUnits") : null,
            WriteCapacityUnits = r["ProvisionedThroughput"]?["WriteCapacityUnits"] is { } wcu ? context.Int(wcu, 0, r.Span, property: "WriteCapacityUnits") : null,
        }, "TableName"),
        new(["AWS::Serverless::SimpleTable"], (context, r) => new Table(r.LogicalId, r.Type, context.Template, r.Span)
        {
            BillingMode = r["ProvisionedThroughput"] is null ? Setting.Default("PAY_PER_REQUEST", r.Span) : Setting.Explicit("PROVISIONED", r["ProvisionedThroughput"]!.Span),
            ReadCapacityUnits = r["ProvisionedThroughput"]?["ReadCapacityUnits"] is { } rcu ? context.Int(rcu, 0, r.Span, property: "ReadCapacityUnits") : null,
            WriteCapacityUnits = r["ProvisionedThroughput"]?["WriteCapacityUnits"] is { } wcu ? context.Int(wcu, 0, r.Span, property: "WriteCapacityUnits") : null,
            PointInTimeRecovery = context.Bool(r["PointInTimeRecoverySpecification"]?["PointInTimeRecoveryEnabled"], false, r.Span, property: "PointInTimeRecoveryEnabled"),
        }, "TableName"),
        new(["AWS::ApplicationAutoScaling::ScalableTarget"], ResourceMapper.Plain(ComponentKind.Other), Wire: (_, context, r) => ScalableTarget(context, r)),
    ];

    /// <summary>An Application Auto Scaling target on a table's capacity (<c>ResourceId: table/${Table}</c>) marks that dimension as scaled.</summary>
    private static void ScalableTarget(MappingContext context, ResourceEntry r)
    {
        var dimension = r["ScalableDimension"]?.Text;
        if (dimension is null || !dimension.StartsWith("dynamodb:table:", StringComparison.Ordinal))
        {
            return;
        }

        foreach (var table in context.ReferencedComponents(r["ResourceId"]).OfType<Table>())
        {
            table.AutoScaledDimensions.Add(dimension);
        }
    }
}
