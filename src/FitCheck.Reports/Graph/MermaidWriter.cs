using System.Text;
using FitCheck.Model;

namespace FitCheck.Reports.Graph;

/// <summary>A Mermaid flowchart of the architecture. Wiring resources (permissions, policies, stages, mappings) are
/// left out: they are edges, not boxes. Failure paths are drawn dotted.</summary>
public static class MermaidWriter
{
    private static readonly HashSet<ComponentKind> Hidden =
    [
        ComponentKind.Permission, ComponentKind.Policy, ComponentKind.Deployment, ComponentKind.Version, ComponentKind.Alias,
        ComponentKind.EventSourceMapping, ComponentKind.Subscription, ComponentKind.Role, ComponentKind.Route, ComponentKind.Connector,
    ];

    /// <summary>True for components drawn in diagrams (not pure wiring).</summary>
    public static bool IsDrawn(Component c) => !Hidden.Contains(c.Kind);

    public static string Write(IReadOnlyList<Architecture> architectures)
    {
        var sb = new StringBuilder();
        sb.Append("flowchart LR\n");
        var index = 0;
        foreach (var a in architectures)
        {
            var prefix = architectures.Count > 1 ? $"t{index}_" : "";
            var ids = new Dictionary<Component, string>(ReferenceEqualityComparer.Instance);
            var connected = new HashSet<Component>(ReferenceEqualityComparer.Instance);
            foreach (var f in a.Flows)
            {
                connected.Add(f.From);
                connected.Add(f.To);
            }

            if (architectures.Count > 1)
            {
                sb.Append("  subgraph ").Append(prefix).Append("template[\"").Append(Escape(a.Template.Path)).Append("\"]\n");
            }

            var n = 0;
            foreach (var c in a.Components)
            {
                if (!IsDrawn(c) || (c.Kind is ComponentKind.LogGroup or ComponentKind.Alarm or ComponentKind.Dashboard or ComponentKind.Other && !connected.Contains(c)))
                {
                    continue;
                }

                var id = prefix + "n" + n++;
                ids[c] = id;
                sb.Append("    ").Append(id).Append(Shape(c, $"{Escape(c.LogicalId)}<br/><small>{c.Kind.Name()}</small>")).Append('\n');
            }

            foreach (var f in a.Flows)
            {
                if (!ids.TryGetValue(f.From, out var from) || !ids.TryGetValue(f.To, out var to))
                {
                    continue;
                }

                var arrow = f.Kind.IsFailurePath() ? "-.->" : f.Kind == FlowKind.OnSuccess ? "-.->" : "-->";
                sb.Append("    ").Append(from).Append(' ').Append(arrow).Append('|').Append(f.Kind.Name()).Append("| ").Append(to).Append('\n');
            }

            if (architectures.Count > 1)
            {
                sb.Append("  end\n");
            }

            index++;
        }

        return sb.ToString();
    }

    private static string Shape(Component c, string label) => c.Kind switch
    {
        ComponentKind.Function => $"[\"{label}\"]",
        ComponentKind.Queue or ComponentKind.Stream => $"[/\"{label}\"/]",
        ComponentKind.Table or ComponentKind.Bucket => $"[(\"{label}\")]",
        ComponentKind.Api => $"([\"{label}\"])",
        ComponentKind.Topic or ComponentKind.EventBus => $"{{{{\"{label}\"}}}}",
        ComponentKind.StateMachine => $"[[\"{label}\"]]",
        ComponentKind.EventRule or ComponentKind.Schedule => $">\"{label}\"]",
        _ => $"[\"{label}\"]",
    };

    /// <summary>Mermaid labels are quoted; quotes and markup characters become entity codes.</summary>
    public static string Escape(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var ch in text)
        {
            sb.Append(ch switch
            {
                '"' => "#quot;",
                '<' => "#lt;",
                '>' => "#gt;",
                '&' => "#amp;",
                '#' => "#35;",
                '|' => "#124;",
                '\n' or '\r' => " ",
                _ => ch.ToString(),
            });
        }

        return sb.ToString();
    }
}
