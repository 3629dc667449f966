namespace MiniDask.Graph;

/// <summary>
/// A <see cref="Blockwise"/> layer compiled for making its tasks: every letter gets a position
/// in one coordinate vector (the output's letters first, then the contracted ones), and every
/// argument knows which positions it reads. Making a block's task is then a walk over the
/// compiled task that reads coordinates and allocates only the task's own objects; literal
/// arguments are shared by every task.
/// </summary>
internal sealed class BlockwisePlan
{
    private readonly Blockwise layer;
    private readonly int outRank;
    private readonly int[] counts;
    private readonly TaskNode root;

    public BlockwisePlan(Blockwise layer)
    {
        this.layer = layer;
        outRank = layer.OutputIndex.Length;
        var positions = new Dictionary<char, int>();
        foreach (var letter in layer.OutputIndex)
        {
            positions[letter] = positions.Count;
        }

        foreach (var letter in layer.NumBlocks.Keys.Order())
        {
            positions.TryAdd(letter, positions.Count);
        }

        counts = new int[positions.Count];
        foreach (var (letter, position) in positions)
        {
            counts[position] = layer.NumBlocks[letter];
        }

        root = Compile(layer.Task, positions);
    }

    /// <summary>Writes the layer's keys and tasks, in row-major block order.</summary>
    public void Materialize(Span<Key> keys, Span<DaskTask> tasks)
    {
        var coords = new int[counts.Length];
        var i = 0;
        foreach (var block in OutputBlocks(coords))
        {
            keys[i] = new Key(layer.Name, layer.NameHash, block);
            tasks[i++] = root.Make(coords, counts);
        }
    }

    /// <summary>Selects every block of every input and the keys of constant arguments.</summary>
    public void SelectAllInputs(KeySelections inputs) => root.SelectAll(inputs);

    /// <summary>Selects the input keys that output block <paramref name="block"/> reads.</summary>
    public void SelectInputs(int[] block, KeySelections inputs)
    {
        var coords = new int[counts.Length];
        block.CopyTo(coords, 0);
        root.Select(coords, counts, inputs);
    }

    /// <summary>The keys a task argument reads, nested ones included.</summary>
    public static IEnumerable<Key> KeysIn(TaskArg argument) => argument switch
    {
        KeyRefArg r => [r.Key],
        ListArg l => l.Items.SelectMany(KeysIn),
        NestedArg n => n.Task.Dependencies,
        _ => [],
    };

    /// <summary>
    /// Sets the output part of <paramref name="coords"/> to each output block in turn, yielding
    /// that part; the layer's culled blocks or, when it has none, the whole grid in row-major order.
    /// </summary>
    private IEnumerable<int[]> OutputBlocks(int[] coords)
    {
        if (layer.OutputBlocks is { } chosen)
        {
            var block = new int[outRank];
            foreach (var b in chosen)
            {
                for (var axis = 0; axis < outRank; axis++)
                {
                    coords[axis] = block[axis] = b[axis];
                }

                yield return block;
            }

            yield break;
        }

        var index = new int[outRank];
        for (var axis = 0; axis < outRank; axis++)
        {
            if (counts[axis] == 0)
            {
                yield break;
            }
        }

        while (true)
        {
            System.Array.Copy(index, coords, outRank);
            yield return index;
            var axis = outRank - 1;
            while (axis >= 0 && ++index[axis] == counts[axis])
            {
                index[axis--] = 0;
            }

            if (axis < 0)
            {
                yield break;
            }
        }
    }

    private TaskNode Compile(BlockwiseTask task, Dictionary<char, int> positions)
    {
        var args = new Node[task.Args.Count];
        for (var i = 0; i < args.Length; i++)
        {
            args[i] = task.Args[i] switch
            {
                BlockwiseConstant c => new ConstantNode(c.Argument),
                BlockwiseNested n => Compile(n.Task, positions),
                BlockwisePerBlock p => new PerBlockNode(p.Dep, Axes(p.Index, p.Dep.NumBlocks, positions)),
                BlockwiseInput input => CompileInput(input, positions),
                var other => throw new InvalidOperationException($"Unknown blockwise argument {other.GetType().Name}."),
            };
        }

        return new TaskNode(task.Op, args);
    }

    private InputNode CompileInput(BlockwiseInput input, Dictionary<char, int> positions)
    {
        var axes = Axes(input.Index, input.NumBlocks, positions);
        var contracted = new List<int>();
        for (var k = 0; k < axes.Length; k++)
        {
            if (axes[k] >= outRank)
            {
                if (input.Concatenate)
                {
                    axes[k] = -1;
                }
                else if (!contracted.Contains(axes[k]))
                {
                    contracted.Add(axes[k]);
                }
            }
        }

        return new InputNode(input.Name, Key.NameHash(input.Name), axes, [.. contracted]);
    }

    /// <summary>The coordinate position each axis reads, or -1 where the argument has one block and is broadcast.</summary>
    private int[] Axes(string index, IReadOnlyList<int> numBlocks, Dictionary<char, int> positions)
    {
        var axes = new int[index.Length];
        for (var k = 0; k < axes.Length; k++)
        {
            var position = positions[index[k]];
            axes[k] = numBlocks[k] == 1 && counts[position] != 1 ? -1 : position;
        }

        return axes;
    }

    private static void Project(int[] axes, int[] coords, Span<int> index)
    {
        for (var k = 0; k < axes.Length; k++)
        {
            index[k] = axes[k] < 0 ? 0 : coords[axes[k]];
        }
    }

    private abstract class Node
    {
        public abstract TaskArg MakeArg(int[] coords, int[] counts);

        public abstract void Select(int[] coords, int[] counts, KeySelections inputs);

        public abstract void SelectAll(KeySelections inputs);
    }

    private sealed class TaskNode(string op, Node[] args) : Node
    {
        public DaskTask Make(int[] coords, int[] counts)
        {
            var values = new TaskArg[args.Length];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = args[i].MakeArg(coords, counts);
            }

            return new DaskTask(op, values);
        }

        public override TaskArg MakeArg(int[] coords, int[] counts) => TaskArg.Nested(Make(coords, counts));

        public override void Select(int[] coords, int[] counts, KeySelections inputs)
        {
            foreach (var arg in args)
            {
                arg.Select(coords, counts, inputs);
            }
        }

        public override void SelectAll(KeySelections inputs)
        {
            foreach (var arg in args)
            {
                arg.SelectAll(inputs);
            }
        }
    }

    private sealed class ConstantNode(TaskArg argument) : Node
    {
        public override TaskArg MakeArg(int[] coords, int[] counts) => argument;

        public override void Select(int[] coords, int[] counts, KeySelections inputs) => SelectAll(inputs);

        public override void SelectAll(KeySelections inputs)
        {
            foreach (var key in KeysIn(argument))
            {
                inputs.Add(key);
            }
        }
    }

    private sealed class PerBlockNode(BlockwiseDep dep, int[] axes) : Node
    {
        public override TaskArg MakeArg(int[] coords, int[] counts)
        {
            Span<int> index = stackalloc int[axes.Length];
            Project(axes, coords, index);
            return dep.ArgumentFor(index);
        }

        public override void Select(int[] coords, int[] counts, KeySelections inputs)
        {
        }

        public override void SelectAll(KeySelections inputs)
        {
        }
    }

    /// <summary>Blocks of an input; <c>contracted</c> are the coordinate positions it reads every block of.</summary>
    private sealed class InputNode(string name, int nameHash, int[] axes, int[] contracted) : Node
    {
        public override TaskArg MakeArg(int[] coords, int[] counts)
        {
            if (contracted.Length == 0)
            {
                return TaskArg.Ref(KeyAt(coords));
            }

            var items = new List<TaskArg>();
            ForEachContracted(coords, counts, () => items.Add(TaskArg.Ref(KeyAt(coords))));
            return new ListArg([.. items]);
        }

        public override void Select(int[] coords, int[] counts, KeySelections inputs)
        {
            if (contracted.Length == 0)
            {
                inputs.Add(KeyAt(coords));
                return;
            }

            ForEachContracted(coords, counts, () => inputs.Add(KeyAt(coords)));
        }

        public override void SelectAll(KeySelections inputs) => inputs.AddAll(name);

        private Key KeyAt(int[] coords)
        {
            Span<int> index = stackalloc int[axes.Length];
            Project(axes, coords, index);
            return new Key(name, nameHash, index);
        }

        /// <summary>Runs <paramref name="visit"/> with the contracted positions of <paramref name="coords"/> at each of their blocks, row-major.</summary>
        private void ForEachContracted(int[] coords, int[] counts, Action visit)
        {
            foreach (var position in contracted)
            {
                if (counts[position] == 0)
                {
                    return;
                }

                coords[position] = 0;
            }

            while (true)
            {
                visit();
                var k = contracted.Length - 1;
                while (k >= 0 && ++coords[contracted[k]] == counts[contracted[k]])
                {
                    coords[contracted[k--]] = 0;
                }

                if (k < 0)
                {
                    return;
                }
            }
        }
    }
}
