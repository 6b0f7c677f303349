namespace FitCheck.Templates.Mapping.Sam;

public sealed record PolicyTemplateStatement(IReadOnlyList<string> Actions, IReadOnlyList<string> Resources);

public sealed record PolicyTemplate(string Name, IReadOnlyList<string> Parameters, IReadOnlyList<PolicyTemplateStatement> Statements);

public static class PolicyTemplates
{
    private static readonly Dictionary<string, PolicyTemplate> Table = new(StringComparer.Ordinal)
    {
        ["DynamoDBCrudPolicy"] = new("DynamoDBCrudPolicy", ["TableName"], [new(["dynamodb:GetItem", "dynamodb:DeleteItem", "dynamodb:PutItem", "dynamodb:Scan", "dynamodb:Query", "dynamodb:UpdateItem", "dynamodb:BatchWriteItem", "dynamodb:BatchGetItem", "dynamodb:DescribeTable", "dynamodb:ConditionCheckItem"], ["table/{TableName}"])]),
    };

    public static IReadOnlyDictionary<string, PolicyTemplate> All => Table;

    public static PolicyTemplate? Find(string name) => Table.GetValueOrDefault(name);
}
