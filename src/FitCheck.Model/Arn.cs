namespace FitCheck.Model;

/// <summary>
/// An Amazon Resource Name split into its parts: <c>arn:partition:service:region:account:resource</c>, where the resource
/// is a name, <c>type/name</c> or <c>type:name[:qualifier]</c>. The one ARN parser: mappers, rules and analyses all read
/// ARNs through it. Parsing never throws and never guesses: text that is not an ARN gives no result.
/// </summary>
public readonly record struct Arn(string Text, string Partition, string Service, string Region, string Account, string Resource)
{
    /// <summary>Parses <paramref name="text"/> when it starts with <c>arn:</c> and has the five separators an ARN has.</summary>
    public static bool TryParse(string? text, out Arn arn)
    {
        arn = default;
        if (text is null || !text.StartsWith("arn:", StringComparison.Ordinal))
        {
            return false;
        }

        var parts = text.Split(':', 6);
        if (parts.Length < 6)
        {
            return false;
        }

        arn = new Arn(text, parts[1], parts[2], parts[3], parts[4], parts[5]);
        return true;
    }

    /// <summary>True when the account is a literal twelve-digit account id.</summary>
    public bool HasAccountId => Account.Length == 12 && Account.All(char.IsAsciiDigit);

    /// <summary>True when the ARN contains a wildcard anywhere.</summary>
    public bool HasWildcard => Text.Contains('*', StringComparison.Ordinal);

    /// <summary>
    /// The resource's own name, as a physical-name property would hold it: the function of a Lambda ARN
    /// (<c>function:NAME[:alias]</c>), the state machine of a Step Functions ARN (<c>stateMachine:NAME</c>), the table of a
    /// DynamoDB ARN (<c>table/NAME[/stream/...]</c>), else the last <c>/</c> segment of the resource, or the resource.
    /// </summary>
    public string ResourceName
    {
        get
        {
            var colon = Resource.IndexOf(':', StringComparison.Ordinal);
            if (Service is "lambda" or "states" && colon >= 0)
            {
                var rest = Resource[(colon + 1)..];
                var end = rest.IndexOf(':', StringComparison.Ordinal);
                return end >= 0 ? rest[..end] : rest;
            }

            if (Service == "dynamodb" && Resource.StartsWith("table/", StringComparison.Ordinal))
            {
                return Resource.Split('/')[1];
            }

            var slash = Resource.LastIndexOf('/');
            return slash >= 0 ? Resource[(slash + 1)..] : Resource;
        }
    }
}
