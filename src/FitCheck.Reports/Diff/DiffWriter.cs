using System.Text;
using System.Text.Json;
using FitCheck.Assessing;
using FitCheck.Analysis.Cost;
using FitCheck.Assessing.Diffing;
using FitCheck.Model;
using FitCheck.Reports.Graph;
using FitCheck.Rules;

namespace FitCheck.Reports.Diff;

/// <summary>The reports of <c>fitcheck diff</c>: plain text, JSON (schemaVersion 1) and Markdown for a pull-request comment.</summary>
public static class DiffWriter
{
    public static string Text(AssessmentDiff diff)
    {
        var sb = new StringBuilder();
        void Heading(string title, int count) => sb.Append("== ").Append(title).Append(": ").Append(count).Append('\n');

        if (diff.NewFindings.Count > 0)
        {
            Heading("New findings", diff.NewFindings.Count);
            foreach (var f in diff.NewFindings)
            {
                sb.Append("+ ").Append(FindingLine(f)).Append('\n');
            }

            sb.Append('\n');
        }

        if (diff.ResolvedFindings.Count > 0)
        {
            Heading("Resolved findings", diff.ResolvedFindings.Count);
            foreach (var f in diff.ResolvedFindings)
            {
                sb.Append("- ").Append(FindingLine(f)).Append('\n');
            }

            sb.Append('\n');
        }

        if (diff.SafetyNetsLost.Count > 0)
        {
            Heading("Failure paths that lost their safety net", diff.SafetyNetsLost.Count);
            foreach (var n in diff.SafetyNetsLost)
            {
                sb.Append("! ").Append(n.Location).Append(": ").Append(n.Component).Append(" lost its ").Append(n.Net)
                  .Append(" (was ").Append(n.Target).Append(", ").Append(n.OldLocation).Append(")\n");
            }

            sb.Append('\n');
        }

        if (diff.GrantsWidened.Count > 0)
        {
            Heading("IAM grants widened", diff.GrantsWidened.Count);
            foreach (var g in diff.GrantsWidened)
            {
                sb.Append("! ").Append(g.Location).Append(": ").Append(Widening(g, code: false)).Append('\n');
            }

            sb.Append('\n');
        }

        if (diff.ComponentsAdded.Count + diff.ComponentsRemoved.Count > 0)
        {
            Heading("Components", diff.ComponentsAdded.Count + diff.ComponentsRemoved.Count);
            foreach (var c in diff.ComponentsAdded)
            {
                sb.Append("+ ").Append(c.Location).Append(": ").Append(c.Kind).Append(' ').Append(c.Id).Append(" (").Append(c.Type).Append(")\n");
            }

            foreach (var c in diff.ComponentsRemoved)
            {
                sb.Append("- ").Append(c.Template).Append(": ").Append(c.Kind).Append(' ').Append(c.Id).Append(" (").Append(c.Type).Append(")\n");
            }

            sb.Append('\n');
        }

        if (diff.FlowsAdded.Count + diff.FlowsRemoved.Count > 0)
        {
            Heading("Flows", diff.FlowsAdded.Count + diff.FlowsRemoved.Count);
            foreach (var f in diff.FlowsAdded)
            {
                sb.Append("+ ").Append(f.Location).Append(": ").Append(f.From).Append(" -").Append(f.Kind).Append("-> ").Append(f.To).Append('\n');
            }

            foreach (var f in diff.FlowsRemoved)
            {
                sb.Append("- ").Append(f.Template).Append(": ").Append(f.From).Append(" -").Append(f.Kind).Append("-> ").Append(f.To).Append('\n');
            }

            sb.Append('\n');
        }

        if (diff.Cost is { } cost)
        {
            sb.Append("== Estimated monthly cost: ").Append(CostMath.Money(cost.OldTotal)).Append(" -> ").Append(CostMath.Money(cost.NewTotal))
              .Append(" (").Append(Signed(cost.Difference)).Append(")\n");
            foreach (var c in cost.Changes.Take(MaxCostChanges))
            {
                sb.Append(Signed(c.Difference).PadLeft(12)).Append("  ").Append(c.Component).Append(" (").Append(c.Service).Append("): ")
                  .Append(CostMath.Money(c.Old)).Append(" -> ").Append(CostMath.Money(c.New)).Append('\n');
            }

            if (cost.Changes.Count > MaxCostChanges)
            {
                sb.Append("  and ").Append(cost.Changes.Count - MaxCostChanges).Append(" smaller changes\n");
            }

            foreach (var m in cost.MissingInputs)
            {
                sb.Append("  missing input: ").Append(m).Append('\n');
            }

            sb.Append('\n');
        }

        foreach (var d in diff.Old.Diagnostics.Concat(diff.New.Diagnostics).Where(d => d.Level != DiagnosticLevel.Info))
        {
            sb.Append(d).Append('\n');
        }

        sb.Append(Summary(diff)).Append('\n');
        return sb.ToString();
    }

    public static string Json(AssessmentDiff diff)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteNumber("schemaVersion", 1);
            json.WriteStartObject("tool");
            json.WriteString("name", Assessment.ToolName);
            json.WriteString("version", diff.New.ToolVersion);
            json.WriteEndObject();

            json.WriteStartObject("findings");
            Findings(json, "new", diff.NewFindings);
            Findings(json, "resolved", diff.ResolvedFindings);
            json.WriteEndObject();

            json.WriteStartObject("components");
            Components(json, "added", diff.ComponentsAdded);
            Components(json, "removed", diff.ComponentsRemoved);
            json.WriteEndObject();

            json.WriteStartObject("flows");
            Flows(json, "added", diff.FlowsAdded);
            Flows(json, "removed", diff.FlowsRemoved);
            json.WriteEndObject();

            json.WriteStartArray("safetyNetsLost");
            foreach (var n in diff.SafetyNetsLost)
            {
                json.WriteStartObject();
                json.WriteString("template", n.Template);
                json.WriteString("component", n.Component);
                json.WriteString("net", n.Net);
                json.WriteString("target", n.Target);
                GraphJsonWriter.Location(json, n.Location);
                json.WritePropertyName("oldLocation");
                LocationValue(json, n.OldLocation);
                json.WriteEndObject();
            }

            json.WriteEndArray();

            json.WriteStartArray("grantsWidened");
            foreach (var g in diff.GrantsWidened)
            {
                json.WriteStartObject();
                json.WriteString("template", g.Template);
                json.WriteString("principal", g.Principal);
                json.WriteStartArray("usedBy");
                foreach (var u in g.UsedBy)
                {
                    json.WriteStringValue(u);
                }

                json.WriteEndArray();
                json.WriteStartArray("actions");
                foreach (var a in g.Actions)
                {
                    json.WriteStringValue(a);
                }

                json.WriteEndArray();
                json.WriteStartArray("wildcardResources");
                foreach (var r in g.WildcardResources)
                {
                    json.WriteStringValue(r);
                }

                json.WriteEndArray();
                json.WriteBoolean("wildcardAdded", g.WildcardAdded);
                GraphJsonWriter.Location(json, g.Location);
                json.WriteEndObject();
            }

            json.WriteEndArray();

            if (diff.Cost is { } cost)
            {
                json.WriteStartObject("cost");
                json.WriteString("currency", cost.Currency);
                json.WriteNumber("oldMonthlyTotal", cost.OldTotal);
                json.WriteNumber("newMonthlyTotal", cost.NewTotal);
                json.WriteNumber("difference", cost.Difference);
                json.WriteStartArray("changes"); // amounts rounded to 4 decimals, as in the cost report
                foreach (var c in cost.Changes)
                {
                    json.WriteStartObject();
                    json.WriteString("template", c.Template);
                    json.WriteString("component", c.Component);
                    json.WriteString("service", c.Service);
                    json.WriteNumber("old", Math.Round(c.Old, 4, MidpointRounding.AwayFromZero));
                    json.WriteNumber("new", Math.Round(c.New, 4, MidpointRounding.AwayFromZero));
                    json.WriteNumber("difference", Math.Round(c.Difference, 4, MidpointRounding.AwayFromZero));
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteStartArray("missingInputs");
                foreach (var m in cost.MissingInputs)
                {
                    json.WriteStringValue(m);
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteStartObject("diagnostics");
            json.WritePropertyName("old");
            DiagnosticsValue(json, diff.Old.Diagnostics);
            json.WritePropertyName("new");
            DiagnosticsValue(json, diff.New.Diagnostics);
            json.WriteEndObject();

            json.WriteStartObject("summary");
            json.WriteNumber("newFindings", diff.NewFindings.Count);
            json.WriteNumber("resolvedFindings", diff.ResolvedFindings.Count);
            json.WriteNumber("componentsAdded", diff.ComponentsAdded.Count);
            json.WriteNumber("componentsRemoved", diff.ComponentsRemoved.Count);
            json.WriteNumber("flowsAdded", diff.FlowsAdded.Count);
            json.WriteNumber("flowsRemoved", diff.FlowsRemoved.Count);
            json.WriteNumber("safetyNetsLost", diff.SafetyNetsLost.Count);
            json.WriteNumber("grantsWidened", diff.GrantsWidened.Count);
            json.WriteString("failOn", diff.New.FailOn?.Name() ?? "never");
            json.WriteBoolean("failed", diff.Fails);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    /// <summary>Markdown for a pull-request comment: the risky changes first, then findings, then the rest in tables.</summary>
    public static string Markdown(AssessmentDiff diff)
    {
        var sb = new StringBuilder();
        sb.Append("### fitcheck: design review of this change\n\n");
        sb.Append(Summary(diff)).Append("\n\n");
        if (diff.IsEmpty)
        {
            return sb.ToString();
        }

        if (diff.SafetyNetsLost.Count > 0)
        {
            sb.Append("#### Failure paths that lost their safety net\n\n");
            foreach (var n in diff.SafetyNetsLost)
            {
                sb.Append("- **").Append(Md(n.Component)).Append("** lost its ").Append(Md(n.Net)).Append(" (was ").Append(MdCode(n.Target))
                  .Append(") — ").Append(MdCode(n.Location.ToString())).Append('\n');
            }

            sb.Append('\n');
        }

        if (diff.GrantsWidened.Count > 0)
        {
            sb.Append("#### IAM grants widened\n\n");
            foreach (var g in diff.GrantsWidened)
            {
                sb.Append("- ").Append(Widening(g, code: true)).Append(" — ").Append(MdCode(g.Location.ToString())).Append('\n');
            }

            sb.Append('\n');
        }

        FindingTable(sb, "New findings", diff.NewFindings);
        FindingTable(sb, "Resolved findings", diff.ResolvedFindings);

        if (diff.Cost is { Changes.Count: > 0 } cost)
        {
            sb.Append("#### Estimated monthly cost\n\n").Append(Md(CostMath.Money(cost.OldTotal))).Append(" → ").Append(Md(CostMath.Money(cost.NewTotal)))
              .Append(" (**").Append(Md(Signed(cost.Difference))).Append("**) with the same workload profile.\n\n")
              .Append("| Component | Service | Before | After | Change |\n|---|---|---:|---:|---:|\n");
            foreach (var c in cost.Changes.Take(MaxCostChanges))
            {
                sb.Append("| ").Append(Md(c.Component)).Append(" | ").Append(Md(c.Service)).Append(" | ").Append(Md(CostMath.Money(c.Old))).Append(" | ")
                  .Append(Md(CostMath.Money(c.New))).Append(" | ").Append(Md(Signed(c.Difference))).Append(" |\n");
            }

            if (cost.Changes.Count > MaxCostChanges)
            {
                sb.Append("| and ").Append(cost.Changes.Count - MaxCostChanges).Append(" smaller changes | | | | |\n");
            }

            sb.Append('\n');
        }

        if (diff.ComponentsAdded.Count + diff.ComponentsRemoved.Count > 0)
        {
            sb.Append("#### Components\n\n| | Component | Kind | Type | Where |\n|---|---|---|---|---|\n");
            foreach (var c in diff.ComponentsAdded)
            {
                sb.Append("| added | ").Append(Md(c.Id)).Append(" | ").Append(c.Kind).Append(" | ").Append(Md(c.Type)).Append(" | ").Append(MdCode(c.Location.ToString())).Append(" |\n");
            }

            foreach (var c in diff.ComponentsRemoved)
            {
                sb.Append("| removed | ").Append(Md(c.Id)).Append(" | ").Append(c.Kind).Append(" | ").Append(Md(c.Type)).Append(" | ").Append(MdCode(c.Template)).Append(" |\n");
            }

            sb.Append('\n');
        }

        if (diff.FlowsAdded.Count + diff.FlowsRemoved.Count > 0)
        {
            sb.Append("#### Flows\n\n| | From | Kind | To | Via |\n|---|---|---|---|---|\n");
            foreach (var f in diff.FlowsAdded)
            {
                sb.Append("| added | ").Append(Md(f.From)).Append(" | ").Append(f.Kind).Append(" | ").Append(Md(f.To)).Append(" | ").Append(Md(f.Via)).Append(" |\n");
            }

            foreach (var f in diff.FlowsRemoved)
            {
                sb.Append("| removed | ").Append(Md(f.From)).Append(" | ").Append(f.Kind).Append(" | ").Append(Md(f.To)).Append(" | ").Append(Md(f.Via)).Append(" |\n");
            }

            sb.Append('\n');
        }

        return sb.ToString();
    }

    private static string Summary(AssessmentDiff diff)
    {
        if (diff.IsEmpty)
        {
            return "No design changes and no new or resolved findings.";
        }

        var cost = diff.Cost is { } c
            ? $"; estimated cost {CostMath.Money(c.OldTotal)} -> {CostMath.Money(c.NewTotal)} per month ({Signed(c.Difference)})"
            : "";
        return $"{N(diff.NewFindings.Count, "new finding")}, {diff.ResolvedFindings.Count} resolved; " +
            $"{N(diff.ComponentsAdded.Count, "component")} added, {diff.ComponentsRemoved.Count} removed; " +
            $"{N(diff.FlowsAdded.Count, "flow")} added, {diff.FlowsRemoved.Count} removed; " +
            $"{N(diff.SafetyNetsLost.Count, "safety net")} lost; {N(diff.GrantsWidened.Count, "grant")} widened{cost}.";
    }

    /// <summary>Cost items listed in the text and Markdown reports, the largest change first (JSON lists them all).</summary>
    public const int MaxCostChanges = 10;

    /// <summary>A money difference with its sign: +$1.20, -$0.40, $0.00.</summary>
    public static string Signed(decimal value) => value > 0m ? "+" + CostMath.Money(value) : value < 0m ? "-" + CostMath.Money(-value) : CostMath.Money(0m);

    private static string N(int count, string noun) => $"{count} {noun}{(count == 1 ? "" : "s")}";

    private static string FindingLine(Finding f) =>
        $"{f.Location}: {f.Severity.Name()} {f.Rule.Id} [{f.Resource.LogicalId}] {f.Message}";

    private static string Widening(GrantWidening g, bool code)
    {
        string Q(string s) => code ? MdCode(s) : s;
        var parts = new List<string>();
        if (g.Actions.Count > 0)
        {
            parts.Add("new actions " + string.Join(", ", g.Actions.Select(Q)));
        }

        if (g.WildcardResources.Count > 0)
        {
            parts.Add("new wildcard resources " + string.Join(", ", g.WildcardResources.Select(Q)));
        }

        var who = code ? "**" + Md(g.Principal) + "**" : g.Principal;
        if (g.UsedBy.Count > 0)
        {
            who += " (role of " + string.Join(", ", g.UsedBy.Select(u => code ? Md(u) : u)) + ")";
        }

        return $"{who}: {string.Join("; ", parts)}{(g.WildcardAdded ? " (wildcard added)" : "")}";
    }

    private static void FindingTable(StringBuilder sb, string title, IReadOnlyList<Finding> findings)
    {
        if (findings.Count == 0)
        {
            return;
        }

        sb.Append("#### ").Append(title).Append(" (").Append(findings.Count).Append(")\n\n| Severity | Rule | Resource | Message | Where |\n|---|---|---|---|---|\n");
        foreach (var f in findings)
        {
            sb.Append("| ").Append(f.Severity.Name()).Append(" | [").Append(f.Rule.Id).Append("](").Append(f.Rule.HelpUri).Append(") | ")
              .Append(Md(f.Resource.LogicalId)).Append(" | ").Append(Md(f.Message)).Append(" | ").Append(MdCode(f.Location.ToString())).Append(" |\n");
        }

        sb.Append('\n');
    }

    // Table cells: pipes and line breaks would break the row; backticks would break code spans.
    // One escaping routine for all Markdown (the assess report's): raw HTML, images, links, mentions, line breaks and
    // table pipes from a template never reach the comment.
    private static string Md(string text) => FitCheck.Reports.Markdown.MarkdownText.Escape(text);

    private static string MdCode(string text) => FitCheck.Reports.Markdown.MarkdownText.Code(text);

    private static void Findings(Utf8JsonWriter json, string name, IReadOnlyList<Finding> findings)
    {
        json.WriteStartArray(name);
        foreach (var f in findings)
        {
            json.WriteStartObject();
            json.WriteString("ruleId", f.Rule.Id);
            json.WriteString("section", f.Rule.Section.Id());
            json.WriteString("severity", f.Severity.Name());
            json.WriteString("message", f.Message);
            json.WriteString("resource", f.Resource.LogicalId);
            GraphJsonWriter.Location(json, f.Location);
            json.WriteString("fingerprint", f.Fingerprint);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void Components(Utf8JsonWriter json, string name, IReadOnlyList<ComponentChange> components)
    {
        json.WriteStartArray(name);
        foreach (var c in components)
        {
            json.WriteStartObject();
            json.WriteString("id", c.Id);
            json.WriteString("kind", c.Kind);
            json.WriteString("type", c.Type);
            json.WriteString("template", c.Template);
            GraphJsonWriter.Location(json, c.Location);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void Flows(Utf8JsonWriter json, string name, IReadOnlyList<FlowChange> flows)
    {
        json.WriteStartArray(name);
        foreach (var f in flows)
        {
            json.WriteStartObject();
            json.WriteString("from", f.From);
            json.WriteString("to", f.To);
            json.WriteString("kind", f.Kind);
            json.WriteString("via", f.Via);
            json.WriteString("template", f.Template);
            GraphJsonWriter.Location(json, f.Location);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void LocationValue(Utf8JsonWriter json, SourceSpan span)
    {
        json.WriteStartObject();
        json.WriteString("path", span.File);
        json.WriteNumber("line", span.Line);
        json.WriteNumber("column", span.Column);
        json.WriteEndObject();
    }

    private static void DiagnosticsValue(Utf8JsonWriter json, IReadOnlyList<Diagnostic> diagnostics)
    {
        json.WriteStartArray();
        foreach (var d in diagnostics.Where(d => d.Level != DiagnosticLevel.Info))
        {
            json.WriteStartObject();
            json.WriteString("code", d.Code);
            json.WriteString("level", d.Level.ToString().ToLowerInvariant());
            json.WriteString("message", d.Message);
            json.WritePropertyName("location");
            LocationValue(json, d.Location);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }
}
