using System.Numerics;
using MiniDask.Graph;
using MiniDask.Kernels;

namespace MiniDask.Array;

/// <summary>
/// Builds tree reductions (Dask's <c>reduction</c>): a chunk step reduces each block along the
/// reduced axes (keeping them with size 1), combine steps merge groups of at most
/// <c>splitEvery</c> partial results, and an aggregate step merges the last group into each
/// output block. Partials are grouped in row-major block order, so a scheduler that runs the
/// graph in order holds only about <c>splitEvery</c> partials per tree level at a time.
/// </summary>
internal static class TreeReduction
{
    /// <summary>The default number of partial results merged per combine step.</summary>
    public const int DefaultSplitEvery = 4;

    /// <summary>
    /// The reduction <paramref name="kind"/> (<c>sum</c>, <c>mean</c>, <c>min</c>, <c>max</c>) of
    /// <paramref name="x"/> along <paramref name="axes"/> (already normalized, distinct).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="splitEvery"/> is below 2.</exception>
    public static DArray<T> Build<T>(DArray<T> x, string kind, int[] axes, bool keepDims, int? splitEvery)
        where T : unmanaged, INumber<T>
    {
        var split = splitEvery ?? DefaultSplitEvery;
        if (split < 2)
        {
            throw new ArgumentOutOfRangeException(
                nameof(splitEvery), split, $"splitEvery must be at least 2 (partials merged per combine step); got {split}.");
        }

        var rank = x.Rank;
        var shape = x.ShapeArray;
        var chunks = x.ChunkArrays;
        var reduced = new bool[rank];
        foreach (var a in axes)
        {
            reduced[a] = true;
        }

        var token = Tokenize.Token(kind, x.Name, axes, keepDims, split);
        var partialKind = kind == "mean" ? "sum" : kind;
        var graph = x.Graph;

        var chunkName = $"{kind}-chunk-{token}";
        var chunkOp = ArrayOps.Name<T>($"{partialKind}-chunk");
        var chunkTasks = new Dictionary<Key, DaskTask>();
        foreach (var key in x.OutputKeys)
        {
            chunkTasks[new Key(chunkName, key.Index.ToArray())] = new DaskTask(chunkOp, key, TaskArg.Literal(axes));
        }

        graph = TaskGraph.FromLayer(new Layer(chunkName, chunkTasks), graph);

        var keptAxes = Enumerable.Range(0, rank).Where(a => !reduced[a]).ToArray();
        var reducedAxes = Enumerable.Range(0, rank).Where(a => reduced[a]).ToArray();
        var keptCounts = keptAxes.Select(a => chunks[a].Length).ToArray();
        var reducedCounts = reducedAxes.Select(a => chunks[a].Length).ToArray();

        // Each output block's partials, row-major over the reduced axes' blocks.
        var groups = new List<(int[] Out, List<Key> Partials)>();
        foreach (var outIndex in ChunkGrid.Indices(keptCounts))
        {
            var partials = new List<Key>();
            foreach (var redIndex in ChunkGrid.Indices(reducedCounts))
            {
                var full = new int[rank];
                for (var i = 0; i < keptAxes.Length; i++)
                {
                    full[keptAxes[i]] = outIndex[i];
                }

                for (var i = 0; i < reducedAxes.Length; i++)
                {
                    full[reducedAxes[i]] = redIndex[i];
                }

                partials.Add(new Key(chunkName, full));
            }

            groups.Add((outIndex, partials));
        }

        var combineOp = ArrayOps.Name<T>($"{partialKind}-combine");
        for (var level = 1; groups.Any(g => g.Partials.Count > split); level++)
        {
            var levelName = $"{kind}-combine{level}-{token}";
            var levelTasks = new Dictionary<Key, DaskTask>();
            for (var g = 0; g < groups.Count; g++)
            {
                var (outIndex, partials) = groups[g];
                if (partials.Count <= split)
                {
                    continue;
                }

                var next = new List<Key>();
                foreach (var group in partials.Chunk(split))
                {
                    var key = new Key(levelName, [.. outIndex, next.Count]);
                    levelTasks[key] = new DaskTask(combineOp, TaskArg.Refs(group));
                    next.Add(key);
                }

                groups[g] = (outIndex, next);
            }

            graph = TaskGraph.FromLayer(new Layer(levelName, levelTasks), graph);
        }

        var outShape = new List<int>();
        var outChunks = new List<int[]>();
        for (var axis = 0; axis < rank; axis++)
        {
            if (!reduced[axis])
            {
                outShape.Add(shape[axis]);
                outChunks.Add(chunks[axis]);
            }
            else if (keepDims)
            {
                outShape.Add(1);
                outChunks.Add([1]);
            }
        }

        var name = $"{kind}-{token}";
        var aggregateOp = ArrayOps.Name<T>($"{kind}-aggregate");
        var count = reducedAxes.Aggregate(1L, (n, a) => n * shape[a]);
        var finalTasks = new Dictionary<Key, DaskTask>();
        foreach (var (outIndex, partials) in groups)
        {
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

            TaskArg[] args = kind == "mean"
                ? [TaskArg.Refs(partials), TaskArg.Literal(blockShape.ToArray()), TaskArg.Literal(count)]
                : [TaskArg.Refs(partials), TaskArg.Literal(blockShape.ToArray())];
            finalTasks[new Key(name, [.. blockIndex])] = new DaskTask(aggregateOp, args);
        }

        return new DArray<T>(name, [.. outShape], [.. outChunks], TaskGraph.FromLayer(new Layer(name, finalTasks), graph));
    }
}
