using FitCheck.Model;
using FitCheck.Templates.Discovery;
using FitCheck.Templates.Dialects.CloudFormation;
using FitCheck.Templates.Scanning;
using Xunit.Abstractions;
using Xunit;

namespace FitCheck.Tests.Templates;

public sealed class TemplateDiscoveryTests : IDisposable
{
    private const string Template = "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Q:\n    Type: AWS::SQS::Queue\n";
    private const string JsonTemplate = "{\"Resources\": {\"T\": {\"Type\": \"AWS::SNS::Topic\"}}}";
    private const string BrokenTemplate = "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n   Properties: {}\n";

    private readonly ITestOutputHelper _output;
    private readonly string _root;

    public TemplateDiscoveryTests(ITestOutputHelper output)
    {
        _output = output;
        // The real path, so display paths do not depend on a symlinked temp folder (macOS /var -> /private/var).
        _root = TemplateDiscovery.RealPath(Path.Combine(Path.GetTempPath(), "fitcheck-discovery-" + Guid.NewGuid().ToString("N")))!;
        Directory.CreateDirectory(_root);
    }

    // Recursive delete removes symbolic links without following them.
    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Write(string relative, string text)
    {
        var path = Path.Combine(_root, relative.Replace('/', Path.DirectorySeparatorChar));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    private bool TryLink(string relative, string target)
    {
        var path = Path.Combine(_root, relative.Replace('/', Path.DirectorySeparatorChar));
        try
        {
            Directory.CreateSymbolicLink(path, target);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or PlatformNotSupportedException)
        {
            _output.WriteLine($"symbolic links cannot be made here ({ex.Message}); the link part of this test is not run");
            return false;
        }
    }

    private void Project()
    {
        Write("template.yaml", Template);
        Write("B.yaml", Template);
        Write("_x.yml", Template);
        Write("stack.template", JsonTemplate);
        Write("config.yaml", "key: value\nlist: [1, 2]\n");
        Write("events/event.json", "{\"body\": \"{}\"}");
        Write("readme.txt", "Resources: not read\n");
        Write("broken/template.yaml", BrokenTemplate);
        Write("junk/bad.yaml", "a: [1, 2\n");
        Write("nested/deeper/child.yaml", Template);
        foreach (var skipped in new[] { ".git", "node_modules/pkg", ".aws-sam/build", "bin/Debug", "obj", ".venv/lib", "__pycache__" })
        {
            Write(skipped + "/template.yaml", Template);
        }
    }

    private static string[] Displays(DiscoveryResult result) => [.. result.Files.Select(f => f.DisplayPath)];

    [Fact]
    public void Walks_folders_skips_tool_folders_and_sorts_ordinally()
    {
        Project();
        var result = TemplateDiscovery.Find(["."], _root);
        Assert.Empty(result.Diagnostics);
        Assert.Equal(
        [
            "B.yaml", "_x.yml", "broken/template.yaml", "config.yaml", "events/event.json", "junk/bad.yaml",
            "nested/deeper/child.yaml", "stack.template", "template.yaml",
        ], Displays(result));
        Assert.All(result.Files, f => Assert.False(f.ExplicitlyNamed));
        Assert.All(result.Files, f => Assert.True(Path.IsPathFullyQualified(f.FullPath) && File.Exists(f.FullPath)));
    }

    [Fact]
    public void Skipped_folders_are_walked_when_named()
    {
        Project();
        var result = TemplateDiscovery.Find(["node_modules"], _root);
        Assert.Equal(["node_modules/pkg/template.yaml"], Displays(result));
    }

    [Fact]
    public void Named_files_are_candidates_whatever_their_extension()
    {
        Project();
        var result = TemplateDiscovery.Find(["readme.txt", Path.Combine(_root, "config.yaml")], _root);
        Assert.Equal(["config.yaml", "readme.txt"], Displays(result));
        Assert.All(result.Files, f => Assert.True(f.ExplicitlyNamed));
    }

    [Fact]
    public void A_file_reached_twice_is_listed_once()
    {
        Project();
        var result = TemplateDiscovery.Find([".", "template.yaml", _root, "nested", "./template.yaml"], _root);
        Assert.Equal(9, result.Files.Count);
        Assert.Equal(result.Files.Count, result.Files.Select(f => f.FullPath).Distinct().Count());
        Assert.True(result.Files.Single(f => f.DisplayPath == "template.yaml").ExplicitlyNamed);
        Assert.False(result.Files.Single(f => f.DisplayPath == "B.yaml").ExplicitlyNamed);
    }

    [Fact]
    public void A_missing_path_is_an_error_naming_it()
    {
        Project();
        var result = TemplateDiscovery.Find(["template.yaml", "nope/missing.yaml"], _root);
        Assert.Equal(["template.yaml"], Displays(result));
        var error = Assert.Single(result.Diagnostics);
        Assert.Equal(DiagnosticLevel.Error, error.Level);
        Assert.Equal(DiagnosticCodes.Unreadable, error.Code);
        Assert.Contains("nope/missing.yaml", error.Message, StringComparison.Ordinal);
        Assert.Equal("nope/missing.yaml", error.Location.File);
    }

    [Fact]
    public void Display_paths_outside_the_working_directory_are_full_paths()
    {
        Project();
        var elsewhere = Path.Combine(_root, "nested");
        var result = TemplateDiscovery.Find([Path.Combine(_root, "broken")], elsewhere);
        var file = Assert.Single(result.Files);
        Assert.Equal(Path.Combine(_root, "broken", "template.yaml"), file.DisplayPath);

        var relative = TemplateDiscovery.Find(["../template.yaml", "deeper"], elsewhere);
        Assert.Equal(new[] { "deeper/child.yaml", Path.Combine(_root, "template.yaml") }.Order(StringComparer.Ordinal), Displays(relative));
    }

    [Fact]
    public void Symlink_loops_end_with_an_info_diagnostic()
    {
        Project();
        if (!TryLink("nested/deeper/up", _root) || !TryLink("nested/self", "."))
        {
            return;
        }

        var result = TemplateDiscovery.Find(["."], _root);
        Assert.Equal(9, result.Files.Count);
        Assert.Equal(2, result.Diagnostics.Count);
        Assert.All(result.Diagnostics, d => Assert.Equal(DiagnosticLevel.Info, d.Level));
        Assert.Contains(result.Diagnostics, d => d.Location.File == "nested/deeper/up" && d.Message.Contains("loop", StringComparison.Ordinal));
        Assert.Contains(result.Diagnostics, d => d.Location.File == "nested/self" && d.Message.Contains("loop", StringComparison.Ordinal));

        // Starting inside the loop: the link is followed once, back up to the root, and then stops.
        var inside = TemplateDiscovery.Find(["nested/deeper"], _root);
        Assert.Contains("nested/deeper/up/template.yaml", Displays(inside));
        Assert.Equal(inside.Files.Count, inside.Files.Select(f => TemplateDiscovery.RealPath(f.FullPath)).Distinct().Count());
        Assert.All(inside.Diagnostics, d => Assert.Equal(DiagnosticLevel.Info, d.Level));
    }

    [Fact]
    public void Folder_symlinks_are_followed_once()
    {
        Project();
        var outside = TemplateDiscovery.RealPath(Path.Combine(Path.GetTempPath(), "fitcheck-outside-" + Guid.NewGuid().ToString("N")))!;
        Directory.CreateDirectory(outside);
        try
        {
            File.WriteAllText(Path.Combine(outside, "shared.yaml"), Template);
            if (!TryLink("linked", outside) || !TryLink("also-nested", Path.Combine(_root, "nested")))
            {
                return;
            }

            var result = TemplateDiscovery.Find(["."], _root);
            Assert.Contains("linked/shared.yaml", Displays(result));
            Assert.Contains("also-nested/deeper/child.yaml", Displays(result));
            Assert.DoesNotContain("nested/deeper/child.yaml", Displays(result));
            var info = Assert.Single(result.Diagnostics);
            Assert.Equal(DiagnosticLevel.Info, info.Level);
            Assert.Equal("nested", info.Location.File);
        }
        finally
        {
            Directory.Delete(outside, recursive: true);
        }
    }

    [Fact]
    public void A_broken_symlink_is_noted_not_fatal()
    {
        Project();
        try
        {
            File.CreateSymbolicLink(Path.Combine(_root, "gone.yaml"), Path.Combine(_root, "does-not-exist.yaml"));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _output.WriteLine($"symbolic links cannot be made here ({ex.Message})");
            return;
        }

        var result = TemplateDiscovery.Find(["."], _root);
        Assert.Equal(9, result.Files.Count);
        Assert.Equal(DiagnosticLevel.Info, Assert.Single(result.Diagnostics).Level);

        var named = TemplateDiscovery.Find(["gone.yaml"], _root);
        Assert.Equal(DiagnosticLevel.Error, Assert.Single(named.Diagnostics).Level);
    }

    [Fact]
    public void An_unreadable_folder_is_a_warning_and_the_walk_goes_on()
    {
        Project();
        if (OperatingSystem.IsWindows())
        {
            _output.WriteLine("folder permissions are not tested on Windows");
            return;
        }

        var locked = Path.Combine(_root, "locked");
        Write("locked/template.yaml", Template);
        File.SetUnixFileMode(locked, UnixFileMode.None);
        try
        {
            try
            {
                _ = Directory.GetFileSystemEntries(locked);
                _output.WriteLine("this user can read a folder without permissions (root?); the unreadable-folder case is not exercised");
                return;
            }
            catch (UnauthorizedAccessException)
            {
            }

            var result = TemplateDiscovery.Find(["."], _root);
            Assert.Equal(9, result.Files.Count);
            var warning = Assert.Single(result.Diagnostics);
            Assert.Equal(DiagnosticLevel.Warning, warning.Level);
            Assert.Equal("locked", warning.Location.File);
        }
        finally
        {
            File.SetUnixFileMode(locked, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    [Fact]
    public void Scanner_keeps_templates_and_broken_templates_and_skips_the_rest()
    {
        Project();
        var scan = Scanner.Scan(["."], _root);

        Assert.Equal(
            ["B.yaml", "_x.yml", "nested/deeper/child.yaml", "stack.template", "template.yaml"],
            scan.Architectures.Select(a => a.Template.Path));
        var broken = Assert.Single(scan.Diagnostics, d => d.Code == DiagnosticCodes.Syntax);
        Assert.Equal(("broken/template.yaml", 4), (broken.Location.File, broken.Location.Line));
        Assert.True(scan.HasInputErrors);

        Assert.Equal(["config.yaml", "events/event.json", "junk/bad.yaml"], scan.Skipped.Select(d => d.Location.File));
        Assert.All(scan.Skipped, d => Assert.Equal((DiagnosticCodes.NotATemplate, DiagnosticLevel.Info), (d.Code, d.Level)));
        Assert.All(scan.Skipped, d => Assert.Contains("not a template", d.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void Scanner_keeps_a_broken_file_that_was_named()
    {
        Project();
        var scan = Scanner.Scan(["junk/bad.yaml", "config.yaml"], _root);
        Assert.Empty(scan.Architectures);
        Assert.Equal("junk/bad.yaml", Assert.Single(scan.Diagnostics, d => d.Code == DiagnosticCodes.Syntax).Location.File);
        Assert.Equal("config.yaml", Assert.Single(scan.Skipped).Location.File);
    }

    [Fact]
    public void Scanner_reads_many_files_in_parallel_and_keeps_the_order()
    {
        for (var i = 0; i < 40; i++)
        {
            Write($"many/t{i:D2}.yaml", i % 5 == 0 ? "not: a template\n" : Template.Replace("Q:", $"Q{i}:", StringComparison.Ordinal));
        }

        var scan = Scanner.Scan(["many"], _root);
        Assert.Equal(32, scan.Architectures.Count);
        Assert.Equal(8, scan.Skipped.Count);
        Assert.Equal(scan.Architectures.Select(a => a.Template.Path).Order(StringComparer.Ordinal), scan.Architectures.Select(a => a.Template.Path));
        Assert.Equal(scan.Skipped.Select(d => d.Location.File).Order(StringComparer.Ordinal), scan.Skipped.Select(d => d.Location.File));
        Assert.All(scan.Architectures, a => Assert.Equal("Q" + int.Parse(a.Template.Path[^7..^5]), Assert.Single(a.Components).LogicalId));
    }

    [Theory]
    [InlineData("AWSTemplateFormatVersion: x\n  bad", true)]
    [InlineData("Resources:\n  [", true)]
    [InlineData("Resources :\n", true)]
    [InlineData("{ \"Resources\" : {", true)]
    [InlineData("x: AWS::Lambda::Function", true)]
    [InlineData("  Resources:\n", false)]
    [InlineData("openapi: 3\npaths: [", false)]
    [InlineData("", false)]
    public void Looks_like_a_template(string text, bool expected) =>
        Assert.Equal(expected, TemplateLoader.LooksLikeTemplateText(text));
    private static string? RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "fitcheck.slnx")))
            {
                return folder.FullName;
            }
        }

        return null;
    }

    [Fact]
    public void Corpus_WhenCorpusPresent_only_the_two_known_broken_templates_fail()
    {
        var repository = RepositoryRoot();
        var corpus = repository is null ? null : Path.GetFullPath(Path.Combine(repository, "..", "shared", "corpus"));
        if (corpus is null || !Directory.Exists(corpus))
        {
            _output.WriteLine($"NOT RUN: the corpus folder ../shared/corpus next to the repository root was not found (looked from {AppContext.BaseDirectory}).");
            return;
        }

        var found = TemplateDiscovery.Find([corpus], corpus);
        Assert.DoesNotContain(found.Diagnostics, d => d.Level != DiagnosticLevel.Info);
        var scan = Scanner.Scan([corpus], corpus);
        _output.WriteLine($"{found.Files.Count} candidate files, {scan.Architectures.Count} inputs assessed, {scan.Skipped.Count} skipped");
        foreach (var group in scan.Architectures.GroupBy(a => a.Template.Path.Split('/')[0]))
        {
            _output.WriteLine($"  {group.Key}: {group.Count()} inputs");
        }

        foreach (var code in scan.Diagnostics.GroupBy(d => (d.Code, d.Level)).OrderBy(g => g.Key.Code, StringComparer.Ordinal))
        {
            _output.WriteLine($"  {code.Key.Level} {code.Key.Code}: {code.Count()} (first: {code.First()})");
        }

        var errors = scan.Diagnostics.Where(d => d.Level == DiagnosticLevel.Error).ToList();
        foreach (var error in errors)
        {
            _output.WriteLine("failed: " + error);
        }

        Assert.All(errors, d => Assert.StartsWith("serverless-patterns/", d.Location.File, StringComparison.Ordinal));
        Assert.Equal(
            ["apigw-custom-domain-edge", "rds-sns-event-notification"],
            errors.Select(d => d.Location.File.Split('/')[1]).Order(StringComparer.Ordinal));
        Assert.All(errors, d => Assert.Equal(DiagnosticCodes.Syntax, d.Code));

        // Every other template parses, and the kept set is the corpus's own list of templates.
        var index = Path.Combine(corpus, "serverless-patterns", "index.tsv");
        if (File.Exists(index))
        {
            var listed = File.ReadLines(index).Skip(1).Where(l => l.Length > 0).Select(l => "serverless-patterns/" + l.Split('\t')[0]).Order(StringComparer.Ordinal);
            var read = scan.Architectures.Select(a => a.Template.Path).Concat(errors.Select(d => d.Location.File)).Order(StringComparer.Ordinal);
            Assert.Equal(listed, read.Where(p => p.StartsWith("serverless-patterns/", StringComparison.Ordinal)));
        }

        Assert.Equal(3, scan.Architectures.Count(a => a.Template.Path.StartsWith("cdk/", StringComparison.Ordinal)));
        Assert.DoesNotContain(scan.Skipped, d => Path.GetFileName(d.Location.File) is "template.yaml" or "template.yml");
    }
}
