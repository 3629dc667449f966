using System.Numerics;
using MiniDask.Kernels;

namespace MiniDask.Array;

/// <summary>
/// Reordering elements and axes: <c>Flip</c>, <c>FlipUd</c>, <c>FlipLr</c>, <c>Rot90</c>,
/// <c>SwapAxes</c>, <c>MoveAxis</c>, <c>Ravel</c> and <c>Roll</c>, built from slicing,
/// transposition, reshaping and concatenation, as Dask builds them.
/// </summary>
public static partial class DArray
{
    /// <summary>The elements in reverse order along <paramref name="axis"/> (NumPy's <c>flip</c>); blocks reverse with them.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The axis is outside <c>[-rank, rank)</c>.</exception>
    public static DArray<T> Flip<T>(this DArray<T> x, int axis)
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        var a = Shapes.NormalizeAxis(axis, x.Rank);
        var index = Enumerable.Repeat(Slice.All, x.Rank).ToArray();
        index[a] = Slice.Of(null, null, -1);
        return x[index];
    }

    /// <summary>The elements in reverse order along every axis in <paramref name="axes"/>, or along all axes when none are given.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An axis is outside <c>[-rank, rank)</c>.</exception>
    public static DArray<T> Flip<T>(this DArray<T> x, int[]? axes = null)
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        return (axes ?? [.. Enumerable.Range(0, x.Rank)]).Aggregate(x, (y, a) => y.Flip(a));
    }

    /// <summary>The rows in reverse order (NumPy's <c>flipud</c>, a flip along axis 0).</summary>
    /// <exception cref="ArgumentException">The array is 0-d.</exception>
    public static DArray<T> FlipUd<T>(this DArray<T> x)
        where T : unmanaged, INumber<T> => RequireRank(x, 1, "FlipUd").Flip(0);

    /// <summary>The columns in reverse order (NumPy's <c>fliplr</c>, a flip along axis 1).</summary>
    /// <exception cref="ArgumentException">The array has fewer than two axes.</exception>
    public static DArray<T> FlipLr<T>(this DArray<T> x)
        where T : unmanaged, INumber<T> => RequireRank(x, 2, "FlipLr").Flip(1);

    /// <summary>
    /// The array rotated by 90 degrees <paramref name="k"/> times in the plane of
    /// <paramref name="axes"/>, from the first axis toward the second (NumPy's <c>rot90</c>).
    /// </summary>
    /// <exception cref="ArgumentException">The array has fewer than two axes, or the two axes are the same.</exception>
    public static DArray<T> Rot90<T>(this DArray<T> x, int k = 1, int[]? axes = null)
        where T : unmanaged, INumber<T>
    {
        RequireRank(x, 2, "Rot90");
        axes ??= [0, 1];
        if (axes.Length != 2)
        {
            throw new ArgumentException($"Rot90 takes two axes; got {axes.Length}.", nameof(axes));
        }

        var (a, b) = (Shapes.NormalizeAxis(axes[0], x.Rank), Shapes.NormalizeAxis(axes[1], x.Rank));
        if (a == b)
        {
            throw new ArgumentException($"Rot90 axes must differ; got {axes[0]} and {axes[1]} for an array of shape {Shapes.Format(x.ShapeArray)}.", nameof(axes));
        }

        return (((k % 4) + 4) % 4) switch
        {
            0 => x,
            1 => x.Flip(b).SwapAxes(a, b),
            2 => x.Flip(a).Flip(b),
            _ => x.SwapAxes(a, b).Flip(b),
        };
    }

    /// <summary>The array with axes <paramref name="axis1"/> and <paramref name="axis2"/> interchanged (NumPy's <c>swapaxes</c>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">An axis is outside <c>[-rank, rank)</c>.</exception>
    public static DArray<T> SwapAxes<T>(this DArray<T> x, int axis1, int axis2)
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        var order = Enumerable.Range(0, x.Rank).ToArray();
        var (a, b) = (Shapes.NormalizeAxis(axis1, x.Rank), Shapes.NormalizeAxis(axis2, x.Rank));
        (order[a], order[b]) = (order[b], order[a]);
        return x.Transpose(order);
    }

    /// <summary>The array with axis <paramref name="source"/> moved to position <paramref name="destination"/>, the others keeping their order (NumPy's <c>moveaxis</c>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">An axis is outside <c>[-rank, rank)</c>.</exception>
    public static DArray<T> MoveAxis<T>(this DArray<T> x, int source, int destination)
        where T : unmanaged, INumber<T> => MoveAxis(x, [source], [destination]);

    /// <summary>The array with each axis of <paramref name="source"/> moved to the matching position of <paramref name="destination"/> (NumPy's <c>moveaxis</c>).</summary>
    /// <exception cref="ArgumentException">The lists differ in length or repeat an axis.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An axis is outside <c>[-rank, rank)</c>.</exception>
    public static DArray<T> MoveAxis<T>(this DArray<T> x, int[] source, int[] destination)
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(destination);
        var src = source.Select(a => Shapes.NormalizeAxis(a, x.Rank)).ToArray();
        var dst = destination.Select(a => Shapes.NormalizeAxis(a, x.Rank)).ToArray();
        if (src.Length != dst.Length || src.Distinct().Count() != src.Length || dst.Distinct().Count() != dst.Length)
        {
            throw new ArgumentException($"MoveAxis needs as many distinct source axes as destination axes; got [{string.Join(", ", source)}] and [{string.Join(", ", destination)}].", nameof(source));
        }

        var rest = new Queue<int>(Enumerable.Range(0, x.Rank).Where(a => !src.Contains(a)));
        var order = new int[x.Rank];
        for (var p = 0; p < x.Rank; p++)
        {
            var i = System.Array.IndexOf(dst, p);
            order[p] = i >= 0 ? src[i] : rest.Dequeue();
        }

        return x.Transpose(order);
    }

    /// <summary>The elements as a 1-D array in row-major order (NumPy's <c>ravel</c>); the array is rechunked as <see cref="DArray{TElement}.Reshape"/> needs.</summary>
    /// <exception cref="UnknownChunkSizesException">Some block sizes are unknown.</exception>
    public static DArray<T> Ravel<T>(this DArray<T> x)
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        return x.Rank == 1 ? x : x.Reshape(-1);
    }

    /// <summary>
    /// The elements shifted by <paramref name="shift"/> positions along <paramref name="axis"/>,
    /// those pushed past the end coming back at the start (NumPy's <c>roll</c>); without an axis
    /// the array is rolled as if flattened, keeping its shape.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The axis is outside <c>[-rank, rank)</c>.</exception>
    /// <exception cref="UnknownChunkSizesException">Some block sizes are unknown.</exception>
    public static DArray<T> Roll<T>(this DArray<T> x, int shift, int? axis = null)
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        x.RequireKnownChunks("Roll");
        if (axis is null)
        {
            return x.Rank == 1 ? x.Roll(shift, 0) : x.Ravel().Roll(shift, 0).Reshape(x.ShapeArray);
        }

        var a = Shapes.NormalizeAxis(axis.Value, x.Rank);
        var n = x.ShapeArray[a];
        var s = n == 0 ? 0 : ((shift % n) + n) % n;
        if (s == 0)
        {
            return x;
        }

        return Concatenate([Along(x, a, Slice.Of(n - s, null)), Along(x, a, Slice.Of(null, n - s))], a);
    }

    /// <summary>The rolls along several axes in turn (NumPy's <c>roll</c> with tuples of shifts and axes).</summary>
    /// <exception cref="ArgumentException">The lists differ in length.</exception>
    public static DArray<T> Roll<T>(this DArray<T> x, int[] shifts, int[] axes)
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(shifts);
        ArgumentNullException.ThrowIfNull(axes);
        if (shifts.Length != axes.Length)
        {
            throw new ArgumentException($"Roll needs one shift per axis; got {shifts.Length} shifts and {axes.Length} axes.", nameof(shifts));
        }

        return shifts.Zip(axes).Aggregate(x, (y, p) => y.Roll(p.First, p.Second));
    }

    /// <summary><paramref name="x"/> indexed by <paramref name="entry"/> along <paramref name="axis"/> and whole elsewhere.</summary>
    internal static DArray<T> Along<T>(DArray<T> x, int axis, Slice entry)
        where T : unmanaged, INumber<T>
    {
        var index = Enumerable.Repeat(Slice.All, x.Rank).ToArray();
        index[axis] = entry;
        return x[index];
    }

    private static DArray<T> RequireRank<T>(DArray<T> x, int rank, string operation)
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        return x.Rank >= rank ? x : throw new ArgumentException($"{operation} needs an array of at least {rank} axes; got shape {Shapes.Format(x.ShapeArray)}.", nameof(x));
    }
}
