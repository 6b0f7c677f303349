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
                    var suppressedBy = SuppressionFor(finding, architecture.Template);
                    var severity = configured is { } s && s != finding.Rule.Severity ? s : finding.Severity;
                    own.Add(suppressedBy == finding.SuppressedBy && severity == finding.Severity
                        ? finding
                        : finding with { SuppressedBy = suppressedBy, Severity = severity });
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
        // The resource's own, then those of the resource that implies it, then the template's: three loops, no iterators
        // (this runs for every finding a rule yields).
        return First(finding.Rule, finding.Resource.Suppressions)
            ?? (finding.Resource.ImpliedBy is { } implied ? First(finding.Rule, implied.Suppressions) : null)
            ?? First(finding.Rule, template.Suppressions);

        static Suppression? First(RuleInfo rule, List<Suppression> suppressions)
        {
            foreach (var s in suppressions)
            {
                if (rule.Answers(s.RuleId))
                {
                    return s;
                }
            }

            return null;
        }
    }

    private static string FingerprintOf(Finding f) => Fingerprint(f.Rule.Id, f.Resource.Template.Path, f.Resource.LogicalId, f.Message);

    /// <summary>A finding's identity across unrelated edits: a hash of the rule id, the template path, the resource's logical
    /// id and the message with every digit removed. Line numbers never enter it (they move when lines are inserted above),
    /// and numbers quoted in messages (a line, a timeout, a count) are dropped so a finding keeps its identity when such a
    /// value changes; the component names and the other words of the message stay, so two findings of one rule on one
    /// resource about different things stay apart.</summary>
    public static string Fingerprint(string ruleId, string templatePath, string resource, string message)
    {
        // "rule|template|resource|message without digits", built and encoded in stack (or pooled) buffers: this runs for
        // every finding kept, and the text, the stripped message and their bytes were four strings and an array each.
        var length = ruleId.Length + templatePath.Length + resource.Length + message.Length + 3;
        char[]? pooledChars = null;
        var chars = length <= 512 ? stackalloc char[512] : (pooledChars = System.Buffers.ArrayPool<char>.Shared.Rent(length));
        var n = Append(chars, 0, ruleId);
        n = Append(chars, n, templatePath);
        n = Append(chars, n, resource);
        foreach (var c in message)
        {
            if (!char.IsDigit(c))
            {
                chars[n++] = c;
            }
        }

        var text = chars[..n];
        var maxBytes = System.Text.Encoding.UTF8.GetMaxByteCount(n);
        byte[]? pooledBytes = null;
        var bytes = maxBytes <= 1536 ? stackalloc byte[1536] : (pooledBytes = System.Buffers.ArrayPool<byte>.Shared.Rent(maxBytes));
        var count = System.Text.Encoding.UTF8.GetBytes(text, bytes);
        Span<byte> hash = stackalloc byte[32];
        Sha256.Hash(bytes[..count], hash);
        if (pooledChars is not null)
        {
            System.Buffers.ArrayPool<char>.Shared.Return(pooledChars);
        }

        if (pooledBytes is not null)
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(pooledBytes);
        }

        return Convert.ToHexStringLower(hash[..8]);

        static int Append(Span<char> to, int at, string part)
        {
            part.CopyTo(to[at..]);
            at += part.Length;
            to[at] = '|';
            return at + 1;
        }
    }
}
