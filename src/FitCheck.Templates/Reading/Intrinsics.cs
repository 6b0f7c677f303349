namespace FitCheck.Templates.Reading;

/// <summary>The CloudFormation intrinsic functions and their YAML short forms.</summary>
public static class Intrinsics
{
    private static readonly Dictionary<string, string> ShortForms = new(StringComparer.Ordinal)
    {
        ["!Ref"] = "Ref",
        ["!Condition"] = "Condition",
        ["!GetAtt"] = "Fn::GetAtt",
        ["!Sub"] = "Fn::Sub",
        ["!Join"] = "Fn::Join",
        ["!Select"] = "Fn::Select",
        ["!Split"] = "Fn::Split",
        ["!If"] = "Fn::If",
        ["!Equals"] = "Fn::Equals",
        ["!And"] = "Fn::And",
        ["!Or"] = "Fn::Or",
        ["!Not"] = "Fn::Not",
        ["!FindInMap"] = "Fn::FindInMap",
        ["!Base64"] = "Fn::Base64",
        ["!Cidr"] = "Fn::Cidr",
        ["!GetAZs"] = "Fn::GetAZs",
        ["!ImportValue"] = "Fn::ImportValue",
        ["!Transform"] = "Fn::Transform",
        ["!ToJsonString"] = "Fn::ToJsonString",
        ["!Length"] = "Fn::Length",
        ["!ForEach"] = "Fn::ForEach",
    };

    /// <summary>The long name for a YAML tag such as <c>!Ref</c>; null for tags that are not intrinsics.</summary>
    public static string? FromTag(string tag) => ShortForms.GetValueOrDefault(tag);

    /// <summary>True for a mapping key that makes a single-key mapping an intrinsic (<c>Ref</c>, <c>Fn::*</c>).</summary>
    public static bool IsLongForm(string key) =>
        key == "Ref" || (key.StartsWith("Fn::", StringComparison.Ordinal) && !key.StartsWith("Fn::ForEach::", StringComparison.Ordinal));
}
