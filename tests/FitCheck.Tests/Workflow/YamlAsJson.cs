using System.Globalization;
using System.Text.Json.Nodes;
using FitCheck.Templates.Reading;

namespace FitCheck.Tests.Workflow;

/// <summary>Turns a YAML file read by the project's reader into JSON, as an editor's YAML language server does before it
/// applies a JSON schema: unquoted true/false become booleans, unquoted numbers numbers, empty values null.</summary>
internal static class YamlAsJson
{
    public static JsonNode? Read(string text, string name = "config.yml")
    {
        var document = TemplateReader.ReadText(text, name, "yaml");
        Assert.True(document.Root is not null, $"{name} could not be read: {string.Join("; ", document.Diagnostics)}");
        return Convert(document.Root!);
    }

    public static JsonNode? Convert(TemplateNode node) => node switch
    {
        MappingNode m => new JsonObject(m.Pairs.Select(p => KeyValuePair.Create(p.Key.Value, Convert(p.Value)))),
        SequenceNode s => new JsonArray(s.Items.Select(Convert).ToArray()),
        ScalarNode { IsNull: true } => null,
        ScalarNode { IsQuoted: false, Value: "true" or "True" or "TRUE" } => JsonValue.Create(true),
        ScalarNode { IsQuoted: false, Value: "false" or "False" or "FALSE" } => JsonValue.Create(false),
        ScalarNode { IsQuoted: false } sc when double.TryParse(sc.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => JsonValue.Create(d),
        ScalarNode sc => JsonValue.Create(sc.Value),
        IntrinsicNode i => new JsonObject { [i.Name] = Convert(i.Argument) },
        _ => null,
    };
}
