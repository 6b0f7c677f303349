using FitCheck.Model;
using FitCheck.Templates.Dialects.CloudFormation;
using FitCheck.Templates.Discovery;

namespace FitCheck.Templates.Dialects.Terraform;

/// <summary>
/// Terraform with the AWS provider: one root module folder (its <c>.tf</c>/<c>.tf.json</c> files, tfvars and the local
/// modules it calls) is one unit of input. Read and evaluated statically by <see cref="TerraformLoader"/>, mapped through
/// the resources' CloudFormation twins (<see cref="CloudFormationTwins"/>) into the same model.
/// </summary>
public sealed class TerraformDialect : IDialect
{
    public string Id => DialectIds.Terraform;

    public IReadOnlyList<string> Extensions { get; } = [".tf", ".tf.json"];

    private static bool IsConfiguration(DiscoveredFile f) =>
        f.FullPath.EndsWith(".tf", StringComparison.Ordinal) || f.FullPath.EndsWith(".tf.json", StringComparison.Ordinal);

    public IReadOnlyList<InputUnit> Claim(IReadOnlyList<DiscoveredFile> files)
    {
        var byFolder = files.Where(IsConfiguration)
            .Where(f => !f.FullPath.Contains($"{Path.DirectorySeparatorChar}.terraform{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .GroupBy(f => Path.GetDirectoryName(f.FullPath)!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        if (byFolder.Count == 0)
        {
            return [];
        }

        var called = TerraformDiscovery.CalledFolders(byFolder.Keys);
        var units = new List<InputUnit>();
        foreach (var (folder, folderFiles) in byFolder.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (called.Contains(folder))
            {
                continue;
            }

            var unitFiles = new List<DiscoveredFile>(folderFiles);
            foreach (var (other, otherFiles) in byFolder)
            {
                if (other != folder && called.Contains(other) && other.StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                {
                    unitFiles.AddRange(otherFiles);
                }
            }

            var display = Path.GetDirectoryName(folderFiles[0].DisplayPath)?.Replace('\\', '/');
            units.Add(new InputUnit(this, string.IsNullOrEmpty(display) ? "." : display, unitFiles, folder));
        }

        // Module folders no root here calls (a module assessed on its own) are units of their own.
        return units;
    }

    public UnitResult Read(InputUnit unit, ReadOptions options)
    {
        var folder = (string)unit.State!;
        var scanRoot = options.ScanRoot ?? folder;
        var project = TerraformLoader.Load(folder, new TerraformLoadOptions(scanRoot, options.VariableArguments));
        try
        {
            var document = CloudFormationTwins.Translate(project);
            var architecture = ArchitectureBuilder.Build(document, folder, scanRoot, DialectIds.Terraform);
            return new UnitResult(architecture, architecture.Diagnostics);
        }
#pragma warning disable CA1031 // Deliberately broad: reported as a diagnostic, never rethrown.
        catch (Exception ex) when (ex is not OutOfMemoryException)
#pragma warning restore CA1031
        {
            var failure = new Diagnostic(DiagnosticCodes.Structure, DiagnosticLevel.Error,
                $"fitcheck could not model this Terraform module ({ex.GetType().Name}: {ex.Message}); it is not assessed. Please report it with the configuration.",
                SourceSpan.FileStart(project.Directory));
            return new UnitResult(null, [.. project.Diagnostics, failure]);
        }
    }
}
