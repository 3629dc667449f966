using MiniDask.Graph;
using MiniDask.Kernels;

namespace MiniDask.Array;

/// <summary>Top-k selection, unique values, membership, search and the positions of nonzero elements (Dask's <c>topk</c>, <c>unique</c>, <c>isin</c>, <c>digitize</c>, <c>argwhere</c>, ...).</summary>
public sealed partial class DArray<TElement>
{
    /// <summary>
    /// The <paramref name="k"/> largest elements along <paramref name="axis"/>, largest first; for
    /// a negative <paramref name="k"/> the |k| smallest, smallest first (Dask's <c>topk</c>). Each
    /// block keeps its own |k| candidates, and the candidates of an axis are then joined and cut to |k|.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="k"/> is zero.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The axis is outside <c>[-rank, rank)</c>.</exception>
    public DArray<TElement> TopK(int k, int axis = -1)
    {
        var a = TopKAxis(k, axis);
        var op = ArrayNode.Op("topk", DType);
        var candidates = TopKStep("topk-chunk", Node, a, k, op, [BlockwiseArg.Literal(k), BlockwiseArg.Literal(a)]);
        var joined = UnifyChunks.Single(candidates, [a]);
        return FromNode(TopKStep("topk", joined, a, k, op, [BlockwiseArg.Literal(k), BlockwiseArg.Literal(a)]));
    }

    /// <summary>The positions along <paramref name="axis"/> of the elements <see cref="TopK"/> picks, in its order (Dask's <c>argtopk</c>).</summary>
    /// <exception cref="ArgumentException"><paramref name="k"/> is zero.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The axis is outside <c>[-rank, rank)</c>.</exception>
    public DArray<long> ArgTopK(int k, int axis = -1)
    {
        var a = TopKAxis(k, axis);
        var op = ArrayNode.Op("argtopk-chunk", DType);
        var offsets = ArrayBlockwise.AlongAxis(AxisBlocks.Offsets(chunks[a], asLong: true), a);
        var values = TopKStep("argtopk-values", Node, a, k, op, [BlockwiseArg.Literal(k), BlockwiseArg.Literal(a), offsets, BlockwiseArg.Literal(false)]);
        var indices = TopKStep("argtopk-indices", Node, a, k, op, [BlockwiseArg.Literal(k), BlockwiseArg.Literal(a), offsets, BlockwiseArg.Literal(true)]) with { DType = "int64" };
        var (v, i) = (UnifyChunks.Single(values, [a]), UnifyChunks.Single(indices, [a]));
        var letters = ArrayBlockwise.Letters(Rank);
        var outChunks = v.Chunks.Select((c, ax) => ax == a ? [Math.Min(Math.Abs(k), shape[a])] : (int[])c.Clone()).ToArray();
        var task = new BlockwiseTask(
            ArrayNode.Op("argtopk", DType),
            [ArrayBlockwise.Blocks(v, letters), ArrayBlockwise.Blocks(i, letters), BlockwiseArg.Literal(k), BlockwiseArg.Literal(a)]);
        return DArray<long>.FromNode(ArrayBlockwise.Build(Tokenize.Name("argtopk", Name, k, a), letters, outChunks, "int64", task, [v, i]));
    }

    /// <summary>The distinct elements in sorted order, NaN last (Dask's <c>unique</c>); its size is known once computed.</summary>
    public DArray<TElement> Unique() => FromNode(UniqueValues());

    /// <summary>The distinct elements and how often each occurs (<c>unique(return_counts=True)</c>).</summary>
    public (DArray<TElement> Values, DArray<long> Counts) UniqueCounts()
    {
        var values = SetLayers.Partials("unique-chunk", Node, DType, ArrayNode.Op("unique-chunk", DType), [false], BlockwiseArg.Literal(false));
        var counts = SetLayers.Partials("unique-counts-chunk", Node, "int64", ArrayNode.Op("unique-chunk", DType), [true], BlockwiseArg.Literal(true));
        var merge = ArrayNode.Op("unique-merge", DType);
        return (FromNode(SetLayers.Merge("unique", merge, DType, [ChunkGrid.Unknown], [[values], [counts]], false)),
                DArray<long>.FromNode(SetLayers.Merge("unique-counts", merge, "int64", [ChunkGrid.Unknown], [[values], [counts]], true)));
    }

    /// <summary>
    /// The distinct elements and, for every element of this array, the position of its value among
    /// them (<c>unique(return_inverse=True)</c>); the inverse has this array's shape and chunks
    /// (reshape it to one dimension for NumPy 1's flat inverse).
    /// </summary>
    public (DArray<TElement> Values, DArray<long> Inverse) UniqueInverse()
    {
        var values = UniqueValues();
        var letters = ArrayBlockwise.Letters(Rank);
        var task = new BlockwiseTask(ArrayNode.Op("unique-inverse", DType), [ArrayBlockwise.Blocks(Node, letters), ArrayBlockwise.Blocks(values, "A", concatenate: true)]);
        var inverse = ArrayBlockwise.Build(Tokenize.Name("unique-inverse", Name), letters, chunks, "int64", task, [Node, values], shape);
        return (FromNode(values), DArray<long>.FromNode(inverse));
    }

    /// <summary>Whether each element occurs among <paramref name="testElements"/> (NumPy's <c>isin</c>; with <paramref name="invert"/>, whether it does not). The test elements travel to every block as one block.</summary>
    public DArray<Bool> IsIn(DArray<TElement> testElements, bool invert = false)
    {
        ArgumentNullException.ThrowIfNull(testElements);
        var test = UnifyChunks.Single(testElements.Node, Enumerable.Range(0, testElements.Rank));
        var letters = ArrayBlockwise.Letters(Rank);
        var testLetters = new string([.. Enumerable.Range(0, test.Rank).Select(i => (char)('A' + i))]);
        var task = new BlockwiseTask(
            ArrayNode.Op("isin", DType),
            [ArrayBlockwise.Blocks(Node, letters), ArrayBlockwise.Blocks(test, testLetters, concatenate: true), BlockwiseArg.Literal(invert)]);
        return DArray<Bool>.FromNode(ArrayBlockwise.Build(Tokenize.Name("isin", Name, test.Name, invert), letters, chunks, "bool", task, [Node, test], shape));
    }

    /// <summary>
    /// The index of the bin of <paramref name="bins"/> each element falls in (NumPy's
    /// <c>digitize</c>): <c>i</c> with <c>bins[i-1] &lt;= x &lt; bins[i]</c> for increasing bins,
    /// the other side closed with <paramref name="right"/>; decreasing bins work mirrored.
    /// </summary>
    /// <exception cref="ArgumentException">The bins are neither increasing nor decreasing.</exception>
    public DArray<long> Digitize(double[] bins, bool right = false)
    {
        ArgumentNullException.ThrowIfNull(bins);
        var up = bins.Zip(bins.Skip(1)).All(p => p.First <= p.Second);
        var down = bins.Zip(bins.Skip(1)).All(p => p.First >= p.Second);
        if (!up && !down)
        {
            throw new ArgumentException($"Digitize takes bins that increase or decrease monotonically; got [{string.Join(", ", bins)}].", nameof(bins));
        }

        var letters = ArrayBlockwise.Letters(Rank);
        var task = new BlockwiseTask(ArrayNode.Op("digitize", DType), [ArrayBlockwise.Blocks(Node, letters), BlockwiseArg.Literal(bins), BlockwiseArg.Literal(right)]);
        return DArray<long>.FromNode(ArrayBlockwise.Build(Tokenize.Name("digitize", Name, bins, right), letters, chunks, "int64", task, [Node], shape));
    }

    /// <summary>The coordinates of the nonzero elements in row-major order, one row each: a <c>(n, rank)</c> array whose length is known once computed (NumPy's <c>argwhere</c>).</summary>
    /// <exception cref="ArgumentException">The array is zero-dimensional.</exception>
    public DArray<long> ArgWhere() => DArray<long>.FromNode(NonzeroLayer(-1));

    /// <summary>The indices of the nonzero elements in the flattened array (NumPy's <c>flatnonzero</c>).</summary>
    /// <exception cref="ArgumentException">The array is zero-dimensional.</exception>
    public DArray<long> FlatNonzero() => DArray<long>.FromNode(NonzeroLayer(-2));

    /// <summary>The indices of the nonzero elements, one array per axis (NumPy's <c>nonzero</c>).</summary>
    /// <exception cref="ArgumentException">The array is zero-dimensional.</exception>
    public DArray<long>[] Nonzero() => [.. Enumerable.Range(0, Rank).Select(axis => DArray<long>.FromNode(NonzeroLayer(axis)))];

    private ArrayNode UniqueValues()
    {
        var values = SetLayers.Partials("unique-chunk", Node, DType, ArrayNode.Op("unique-chunk", DType), [false], BlockwiseArg.Literal(false));
        return SetLayers.Merge("unique", ArrayNode.Op("unique-merge", DType), DType, [ChunkGrid.Unknown], [[values], null], false);
    }

    private int TopKAxis(int k, int axis)
    {
        var a = NormalizeAxis(axis);
        RequireKnownChunks("TopK", a);
        return k != 0 ? a : throw new ArgumentException($"TopK takes a nonzero k (negative for the smallest); got 0 for array {Name}.", nameof(k));
    }

    private static ArrayNode TopKStep(string kind, ArrayNode x, int axis, int k, string op, BlockwiseArg[] extra)
    {
        var letters = ArrayBlockwise.Letters(x.Rank);
        var outChunks = x.Chunks.Select((c, a) => a == axis ? [.. c.Select(size => Math.Min(size, Math.Abs(k)))] : (int[])c.Clone()).ToArray();
        var task = new BlockwiseTask(op, [ArrayBlockwise.Blocks(x, letters), .. extra]);
        return ArrayBlockwise.Build(Tokenize.Name(kind, x.Name, k, axis), letters, outChunks, x.DType, task, [x]);
    }

    /// <summary>The positions of nonzero elements by <see cref="SetOps{T}.ArgWhere"/>'s column (-1 every axis, -2 flat): every axis past the first joined into one block, so that blocks run in row-major element order.</summary>
    private ArrayNode NonzeroLayer(int column)
    {
        if (Rank == 0)
        {
            throw new ArgumentException($"ArgWhere, Nonzero and FlatNonzero take an array of at least one dimension; {Name} is zero-dimensional (reshape it to [1]).");
        }

        RequireKnownChunks("ArgWhere");
        var rows = UnifyChunks.Single(Node, Enumerable.Range(1, Rank - 1));
        var letters = ArrayBlockwise.Letters(Rank);
        var starts = ArrayBlockwise.AlongAxis(AxisBlocks.Offsets(chunks[0], asLong: true), 0);
        var unknown = chunks[0].Select(_ => ChunkGrid.Unknown).ToArray();
        var task = new BlockwiseTask(ArrayNode.Op("argwhere", DType), [ArrayBlockwise.Blocks(rows, letters, concatenate: true), starts, BlockwiseArg.Literal(column)]);
        var name = Tokenize.Name("argwhere", Name, column);
        return column == -1
            ? ArrayBlockwise.Build(name, "aZ", [unknown, [Rank]], "int64", task, [rows])
            : ArrayBlockwise.Build(name, "a", [unknown], "int64", task, [rows]);
    }
}
