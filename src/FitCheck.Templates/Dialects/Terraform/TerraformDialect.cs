using FitCheck.Model;
using FitCheck.Templates.Dialects.CloudFormation;
using FitCheck.Templates.Dialects.Terraform.Plan;
using FitCheck.Templates.Discovery;

namespace FitCheck.Templates.Dialects.Terraform;

/// <summary>
/// Terraform with the AWS provider: one root module folder (its <c>.tf</c>/<c>.tf.json</c> files, tfvars and the local
/// modules it calls) is one unit of input. Read and evaluated statically by <see cref="TerraformLoader"/>, mapped through
/// the resources' CloudFormation twins (<see cref="CloudFormationTwins"/>) into the same model. The JSON of
/// <c>terraform show -json</c> (a plan or a state) is a unit too, read by <see cref="TerraformPlanReader"/>, with the
/// <c>.tf</c> files beside it (for their positions) as part of it.
/// </summary>
public sealed class TerraformDialect : IDialect
{
    public string Id => DialectIds.Terraform;

    public IReadOnlyList<string> Extensions { get; } = [".tf", ".tf.json"];


    private static bool IsConfiguration(string path) =>
        path.EndsWith(".tf", StringComparison.Ordinal) || path.EndsWith(".tf.json", StringComparison.Ordinal);

    private static bool InTerraformFolder(DiscoveredFile f) =>
        f.FullPath.Contains($"{Path.DirectorySeparatorChar}.terraform{Path.DirectorySeparatorChar}", StringComparison.Ordinal);

    /// <summary>A JSON file (or any file named on the command line) that starts as <c>terraform show -json</c> output does.</summary>
    private static bool IsPlan(DiscoveredFile f) =>
        !IsConfiguration(f.FullPath) && !InTerraformFolder(f)
        && (f.ExplicitlyNamed || f.FullPath.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        && TerraformPlanReader.LooksLikePlan(f.FullPath);

    public IReadOnlyList<InputUnit> Claim(IReadOnlyList<DiscoveredFile> files)
    {
        var byFolder = files.Where(f => IsConfiguration(f.FullPath))
            .Where(f => !InTerraformFolder(f))
            .GroupBy(f => Path.GetDirectoryName(f.FullPath)!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var plans = files.Where(IsPlan).ToList();
        if (byFolder.Count == 0 && plans.Count == 0)
        {
            return [];
        }

        var called = TerraformDiscovery.CalledFolders(byFolder.Keys);
        var modules = new Dictionary<string, List<DiscoveredFile>>(StringComparer.Ordinal);
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

            modules[folder] = unitFiles;
        }

        // A plan is read with the configuration beside it: that root module is part of the plan's unit, not one of its own.
        var planUnits = new List<InputUnit>();
        var besidePlans = new HashSet<string>(StringComparer.Ordinal);
        foreach (var plan in plans)
        {
            var folder = Path.GetDirectoryName(plan.FullPath)!;
            var unitFiles = new List<DiscoveredFile> { plan };
            if (modules.TryGetValue(folder, out var configuration))
            {
                unitFiles.AddRange(configuration);
                besidePlans.Add(folder);
            }

            planUnits.Add(new InputUnit(this, plan.DisplayPath, unitFiles, new PlanUnit(plan.FullPath)));
        }

        var units = new List<InputUnit>();
        foreach (var (folder, unitFiles) in modules)
        {
            if (besidePlans.Contains(folder))
            {
                continue;
            }

            var display = Path.GetDirectoryName(unitFiles[0].DisplayPath)?.Replace('\\', '/');
            units.Add(new InputUnit(this, string.IsNullOrEmpty(display) ? "." : display, unitFiles, folder));
        }

        // Module folders no root here calls (a module assessed on its own) are units of their own.
        units.AddRange(planUnits);
        return units;
    }

    /// <summary>The state of a plan's unit (a module folder's is its full path).</summary>
    private sealed record PlanUnit(string PlanPath);

    public UnitResult Read(InputUnit unit, ReadOptions options)
    {
        var folder = unit.State is PlanUnit plan ? Path.GetDirectoryName(plan.PlanPath)! : (string)unit.State!;
        var scanRoot = options.ScanRoot ?? folder;
        var project = unit.State is PlanUnit p
            ? TerraformPlanReader.Load(p.PlanPath, scanRoot, options.VariableArguments)
            : TerraformLoader.Load(folder, new TerraformLoadOptions(scanRoot, options.VariableArguments));
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
