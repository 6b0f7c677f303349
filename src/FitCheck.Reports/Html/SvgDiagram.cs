using System.Globalization;
using System.Text;
using FitCheck.Model;
using FitCheck.Reports.Graph;
using FitCheck.Rules;

namespace FitCheck.Reports.Html;

/// <summary>An inline SVG drawing of one architecture, laid out in layers (Sugiyama style, <see cref="LayeredLayout"/>) from
/// sources (left) to sinks (right). Edges never cross a box: a flow between neighbouring layers is a curve in the gap
/// between them; a flow that skips layers runs orthogonally through the gaps and along a lane above every box; a flow
/// backwards or within a layer runs along a lane below every box. Each flow leaves and enters its boxes at its own port
/// and is labelled with its kind; failure paths are dashed red. Names are shown in full, wrapped on the box (a name
/// longer than three lines is cut there and given in full in the tooltip). Every name is escaped.</summary>
public static class SvgDiagram
{
    public const int NodeWidth = 176;
    public const int LayerGap = 104;
    public const int RowGap = 22;
    public const int Margin = 16;

    /// <summary>Diagrams up to this width are scaled down to fit the page.</summary>
    public const int FitWidth = 1700;

    /// <summary>Characters of a name per line on a box, and lines at most.</summary>
    public const int LineChars = 23;
    public const int MaxLines = 3;

    private const int LineHeight = 15;
    private const int LaneGap = 9;

    /// <param name="id">A prefix unique in the page for marker ids (letters and digits).</param>
    /// <param name="worst">The worst active severity on each component, for its outline.</param>
    public static string Write(Architecture architecture, string id, IReadOnlyDictionary<Component, Severity> worst)
    {
        var nodes = MermaidWriter.DrawnComponents(architecture);
        var index = new Dictionary<Component, int>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < nodes.Count; i++)
        {
            index[nodes[i]] = i;
        }

        var flows = architecture.Flows.Where(f => index.ContainsKey(f.From) && index.ContainsKey(f.To)).ToList();
        var names = nodes.Select(c => Wrap(c.LogicalId)).ToList();
        var nodeHeight = 18 + (LineHeight * Math.Max(1, names.Count == 0 ? 1 : names.Max(n => n.Count))) + 12;

        // Components some flow touches are laid out in layers; the rest (no flow in or out) are packed in a grid below,
        // so a template of unconnected resources does not become one tall column.
        var linked = new bool[nodes.Count];
        foreach (var f in flows)
        {
            linked[index[f.From]] = linked[index[f.To]] = true;
        }

        var connected = Enumerable.Range(0, nodes.Count).Where(i => linked[i]).ToList();
        var isolated = Enumerable.Range(0, nodes.Count).Where(i => !linked[i]).ToList();
        var local = new int[nodes.Count];
        for (var k = 0; k < connected.Count; k++)
        {
            local[connected[k]] = k;
        }

        var (connectedLayer, connectedRow) = LayeredLayout.Arrange(connected.Count, flows.Select(f => (local[index[f.From]], local[index[f.To]])).ToList());
        var layer = new int[nodes.Count];
        foreach (var i in connected)
        {
            layer[i] = connectedLayer[local[i]];
        }

        var layers = connected.Count == 0 ? 0 : connectedLayer.Max() + 1;
        var perLayer = new int[layers];
        foreach (var l in connectedLayer)
        {
            perLayer[l]++;
        }

        // Lanes: one above the boxes per flow that skips layers, one below per flow that goes back or stays in its layer.
        var route = new Route[flows.Count];
        int top = 0, bottom = 0;
        for (var e = 0; e < flows.Count; e++)
        {
            int a = index[flows[e].From], b = index[flows[e].To];
            route[e] = a == b ? new Route(Kind.Self, 0)
                : layer[b] == layer[a] + 1 ? new Route(Kind.Next, 0)
                : layer[b] > layer[a] ? new Route(Kind.Over, top++)
                : new Route(Kind.Under, bottom++);
        }

        var left = Margin + (LayerGap / 2);
        var topSpace = top == 0 ? 0 : (top * LaneGap) + 10;
        var rows = perLayer.Length == 0 ? 0 : perLayer.Max();
        var x = new double[nodes.Count];
        var y = new double[nodes.Count];
        foreach (var i in connected)
        {
            var offset = (rows - perLayer[layer[i]]) * (nodeHeight + RowGap) / 2.0;
            x[i] = left + (layer[i] * (NodeWidth + LayerGap));
            y[i] = Margin + topSpace + offset + (connectedRow[local[i]] * (nodeHeight + RowGap));
        }

        var boxesBottom = Margin + topSpace + (rows == 0 ? 0 : (rows * nodeHeight) + ((rows - 1) * RowGap));
        var laneBottom = boxesBottom + 12;
        var flowHeight = rows == 0 ? 0 : boxesBottom - Margin + (bottom * LaneGap) + 12 + (2 * RowGap);
        var columns = Math.Max(Math.Max(layers, 1), Math.Min(isolated.Count, 5));
        var gridRows = (isolated.Count + columns - 1) / columns;
        for (var k = 0; k < isolated.Count; k++)
        {
            var i = isolated[k];
            x[i] = left + (k % columns * (NodeWidth + RowGap));
            y[i] = Margin + flowHeight + (k / columns * (nodeHeight + RowGap));
        }

        var width = left + Margin + (LayerGap / 2) + Math.Max(
            (layers * NodeWidth) + (Math.Max(0, layers - 1) * LayerGap),
            isolated.Count == 0 ? 0 : (Math.Min(columns, isolated.Count) * NodeWidth) + ((Math.Min(columns, isolated.Count) - 1) * RowGap));
        var height = (Margin * 2) + flowHeight + (gridRows == 0 ? -(2 * RowGap) : (gridRows * nodeHeight) + ((gridRows - 1) * RowGap));
        if (nodes.Count == 0)
        {
            height = Margin * 2;
        }

        // Ports: the flows leaving a box spread over its right side, the flows entering it over its left side, in the
        // vertical order of the box at the other end, so they do not cross at the box.
        var outPort = new double[flows.Count];
        var inPort = new double[flows.Count];
        foreach (var group in Enumerable.Range(0, flows.Count).Where(e => route[e].Kind != Kind.Self).GroupBy(e => index[flows[e].From]))
        {
            var list = group.OrderBy(e => y[index[flows[e].To]]).ToList();
            for (var j = 0; j < list.Count; j++)
            {
                outPort[list[j]] = y[group.Key] + (nodeHeight * (j + 1.0) / (list.Count + 1));
            }
        }

        foreach (var group in Enumerable.Range(0, flows.Count).Where(e => route[e].Kind != Kind.Self).GroupBy(e => index[flows[e].To]))
        {
            var list = group.OrderBy(e => y[index[flows[e].From]]).ToList();
            for (var j = 0; j < list.Count; j++)
            {
                inPort[list[j]] = y[group.Key] + (nodeHeight * (j + 1.0) / (list.Count + 1));
            }
        }

        var sb = new StringBuilder();
        // Up to FitWidth the diagram shrinks to the page; wider ones keep their size and scroll, so names stay legible.
        sb.Append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"diagram").Append(width <= FitWidth ? " fit" : "").Append("\" width=\"").Append(N(width)).Append("\" height=\"").Append(N(height))
          .Append("\" viewBox=\"0 0 ").Append(N(width)).Append(' ').Append(N(height)).Append("\" role=\"img\" aria-label=\"Architecture of ");
        HtmlText.Append(sb, architecture.Template.Path).Append(": ").Append(nodes.Count).Append(" components, ").Append(flows.Count).Append(" flows\">\n");
        sb.Append("<defs>")
          .Append("<marker id=\"").Append(id).Append("a\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0L10,5L0,10z\" class=\"arrow\"/></marker>")
          .Append("<marker id=\"").Append(id).Append("f\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0L10,5L0,10z\" class=\"arrow failure\"/></marker>")
          .Append("</defs>\n");

        for (var e = 0; e < flows.Count; e++)
        {
            var f = flows[e];
            int a = index[f.From], b = index[f.To];
            var failure = f.Kind.IsFailurePath();
            double x1 = x[a] + NodeWidth, y1 = outPort[e];
            double x2 = x[b], y2 = inPort[e];
            // Vertical runs sit in the gap next to a box, staggered so parallel flows stay apart.
            var stagger = ((route[e].Lane % 5) - 2) * 5;
            var path = route[e].Kind switch
            {
                Kind.Self => $"M{N(x1)},{N(y[a] + (nodeHeight * 0.3))} h18 v{N(nodeHeight * 0.4)} h-16",
                Kind.Next => $"M{N(x1)},{N(y1)} C{N(x1 + (LayerGap / 2.0))},{N(y1)} {N(x2 - (LayerGap / 2.0))},{N(y2)} {N(x2)},{N(y2)}",
                Kind.Over => Orthogonal(x1, y1, x1 + (LayerGap / 2.0) + stagger, Margin + (route[e].Lane * LaneGap) + 4, x2 - (LayerGap / 2.0) + stagger, x2, y2),
                _ => Orthogonal(x1, y1, x1 + (LayerGap / 2.0) + stagger, laneBottom + (route[e].Lane * LaneGap), x2 - (LayerGap / 2.0) + stagger, x2, y2),
            };

            sb.Append("<path class=\"edge k-").Append(f.Kind.Name()).Append(failure ? " failure" : "").Append("\" d=\"").Append(path)
              .Append("\" marker-end=\"url(#").Append(id).Append(failure ? 'f' : 'a').Append(")\"><title>");
            HtmlText.Append(sb, $"{f.From.LogicalId} {f.Kind.Name()} {f.To.LogicalId} ({f.Via}), {f.Span}").Append("</title></path>\n");
            if (route[e].Kind != Kind.Self)
            {
                // The flow's kind, just after it leaves its box.
                sb.Append("<text class=\"edge-label").Append(failure ? " failure" : "").Append("\" x=\"").Append(N(x1 + 4)).Append("\" y=\"").Append(N(y1 - 3)).Append("\">")
                  .Append(f.Kind.Name()).Append("</text>\n");
            }
        }

        for (var i = 0; i < nodes.Count; i++)
        {
            var c = nodes[i];
            var severity = worst.TryGetValue(c, out var s) ? " sev-" + s.Name() : "";
            sb.Append("<g class=\"node k-").Append(c.Kind.Name()).Append(severity).Append("\"><title>");
            HtmlText.Append(sb, $"{c.LogicalId} ({c.Type})");
            if (worst.ContainsKey(c))
            {
                sb.Append(", worst finding: ").Append(worst[c].Name());
            }

            sb.Append("</title><rect x=\"").Append(N(x[i])).Append("\" y=\"").Append(N(y[i])).Append("\" width=\"").Append(NodeWidth)
              .Append("\" height=\"").Append(nodeHeight).Append("\" rx=\"").Append(c.Kind is ComponentKind.Api or ComponentKind.Table or ComponentKind.Bucket ? 18 : 6)
              .Append("\"/><text class=\"name\" x=\"").Append(N(x[i] + 10)).Append("\" y=\"").Append(N(y[i] + 18)).Append("\">");
            for (var line = 0; line < names[i].Count; line++)
            {
                sb.Append("<tspan x=\"").Append(N(x[i] + 10)).Append("\" dy=\"").Append(line == 0 ? "0" : LineHeight.ToString(CultureInfo.InvariantCulture)).Append("\">");
                HtmlText.Append(sb, names[i][line]).Append("</tspan>");
            }

            sb.Append("</text><text class=\"kind\" x=\"").Append(N(x[i] + 10)).Append("\" y=\"")
              .Append(N(y[i] + nodeHeight - 9)).Append("\">").Append(c.Kind.Name()).Append(c.IsImplicit ? " (implicit)" : "").Append("</text></g>\n");
        }

        sb.Append("</svg>");
        return sb.ToString();
    }

    /// <summary>A name in lines of at most <see cref="LineChars"/>, broken after a separator or before a capital where
    /// possible; past <see cref="MaxLines"/> lines the last ends in an ellipsis (the tooltip has the full name).</summary>
    public static IReadOnlyList<string> Wrap(string name)
    {
        var lines = new List<string>();
        var rest = name;
        while (rest.Length > LineChars && lines.Count < MaxLines - 1)
        {
            var cut = LineChars;
            for (var k = LineChars; k > LineChars / 2; k--)
            {
                if (rest[k - 1] is '-' or '_' or '.' or '/' or ':' || (char.IsUpper(rest[k]) && char.IsLower(rest[k - 1])))
                {
                    cut = k;
                    break;
                }
            }

            lines.Add(rest[..cut]);
            rest = rest[cut..];
        }

        lines.Add(rest.Length > LineChars ? rest[..(LineChars - 1)] + "\u2026" : rest);
        return lines;
    }

    private static string Orthogonal(double x1, double y1, double gx1, double lane, double gx2, double x2, double y2) =>
        $"M{N(x1)},{N(y1)} H{N(gx1)} V{N(lane)} H{N(gx2)} V{N(y2)} H{N(x2)}";

    private static string N(double value) => Math.Round(value, 1).ToString("0.#", CultureInfo.InvariantCulture);

    private enum Kind
    {
        Self,
        Next,
        Over,
        Under,
    }

    private readonly record struct Route(Kind Kind, int Lane);
}
