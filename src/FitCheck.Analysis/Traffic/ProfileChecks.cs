using FitCheck.Model;

namespace FitCheck.Analysis.Traffic;

/// <summary>Checks of a workload profile against the templates it is used with.</summary>
public static class ProfileChecks
{
    /// <summary>A warning for every <c>components</c> key that names no component of the templates. Logical ids are
    /// case-sensitive: a key that differs only in case names the id it probably means.</summary>
    public static IReadOnlyList<Diagnostic> UnknownComponents(WorkloadProfile profile, IEnumerable<Architecture> architectures)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var byCase = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var c in architectures.SelectMany(a => a.Components))
        {
            ids.Add(c.LogicalId);
            byCase.TryAdd(c.LogicalId, c.LogicalId);
        }

        var result = new List<Diagnostic>();
        foreach (var (key, span) in profile.ComponentSpans.OrderBy(p => p.Value.Line))
        {
            if (ids.Contains(key))
            {
                continue;
            }

            var message = byCase.TryGetValue(key, out var meant)
                ? $"components.{key} names no component (logical ids are case-sensitive): did you mean {meant}? Its values are not used"
                : $"components.{key} names no component of the templates; its values are not used";
            result.Add(new Diagnostic(DiagnosticCodes.Profile, DiagnosticLevel.Warning, message, span));
        }

        return result;
    }
}
