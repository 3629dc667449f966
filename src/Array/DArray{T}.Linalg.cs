using MiniDask.Graph;
using MiniDask.Kernels;

namespace MiniDask.Array;

public sealed partial class DArray<TElement>
{
    /// <summary>
    /// The matrix product with NumPy's <c>matmul</c> semantics for arrays of rank 1 and 2:
    /// <c>(m, k)·(k, n) → (m, n)</c>, a 1-D operand acts as a row or column vector and its axis is
    /// removed from the result (two vectors give a 0-d inner product).
    /// </summary>
    /// <param name="other">The right operand.</param>
    /// <param name="splitEvery">Partial products summed per step of the tree sum; null for 4.</param>
    /// <exception cref="ArgumentException">An operand is 0-d, or the inner sizes differ; the message names both shapes.</exception>
    /// <exception cref="NotSupportedException">An operand has more than 2 axes (stacked matrices).</exception>
    /// <exception cref="UnknownChunkSizesException">A summed axis has unknown size; other axes may be unknown.</exception>
    public DArray<TElement> MatMul(DArray<TElement> other, int? splitEvery = null)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (Rank == 0 || other.Rank == 0)
        {
            throw new ArgumentException(
                $"matmul of shapes {ChunkGrid.FormatShape(shape)} and {ChunkGrid.FormatShape(other.shape)}: 0-d operands are not allowed; use * for scaling.");
        }

        if (Rank > 2 || other.Rank > 2)
        {
            throw new NotSupportedException(
                $"matmul of shapes {ChunkGrid.FormatShape(shape)} and {ChunkGrid.FormatShape(other.shape)}: stacks of matrices (rank above 2) are not supported; use TensorDot.");
        }

        return TensorDot(other, [Rank - 1], [0], splitEvery);
    }

    /// <summary>
    /// NumPy's <c>dot</c>: for 1-D and 2-D operands the inner or matrix product; for higher ranks
    /// the sum product over the last axis of this array and the second-to-last of
    /// <paramref name="other"/> (its only axis if 1-D); a 0-d operand scales the other.
    /// </summary>
    /// <exception cref="ArgumentException">The summed axes differ in size; the message names both shapes.</exception>
    public DArray<TElement> Dot(DArray<TElement> other, int? splitEvery = null)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (Rank == 0 || other.Rank == 0)
        {
            return this * other;
        }

        return TensorDot(other, [Rank - 1], [Math.Max(0, other.Rank - 2)], splitEvery);
    }

    /// <summary>NumPy's <c>tensordot(a, b, axes)</c> with an integer: sums over the last <paramref name="axes"/> axes of this array and the first of <paramref name="other"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="axes"/> exceeds a rank, or paired axes differ in size.</exception>
    public DArray<TElement> TensorDot(DArray<TElement> other, int axes = 2, int? splitEvery = null)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (axes < 0 || axes > Rank || axes > other.Rank)
        {
            throw new ArgumentException(
                $"tensordot of shapes {ChunkGrid.FormatShape(shape)} and {ChunkGrid.FormatShape(other.shape)} cannot sum over {axes} axes.", nameof(axes));
        }

        return TensorDot(other, [.. Enumerable.Range(Rank - axes, axes)], [.. Enumerable.Range(0, axes)], splitEvery);
    }

    /// <summary>
    /// NumPy's <c>tensordot(a, b, (axesA, axesB))</c>: sums products over the paired axes; the
    /// result has this array's other axes followed by <paramref name="other"/>'s. Where the paired
    /// axes are chunked differently, <paramref name="other"/> is rechunked to match. Each output
    /// block is the sum of one block product (a GEMM) per block along the summed axes, added in a
    /// tree of <paramref name="splitEvery"/>, so memory stays within a few blocks per output block.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// The axis lists differ in length, repeat or leave an operand's range, or paired axes differ
    /// in size; the message names both shapes.
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="splitEvery"/> is below 2.</exception>
    /// <exception cref="UnknownChunkSizesException">A summed axis has unknown size; other axes may be unknown.</exception>
    public DArray<TElement> TensorDot(DArray<TElement> other, int[] axesA, int[] axesB, int? splitEvery = null)
    {
        ArgumentNullException.ThrowIfNull(other);
        ArgumentNullException.ThrowIfNull(axesA);
        ArgumentNullException.ThrowIfNull(axesB);
        var split = splitEvery ?? TreeReduction.DefaultSplitEvery;
        if (split < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(splitEvery), split, $"splitEvery must be at least 2 (partials summed per step); got {split}.");
        }

        var (ca, cb) = PairAxes(this, other, axesA, axesB);
        var b = other;
        if (ca.Select((a, i) => !chunks[a].AsSpan().SequenceEqual(other.chunks[cb[i]])).Any(differs => differs))
        {
            var aligned = (int[][])other.chunks.Clone();
            for (var i = 0; i < ca.Length; i++)
            {
                aligned[cb[i]] = chunks[ca[i]];
            }

            b = other.Rechunk(aligned);
        }

        var freeA = Enumerable.Range(0, Rank).Except(ca).ToArray();
        var freeB = Enumerable.Range(0, b.Rank).Except(cb).ToArray();
        var outShape = freeA.Select(a => shape[a]).Concat(freeB.Select(a => b.shape[a])).ToArray();
        var outChunks = freeA.Select(a => chunks[a]).Concat(freeB.Select(a => b.chunks[a])).ToArray();
        var contractionCounts = ca.Select(a => chunks[a].Length).ToArray();
        var contractionBlocks = ChunkGrid.Indices(contractionCounts).ToList();

        var token = Tokenize.Token(Name, b.Name, ca, cb, split);
        var name = $"tensordot-{token}";
        var productName = contractionBlocks.Count == 1 ? name : $"tensordot-product-{token}";
        var productOp = ArrayOps.Name<TElement>("tensordot");
        var products = new Dictionary<Key, DaskTask>();
        var partials = new List<(int[] Out, List<Key> Keys)>();
        foreach (var outIndex in ChunkGrid.Indices(ChunkGrid.BlockCounts(outChunks)))
        {
            var keys = new List<Key>();
            for (var c = 0; c < contractionBlocks.Count; c++)
            {
                var ia = new int[Rank];
                var ib = new int[b.Rank];
                for (var i = 0; i < freeA.Length; i++)
                {
                    ia[freeA[i]] = outIndex[i];
                }

                for (var i = 0; i < freeB.Length; i++)
                {
                    ib[freeB[i]] = outIndex[freeA.Length + i];
                }

                for (var i = 0; i < ca.Length; i++)
                {
                    ia[ca[i]] = contractionBlocks[c][i];
                    ib[cb[i]] = contractionBlocks[c][i];
                }

                var key = contractionBlocks.Count == 1 ? new Key(name, outIndex) : new Key(productName, [.. outIndex, c]);
                products[key] = new DaskTask(productOp, new Key(Name, ia), new Key(b.Name, ib), TaskArg.Literal(ca), TaskArg.Literal(cb));
                keys.Add(key);
            }

            partials.Add((outIndex, keys));
        }

        var graph = TaskGraph.FromLayer(new MaterializedLayer(productName, products), Graph, b.Graph);
        if (contractionBlocks.Count == 1)
        {
            return new DArray<TElement>(name, outShape, outChunks, graph);
        }

        return TreeSum(name, token, outShape, outChunks, partials, split, graph);
    }

    /// <summary>Sums each output block's partial products in a tree: groups of <paramref name="split"/> merged per level.</summary>
    private static DArray<TElement> TreeSum(
        string name, string token, int[] outShape, int[][] outChunks, List<(int[] Out, List<Key> Keys)> partials, int split, TaskGraph graph)
    {
        var combineOp = ArrayOps.Name<TElement>("sum-combine");
        for (var level = 1; partials.Any(p => p.Keys.Count > split); level++)
        {
            var levelName = $"tensordot-sum{level}-{token}";
            var tasks = new Dictionary<Key, DaskTask>();
            for (var g = 0; g < partials.Count; g++)
            {
                var (outIndex, keys) = partials[g];
                if (keys.Count <= split)
                {
                    continue;
                }

                var next = new List<Key>();
                foreach (var group in keys.Chunk(split))
                {
                    var key = new Key(levelName, [.. outIndex, next.Count]);
                    tasks[key] = new DaskTask(combineOp, TaskArg.Refs(group));
                    next.Add(key);
                }

                partials[g] = (outIndex, next);
            }

            graph = TaskGraph.FromLayer(new MaterializedLayer(levelName, tasks), graph);
        }

        var aggregateOp = ArrayOps.Name<TElement>("sum-aggregate");
        var final = new Dictionary<Key, DaskTask>();
        foreach (var (outIndex, keys) in partials)
        {
            final[new Key(name, outIndex)] = new DaskTask(aggregateOp, TaskArg.Refs(keys), TaskArg.Literal(ChunkGrid.BlockShape(outChunks, outIndex)));
        }

        return new DArray<TElement>(name, outShape, outChunks, TaskGraph.FromLayer(new MaterializedLayer(name, final), graph));
    }

    private static (int[] A, int[] B) PairAxes(DArray<TElement> a, DArray<TElement> b, int[] axesA, int[] axesB)
    {
        string Describe() => $"tensordot of shapes {ChunkGrid.FormatShape(a.shape)} and {ChunkGrid.FormatShape(b.shape)} over axes [{string.Join(", ", axesA)}] and [{string.Join(", ", axesB)}]";
        if (axesA.Length != axesB.Length)
        {
            throw new ArgumentException($"{Describe()}: both operands need the same number of axes.");
        }

        var ca = new int[axesA.Length];
        var cb = new int[axesB.Length];
        for (var i = 0; i < ca.Length; i++)
        {
            ca[i] = axesA[i] < 0 ? axesA[i] + a.Rank : axesA[i];
            cb[i] = axesB[i] < 0 ? axesB[i] + b.Rank : axesB[i];
            if ((uint)ca[i] >= (uint)a.Rank || (uint)cb[i] >= (uint)b.Rank || ca.Take(i).Contains(ca[i]) || cb.Take(i).Contains(cb[i]))
            {
                throw new ArgumentException($"{Describe()}: the axes must be distinct and within each operand's rank.");
            }

            a.RequireKnownChunks(Describe(), ca[i]);
            b.RequireKnownChunks(Describe(), cb[i]);
            if (a.shape[ca[i]] != b.shape[cb[i]])
            {
                throw new ArgumentException(
                    $"{Describe()}: axis {ca[i]} of the first has size {a.shape[ca[i]]} but axis {cb[i]} of the second has size {b.shape[cb[i]]}.");
            }
        }

        return (ca, cb);
    }
}
