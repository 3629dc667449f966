using MiniDask.Graph;

namespace MiniDask.Array;

/// <summary>
/// The task tree of TSQR over the row blocks of a tall-and-skinny matrix: each block is factored,
/// then the R factors of <c>splitEvery</c> neighbours are stacked and factored again, level by
/// level, until one R is left. With Q, every node keeps its Q factor and the final Q of a block
/// is its own Q times the slices of its ancestors' Q factors that belong to it, multiplied from
/// the top down. Each leaf may factor several blocks side by side (<c>[A_i | B_i]</c> for least squares).
/// </summary>
internal sealed class TsqrTree
{
    private TsqrTree(string token)
    {
        Name = $"tsqr-{token}";
        QName = $"tsqr-q-{token}";
        RName = $"tsqr-r-{token}";
    }

    /// <summary>The name of the internal layer and of its keys.</summary>
    public string Name { get; }

    /// <summary>The name of the Q blocks, <c>(QName, i, 0)</c>.</summary>
    public string QName { get; }

    /// <summary>The name of the R block, <c>(RName, 0, 0)</c>.</summary>
    public string RName { get; }

    /// <summary>The rows of R: <c>min(m, n)</c>.</summary>
    public int Rows { get; private set; }

    /// <summary>The internal tasks (factors, parts, slices).</summary>
    public Dictionary<Key, DaskTask> Tasks { get; } = [];

    /// <summary>The Q blocks, one per row block; empty without Q.</summary>
    public Dictionary<Key, DaskTask> QTasks { get; } = [];

    /// <summary>The R block.</summary>
    public Dictionary<Key, DaskTask> RTasks { get; } = [];

    /// <summary>
    /// The tree over row blocks whose leaves factor <paramref name="leaves"/> (each a list of
    /// blocks placed side by side, <paramref name="rows"/> rows, <paramref name="columns"/> columns in all).
    /// </summary>
    public static TsqrTree Build(IReadOnlyList<TaskArg[]> leaves, int[] rows, int columns, int splitEvery, bool withQ, string token)
    {
        var tree = new TsqrTree(token);
        var nodes = new List<Node>();
        for (var i = 0; i < leaves.Count; i++)
        {
            nodes.Add(tree.Factor(0, i, TaskArg.List(leaves[i]), Math.Min(rows[i], columns), withQ, LinalgOps.QrOp, LinalgOps.QrROp, []));
        }

        for (var level = 1; nodes.Count > 1; level++)
        {
            var next = new List<Node>();
            foreach (var group in nodes.Chunk(splitEvery))
            {
                var stacked = group.Sum(c => c.Rows);
                next.Add(tree.Factor(level, next.Count, TaskArg.Refs(group.Select(c => c.R)), Math.Min(stacked, columns), withQ, LinalgOps.StackQrOp, LinalgOps.StackQrROp, group));
            }

            nodes = next;
        }

        var top = nodes[0];
        tree.Rows = top.Rows;
        tree.RTasks[new Key(tree.RName, 0, 0)] = new DaskTask(StructureOps.AliasOp, TaskArg.Ref(top.R));
        if (withQ)
        {
            tree.AddQ(top, weight: null);
        }

        return tree;
    }

    /// <summary>The tree over the row blocks of one array, each leaf one block.</summary>
    public static TsqrTree Build(Key[] blocks, int[] rows, int columns, int splitEvery, bool withQ, string token) =>
        Build([.. blocks.Select(b => new[] { TaskArg.Ref(b) })], rows, columns, splitEvery, withQ, token);

    private Node Factor(int level, int index, TaskArg input, int rows, bool withQ, string qrOp, string rOnlyOp, Node[] children)
    {
        var r = new Key(Name, level, index, 1);
        if (!withQ)
        {
            Tasks[r] = new DaskTask(rOnlyOp, input);
            return new Node(r, null, rows, children, level, index);
        }

        var parts = new Key(Name, level, index, 2);
        var q = new Key(Name, level, index, 0);
        Tasks[parts] = new DaskTask(qrOp, input);
        Tasks[q] = new DaskTask(LinalgOps.PartOp, TaskArg.Ref(parts), TaskArg.Literal(0));
        Tasks[r] = new DaskTask(LinalgOps.PartOp, TaskArg.Ref(parts), TaskArg.Literal(1));
        return new Node(r, q, rows, children, level, index);
    }

    /// <summary>
    /// Q blocks under <paramref name="node"/>: its Q times <paramref name="weight"/> (the product of
    /// its ancestors' slices that belong to it; none at the top), and each child's slice of that.
    /// </summary>
    private void AddQ(Node node, Key? weight)
    {
        if (node.Children.Length == 0)
        {
            QTasks[new Key(QName, node.Index, 0)] = weight is null
                ? new DaskTask(StructureOps.AliasOp, TaskArg.Ref(node.Q!))
                : LinalgOps.Product(TaskArg.Ref(node.Q!), weight);
            return;
        }

        var offset = 0;
        foreach (var child in node.Children)
        {
            var slice = new Key(Name, child.Level, child.Index, 3);
            var rows = new DaskTask(LinalgOps.RowsOp, TaskArg.Ref(node.Q!), TaskArg.Literal(offset), TaskArg.Literal(child.Rows));
            Tasks[slice] = weight is null ? rows : LinalgOps.Product(TaskArg.Nested(rows), weight);
            offset += child.Rows;
            AddQ(child, slice);
        }
    }

    /// <summary>One node of the tree: its R (and Q) keys, the rows of its R, its children.</summary>
    private sealed record Node(Key R, Key? Q, int Rows, Node[] Children, int Level = 0, int Index = 0);
}
