using FitCheck.Model;

namespace FitCheck.Analysis.Design;

/// <summary>Entry points and traffic paths of an architecture: where work comes in and the hops it takes.</summary>
public static class Topology
{
    /// <summary>Flows that carry work forward (not data access, not failure routing).</summary>
    public static bool CarriesWork(Flow flow) => flow.Kind is FlowKind.Invokes or FlowKind.Triggers or FlowKind.Publishes or FlowKind.Routes;

    /// <summary>Components that receive work from outside the template: APIs, function URLs, schedules, queues or buses nothing here
    /// publishes to, buckets, streams, and functions whose only event sources are outside the template.</summary>
    public static IReadOnlyList<Component> EntryPoints(Architecture architecture)
    {
        var result = new List<Component>();
        foreach (var c in architecture.Components)
        {
            // Loops rather than Any with a lambda over c: this runs for every component of every template.
            var incoming = false;
            foreach (var f in architecture.FlowsTo(c))
            {
                if (CarriesWork(f) && !ReferenceEquals(f.From, c))
                {
                    incoming = true;
                    break;
                }
            }

            var outgoing = false;
            foreach (var f in architecture.FlowsFrom(c))
            {
                if (CarriesWork(f))
                {
                    outgoing = true;
                    break;
                }
            }

            var entry = c switch
            {
                Api => true,
                Function f => !incoming && (f.Url is not null || f.Events.Count > 0),
                StateMachine sm => !incoming && sm.Events.Count > 0,
                Schedule or EventRule or Bucket or DataStream or Table or Queue or Topic or EventBus => !incoming && outgoing,
                _ => c.Kind is ComponentKind.UserPool or ComponentKind.Pipe && !incoming && outgoing,
            };
            if (entry)
            {
                result.Add(c);
            }
        }

        return result;
    }

    /// <summary>Every path from an entry point along work-carrying flows, one per compute component reached (cycle-free, bounded).</summary>
    public static IReadOnlyList<IReadOnlyList<Flow>> Paths(Architecture architecture, int maxDepth = 10, int maxPaths = 500)
    {
        var paths = new List<IReadOnlyList<Flow>>();
        foreach (var entry in EntryPoints(architecture))
        {
            var stack = new List<Flow>();
            var seen = new HashSet<Component>(ReferenceEqualityComparer.Instance) { entry };
            Walk(entry);

            void Walk(Component at)
            {
                foreach (var flow in architecture.FlowsFrom(at).Where(CarriesWork))
                {
                    if (paths.Count >= maxPaths || stack.Count >= maxDepth || !seen.Add(flow.To))
                    {
                        continue;
                    }

                    stack.Add(flow);
                    if (flow.To is Function or StateMachine)
                    {
                        paths.Add([.. stack]);
                    }

                    Walk(flow.To);
                    stack.RemoveAt(stack.Count - 1);
                    seen.Remove(flow.To);
                }
            }
        }

        return paths;
    }
}
