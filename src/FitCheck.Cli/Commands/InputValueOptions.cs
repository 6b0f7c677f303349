using System.CommandLine;
using System.CommandLine.Parsing;
using FitCheck.Templates.Dialects;

namespace FitCheck.Cli.Commands;

/// <summary>Values an input needs that only the deploy command knows: the Serverless Framework's <c>--stage</c> and
/// <c>--region</c>, the environment values its <c>${env:NAME}</c> variables read (fitcheck never reads the process
/// environment for them), and Terraform's <c>-var</c> and <c>-var-file</c>.</summary>
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

    public Option<string[]> Vars { get; } = new("--var", "-var")
    {
        Description = "Terraform: the value of var.NAME, as 'terraform plan -var'; serverless.yml: the value of ${env:NAME}. Repeatable.",
        HelpName = "NAME=VALUE",
        Arity = ArgumentArity.OneOrMore,
        AllowMultipleArgumentsPerToken = false,
    };

    public Option<string[]> VarFiles { get; } = new("--var-file", "-var-file")
    {
        Description = "Terraform: a variables file, as 'terraform plan -var-file'; repeatable, read after terraform.tfvars and *.auto.tfvars.",
        HelpName = "FILE",
        Arity = ArgumentArity.OneOrMore,
        AllowMultipleArgumentsPerToken = false,
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Stage);
        command.Options.Add(Region);
        command.Options.Add(Vars);
        command.Options.Add(VarFiles);
    }

    /// <summary>The values given, or null after printing why a <c>--var</c> or <c>--var-file</c> is wrong (exit code 2).</summary>
    public ReadOptions? Read(ParseResult parse)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in parse.GetValue(Vars) ?? [])
        {
            if (Split(pair) is not (var name, var value))
            {
                Console.Error.WriteLine($"fitcheck: --var takes NAME=VALUE, not '{Reports.Common.Sanitizer.Text(pair)}'");
                return null;
            }

            variables[name] = value;
        }

        foreach (var file in parse.GetValue(VarFiles) ?? [])
        {
            if (!File.Exists(file))
            {
                Console.Error.WriteLine($"fitcheck: --var-file: '{Reports.Common.Sanitizer.Text(file)}' does not exist");
                return null;
            }
        }

        var arguments = InOrder(parse);
        return new ReadOptions(null)
        {
            Stage = parse.GetValue(Stage),
            Region = parse.GetValue(Region),
            Variables = variables.Count > 0 ? variables : null,
            VariableArguments = arguments.Count > 0 ? arguments : null,
        };
    }

    private static (string Name, string Value)? Split(string pair)
    {
        var equals = pair.IndexOf('=', StringComparison.Ordinal);
        return equals <= 0 ? null : (pair[..equals], pair[(equals + 1)..]);
    }

    /// <summary>The <c>--var</c> and <c>--var-file</c> arguments in command-line order (Terraform lets a later one win,
    /// whichever of the two it is), from the parsed tokens.</summary>
    private List<VariableArgument> InOrder(ParseResult parse)
    {
        var arguments = new List<VariableArgument>();
        var tokens = parse.Tokens;
        for (var i = 0; i + 1 < tokens.Count; i++)
        {
            if (tokens[i].Type != TokenType.Option || tokens[i + 1].Type != TokenType.Argument)
            {
                continue;
            }

            var value = tokens[i + 1].Value;
            if (Vars.Name == tokens[i].Value || Vars.Aliases.Contains(tokens[i].Value))
            {
                if (Split(value) is (var name, var v))
                {
                    arguments.Add(VariableArgument.Pair(name, v));
                }

                i++;
            }
            else if (VarFiles.Name == tokens[i].Value || VarFiles.Aliases.Contains(tokens[i].Value))
            {
                arguments.Add(VariableArgument.VarFile(Path.GetFullPath(value)));
                i++;
            }
        }

        return arguments;
    }
}
