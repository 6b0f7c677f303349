using FitCheck.Assessing;
using FitCheck.Model;
using FitCheck.Rules;

namespace FitCheck.Assessing.Diffing;

/// <summary>A component that is in one version and not the other.</summary>
public sealed record ComponentChange(string Template, string Id, string Kind, string Type, SourceSpan Location);

/// <summary>A flow (edge of the graph) that is in one version and not the other.</summary>
public sealed record FlowChange(string Template, string From, string Kind, string To, string Via, SourceSpan Location);

/// <summary>A failure path that lost its safety net: a component still there whose dead-letter queue, redrive policy or
/// on-failure destination was removed.</summary>
/// <param name="Net">What was removed: "dead-letter queue", "on-failure destination", "redrive policy", "on-failure destination of event Orders"...</param>
/// <param name="Target">Where failures used to go (a logical id, or the ARN as written).</param>
/// <param name="OldLocation">Where the net was declared in the old version.</param>
/// <param name="Location">The component in the new version.</param>
public sealed record SafetyNetLoss(string Template, string Component, string Net, string Target, SourceSpan OldLocation, SourceSpan Location);

/// <summary>A principal whose IAM permissions grew: actions it did not have, or a wildcard it did not use.</summary>
/// <param name="Actions">Allowed actions that are new for this principal, as written.</param>
/// <param name="WildcardResources">Resources with a wildcard that the principal was not granted before.</param>
/// <param name="WildcardAdded">True when a new action or resource contains <c>*</c>.</param>
/// <param name="UsedBy">When the principal is a role: the functions and state machines that run as it.</param>
public sealed record GrantWidening(string Template, string Principal, IReadOnlyList<string> UsedBy, IReadOnlyList<string> Actions,
    IReadOnlyList<string> WildcardResources, bool WildcardAdded, SourceSpan Location);

/// <summary>What changed between two versions of the same templates: findings that appeared or went away, and the design
/// changes a reviewer should see (components and flows, lost safety nets, widened grants).</summary>
public sealed record AssessmentDiff(
    Assessment Old,
    Assessment New,
    IReadOnlyList<Finding> NewFindings,
    IReadOnlyList<Finding> ResolvedFindings,
    IReadOnlyList<ComponentChange> ComponentsAdded,
    IReadOnlyList<ComponentChange> ComponentsRemoved,
    IReadOnlyList<FlowChange> FlowsAdded,
    IReadOnlyList<FlowChange> FlowsRemoved,
    IReadOnlyList<SafetyNetLoss> SafetyNetsLost,
    IReadOnlyList<GrantWidening> GrantsWidened)
{
    /// <summary>True when a new finding is at or above the new assessment's fail-on severity.</summary>
    public bool Fails => New.FailOn is { } threshold && NewFindings.Any(f => f.Severity >= threshold);

    public bool HasInputErrors => Old.HasInputErrors || New.HasInputErrors;

    /// <summary>The estimated monthly cost of both versions, when both were assessed with a workload profile.</summary>
    public CostDiff? Cost { get; init; }

    /// <summary>True when nothing a reviewer should see changed.</summary>
    public bool IsEmpty => NewFindings.Count == 0 && ResolvedFindings.Count == 0 && ComponentsAdded.Count == 0 && ComponentsRemoved.Count == 0
        && FlowsAdded.Count == 0 && FlowsRemoved.Count == 0 && SafetyNetsLost.Count == 0 && GrantsWidened.Count == 0
        && (Cost is null || Cost.Changes.Count == 0);
}

/// <summary>Compares two assessments of the same templates (two folders, two files, two git revisions).</summary>
/// <remarks>Templates are matched by their display path, so both sides must be scanned relative to their own root; when
/// one file is compared with another, <c>renames</c> maps the old path to the new one. Components are matched by
/// template and logical id, flows by template, ends and kind, findings by fingerprint (see <see cref="Analyzer.Fingerprint"/>).</remarks>
public static class DesignDiff
{
    // SAM's generated plumbing: a new function brings a role and permissions with it; the function is the design change.
    private static readonly HashSet<ComponentKind> Plumbing =
    [
        ComponentKind.Role, ComponentKind.Policy, ComponentKind.Permission, ComponentKind.EventSourceMapping,
        ComponentKind.Version, ComponentKind.Alias, ComponentKind.Deployment, ComponentKind.LogGroup,
    ];

    public static AssessmentDiff Compare(Assessment old, Assessment @new, IReadOnlyDictionary<string, string>? renames = null)
    {
        string Key(string oldPath) => renames is not null && renames.TryGetValue(oldPath, out var n) ? n : oldPath;

        var (added, resolved) = Findings(old, @new, Key);

        var oldComponents = old.Architectures.SelectMany(a => a.Components).Where(Shown).ToDictionary(c => (Key(c.Template.Path), c.LogicalId));
        var newComponents = @new.Architectures.SelectMany(a => a.Components).Where(Shown).ToDictionary(c => (c.Template.Path, c.LogicalId));
        var componentsAdded = newComponents.Where(p => !oldComponents.ContainsKey(p.Key)).Select(p => ComponentOf(p.Value, p.Key.Item1)).ToList();
        var componentsRemoved = oldComponents.Where(p => !newComponents.ContainsKey(p.Key)).Select(p => ComponentOf(p.Value, p.Key.Item1)).ToList();

        var oldFlows = Flows(old, Key);
        var newFlows = Flows(@new, p => p);
        var flowsAdded = newFlows.Where(p => !oldFlows.ContainsKey(p.Key)).Select(p => p.Value).ToList();
        var flowsRemoved = oldFlows.Where(p => !newFlows.ContainsKey(p.Key)).Select(p => p.Value).ToList();

        var allNew = @new.Architectures.SelectMany(a => a.Components).ToDictionary(c => (c.Template.Path, c.LogicalId));
        var newNets = Nets(@new, p => p).Keys.ToHashSet();
        var lost = new List<SafetyNetLoss>();
        foreach (var ((template, component, net), (target, span)) in Nets(old, Key))
        {
            if (!newNets.Contains((template, component, net)) && allNew.TryGetValue((template, component), out var still))
            {
                lost.Add(new SafetyNetLoss(template, component, net, target, span, still.Span));
            }
        }

        return new AssessmentDiff(old, @new, added, resolved, componentsAdded, componentsRemoved, flowsAdded, flowsRemoved, lost,
            Widened(old, @new, Key))
        {
            Cost = old.Cost is { } before && @new.Cost is { } after && (old.Profile is not null || @new.Profile is not null)
                ? CostDiff.Compare(before, after, Key)
                : null,
        };
    }

    private static bool Shown(Component c) => !(c.IsImplicit && Plumbing.Contains(c.Kind));

    private static ComponentChange ComponentOf(Component c, string template) => new(template, c.LogicalId, c.Kind.Name(), c.Type, c.Span);

    private static (List<Finding> Added, List<Finding> Resolved) Findings(Assessment old, Assessment @new, Func<string, string> key)
    {
        static Dictionary<string, int> Count(IEnumerable<string> prints)
        {
            var counts = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var p in prints)
            {
                counts[p] = counts.GetValueOrDefault(p) + 1;
            }

            return counts;
        }

        string OldPrint(Finding f) => Analyzer.Fingerprint(f.Rule.Id, key(f.Resource.Template.Path), f.Resource.LogicalId, f.Message);

        var oldCounts = Count(old.Active.Select(OldPrint));
        var newCounts = Count(@new.Active.Select(f => f.Fingerprint));
        var added = new List<Finding>();
        foreach (var f in @new.Active)
        {
            if (oldCounts.TryGetValue(f.Fingerprint, out var n) && n > 0)
            {
                oldCounts[f.Fingerprint] = n - 1;
            }
            else
            {
                added.Add(f);
            }
        }

        var resolved = new List<Finding>();
        foreach (var f in old.Active)
        {
            var print = OldPrint(f);
            if (newCounts.TryGetValue(print, out var n) && n > 0)
            {
                newCounts[print] = n - 1;
            }
            else
            {
                resolved.Add(f);
            }
        }

        return (added, resolved);
    }

    private static Dictionary<(string, string, string, string), FlowChange> Flows(Assessment assessment, Func<string, string> key)
    {
        var flows = new Dictionary<(string, string, string, string), FlowChange>();
        foreach (var a in assessment.Architectures)
        {
            var template = key(a.Template.Path);
            foreach (var f in a.Flows)
            {
                var k = (template, f.From.LogicalId, f.Kind.Name(), f.To.LogicalId);
                flows.TryAdd(k, new FlowChange(template, f.From.LogicalId, f.Kind.Name(), f.To.LogicalId, f.Via, f.Span));
            }
        }

        return flows;
    }

    // The safety nets of failure paths, by owner and role. Functions and queues are read from their settings (so a net
    // whose target is outside the template counts too); other owners (rule targets, subscriptions) from their failure flows.
    private static Dictionary<(string Template, string Component, string Net), (string Target, SourceSpan Span)> Nets(Assessment assessment, Func<string, string> key)
    {
        var nets = new Dictionary<(string, string, string), (string, SourceSpan)>();
        void Add(Component owner, string net, Destination? destination)
        {
            if (destination is not null)
            {
                nets.TryAdd((key(owner.Template.Path), owner.LogicalId, net), (destination.Target.Target?.LogicalId ?? destination.Target.Text, destination.Span));
            }
        }

        foreach (var a in assessment.Architectures)
        {
            foreach (var c in a.Components)
            {
                switch (c)
                {
                    case Function f:
                        Add(f, "dead-letter queue", f.DeadLetter);
                        Add(f, "on-failure destination", f.AsyncInvoke.OnFailure);
                        foreach (var e in f.Events)
                        {
                            Add(f, $"on-failure destination of event {e.Name}", e.Delivery.Mapping?.OnFailure);
                        }

                        break;
                    case Queue q when q.Redrive is { } redrive:
                        nets.TryAdd((key(q.Template.Path), q.LogicalId, "redrive policy (dead-letter queue)"),
                            (redrive.DeadLetterTarget.Target?.LogicalId ?? redrive.DeadLetterTarget.Text, redrive.Span));
                        break;
                }
            }

            foreach (var flow in a.Flows.Where(f => f.Kind.IsFailurePath() && f.From is not Function and not Queue))
            {
                nets.TryAdd((key(a.Template.Path), flow.From.LogicalId, $"{flow.Kind.Name()} ({flow.Via})"), (flow.To.LogicalId, flow.Span));
            }
        }

        return nets;
    }

    private static List<GrantWidening> Widened(Assessment old, Assessment @new, Func<string, string> key)
    {
        static ILookup<(string, string), Grant> Allowed(Assessment a, Func<string, string> key) =>
            a.Architectures.SelectMany(x => x.Grants).Where(g => g.IsAllow).ToLookup(g => (key(g.Principal.Template.Path), g.Principal.LogicalId));

        var before = Allowed(old, key);
        var after = Allowed(@new, p => p);
        var widened = new List<GrantWidening>();
        foreach (var group in after)
        {
            if (!before.Contains(group.Key))
            {
                continue; // a new principal is a new component, reported as such
            }

            var oldActions = before[group.Key].SelectMany(g => g.Actions).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var oldResources = before[group.Key].SelectMany(g => g.Resources).ToHashSet(StringComparer.Ordinal);
            var actions = new List<string>();
            var resources = new List<string>();
            SourceSpan? first = null;
            var principal = group.First().Principal;
            foreach (var grant in group)
            {
                var newActions = grant.Actions.Where(x => !oldActions.Contains(x) && !actions.Contains(x, StringComparer.OrdinalIgnoreCase)).ToList();
                var newWildcards = grant.Resources.Where(r => r.Contains('*', StringComparison.Ordinal) && !oldResources.Contains(r) && !resources.Contains(r)).ToList();
                if (newActions.Count > 0 || newWildcards.Count > 0)
                {
                    actions.AddRange(newActions);
                    resources.AddRange(newWildcards);
                    first ??= grant.Span;
                }
            }

            if (first is not null)
            {
                var usedBy = principal is Role role ? role.UsedBy.Select(c => c.LogicalId).ToList() : [];
                widened.Add(new GrantWidening(group.Key.Item1, group.Key.Item2, usedBy, actions, resources,
                    actions.Any(x => x.Contains('*', StringComparison.Ordinal)) || resources.Count > 0, first));
            }
        }

        return widened;
    }
}
