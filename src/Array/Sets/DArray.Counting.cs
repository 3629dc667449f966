using System.Numerics;
using MiniDask.Graph;
using MiniDask.Kernels;

namespace MiniDask.Array;

public static partial class DArray
{
    /// <summary>
    /// Where each element of <paramref name="v"/> would be inserted into the sorted one-dimensional
    /// <paramref name="a"/> to keep it sorted (NumPy's <c>searchsorted</c>): before equal elements
    /// for side <c>left</c>, after them for <c>right</c>. <paramref name="a"/> travels to every block of <paramref name="v"/> as one block.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="a"/> is not one-dimensional, or the side is neither left nor right.</exception>
    public static DArray<long> SearchSorted<T>(DArray<T> a, DArray<T> v, string side = "left")
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(v);
        if (a.Rank != 1 || side is not ("left" or "right"))
        {
            throw new ArgumentException($"SearchSorted takes a one-dimensional sorted array and side 'left' or 'right'; got shape {Shapes.Format(a.ShapeArray)} and side '{side}'.");
        }

        var sorted = UnifyChunks.Single(a.Node, [0]);
        var letters = ArrayBlockwise.Letters(v.Rank);
        var task = new BlockwiseTask(
            ArrayNode.Op("searchsorted", a.DType),
            [ArrayBlockwise.Blocks(sorted, "A", concatenate: true), ArrayBlockwise.Blocks(v.Node, letters), BlockwiseArg.Literal(side == "right")]);
        return DArray<long>.FromNode(ArrayBlockwise.Build(Tokenize.Name("searchsorted", a.Name, v.Name, side), letters, v.ChunkArrays, "int64", task, [sorted, v.Node], v.ShapeArray));
    }

    /// <summary>The sorted distinct elements of both arrays, flattened (NumPy's <c>union1d</c>); its size is known once computed.</summary>
    public static DArray<T> Union1d<T>(DArray<T> a, DArray<T> b)
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var op = ArrayNode.Op("unique-chunk", a.DType);
        var partials = new[] { a, b }.Select(x => SetLayers.Partials("unique-chunk", x.Node, x.DType, op, [false], BlockwiseArg.Literal(false))).ToArray();
        return DArray<T>.FromNode(SetLayers.Merge("union1d", ArrayNode.Op("unique-merge", a.DType), a.DType, [ChunkGrid.Unknown], [partials, null], false));
    }

    /// <summary>
    /// How often each non-negative integer occurs in the one-dimensional <paramref name="x"/>
    /// (NumPy's <c>bincount</c>). With <paramref name="minlength"/> above zero the result has that
    /// length (and computing fails on a larger value, as Dask declares the size up front);
    /// otherwise its length, the largest value plus one, is known once computed.
    /// </summary>
    /// <exception cref="ArgumentException">The array is not one-dimensional, or minlength is negative.</exception>
    public static DArray<long> Bincount<T>(DArray<T> x, int minlength = 0)
        where T : unmanaged, IBinaryInteger<T> => DArray<long>.FromNode(Bincounts(x, null, minlength, "int64"));

    /// <summary>The sums of <paramref name="weights"/> per non-negative integer of <paramref name="x"/> (<c>bincount(x, weights)</c>); otherwise as <see cref="Bincount{T}(DArray{T}, int)"/>.</summary>
    /// <exception cref="ArgumentException">The arrays are not one-dimensional of one length, or minlength is negative.</exception>
    public static DArray<double> Bincount<T>(DArray<T> x, DArray<double> weights, int minlength = 0)
        where T : unmanaged, IBinaryInteger<T>
    {
        ArgumentNullException.ThrowIfNull(weights);
        return DArray<double>.FromNode(Bincounts(x, weights, minlength, "float64"));
    }

    private static ArrayNode Bincounts<T>(DArray<T> x, DArray<double>? weights, int minlength, string dtype)
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Rank != 1 || minlength < 0 || (weights is not null && !weights.ShapeArray.SequenceEqual(x.ShapeArray)))
        {
            throw new ArgumentException(
                $"Bincount takes a one-dimensional array, weights of its shape and a minlength of at least 0; got shape {Shapes.Format(x.ShapeArray)}, weights {(weights is null ? "none" : Shapes.Format(weights.ShapeArray))}, minlength {minlength}.");
        }

        var aligned = weights is null ? null : UnifyChunks.To(weights.Node, x.ChunkArrays);
        var partials = SetLayers.Partials(
            "bincount-chunk",
            x.Node,
            aligned is null ? [] : [aligned],
            "float64",
            ArrayNode.Op("bincount", x.DType),
            [],
            aligned is null ? BlockwiseArg.Literal(null) : ArrayBlockwise.Blocks(aligned, "a"));
        return SetLayers.Merge("bincount", SetOps.SumPartialsOp, dtype, [minlength > 0 ? minlength : ChunkGrid.Unknown], [[partials]], dtype, minlength, minlength > 0);
    }
}
