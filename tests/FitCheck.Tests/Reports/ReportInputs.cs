using FitCheck.Assessing;
using FitCheck.Model;
using FitCheck.Rules;
using FitCheck.Templates.Profiles;
using FitCheck.Templates.Scanning;

namespace FitCheck.Tests.Reports;

/// <summary>Assessments the report tests write: the bundled example, the hostile template, and hand-made ones.</summary>
internal static class ReportInputs
{
    public const string Version = "0.0.0-snapshot";
    public const string ExamplePath = "examples/orders-pipeline";
    public const string HostilePath = "tests/FitCheck.Tests/Fixtures/Reports/hostile";

    /// <summary>The bundled example, scanned from the repository root so paths are repo-relative, version normalised.</summary>
    public static Assessment Example() => Assess(ExamplePath);

    /// <summary>A template whose names, descriptions and suppression reasons carry script and broken markup.</summary>
    public static Assessment Hostile() => Assess(HostilePath);

    /// <summary>The bundled example as if its folder held no workload profile: the analyses are left out.</summary>
    public static Assessment ExampleWithoutProfile() => Assess(ExamplePath, useProfile: false);

    /// <summary>Scans <paramref name="relativePath"/> and, like the CLI, reads <c>fitcheck.workload.yml</c> from the folder when
    /// it is there (unless <paramref name="useProfile"/> is false), or uses <paramref name="profile"/>.</summary>
    public static Assessment Assess(string relativePath, bool useProfile = true, WorkloadProfile? profile = null)
    {
        var scan = Scanner.Scan([relativePath], RepoPaths.Root);
        var file = Path.Combine(RepoPaths.Root, relativePath, WorkloadProfileReader.DefaultName);
        if (profile is null && useProfile && File.Exists(file))
        {
            var read = WorkloadProfileReader.ReadFile(file, relativePath + "/" + WorkloadProfileReader.DefaultName);
            Assert.False(read.Failed, string.Join("\n", read.Errors.Select(e => e.ToString())));
            profile = read.Profile;
        }

        return Assessor.Assess(scan.Architectures, scan.Diagnostics, new AssessmentOptions { Profile = profile }) with { ToolVersion = Version };
    }

    /// <summary>A rule made by the test, so report tests do not depend on the catalog's rules.</summary>
    public static RuleInfo Rule(string id, Section section, Severity severity, string title = "A test rule") =>
        new(id, "test-rule-" + id.ToLowerInvariant(), title, section, severity, "Why it matters.", "How to fix it.",
            "Resource:\n  Properties:\n    Fixed: true\n", ["serverless-rules:ES0000"], "reliability");

    /// <summary>An assessment of <paramref name="architecture"/> with the given findings, as the assessor would give it.</summary>
    public static Assessment With(Architecture architecture, IReadOnlyList<Finding> findings, IReadOnlyList<Diagnostic>? diagnostics = null) =>
        new Assessment([architecture], findings, diagnostics ?? [], findings.Select(f => f.Rule).DistinctBy(r => r.Id).ToList(), Severity.Error)
        {
            ToolVersion = Version,
        };

    public static Finding Finding(RuleInfo rule, Component resource, int line, string message, Severity? severity = null) =>
        new(rule, message, resource, new SourceSpan(resource.Template.Path, line, 3, line, 3 + resource.LogicalId.Length), [])
        {
            Fingerprint = $"{rule.Id}:{resource.LogicalId}:{line}",
            Severity = severity ?? rule.Severity,
        };
}
