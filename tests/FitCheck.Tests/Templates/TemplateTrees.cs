using System.Text;
using FitCheck.Model;
using FitCheck.Templates.Reading;
using Xunit;

namespace FitCheck.Tests.Templates;

/// <summary>Helpers for the reader tests: read text, compare trees ignoring spans, find diagnostics.</summary>
internal static class TemplateTrees
{
    public static TemplateDocument Yaml(string text) => TemplateReader.Read(Encoding.UTF8.GetBytes(text), "t.yaml", "yaml");

    public static TemplateDocument Json(string text) => TemplateReader.Read(Encoding.UTF8.GetBytes(text), "t.json", "json");

    /// <summary>The document's root as a mapping; fails the test when it is not.</summary>
    public static MappingNode Root(TemplateDocument document)
    {
        Assert.True(document.Root is MappingNode, $"expected a mapping root; diagnostics: {string.Join("; ", document.Diagnostics)}");
        return (MappingNode)document.Root!;
    }

    /// <summary>The only diagnostic with <paramref name="code"/>; fails the test unless there is exactly one.</summary>
    public static Diagnostic Single(TemplateDocument document, string code)
    {
        var matching = document.Diagnostics.Where(d => d.Code == code).ToList();
        Assert.True(matching.Count == 1, $"expected one {code}; got: {string.Join("; ", document.Diagnostics)}");
        return matching[0];
    }

    /// <summary>Asserts the document was read with no diagnostics at all.</summary>
    public static void Clean(TemplateDocument document) =>
        Assert.True(document.Diagnostics.Count == 0, "unexpected diagnostics: " + string.Join("; ", document.Diagnostics));

    /// <summary>Asserts two trees are equal when spans and quoting are ignored (a YAML plain 5 and a JSON number 5 are equal).</summary>
    public static void AssertSameTree(TemplateNode? expected, TemplateNode? actual)
    {
        var difference = Difference(expected, actual, "$");
        Assert.True(difference is null, difference);
    }

    /// <summary>Null when the trees are equal ignoring spans and quoting; otherwise where and how they differ.</summary>
    public static string? Difference(TemplateNode? a, TemplateNode? b, string at)
    {
        switch (a, b)
        {
            case (null, null):
                return null;
            case (ScalarNode x, ScalarNode y):
                return x.Value == y.Value ? null : $"{at}: '{x.Value}' != '{y.Value}'";
            case (SequenceNode x, SequenceNode y):
            {
                if (x.Items.Count != y.Items.Count)
                {
                    return $"{at}: {x.Items.Count} items != {y.Items.Count} items";
                }

                for (var i = 0; i < x.Items.Count; i++)
                {
                    if (Difference(x.Items[i], y.Items[i], $"{at}[{i}]") is { } d)
                    {
                        return d;
                    }
                }

                return null;
            }
            case (MappingNode x, MappingNode y):
            {
                var xs = x.Entries;
                var ys = y.Entries;
                if (xs.Count != ys.Count)
                {
                    return $"{at}: keys [{string.Join(", ", xs.Select(e => e.Key.Value))}] != [{string.Join(", ", ys.Select(e => e.Key.Value))}]";
                }

                for (var i = 0; i < xs.Count; i++)
                {
                    if (xs[i].Key.Value != ys[i].Key.Value)
                    {
                        return $"{at}: key '{xs[i].Key.Value}' != '{ys[i].Key.Value}'";
                    }

                    if (Difference(xs[i].Value, ys[i].Value, $"{at}.{xs[i].Key.Value}") is { } d)
                    {
                        return d;
                    }
                }

                return null;
            }
            case (IntrinsicNode x, IntrinsicNode y):
                return x.Name != y.Name ? $"{at}: {x.Name} != {y.Name}" : Difference(x.Argument, y.Argument, $"{at}.{x.Name}");
            default:
                return $"{at}: {Describe(a)} != {Describe(b)}";
        }
    }

    private static string Describe(TemplateNode? node) => node switch
    {
        null => "nothing",
        ScalarNode s => $"scalar '{s.Value}'",
        IntrinsicNode i => $"intrinsic {i.Name}",
        _ => node.GetType().Name,
    };
}
