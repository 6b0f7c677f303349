using FitCheck.Model;
using FitCheck.Templates.Dialects;
using FitCheck.Templates.Discovery;
using FitCheck.Templates.Scanning;

namespace FitCheck.Tests.Templates;

/// <summary>The input seam: dialects claim units (a file or a folder of files) in order, and a claimed file is never
/// read by another dialect.</summary>
public sealed class DialectSeamTests : IDisposable
{
    private readonly string _root;

    public DialectSeamTests()
    {
        _root = TemplateDiscovery.RealPath(Path.Combine(Path.GetTempPath(), "fitcheck-seam-" + Guid.NewGuid().ToString("N")))!;
        Directory.CreateDirectory(_root);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private void Write(string relative, string text)
    {
        var path = Path.Combine(_root, relative.Replace('/', Path.DirectorySeparatorChar));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    /// <summary>A folder dialect like Terraform's: every <c>.fold</c> file of a folder (and a <c>.yaml</c> variables
    /// file beside them) is one unit; each line <c>name</c> of each file is a queue, spanned in its own file.</summary>
    private sealed class FolderDialect : IDialect
    {
        public string Id => "folder-test";

        public IReadOnlyList<string> Extensions { get; } = [".fold"];

        public IReadOnlyList<InputUnit> Claim(IReadOnlyList<DiscoveredFile> files) =>
            files.Where(f => f.FullPath.EndsWith(".fold", StringComparison.Ordinal))
                .GroupBy(f => Path.GetDirectoryName(f.FullPath)!)
                .Select(g =>
                {
                    var group = g.ToList();
                    group.AddRange(files.Where(f => Path.GetDirectoryName(f.FullPath) == g.Key && Path.GetFileName(f.FullPath) == "vars.yaml"));
                    return new InputUnit(this, Path.GetDirectoryName(group[0].DisplayPath)!, group);
                })
                .ToList();

        public UnitResult Read(InputUnit unit, ReadOptions options)
        {
            var architecture = new Architecture(new TemplateInfo(unit.DisplayPath, "fold", Id));
            foreach (var file in unit.Files.Where(f => f.FullPath.EndsWith(".fold", StringComparison.Ordinal)))
            {
                var lines = File.ReadAllLines(file.FullPath);
                for (var i = 0; i < lines.Length; i++)
                {
                    architecture.Add(new Queue(lines[i], "test_queue", architecture.Template, new SourceSpan(file.DisplayPath, i + 1, 1, i + 1, 1))
                    {
                        VisibilityTimeoutSeconds = Setting.Default(30, SourceSpan.FileStart(file.DisplayPath)),
                        MessageRetentionSeconds = Setting.Default(345_600, SourceSpan.FileStart(file.DisplayPath)),
                        IsFifo = false,
                    });
                }
            }

            return new UnitResult(architecture, architecture.Diagnostics);
        }
    }

    [Fact]
    public void Scan_FolderDialectFirst_ClaimsItsFilesAsOneUnitAndCloudFormationReadsTheRest()
    {
        Write("module/a.fold", "Orders\nPayments\n");
        Write("module/b.fold", "Refunds\n");
        Write("module/vars.yaml", "Resources:\n  NotMine:\n    Type: AWS::SQS::Queue\n");
        Write("stack/template.yaml", "Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n");
        Write("notes.txt", "nothing");

        var scan = Scanner.Scan(["."], [new FolderDialect(), .. DialectRegistry.All], _root);

        Assert.Equal(["module", "stack/template.yaml"], scan.Architectures.Select(a => a.Template.Path));
        var folder = scan.Architectures[0];
        Assert.Equal("folder-test", folder.Template.Dialect);
        Assert.Equal(["Orders", "Payments", "Refunds"], folder.Components.Select(c => c.LogicalId));
        Assert.Equal(["module/a.fold", "module/b.fold"], folder.Components.Select(c => c.Span.File).Distinct());
        // vars.yaml belongs to the folder unit: CloudFormation never saw it, though it looks like a template.
        Assert.DoesNotContain(scan.Architectures, a => a.Components.Any(c => c.LogicalId == "NotMine"));
        Assert.Equal(DialectIds.CloudFormation, scan.Architectures[1].Template.Dialect);
    }

    [Fact]
    public void Scan_WithoutTheFolderDialect_SkipsItsFilesAndReadsTheYamlAsCloudFormation()
    {
        Write("module/a.fold", "Orders\n");
        Write("module/vars.yaml", "Resources:\n  NotMine:\n    Type: AWS::SQS::Queue\n");

        var scan = Scanner.Scan(["module/a.fold", "module/vars.yaml"], DialectRegistry.All, _root);

        // Named explicitly, the .fold file is CloudFormation's to try: it is not a template, so it is skipped.
        Assert.Equal(["module/vars.yaml"], scan.Architectures.Select(a => a.Template.Path));
        Assert.Contains(scan.Skipped, d => d.Location.File == "module/a.fold");
    }

    [Fact]
    public void Claim_AFileTwice_GoesToTheFirstUnitOnly()
    {
        var file = new DiscoveredFile(Path.Combine(_root, "x.yaml"), "x.yaml", ExplicitlyNamed: false);
        var (units, unclaimed) = Scanner.Claim([file], [new GreedyDialect(), .. DialectRegistry.All]);

        Assert.Single(units);
        Assert.Equal("greedy", units[0].Dialect.Id);
        Assert.Empty(unclaimed);
    }

    private sealed class GreedyDialect : IDialect
    {
        public string Id => "greedy";

        public IReadOnlyList<string> Extensions { get; } = [];

        public IReadOnlyList<InputUnit> Claim(IReadOnlyList<DiscoveredFile> files) =>
            [new InputUnit(this, "a", files), new InputUnit(this, "b", files)];

        public UnitResult Read(InputUnit unit, ReadOptions options) => throw new InvalidOperationException("not read in this test");
    }
}
