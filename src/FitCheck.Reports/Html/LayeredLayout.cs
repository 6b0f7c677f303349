namespace FitCheck.Reports.Html;

/// <summary>A small layered layout for directed graphs: sources on the left, sinks on the right. Each node's layer is the
/// longest path to it from a source, over the graph with its cycles broken (edges that close a cycle in a depth-first
/// search are ignored for layering but still drawn). Within a layer, nodes are ordered by the mean position of their
/// predecessors (two sweeps of the barycentre heuristic), which removes most crossings in pipeline-shaped graphs.</summary>
public static class LayeredLayout
{
    /// <summary>The layer (column) and the position within it (row) of each node 0..nodeCount-1.</summary>
    public static (int[] Layer, int[] Row) Arrange(int nodeCount, IReadOnlyList<(int From, int To)> edges)
    {
        var outgoing = new List<int>[nodeCount];
        for (var i = 0; i < nodeCount; i++)
        {
            outgoing[i] = [];
        }

        foreach (var (from, to) in edges)
        {
            if (from != to)
            {
                outgoing[from].Add(to);
            }
        }

        // Depth-first, iteratively (deep graphs must not overflow the stack), marking edges that point back into the current path.
        var state = new byte[nodeCount]; // 0 new, 1 on the path, 2 done
        var order = new List<int>(nodeCount); // post-order
        var acyclic = new List<int>[nodeCount];
        for (var i = 0; i < nodeCount; i++)
        {
            acyclic[i] = [];
        }

        var hasIncoming = new bool[nodeCount];
        foreach (var (from, to) in edges)
        {
            if (from != to)
            {
                hasIncoming[to] = true;
            }
        }

        var starts = Enumerable.Range(0, nodeCount).Where(i => !hasIncoming[i]).Concat(Enumerable.Range(0, nodeCount));
        foreach (var start in starts)
        {
            if (state[start] != 0)
            {
                continue;
            }

            var stack = new Stack<(int Node, int Next)>();
            stack.Push((start, 0));
            state[start] = 1;
            while (stack.Count > 0)
            {
                var (node, next) = stack.Pop();
                if (next < outgoing[node].Count)
                {
                    stack.Push((node, next + 1));
                    var to = outgoing[node][next];
                    if (state[to] == 1)
                    {
                        continue; // closes a cycle: not used for layering
                    }

                    acyclic[node].Add(to);
                    if (state[to] == 0)
                    {
                        state[to] = 1;
                        stack.Push((to, 0));
                    }
                }
                else
                {
                    state[node] = 2;
                    order.Add(node);
                }
            }
        }

        // Longest path from a source, in topological order (reverse post-order).
        var layer = new int[nodeCount];
        for (var k = order.Count - 1; k >= 0; k--)
        {
            var node = order[k];
            foreach (var to in acyclic[node])
            {
                layer[to] = Math.Max(layer[to], layer[node] + 1);
            }
        }

        var layers = layer.Length == 0 ? 0 : layer.Max() + 1;
        var members = new List<int>[layers];
        for (var l = 0; l < layers; l++)
        {
            members[l] = [];
        }

        for (var i = 0; i < nodeCount; i++)
        {
            members[layer[i]].Add(i);
        }

        var predecessors = new List<int>[nodeCount];
        var successors = new List<int>[nodeCount];
        for (var i = 0; i < nodeCount; i++)
        {
            predecessors[i] = [];
            successors[i] = [];
        }

        for (var i = 0; i < nodeCount; i++)
        {
            foreach (var to in acyclic[i])
            {
                predecessors[to].Add(i);
                successors[i].Add(to);
            }
        }

        var row = new int[nodeCount];
        Number(members, row);
        for (var sweep = 0; sweep < 2; sweep++)
        {
            for (var l = 1; l < layers; l++)
            {
                Reorder(members[l], predecessors, row);
            }

            for (var l = layers - 2; l >= 0; l--)
            {
                Reorder(members[l], successors, row);
            }
        }

        return (layer, row);
    }

    private static void Number(List<int>[] members, int[] row)
    {
        foreach (var list in members)
        {
            for (var i = 0; i < list.Count; i++)
            {
                row[list[i]] = i;
            }
        }
    }

    // Stable sort by the mean row of the neighbours in the adjacent layer; nodes without neighbours keep their place.
    private static void Reorder(List<int> layer, List<int>[] neighbours, int[] row)
    {
        var keys = layer.Select((node, i) => (node, key: neighbours[node].Count == 0 ? row[node] : neighbours[node].Average(n => (double)row[n]), i))
            .OrderBy(t => t.key).ThenBy(t => t.i).Select(t => t.node).ToList();
        layer.Clear();
        layer.AddRange(keys);
        for (var i = 0; i < layer.Count; i++)
        {
            row[layer[i]] = i;
        }
    }
}
