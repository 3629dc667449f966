using System.Numerics;
using MiniDask.Graph;
using MiniDask.Kernels;

namespace MiniDask.Array;

/// <summary>Repeating arrays and elements: NumPy's <c>tile</c> and <c>repeat</c>.</summary>
public static partial class DArray
{
    /// <summary>
    /// The array repeated <paramref name="reps"/> times along each axis (NumPy's <c>tile</c>): with
    /// more repetitions than axes the array gains leading axes of size 1 first, with fewer the
    /// repetitions apply to the trailing axes. The copies are concatenated, so blocks repeat too.
    /// </summary>
    /// <exception cref="ArgumentException">A repetition count is negative.</exception>
    public static DArray<T> Tile<T>(this DArray<T> x, params int[] reps)
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(reps);
        if (reps.Any(r => r < 0))
        {
            throw new ArgumentException($"Tile repetitions must be non-negative; got {Shapes.Format(reps)}.", nameof(reps));
        }

        var result = x;
        while (result.Rank < reps.Length)
        {
            result = result[Slice.NewAxis, Slice.Ellipsis];
        }

        var counts = Enumerable.Repeat(1, result.Rank - reps.Length).Concat(reps).ToArray();
        for (var a = 0; a < counts.Length; a++)
        {
            if (counts[a] == 0)
            {
                var shape = result.ShapeArray.Select((d, b) => b == a ? 0 : d).ToArray();
                return Zeros<T>(shape, [.. shape.Select(d => Math.Max(1, d))]);
            }

            if (counts[a] > 1)
            {
                result = Concatenate(Enumerable.Repeat(result, counts[a]).ToList(), a);
            }
        }

        return result;
    }

    /// <summary>
    /// Each element repeated <paramref name="repeats"/> times along <paramref name="axis"/> (NumPy's
    /// <c>repeat</c>; without an axis the array is flattened first). Every block repeats its own
    /// elements, so the blocks grow by the factor and nothing moves between blocks.
    /// </summary>
    /// <exception cref="ArgumentException">The repeat count is negative.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The axis is outside <c>[-rank, rank)</c>.</exception>
    public static DArray<T> Repeat<T>(this DArray<T> x, int repeats, int? axis = null)
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        if (repeats < 0)
        {
            throw new ArgumentException($"Repeat count must be non-negative; got {repeats}.", nameof(repeats));
        }

        if (axis is null)
        {
            return x.Ravel().Repeat(repeats, 0);
        }

        var a = Shapes.NormalizeAxis(axis.Value, x.Rank);
        x.RequireKnownChunks("Repeat", a);
        if (repeats == 1)
        {
            return x;
        }

        var chunks = x.ChunkArrays.Select((c, b) => b == a ? c.Select(s => s * repeats).ToArray() : c).ToArray();
        var letters = ArrayBlockwise.Letters(x.Rank);
        var name = Tokenize.Name("repeat", x.Name, repeats, a);
        var task = new BlockwiseTask(ArrayOps.Name<T>("repeat"), [ArrayBlockwise.Blocks(x.Node, letters), .. ArrayBlockwise.Literals(repeats, a)]);
        return DArray<T>.FromNode(ArrayBlockwise.Build(name, letters, chunks, x.DType, task, [x.Node]));
    }
}
