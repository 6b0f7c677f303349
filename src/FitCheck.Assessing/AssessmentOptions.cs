using FitCheck.Rules;

namespace FitCheck.Assessing;

/// <summary>Which rules run and how severe they are: from the command line and the config file.</summary>
public sealed class AssessmentOptions
{
    /// <summary>Run only these rules (ids, slugs or peer ids); empty for all.</summary>
    public List<string> OnlyRules { get; } = [];

    /// <summary>Run only rules of these sections; empty for all.</summary>
    public List<Section> OnlySections { get; } = [];

    /// <summary>Rules switched off (config <c>rules: {ID: off}</c>).</summary>
    public HashSet<string> DisabledRules { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Rules that are off by default switched on (config <c>rules: {ID: on}</c>, or a severity).</summary>
    public HashSet<string> EnabledRules { get; } = new(StringComparer.OrdinalIgnoreCase);

    public HashSet<Section> DisabledSections { get; } = [];

    /// <summary>Severity overrides by rule id.</summary>
    public Dictionary<string, Severity> SeverityOverrides { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The lowest severity that fails the run; null for never.</summary>
    public Severity? FailOn { get; set; } = Severity.Error;

    /// <summary>The workload profile for the design analyses; null when none was given.</summary>
    public FitCheck.Model.WorkloadProfile? Profile { get; set; }

    /// <summary>Run the design analyses (workload fit, patterns, failure paths, retries, cost, alternatives); on when a profile is given.</summary>
    public bool RunAnalyses { get; set; }

    /// <summary>Retry factor above which FC5901 fires and the cost estimate names retries as a driver; null for the default (10).</summary>
    public int? RetryThreshold { get; set; }

    /// <summary>Subtract the free tier in the cost estimate.</summary>
    public bool FreeTier { get; set; }

    public IReadOnlyList<IRule> SelectRules(IReadOnlyList<IRule> catalog) => catalog.Where(r =>
            (OnlyRules.Count == 0 || OnlyRules.Any(r.Info.Answers))
            && (r.Info.EnabledByDefault || EnabledRules.Contains(r.Info.Id) || OnlyRules.Any(r.Info.Answers))
            && (OnlySections.Count == 0 || OnlySections.Contains(r.Info.Section))
            && !DisabledRules.Contains(r.Info.Id)
            && !DisabledSections.Contains(r.Info.Section))
        .ToList();

    public Severity SeverityOf(RuleInfo rule) => SeverityOverrides.TryGetValue(rule.Id, out var s) ? s : rule.Severity;
}
