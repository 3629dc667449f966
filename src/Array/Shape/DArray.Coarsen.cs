using System.Numerics;
using MiniDask.Graph;
using MiniDask.Kernels;

namespace MiniDask.Array;

/// <summary>The reductions <see cref="DArray.Coarsen{T}(DArray{T}, CoarsenReduction, IReadOnlyDictionary{int, int}, bool)"/> applies to each window.</summary>
public enum CoarsenReduction
{
    /// <summary>The window's sum.</summary>
    Sum,

    /// <summary>The window's mean (in the element type: integer means truncate).</summary>
    Mean,

    /// <summary>The window's smallest element (NaN if it holds a NaN).</summary>
    Min,

    /// <summary>The window's largest element (NaN if it holds a NaN).</summary>
    Max,

    /// <summary>The window's product.</summary>
    Prod,
}

/// <summary>Dask's <c>coarsen</c>: reducing non-overlapping windows of neighbouring elements.</summary>
public static partial class DArray
{
    /// <summary>
    /// Each window of <paramref name="factors"/> neighbouring elements (axis to window length;
    /// axes not named keep length 1) reduced to one element (Dask's <c>coarsen</c>). Blocks are
    /// first rechunked so that each block size is a multiple of its factor, then every block is
    /// reduced on its own. An axis whose length is not a multiple of its factor is refused, or its
    /// trailing elements dropped with <paramref name="trimExcess"/>.
    /// </summary>
    /// <exception cref="ArgumentException">A factor is not positive, or an axis' length is not a multiple of its factor and trimming is off.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An axis is outside <c>[-rank, rank)</c>.</exception>
    public static DArray<T> Coarsen<T>(this DArray<T> x, CoarsenReduction reduction, IReadOnlyDictionary<int, int> factors, bool trimExcess = false)
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(factors);
        x.RequireKnownChunks("Coarsen");
        var f = Enumerable.Repeat(1, x.Rank).ToArray();
        foreach (var (axis, factor) in factors)
        {
            if (factor < 1)
            {
                throw new ArgumentException($"Coarsen factors must be positive; got {factor} for axis {axis}.", nameof(factors));
            }

            f[Shapes.NormalizeAxis(axis, x.Rank)] = factor;
        }

        var keep = x.ShapeArray.Select((d, a) => d - (d % f[a])).ToArray();
        var ragged = Enumerable.Range(0, x.Rank).Where(a => keep[a] != x.ShapeArray[a]).ToArray();
        if (ragged.Length > 0)
        {
            if (!trimExcess)
            {
                var a = ragged[0];
                throw new ArgumentException(
                    $"Coarsen: axis {a} of shape {Shapes.Format(x.ShapeArray)} is not a multiple of its factor {f[a]}; pass trimExcess: true to drop the last {x.ShapeArray[a] % f[a]} elements.",
                    nameof(factors));
            }

            x = x[[.. keep.Select(k => Slice.Of(0, k))]];
        }

        var target = x.ChunkArrays.Select((c, a) => MultipleChunks(c, f[a])).ToArray();
        x = x.Rechunk(target);
        var outChunks = x.ChunkArrays.Select((c, a) => c.Select(s => s / f[a]).ToArray()).ToArray();
        var letters = ArrayBlockwise.Letters(x.Rank);
        var op = reduction.ToString().ToLowerInvariant();
        var name = Tokenize.Name("coarsen", x.Name, op, f);
        var task = new BlockwiseTask(ArrayOps.Name<T>("coarsen"), [ArrayBlockwise.Blocks(x.Node, letters), .. ArrayBlockwise.Literals(op, f)]);
        return DArray<T>.FromNode(ArrayBlockwise.Build(name, letters, outChunks, x.DType, task, [x.Node]));
    }

    /// <summary>Block sizes near <paramref name="chunks"/>' that are each a multiple of <paramref name="factor"/> and sum to the same length.</summary>
    private static int[] MultipleChunks(int[] chunks, int factor)
    {
        if (factor == 1 || chunks.All(c => c % factor == 0))
        {
            return chunks;
        }

        var total = chunks.Sum();
        var size = Math.Max(factor, chunks.Max() / factor * factor);
        var result = new List<int>();
        for (var left = total; left > 0; left -= size)
        {
            result.Add(Math.Min(size, left));
        }

        return result.Count == 0 ? [0] : [.. result];
    }
}
