using FitCheck.Templates.Reading;

namespace FitCheck.Templates.Dialects.CloudFormation;

/// <summary>Small queries over template nodes that several mappers share.</summary>
internal static class Nodes
{
    /// <summary>A value CloudFormation accepts as one item or a list of them, as a list.</summary>
    public static IEnumerable<TemplateNode> Items(TemplateNode? node) => node switch
    {
        null => [],
        SequenceNode seq => seq.Items,
        _ => [node],
    };

    /// <summary>The statements of an IAM policy document (a list, or a single statement).</summary>
    public static IEnumerable<TemplateNode> Statements(TemplateNode? document) => document?["Statement"] switch
    {
        SequenceNode seq => seq.Items,
        MappingNode single => [single],
        _ => [],
    };
}
