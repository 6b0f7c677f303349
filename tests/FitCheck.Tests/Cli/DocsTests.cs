using System.Text.RegularExpressions;

namespace FitCheck.Tests.Cli;

/// <summary>The docs tell the truth about the command line: every option in <c>--help</c> is documented, and the
/// documented examples that run on files of this repository run as written.</summary>
[Collection("console")]
public partial class DocsTests
{
    [GeneratedRegex(@"```(?:sh|bash|shell)\n(?<body>.*?)```", RegexOptions.Singleline)]
    private static partial Regex ShellBlock();

    private static string Docs => string.Concat(
        new[] { File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md")) }
            .Concat(Directory.GetFiles(Path.Combine(RepoPaths.Root, "docs"), "*.md").Select(File.ReadAllText)));

    [Fact]
    public void EveryOptionInHelp_IsInTheCommandLineDocs()
    {
        var cli = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "cli.md"));
        var root = FitCheck.Cli.Program.BuildRoot();
        var missing = new List<string>();
        foreach (var command in root.Subcommands)
        {
            foreach (var option in command.Options)
            {
                foreach (var name in option.Aliases.Append(option.Name).Where(n => n is not ("--help" or "-h" or "-?" or "/h" or "/?")))
                {
                    if (!cli.Contains($"`{name}", StringComparison.Ordinal) && !cli.Contains($" {name} ", StringComparison.Ordinal))
                    {
                        missing.Add($"{command.Name} {name}");
                    }
                }
            }

            Assert.Contains($"fitcheck {command.Name}", cli + " fitcheck help fitcheck version", StringComparison.Ordinal);
        }

        Assert.Empty(missing);
    }

    [Fact]
    public void DocumentedExamples_OnThisRepositorysFiles_RunAsWritten()
    {
        var ran = 0;
        foreach (Match block in ShellBlock().Matches(Docs))
        {
            foreach (var raw in block.Groups["body"].Value.Split('\n'))
            {
                var line = Regex.Replace(raw, @"\s+#.*$", "").Trim();
                if (!line.StartsWith("fitcheck ", StringComparison.Ordinal) || Regex.IsMatch(line, "[|<>\"'$]| -o | --output |--git|\\binit\\b"))
                {
                    continue;
                }

                var args = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToArray();
                var paths = args.Where(a => a.Contains('/', StringComparison.Ordinal) && !a.StartsWith('-')).ToList();
                if (paths.Count == 0 && args[0] is "assess" or "graph" or "cost" or "baseline" or "diff")
                {
                    continue;
                }

                if (!paths.All(p => Path.Exists(Path.Combine(RepoPaths.Root, p))))
                {
                    continue; // an example about the reader's own folders (infra/)
                }

                var resolved = args.Select(a => paths.Contains(a) ? Path.Combine(RepoPaths.Root, a) : a).ToArray();
                var (code, _, stderr) = CliRunner.Run(resolved);
                Assert.True(code is 0 or 1, $"'{line}' exited with {code}: {stderr}");
                ran++;
            }
        }

        Assert.True(ran >= 3, $"only {ran} documented examples ran");
    }
}
