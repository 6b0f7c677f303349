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

    /// <summary>
    /// Makes the node for an intrinsic. <c>Fn::GetAtt</c> with a dotted string (<c>!GetAtt A.B</c>, or the long form with a
    /// string) becomes the list <c>[A, B]</c>, split at the first dot as CloudFormation does, so every form gives one shape.
    /// </summary>
    internal static IntrinsicNode Create(string name, TemplateNode argument, FitCheck.Model.SourceSpan span) =>
        new(name, SplitGetAtt(name, argument), span);

    /// <summary><see cref="Create(string, TemplateNode, FitCheck.Model.SourceSpan)"/> for a reader, with the position as numbers.</summary>
    internal static IntrinsicNode Create(string name, TemplateNode argument, string file, int line, int column, int endLine, int endColumn) =>
        new(name, SplitGetAtt(name, argument), file, line, column, endLine, endColumn);

    private static TemplateNode SplitGetAtt(string name, TemplateNode argument)
    {
        if (name == "Fn::GetAtt" && argument is ScalarNode s && s.Value.IndexOf('.', StringComparison.Ordinal) is var dot and > 0)
        {
            return new SequenceNode(
            [
                new ScalarNode(s.Value[..dot], s.IsQuoted, s.File, s.Line, s.Column, s.EndLine, s.EndColumn),
                new ScalarNode(s.Value[(dot + 1)..], s.IsQuoted, s.File, s.Line, s.Column, s.EndLine, s.EndColumn),
            ], s.File, s.Line, s.Column, s.EndLine, s.EndColumn);
        }

        return argument;
    }

    /// <summary>True for a mapping key that makes a single-key mapping an intrinsic (<c>Ref</c>, <c>Fn::*</c>).</summary>
    public static bool IsLongForm(string key) =>
        key == "Ref" || (key.StartsWith("Fn::", StringComparison.Ordinal) && !key.StartsWith("Fn::ForEach::", StringComparison.Ordinal));
}
