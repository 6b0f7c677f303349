using System.Globalization;
using System.Text;
using FitCheck.Model;

namespace FitCheck.Reports.Graph;

/// <summary>A Mermaid flowchart of the architecture. Wiring resources (permissions, policies, stages, mappings) are
/// left out: they are edges, not boxes. Failure paths (dead-letter, on-failure) are dotted and red.</summary>
/// <remarks>The output keeps to a small grammar, so it renders wherever Mermaid does (GitHub comments included):
/// <c>flowchart LR</c>; <c>subgraph ID["label"]</c> and <c>end</c>; node declarations <c>ID</c> plus one of a fixed set of
/// shapes around a quoted, escaped label; edges <c>ID --&gt;|kind| ID</c> or <c>ID -.-&gt;|kind| ID</c>; <c>linkStyle</c>
/// with edge numbers; <c>classDef</c> and <c>class</c> lines with fixed styles. Ids are alphanumeric.</remarks>
public static class MermaidWriter
{
    private static readonly HashSet<ComponentKind> Hidden =
    [
        ComponentKind.Permission, ComponentKind.Policy, ComponentKind.Deployment, ComponentKind.Version, ComponentKind.Alias,
        ComponentKind.EventSourceMapping, ComponentKind.Subscription, ComponentKind.Role, ComponentKind.Route, ComponentKind.Connector,
    ];

    /// <summary>The style of failure edges.</summary>
    public const string FailureLinkStyle = "stroke:#d32f2f,stroke-width:2px,color:#d32f2f";

    /// <summary>Class definitions for components with findings, by severity name.</summary>
    public static IReadOnlyDictionary<string, string> ClassStyles { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["error"] = "stroke:#d32f2f,stroke-width:3px",
        ["warning"] = "stroke:#ef6c00,stroke-width:3px",
        ["note"] = "stroke:#1565c0,stroke-width:2px",
    };

    /// <summary>True for components drawn in diagrams (not pure wiring).</summary>
    public static bool IsDrawn(Component c) => !Hidden.Contains(c.Kind);

    /// <summary>The components of <paramref name="architecture"/> a diagram draws: not wiring, and monitoring resources
    /// only when a flow touches them.</summary>
    public static IReadOnlyList<Component> DrawnComponents(Architecture architecture)
    {
        var connected = new HashSet<Component>(ReferenceEqualityComparer.Instance);
        foreach (var f in architecture.Flows)
        {
            connected.Add(f.From);
            connected.Add(f.To);
        }

        return architecture.Components
            .Where(c => IsDrawn(c) && !(c.Kind is ComponentKind.LogGroup or ComponentKind.Alarm or ComponentKind.Dashboard or ComponentKind.Other && !connected.Contains(c)))
            .ToList();
    }

    /// <param name="classOf">Optional: a class name from <see cref="ClassStyles"/> for a component (its worst finding's severity).</param>
    public static string Write(IReadOnlyList<Architecture> architectures, Func<Component, string?>? classOf = null)
    {
        var sb = new StringBuilder();
        sb.Append("flowchart LR\n");
        var index = 0;
        var edge = 0;
        var failureEdges = new List<int>();
        var classes = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var a in architectures)
        {
            var prefix = architectures.Count > 1 ? $"t{index}" : "";
            var ids = new Dictionary<Component, string>(ReferenceEqualityComparer.Instance);
            if (architectures.Count > 1)
            {
                sb.Append("  subgraph ").Append(prefix).Append("[\"").Append(Escape(a.Template.Path)).Append("\"]\n");
            }

            var n = 0;
            foreach (var c in DrawnComponents(a))
            {
                var id = prefix + "n" + n++.ToString(CultureInfo.InvariantCulture);
                ids[c] = id;
                sb.Append("    ").Append(id).Append(Shape(c, $"{Escape(c.LogicalId)}<br/><small>{c.Kind.Name()}</small>")).Append('\n');
                if (classOf?.Invoke(c) is { } name && ClassStyles.ContainsKey(name))
                {
                    if (!classes.TryGetValue(name, out var list))
                    {
                        classes[name] = list = [];
                    }

                    list.Add(id);
                }
            }

            foreach (var f in a.Flows)
            {
                if (!ids.TryGetValue(f.From, out var from) || !ids.TryGetValue(f.To, out var to))
                {
                    continue;
                }

                var failure = f.Kind.IsFailurePath();
                sb.Append("    ").Append(from).Append(failure ? " -.->" : " -->").Append('|').Append(f.Kind.Name()).Append("| ").Append(to).Append('\n');
                if (failure)
                {
                    failureEdges.Add(edge);
                }

                edge++;
            }

            if (architectures.Count > 1)
            {
                sb.Append("  end\n");
            }

            index++;
        }

        if (failureEdges.Count > 0)
        {
            sb.Append("    linkStyle ").AppendJoin(',', failureEdges).Append(' ').Append(FailureLinkStyle).Append('\n');
        }

        foreach (var (name, members) in classes)
        {
            sb.Append("    classDef ").Append(name).Append(' ').Append(ClassStyles[name]).Append('\n');
            sb.Append("    class ").AppendJoin(',', members).Append(' ').Append(name).Append('\n');
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

    /// <summary>Mermaid labels are quoted; quotes, markup and Mermaid's own characters become entity codes.</summary>
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
                '`' => "#96;",
                '[' => "#91;",
                ']' => "#93;",
                '{' => "#123;",
                '}' => "#125;",
                '(' => "#40;",
                ')' => "#41;",
                ';' => "#59;",
                '%' => "#37;",
                '\\' => "#92;",
                _ when char.IsControl(ch) => " ",
                _ when Common.Sanitizer.IsBidiControl(ch) => "#92;u" + ((int)ch).ToString("X4", System.Globalization.CultureInfo.InvariantCulture),
                _ => ch.ToString(),
            });
        }

        return sb.ToString();
    }
}
