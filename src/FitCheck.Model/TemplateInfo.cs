namespace FitCheck.Model;

/// <summary>One unit of input that was read: a CloudFormation/SAM template file, a Terraform root module, a Serverless service.</summary>
public sealed class TemplateInfo
{
    public TemplateInfo(string path, string format, string dialect = DialectIds.CloudFormation)
    {
        Path = path;
        Format = format;
        Dialect = dialect;
    }

    /// <summary>The path as shown to the user (relative to the scan root where possible, with forward slashes): the
    /// template file, or the folder or main file of an input made of several files.</summary>
    public string Path { get; }

    /// <summary><c>yaml</c> or <c>json</c> (CloudFormation), <c>hcl</c> (Terraform)...</summary>
    public string Format { get; }

    /// <summary>The input format (dialect) the model was read from: one of <see cref="DialectIds"/>.</summary>
    public string Dialect { get; }

    /// <summary>True when the template uses the SAM transform.</summary>
    public bool IsSam { get; set; }

    public string? Description { get; set; }

    /// <summary>Number of entries under <c>Resources</c>.</summary>
    public int ResourceCount { get; set; }

    /// <summary>Template-level suppressions (from the template's Metadata).</summary>
    public List<Suppression> Suppressions { get; } = [];

    /// <summary>Parameters, by name.</summary>
    public Dictionary<string, TemplateParameter> Parameters { get; } = new(StringComparer.Ordinal);
}

/// <summary>A template parameter.</summary>
public sealed record TemplateParameter(string Name, string? Type, string? Default, bool NoEcho, SourceSpan Span);

/// <summary>The ids of the input formats (dialects) fitcheck reads. A template's model records its dialect
/// (<see cref="TemplateInfo.Dialect"/>), so words shown to the user (property names, fix snippets) can follow it.</summary>
public static class DialectIds
{
    /// <summary>AWS CloudFormation, with or without the SAM transform (CDK output included).</summary>
    public const string CloudFormation = "cloudformation";

    /// <summary>Terraform (HCL) with the AWS provider: one root module per unit of input.</summary>
    public const string Terraform = "terraform";

    /// <summary>Serverless Framework: <c>serverless.yml</c> and the files it references.</summary>
    public const string Serverless = "serverless";
}
