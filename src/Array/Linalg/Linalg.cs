using MiniDask.Graph;
using MiniDask.Kernels;

namespace MiniDask.Array;

/// <summary>
/// Linear algebra on chunked arrays of doubles (Dask's <c>dask.array.linalg</c>): blocked
/// algorithms whose per-block factorizations run on MathNet.Numerics and whose products use the
/// block GEMM of <see cref="DArray{TElement}.MatMul"/>. Each says what chunking it needs (a
/// column of blocks for tall-and-skinny arrays, square blocks for factorizations of square
/// ones) and names the <c>Rechunk</c> that gives it.
/// </summary>
public static partial class Linalg
{
    /// <summary>R factors stacked and factored together per step of the TSQR tree.</summary>
    public const int DefaultSplitEvery = 16;

    private static string TsqrRechunk(DArray<double> a) =>
        $"a.Rechunk(new[] {{ {a.Chunks[0].Max()}, {a.Shape[1]} }})";

    private static string Describe(DArray<double> a) =>
        $"shape {ChunkGrid.FormatShape(a.ShapeArray)} and chunks {ChunkGrid.Format(a.ChunkArrays)}";

    /// <summary>Refuses anything but a 2-D array with known block sizes.</summary>
    private static void RequireMatrix(DArray<double> a, string operation)
    {
        ArgumentNullException.ThrowIfNull(a);
        if (a.Rank != 2)
        {
            throw new ArgumentException($"{operation} needs a 2-D array; got shape {ChunkGrid.FormatShape(a.ShapeArray)}.", nameof(a));
        }

        a.RequireKnownChunks(operation);
    }

    /// <summary>Refuses anything but a tall-and-skinny array: one block along axis 1.</summary>
    private static void RequireTallSkinny(DArray<double> a, string operation)
    {
        RequireMatrix(a, operation);
        if (a.NumBlocks[1] != 1)
        {
            throw new ArgumentException(
                $"{operation} needs a tall-and-skinny array chunked along rows only (one block along axis 1); a has {Describe(a)}. Use {TsqrRechunk(a)}.", nameof(a));
        }
    }

    /// <summary>Refuses anything but a square array whose blocks on the diagonal are square (the same chunks on both axes).</summary>
    private static void RequireSquareBlocks(DArray<double> a, string operation)
    {
        RequireMatrix(a, operation);
        if (a.Shape[0] != a.Shape[1])
        {
            throw new ArgumentException($"{operation} needs a square array; a has shape {ChunkGrid.FormatShape(a.ShapeArray)}.", nameof(a));
        }

        if (!a.Chunks[0].SequenceEqual(a.Chunks[1]))
        {
            var size = a.Chunks[0].Max();
            throw new ArgumentException(
                $"{operation} needs square blocks on the diagonal (the same chunks along both axes); a has {Describe(a)}. Use a.Rechunk(new[] {{ {size}, {size} }}).", nameof(a));
        }
    }

    /// <summary>An array of one block, computed by <paramref name="task"/> over <paramref name="inputs"/>.</summary>
    private static DArray<T> OneBlock<T>(string name, int[] shape, DaskTask task, params TaskGraph[] inputs)
        where T : unmanaged, System.Numerics.INumber<T>
    {
        var tasks = new Dictionary<Key, DaskTask> { [new Key(name, new int[shape.Length])] = task };
        return DArray<T>.FromLayer(name, shape, [.. shape.Select(d => new[] { d })], tasks, inputs);
    }

    /// <summary>Part <paramref name="index"/> of a step that gives several matrices (see <see cref="LinalgOps.PartOp"/>).</summary>
    private static DaskTask Part(Key parts, int index) => new(LinalgOps.PartOp, TaskArg.Ref(parts), TaskArg.Literal(index));

    /// <summary>A block of zeros of <paramref name="shape"/>.</summary>
    private static DaskTask Zeros(params int[] shape) => new(ArrayOps.Name<double>("full"), TaskArg.Literal(shape), TaskArg.Literal(0.0));
}
