using System.Text;
using FitCheck.Model;
using FitCheck.Templates.Reading;
using Xunit.Abstractions;

namespace FitCheck.Tests.Templates;

/// <summary>
/// The fast YAML reader against YamlDotNet (the reference): whenever the fast reader takes a file, its tree (every
/// node, every span) and its diagnostics must be YamlDotNet's. Over the fixtures, the shared corpus and mutations of it.
/// </summary>
public sealed class FastYamlReaderTests(ITestOutputHelper output)
{
    private static string FastFixtures => Path.Combine(RepoPaths.Fixtures, "FastYaml");

    /// <summary>Every fixture under Fixtures/FastYaml (features and inputs that once differed), as written, with CRLF and with a BOM.</summary>
    [Fact]
    public void Fixtures_read_the_same_as_YamlDotNet()
    {
        var files = Directory.GetFiles(FastFixtures).Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(files);
        var taken = 0;
        foreach (var file in files)
        {
            var text = File.ReadAllText(file).Replace("\r\n", "\n", StringComparison.Ordinal);
            foreach (var variant in new[] { text, text.Replace("\n", "\r\n", StringComparison.Ordinal), text.TrimEnd('\n') })
            {
                if (Compare(Encoding.UTF8.GetBytes(variant), Path.GetFileName(file)) is { } result)
                {
                    Assert.True(result.Difference is null, $"{Path.GetFileName(file)}: {result.Difference}");
                    taken++;
                }
            }
        }

        output.WriteLine($"{files.Count} fixtures x 3 variants: the fast reader took {taken}");
    }

    /// <summary>The fast reader takes the constructs templates use (a reader that gave up on everything would pass the rest).</summary>
    [Theory]
    [InlineData("features.yaml")]
    [InlineData("block-scalars.yaml")]
    [InlineData("flow-and-quotes.yaml")]
    [InlineData("anchors.yaml")]
    public void The_fast_reader_takes_the_template_subset(string fixture)
    {
        var bytes = File.ReadAllBytes(Path.Combine(FastFixtures, fixture));
        var result = Compare(bytes, fixture);
        Assert.True(result is not null, $"{fixture}: the fast reader gave up");
        Assert.True(result.Difference is null, result.Difference);
        var withBom = Compare([0xEF, 0xBB, 0xBF, .. bytes], fixture);
        Assert.True(withBom is { Difference: null }, withBom?.Difference ?? "gave up with a byte order mark");
    }

    [Theory]
    [InlineData("a: 1\na: 2\n", "FC0003")]
    [InlineData("a: !Foo 1\n", "FC0006")]
    public void Diagnostics_are_those_of_YamlDotNet(string text, string code)
    {
        var result = Compare(Encoding.UTF8.GetBytes(text), "t.yaml");
        Assert.True(result is { Difference: null }, result?.Difference ?? "gave up");
        Assert.Contains(result!.Diagnostics, d => d.Code == code);
    }

    [Theory]
    [InlineData("a: b\n---\nc: d\n")] // a second document
    [InlineData("%YAML 1.2\n---\na: b\n")] // a directive
    [InlineData("a:\n\tb: c\n")] // a tab
    [InlineData("? a\n: b\n")] // a complex key
    [InlineData("a: [b\nc: d\n")] // a syntax error
    [InlineData("a: *nowhere\n")] // an unknown alias
    [InlineData("a: b: c\n")] // a syntax error
    [InlineData("base: &b {x: 1}\nc:\n  <<: *b\n")] // a merge key
    public void What_it_is_not_sure_of_goes_to_YamlDotNet(string text)
    {
        var diagnostics = new List<Diagnostic>();
        Assert.False(FastYamlReader.TryRead(Encoding.UTF8.GetBytes(text), "t.yaml", diagnostics, out _));
        Assert.Empty(diagnostics);
        // Through the front door the file is still read, by YamlDotNet.
        var document = TemplateReader.Read(Encoding.UTF8.GetBytes(text), "t.yaml", "yaml");
        Assert.True(document.Root is not null || document.Diagnostics.Count > 0);
    }

    /// <summary>Every YAML file of the shared corpus read by both readers; reports how many the fast reader takes.</summary>
    [Fact]
    public void Corpus_reads_the_same_as_YamlDotNet()
    {
        if (RepoPaths.Corpus is not { } corpus)
        {
            output.WriteLine("SKIPPED: the shared corpus (../shared/corpus) is missing; only the fixtures were compared.");
            return;
        }

        var files = YamlFiles(corpus);
        var taken = 0;
        var differences = new List<string>();
        var gaveUp = new List<string>();
        foreach (var file in files)
        {
            var result = Compare(File.ReadAllBytes(file), Path.GetRelativePath(corpus, file));
            if (result is null)
            {
                gaveUp.Add($"{Path.GetRelativePath(corpus, file)} ({FastYamlReader.LastGiveUp})");
                continue;
            }

            taken++;
            if (result.Difference is not null)
            {
                differences.Add($"{Path.GetRelativePath(corpus, file)}: {result.Difference}");
            }
        }

        output.WriteLine($"corpus: {files.Count} YAML files; the fast reader took {taken}, YamlDotNet read {files.Count - taken}");
        foreach (var name in gaveUp.Take(40))
        {
            output.WriteLine("  to YamlDotNet: " + name);
        }

        Assert.True(differences.Count == 0, $"{differences.Count} files differ (keep each under Fixtures/FastYaml once fixed):\n" + string.Join("\n", differences.Take(20)));
        Assert.True(taken * 10 >= files.Count * 9, $"the fast reader took only {taken} of {files.Count} corpus files");
    }

    /// <summary>The fuzz test's mutations of corpus templates (or of the fixtures): both readers, same results.</summary>
    [Fact]
    public void Mutations_read_the_same_as_YamlDotNet()
    {
        var iterations = int.TryParse(Environment.GetEnvironmentVariable("FITCHECK_FUZZ_ITERATIONS"), System.Globalization.CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 1000;
        var sources = (RepoPaths.Corpus is { } corpus ? YamlFiles(corpus).Where(f => new FileInfo(f).Length < 64 * 1024).ToList() : [])
            .Concat(Directory.GetFiles(FastFixtures).Order(StringComparer.Ordinal))
            .Select(File.ReadAllText)
            .ToList();
        if (RepoPaths.Corpus is null)
        {
            output.WriteLine("The shared corpus is missing (../shared/corpus): mutating the fixtures only.");
        }

        var random = new Random(20261207);
        var taken = 0;
        var differences = new List<string>();
        for (var i = 0; i < iterations; i++)
        {
            var text = FitCheck.Tests.Hostile.FuzzTests.Mutate(sources[random.Next(sources.Count)], random);
            var result = Compare(Encoding.UTF8.GetBytes(text), $"fuzz-{i}.yaml");
            if (result is null)
            {
                continue;
            }

            taken++;
            if (result.Difference is not null)
            {
                var kept = Path.Combine(Path.GetTempPath(), $"fitcheck-fastyaml-{i}.yaml");
                File.WriteAllText(kept, text);
                differences.Add($"mutation {i} (kept in {kept}): {result.Difference}");
            }
        }

        output.WriteLine($"{iterations} mutations: the fast reader took {taken}, all the same as YamlDotNet");
        Assert.True(differences.Count == 0, $"{differences.Count} mutations differ (keep each under Fixtures/FastYaml once fixed):\n" + string.Join("\n", differences.Take(20)));
    }

    private static List<string> YamlFiles(string root) =>
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .ToList();

    internal sealed record Result(string? Difference, IReadOnlyList<Diagnostic> Diagnostics);

    /// <summary>Null when the fast reader gives up; else the first difference from YamlDotNet (null when none).</summary>
    internal static Result? Compare(byte[] bytes, string path)
    {
        var offset = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
        var utf8 = bytes[offset..];
        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(utf8);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(text) || text.Contains('\0', StringComparison.Ordinal))
        {
            return null; // TemplateReader stops these before either reader.
        }

        var fastDiagnostics = new List<Diagnostic>();
        if (!FastYamlReader.TryRead(utf8, path, fastDiagnostics, out var fast))
        {
            Assert.Empty(fastDiagnostics);
            return null;
        }

        var referenceDiagnostics = new List<Diagnostic>();
        var reference = YamlTemplateReader.Read(text, path, referenceDiagnostics);
        var difference = Difference(reference, fast, "$");
        if (difference is null && !referenceDiagnostics.SequenceEqual(fastDiagnostics))
        {
            difference = $"diagnostics: YamlDotNet [{string.Join("; ", referenceDiagnostics)}], fast [{string.Join("; ", fastDiagnostics)}]";
        }

        return new Result(difference, fastDiagnostics);
    }

    /// <summary>The first difference between two trees, spans and quoting included; null when they are the same.</summary>
    internal static string? Difference(TemplateNode? expected, TemplateNode? actual, string path)
    {
        if (expected is null || actual is null)
        {
            return expected is null && actual is null ? null : $"{path}: {Describe(expected)} against {Describe(actual)}";
        }

        if (expected.GetType() != actual.GetType() || expected.Span != actual.Span)
        {
            return $"{path}: {Describe(expected)} against {Describe(actual)}";
        }

        switch (expected)
        {
            case ScalarNode s:
                var a = (ScalarNode)actual;
                return s.Value == a.Value && s.IsQuoted == a.IsQuoted ? null : $"{path}: {Describe(s)} against {Describe(a)}";
            case SequenceNode seq:
                var items = ((SequenceNode)actual).Items;
                if (seq.Items.Count != items.Count)
                {
                    return $"{path}: {seq.Items.Count} items against {items.Count}";
                }

                for (var i = 0; i < items.Count; i++)
                {
                    if (Difference(seq.Items[i], items[i], $"{path}[{i}]") is { } d)
                    {
                        return d;
                    }
                }

                return null;
            case MappingNode map:
                var entries = ((MappingNode)actual).Entries;
                if (map.Entries.Count != entries.Count)
                {
                    return $"{path}: {map.Entries.Count} entries against {entries.Count}";
                }

                for (var i = 0; i < entries.Count; i++)
                {
                    var key = map.Entries[i].Key.Value;
                    if ((Difference(map.Entries[i].Key, entries[i].Key, $"{path}.<key {key}>") ?? Difference(map.Entries[i].Value, entries[i].Value, $"{path}.{key}")) is { } d)
                    {
                        return d;
                    }
                }

                return null;
            case IntrinsicNode intrinsic:
                var other = (IntrinsicNode)actual;
                return intrinsic.Name != other.Name ? $"{path}: {intrinsic.Name} against {other.Name}" : Difference(intrinsic.Argument, other.Argument, $"{path}.{intrinsic.Name}");
            default:
                return $"{path}: unknown node {expected.GetType().Name}";
        }
    }

    private static string Describe(TemplateNode? node) => node switch
    {
        null => "nothing",
        ScalarNode s => $"scalar {(s.IsQuoted ? "quoted " : "")}\"{s.Value.Replace("\n", "\\n", StringComparison.Ordinal)}\" at {Where(s.Span)}",
        _ => $"{node.GetType().Name} at {Where(node.Span)}",
    };

    private static string Where(SourceSpan span) => $"{span.Line}:{span.Column}-{span.EndLine}:{span.EndColumn}";
}
