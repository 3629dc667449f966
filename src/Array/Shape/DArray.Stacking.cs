using System.Numerics;
using MiniDask.Kernels;

namespace MiniDask.Array;

/// <summary>
/// Joining arrays along the first, second or third axis (NumPy's <c>vstack</c>, <c>hstack</c>,
/// <c>dstack</c>) and assembling nested lists of blocks (<c>block</c>), on top of
/// <see cref="Concatenate{T}(IReadOnlyList{DArray{T}}, int)"/>.
/// </summary>
public static partial class DArray
{
    /// <summary>The arrays joined along axis 0 after <see cref="AtLeast2d{T}"/> (NumPy's <c>vstack</c>: 1-D arrays become rows).</summary>
    /// <exception cref="ArgumentException">No arrays, or the shapes differ off the joined axis.</exception>
    public static DArray<T> VStack<T>(IReadOnlyList<DArray<T>> arrays)
        where T : unmanaged, INumber<T> => Concatenate(NonEmpty(arrays, "VStack").Select(AtLeast2d).ToList(), 0);

    /// <summary>The arrays joined along axis 1, or along axis 0 when they are 1-D (NumPy's <c>hstack</c>).</summary>
    /// <exception cref="ArgumentException">No arrays, or the shapes differ off the joined axis.</exception>
    public static DArray<T> HStack<T>(IReadOnlyList<DArray<T>> arrays)
        where T : unmanaged, INumber<T>
    {
        var all = NonEmpty(arrays, "HStack").Select(AtLeast1d).ToList();
        return Concatenate(all, all[0].Rank == 1 ? 0 : 1);
    }

    /// <summary>The arrays joined along axis 2 after <see cref="AtLeast3d{T}"/> (NumPy's <c>dstack</c>).</summary>
    /// <exception cref="ArgumentException">No arrays, or the shapes differ off the joined axis.</exception>
    public static DArray<T> DStack<T>(IReadOnlyList<DArray<T>> arrays)
        where T : unmanaged, INumber<T> => Concatenate(NonEmpty(arrays, "DStack").Select(AtLeast3d).ToList(), 2);

    /// <summary>
    /// One array assembled from a row of arrays (NumPy's <c>block([a, b])</c>): joined along the
    /// last axis, after giving every array the largest rank among them.
    /// </summary>
    /// <exception cref="ArgumentException">No arrays, or the shapes do not fit together.</exception>
    public static DArray<T> Block<T>(IReadOnlyList<DArray<T>> row)
        where T : unmanaged, INumber<T>
    {
        var all = NonEmpty(row, "Block");
        var rank = Math.Max(1, all.Max(a => a.Rank));
        return Concatenate(all.Select(a => WithRank(a, rank)).ToList(), rank - 1);
    }

    /// <summary>
    /// One array assembled from rows of arrays (NumPy's <c>block([[a, b], [c, d]])</c>): each row
    /// is joined along the last axis, then the rows along the second-to-last, after giving every
    /// array the rank max(2, largest rank).
    /// </summary>
    /// <exception cref="ArgumentException">No rows or an empty row, or the shapes do not fit together.</exception>
    public static DArray<T> Block<T>(IReadOnlyList<IReadOnlyList<DArray<T>>> rows)
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0 || rows.Any(r => r is null || r.Count == 0))
        {
            throw new ArgumentException("Block needs at least one row and no empty rows.", nameof(rows));
        }

        var rank = Math.Max(2, rows.SelectMany(r => r).Max(a => a.Rank));
        var joined = rows.Select(r => Concatenate(r.Select(a => WithRank(a, rank)).ToList(), rank - 1)).ToList();
        return Concatenate(joined, rank - 2);
    }

    private static DArray<T> WithRank<T>(DArray<T> x, int rank)
        where T : unmanaged, INumber<T>
    {
        while (x.Rank < rank)
        {
            x = x[Slice.NewAxis, Slice.Ellipsis];
        }

        return x;
    }

    private static IReadOnlyList<DArray<T>> NonEmpty<T>(IReadOnlyList<DArray<T>> arrays, string operation)
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(arrays);
        return arrays.Count > 0 ? arrays : throw new ArgumentException($"{operation} needs at least one array.", nameof(arrays));
    }
}
