using System.Text;
using FitCheck.Model;
using FitCheck.Templates.Dialects.Serverless;
using FitCheck.Templates.Reading;

namespace FitCheck.Tests.Serverless;

/// <summary>Reads the serverless.yml fixtures under Fixtures/serverless, or text given by a test.</summary>
internal static class ServerlessFixtures
{
    public static string Folder => Path.Combine(RepoPaths.Fixtures, "serverless");

    /// <summary>Reads Fixtures/serverless/&lt;name&gt;/serverless.yml with that folder as the scan root.</summary>
    public static ServerlessReadResult Read(string name, ServerlessOptions? options = null)
    {
        var folder = Path.Combine(Folder, name);
        return ServerlessReader.ReadFile(Path.Combine(folder, "serverless.yml"), name + "/serverless.yml", options, folder);
    }

    /// <summary>Reads serverless.yml text; no other file is read.</summary>
    public static ServerlessReadResult ReadText(string yaml, ServerlessOptions? options = null) =>
        ServerlessReader.Read(TemplateReader.Read(Encoding.UTF8.GetBytes(yaml), "serverless.yml", "yaml"), options);

    public static ServerlessService Service(ServerlessReadResult result)
    {
        Assert.True(result.Service is not null, "the service was not read: " + string.Join("; ", result.Diagnostics));
        return result.Service!;
    }

    /// <summary>The node at a dotted path of the resolved configuration.</summary>
    public static TemplateNode At(ServerlessService service, string path)
    {
        TemplateNode? node = service.Root;
        foreach (var key in path.Split('.'))
        {
            node = node?[key];
        }

        Assert.True(node is not null, $"{path} is not in the resolved service");
        return node!;
    }

    public static string TextAt(ServerlessService service, string path)
    {
        var node = At(service, path);
        Assert.True(node is ScalarNode, $"{path} is {node.GetType().Name} ({node}), not a scalar");
        return ((ScalarNode)node).Value;
    }

    public static IEnumerable<Diagnostic> Warnings(ServerlessReadResult result) =>
        result.Diagnostics.Where(d => d.Level == DiagnosticLevel.Warning);
}
