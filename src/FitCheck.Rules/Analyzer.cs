using FitCheck.Model;

namespace FitCheck.Rules;

/// <summary>The findings of one run, suppressed ones included, and the rules that failed.</summary>
public sealed record AnalysisResult(IReadOnlyList<Finding> Findings, IReadOnlyList<Diagnostic> Diagnostics)
{
    public IEnumerable<Finding> Active => Findings.Where(f => !f.IsSuppressed);

    public IEnumerable<Finding> Suppressed => Findings.Where(f => f.IsSuppressed);
}

/// <summary>Runs rules over an architecture: applies suppressions, turns a failing rule into a diagnostic, sorts.</summary>
public static class Analyzer
{
    public static AnalysisResult Run(Architecture architecture, IReadOnlyList<IRule> rules, Func<RuleInfo, Severity>? severityOf = null)
    {
        var findings = new List<Finding>();
        var diagnostics = new List<Diagnostic>();
        var own = new List<Finding>(); // one list for every rule's findings in turn: most rules find nothing in a template
        foreach (var rule in rules)
        {
            own.Clear();
            try
            {
                foreach (var finding in rule.Evaluate(architecture))
                {
                    // A configured severity replaces the rule's; without one, a finding keeps the severity its rule gave it
                    // (FC6005 lowers a runtime that is not yet blocked to a warning or a note).
                    var configured = severityOf?.Invoke(finding.Rule);
                    own.Add(finding with
                    {
                        SuppressedBy = SuppressionFor(finding, architecture.Template),
                        Severity = configured is { } s && s != finding.Rule.Severity ? s : finding.Severity,
                    });
                }

                if (own.Count == 0)
                {
                    continue;
                }

                // Fingerprints last: the findings a fold replaces never need one (hashing is most of this loop's work).
                var kept = rule is IFoldedRule folded && rule.Info.OncePerTemplate ? Fold(folded, own) : own;
                for (var i = 0; i < kept.Count; i++)
                {
                    kept[i] = kept[i] with { Fingerprint = FingerprintOf(kept[i]) };
                }

                findings.AddRange(kept);
            }
#pragma warning disable CA1031 // A rule that throws must not stop the run: it becomes a diagnostic for that rule and template.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                diagnostics.Add(new Diagnostic(DiagnosticCodes.RuleFailed, DiagnosticLevel.Warning,
                    $"rule {rule.Info.Id} failed on this template and was skipped: {ex.GetType().Name}: {ex.Message}",
                    SourceSpan.FileStart(architecture.Template.Path)));
            }
        }

        findings.Sort(Compare);
        return new AnalysisResult(findings, diagnostics);
    }

    /// <summary>One finding for the unsuppressed findings of a housekeeping rule in one template; suppressed ones stay apart.
    /// Its fingerprint follows the usual formula over its message, which names the components: a function added without the
    /// setting shows in a diff as a changed finding.</summary>
    private static List<Finding> Fold(IFoldedRule rule, List<Finding> findings)
    {
        var active = findings.Where(f => !f.IsSuppressed).ToList();
        if (active.Count < 2)
        {
            return findings;
        }

        active.Sort(Compare);
        var first = active[0];
        var folded = new Finding(first.Rule, rule.Summary(active), first.Resource, first.Location,
            [.. active.Skip(1).Select(f => new RelatedLocation(f.Location, f.Message))])
        {
            Severity = active.Max(f => f.Severity),
            FoldedCount = active.Count,
        };
        return [folded, .. findings.Where(f => f.IsSuppressed)];
    }

    /// <summary>File, line, column, rule id: the one order every report uses.</summary>
    public static int Compare(Finding a, Finding b)
    {
        var c = string.CompareOrdinal(a.Location.File, b.Location.File);
        if (c == 0) c = a.Location.Line.CompareTo(b.Location.Line);
        if (c == 0) c = a.Location.Column.CompareTo(b.Location.Column);
        if (c == 0) c = string.CompareOrdinal(a.Rule.Id, b.Rule.Id);
        if (c == 0) c = string.CompareOrdinal(a.Resource.LogicalId, b.Resource.LogicalId);
        return c == 0 ? string.CompareOrdinal(a.Message, b.Message) : c;
    }

    private static Suppression? SuppressionFor(Finding finding, TemplateInfo template)
    {
        foreach (var s in finding.Resource.Suppressions.Concat(finding.Resource.ImpliedBy?.Suppressions ?? []).Concat(template.Suppressions))
        {
            if (finding.Rule.Answers(s.RuleId))
            {
                return s;
            }
        }

        return null;
    }

    private static string FingerprintOf(Finding f) => Fingerprint(f.Rule.Id, f.Resource.Template.Path, f.Resource.LogicalId, f.Message);

    /// <summary>A finding's identity across unrelated edits: a hash of the rule id, the template path, the resource's logical
    /// id and the message with every digit removed. Line numbers never enter it (they move when lines are inserted above),
    /// and numbers quoted in messages (a line, a timeout, a count) are dropped so a finding keeps its identity when such a
    /// value changes; the component names and the other words of the message stay, so two findings of one rule on one
    /// resource about different things stay apart.</summary>
    public static string Fingerprint(string ruleId, string templatePath, string resource, string message)
    {
        var text = $"{ruleId}|{templatePath}|{resource}|{StripNumbers(message)}";
        Span<byte> hash = stackalloc byte[32];
        Sha256.Hash(System.Text.Encoding.UTF8.GetBytes(text), hash);
        return Convert.ToHexStringLower(hash[..8]);
    }

    private static string StripNumbers(string message)
    {
        // A loop over a stack buffer: this runs for every finding, and LINQ over the characters allocated for each.
        var chars = message.Length <= 512 ? stackalloc char[message.Length] : new char[message.Length];
        var kept = 0;
        foreach (var c in message)
        {
            if (!char.IsDigit(c))
            {
                chars[kept++] = c;
            }
        }

        return new string(chars[..kept]);
    }
}
