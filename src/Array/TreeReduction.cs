using MiniDask.Graph;

namespace MiniDask.Array;

/// <summary>
/// Builds tree reductions (Dask's <c>reduction</c>): a chunk step (a <see cref="Blockwise"/>
/// layer, so the elementwise ops before it fuse into it) reduces each block along the reduced
/// axes (keeping them with size 1), combine steps merge groups of at most
/// <c>splitEvery</c> partial results, and an aggregate step merges the last group into each
/// output block. Partials are grouped in row-major block order, so a scheduler that runs the
/// graph in order holds only about <c>splitEvery</c> partials per tree level at a time. What a
/// partial is (a block, moments, value-index pairs) is up to the ops named in <see cref="Steps"/>.
/// Sizes are not needed: a kept axis of unknown size passes through, with the output block's
/// size there left unknown (-1) for the aggregate op to take from its partial.
/// </summary>
internal static class TreeReduction
{
    /// <summary>The default number of partial results merged per combine step.</summary>
    public const int DefaultSplitEvery = 4;

    /// <summary>
    /// Reduces <paramref name="x"/> along <paramref name="axes"/> (normalized, distinct) with
    /// <paramref name="steps"/>; <paramref name="tokenParts"/> are the reduction's parameters
    /// beyond the axes (such as ddof), which make its key names distinct.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="splitEvery"/> is below 2.</exception>
    public static ArrayNode Build(ArrayNode x, Steps steps, int[] axes, bool keepDims, int? splitEvery, params object?[] tokenParts)
    {
        var split = splitEvery ?? DefaultSplitEvery;
        if (split < 2)
        {
            throw new ArgumentOutOfRangeException(
                nameof(splitEvery), split, $"splitEvery must be at least 2 (partials merged per combine step); got {split}.");
        }

        var kind = steps.Kind;
        var rank = x.Rank;
        var chunks = x.Chunks;
        var reduced = new bool[rank];
        foreach (var a in axes)
        {
            reduced[a] = true;
        }

        // The aggregate ops fill unknown sizes from their partial, axis for axis, so they make
        // blocks with the reduced axes kept; a squeeze after them removes those axes.
        if (!keepDims && axes.Length > 0 && Enumerable.Range(0, rank).Any(a => !reduced[a] && chunks[a].Contains(ChunkGrid.Unknown)))
        {
            var kept = Build(x, steps, axes, keepDims: true, splitEvery, tokenParts);
            return ViewAxesLayer.Build($"{kind}-squeeze", kept, [.. Enumerable.Range(0, rank).Where(a => !reduced[a])]);
        }

        var token = tokenParts.Length == 0
            ? Tokenize.Token(kind, x.Name, axes, keepDims, split)
            : Tokenize.Token(kind, x.Name, axes, keepDims, split, tokenParts);
        var chunkName = $"{kind}-chunk-{token}";
        var letters = ArrayBlockwise.Letters(rank);
        var chunkStep = ArrayBlockwise.Build(
            chunkName, letters, chunks, steps.OutDType, new BlockwiseTask(steps.ChunkOp, [ArrayBlockwise.Blocks(x, letters), .. steps.ChunkArgs]), [x], x.Shape);
        var graph = chunkStep.Graph;
        var keptAxes = Enumerable.Range(0, rank).Where(a => !reduced[a]).ToArray();
        var reducedAxes = Enumerable.Range(0, rank).Where(a => reduced[a]).ToArray();
        var keptCounts = keptAxes.Select(a => chunks[a].Length).ToArray();
        var reducedCounts = reducedAxes.Select(a => chunks[a].Length).ToArray();
        var outIndices = ChunkGrid.Indices(keptCounts).ToArray();
        var groups = Partials(chunkName, rank, keptAxes, reducedAxes, outIndices, reducedCounts);

        // Each level merges groups of `split` partials, and its tasks read every partial of the level below.
        var readsAll = new[] { chunkName };
        for (var level = 1; groups.Any(g => g.Length > split); level++)
        {
            var levelName = $"{kind}-combine{level}-{token}";
            var levelTasks = new Dictionary<Key, DaskTask>();
            for (var g = 0; g < groups.Length; g++)
            {
                var partials = groups[g];
                if (partials.Length <= split)
                {
                    continue;
                }

                var next = new Key[(partials.Length + split - 1) / split];
                for (var c = 0; c < next.Length; c++)
                {
                    var group = partials.AsSpan(c * split, Math.Min(split, partials.Length - (c * split)));
                    next[c] = new Key(levelName, [.. outIndices[g], c]);
                    levelTasks[next[c]] = new DaskTask(steps.CombineOp, [References(group), .. steps.CombineArgs]);
                }

                groups[g] = next;
            }

            graph = TaskGraph.FromLayer(new MaterializedLayer(levelName, levelTasks, readsAll), graph);
            readsAll = [levelName];
        }

        var outShape = new List<int>();
        var outChunks = new List<int[]>();
        for (var axis = 0; axis < rank; axis++)
        {
            if (!reduced[axis])
            {
                outShape.Add(x.Shape[axis]);
                outChunks.Add(chunks[axis]);
            }
            else if (keepDims)
            {
                outShape.Add(1);
                outChunks.Add([1]);
            }
        }

        var name = $"{kind}-{token}";
        var finalTasks = new Dictionary<Key, DaskTask>(groups.Length);
        for (var g = 0; g < groups.Length; g++)
        {
            var outIndex = outIndices[g];
            var blockShape = new List<int>();
            var blockIndex = new List<int>();
            for (int axis = 0, k = 0; axis < rank; axis++)
            {
                if (!reduced[axis])
                {
                    blockShape.Add(chunks[axis][outIndex[k]]);
                    blockIndex.Add(outIndex[k++]);
                }
                else if (keepDims)
                {
                    blockShape.Add(1);
                    blockIndex.Add(0);
                }
            }

            finalTasks[new Key(name, [.. blockIndex])] = new DaskTask(
                steps.AggregateOp, [References(groups[g]), TaskArg.Literal(blockShape.ToArray()), .. steps.AggregateArgs]);
        }

        return new ArrayNode(name, [.. outShape], [.. outChunks], TaskGraph.FromLayer(new MaterializedLayer(name, finalTasks), graph), steps.OutDType);
    }

    /// <summary>Each output block's partials: the chunk step's keys, row-major over the reduced axes' blocks.</summary>
    private static Key[][] Partials(string chunkName, int rank, int[] keptAxes, int[] reducedAxes, int[][] outIndices, int[] reducedCounts)
    {
        var redIndices = ChunkGrid.Indices(reducedCounts).ToArray();
        var groups = new Key[outIndices.Length][];
        var full = new int[rank];
        for (var g = 0; g < groups.Length; g++)
        {
            for (var i = 0; i < keptAxes.Length; i++)
            {
                full[keptAxes[i]] = outIndices[g][i];
            }

            var partials = new Key[redIndices.Length];
            for (var r = 0; r < partials.Length; r++)
            {
                for (var i = 0; i < reducedAxes.Length; i++)
                {
                    full[reducedAxes[i]] = redIndices[r][i];
                }

                partials[r] = new Key(chunkName, full);
            }

            groups[g] = partials;
        }

        return groups;
    }

    private static TaskArg References(ReadOnlySpan<Key> keys)
    {
        var items = new TaskArg[keys.Length];
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = TaskArg.Ref(keys[i]);
        }

        return TaskArg.List(items);
    }

    /// <summary>
    /// The ops of one kind of reduction: the chunk op takes a block and <see cref="ChunkArgs"/>
    /// of its block index; the combine op a list of partials and <see cref="CombineArgs"/>; the
    /// aggregate op a list of partials, the output block's shape and <see cref="AggregateArgs"/>.
    /// </summary>
    /// <param name="Kind">The reduction's name, the prefix of its key names.</param>
    /// <param name="ChunkOp">The op reducing one block to a partial.</param>
    /// <param name="ChunkArgs">The chunk op's arguments after the block; per-block ones name the input's axes <see cref="ArrayBlockwise.Letters"/>.</param>
    /// <param name="CombineOp">The op merging partials.</param>
    /// <param name="CombineArgs">The combine op's arguments after the partials.</param>
    /// <param name="AggregateOp">The op turning the last partials into an output block.</param>
    /// <param name="AggregateArgs">The aggregate op's arguments after the partials and block shape.</param>
    /// <param name="OutDType">The dtype of the output blocks.</param>
    public sealed record Steps(
        string Kind,
        string ChunkOp,
        BlockwiseArg[] ChunkArgs,
        string CombineOp,
        TaskArg[] CombineArgs,
        string AggregateOp,
        TaskArg[] AggregateArgs,
        string OutDType);
}
