using System.CommandLine;
using FitCheck.Templates.Dialects;

namespace FitCheck.Cli.Commands;

/// <summary>Values an input needs that only the deploy command knows: the Serverless Framework's <c>--stage</c> and
/// <c>--region</c>, and the environment values its <c>${env:NAME}</c> variables read (fitcheck never reads the process
/// environment for them).</summary>
internal sealed class InputValueOptions
{
    public Option<string?> Stage { get; } = new("--stage")
    {
        Description = "serverless.yml: the stage, as 'serverless deploy --stage' (default: the service's provider.stage, else dev).",
        HelpName = "NAME",
    };

    public Option<string?> Region { get; } = new("--region")
    {
        Description = "serverless.yml: the region, as 'serverless deploy --region' (default: the service's provider.region, else us-east-1).",
        HelpName = "NAME",
    };

    public Option<string[]> Vars { get; } = new("--var")
    {
        Description = "serverless.yml: the value of ${env:NAME}; repeatable. Without it ${env:...} takes its default or stays unknown.",
        HelpName = "NAME=VALUE",
        Arity = ArgumentArity.OneOrMore,
        AllowMultipleArgumentsPerToken = false,
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Stage);
        command.Options.Add(Region);
        command.Options.Add(Vars);
    }

    /// <summary>The values given, or null after printing why a <c>--var</c> is malformed (exit code 2).</summary>
    public ReadOptions? Read(ParseResult parse)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in parse.GetValue(Vars) ?? [])
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                Console.Error.WriteLine($"fitcheck: --var takes NAME=VALUE, not '{Reports.Common.Sanitizer.Text(pair)}'");
                return null;
            }

            variables[pair[..equals]] = pair[(equals + 1)..];
        }

        return new ReadOptions(null)
        {
            Stage = parse.GetValue(Stage),
            Region = parse.GetValue(Region),
            Variables = variables.Count > 0 ? variables : null,
        };
    }
}
