using System.Globalization;
using System.Text;
using FitCheck.Model;
using FitCheck.Reports.Graph;
using FitCheck.Rules;

namespace FitCheck.Reports.Html;

/// <summary>An inline SVG drawing of one architecture: boxes in layers from sources (left) to sinks (right), flows as
/// curves, failure paths dashed red. Every name is escaped; long names are shortened on the box and given in full in its
/// tooltip.</summary>
public static class SvgDiagram
{
    public const int NodeWidth = 168;
    public const int NodeHeight = 46;
    public const int LayerGap = 72;
    public const int RowGap = 22;
    public const int Margin = 16;

    /// <summary>Diagrams up to this width are scaled down to fit the page.</summary>
    public const int FitWidth = 1700;
    private const int MaxNameLength = 20;

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
        var layers = connected.Count == 0 ? 0 : connectedLayer.Max() + 1;
        var perLayer = new int[layers];
        foreach (var l in connectedLayer)
        {
            perLayer[l]++;
        }

        var rows = perLayer.Length == 0 ? 0 : perLayer.Max();
        var x = new double[nodes.Count];
        var y = new double[nodes.Count];
        foreach (var i in connected)
        {
            layer[i] = connectedLayer[local[i]];
            var offset = (rows - perLayer[layer[i]]) * (NodeHeight + RowGap) / 2.0;
            x[i] = Margin + (layer[i] * (NodeWidth + LayerGap));
            y[i] = Margin + offset + (connectedRow[local[i]] * (NodeHeight + RowGap));
        }

        var flowHeight = rows == 0 ? 0 : (rows * NodeHeight) + ((rows - 1) * RowGap) + (2 * RowGap);
        var columns = Math.Max(Math.Max(layers, 1), Math.Min(isolated.Count, 5));
        var gridRows = (isolated.Count + columns - 1) / columns;
        for (var k = 0; k < isolated.Count; k++)
        {
            var i = isolated[k];
            x[i] = Margin + (k % columns * (NodeWidth + RowGap));
            y[i] = Margin + flowHeight + (k / columns * (NodeHeight + RowGap));
        }

        var width = (Margin * 2) + Math.Max(
            (layers * NodeWidth) + (Math.Max(0, layers - 1) * LayerGap),
            isolated.Count == 0 ? 0 : (Math.Min(columns, isolated.Count) * NodeWidth) + ((Math.Min(columns, isolated.Count) - 1) * RowGap));
        var height = (Margin * 2) + flowHeight + (gridRows == 0 ? -(2 * RowGap) : (gridRows * NodeHeight) + ((gridRows - 1) * RowGap));
        if (nodes.Count == 0)
        {
            height = Margin * 2;
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

        foreach (var f in flows)
        {
            int a = index[f.From], b = index[f.To];
            var failure = f.Kind.IsFailurePath();
            double x1 = x[a] + NodeWidth, y1 = y[a] + (NodeHeight / 2.0);
            double x2 = x[b], y2 = y[b] + (NodeHeight / 2.0);
            string path;
            if (layer[b] > layer[a])
            {
                var bend = Math.Max(30, (x2 - x1) / 2);
                path = $"M{N(x1)},{N(y1)} C{N(x1 + bend)},{N(y1)} {N(x2 - bend)},{N(y2)} {N(x2)},{N(y2)}";
            }
            else
            {
                // Backwards or within a layer: leave from the bottom, come back into the target's bottom.
                x1 = x[a] + (NodeWidth / 2.0);
                y1 = y[a] + NodeHeight;
                x2 = x[b] + (NodeWidth / 2.0) + (a == b ? 24 : 0);
                y2 = y[b] + NodeHeight;
                var drop = Math.Max(y1, y2) + RowGap + 8;
                path = $"M{N(x1)},{N(y1)} C{N(x1)},{N(drop)} {N(x2)},{N(drop)} {N(x2)},{N(y2)}";
            }

            sb.Append("<path class=\"edge k-").Append(f.Kind.Name()).Append(failure ? " failure" : "").Append("\" d=\"").Append(path)
              .Append("\" marker-end=\"url(#").Append(id).Append(failure ? 'f' : 'a').Append(")\"><title>");
            HtmlText.Append(sb, $"{f.From.LogicalId} {f.Kind.Name()} {f.To.LogicalId} ({f.Via}), {f.Span}").Append("</title></path>\n");
            if (failure)
            {
                var (mx, my) = layer[b] > layer[a] ? (x1 + ((x2 - x1) * 0.4), y1 + ((y2 - y1) * 0.4) - 8) : ((x1 + x2) / 2, Math.Max(y1, y2) + RowGap);
                sb.Append("<text class=\"edge-label failure\" x=\"").Append(N(mx)).Append("\" y=\"").Append(N(my)).Append("\">")
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
              .Append("\" height=\"").Append(NodeHeight).Append("\" rx=\"").Append(c.Kind is ComponentKind.Api or ComponentKind.Table or ComponentKind.Bucket ? 18 : 6)
              .Append("\"/><text class=\"name\" x=\"").Append(N(x[i] + 10)).Append("\" y=\"").Append(N(y[i] + 20)).Append("\">");
            HtmlText.Append(sb, Shorten(c.LogicalId)).Append("</text><text class=\"kind\" x=\"").Append(N(x[i] + 10)).Append("\" y=\"")
              .Append(N(y[i] + 36)).Append("\">").Append(c.Kind.Name()).Append(c.IsImplicit ? " (implicit)" : "").Append("</text></g>\n");
        }

        sb.Append("</svg>");
        return sb.ToString();
    }

    private static string Shorten(string name) => name.Length <= MaxNameLength ? name : name[..(MaxNameLength - 1)] + "\u2026";

    private static string N(double value) => Math.Round(value, 1).ToString("0.#", CultureInfo.InvariantCulture);
}
