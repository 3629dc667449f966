using System.Numerics;
using MiniDask.Kernels;

namespace MiniDask.Array;

/// <summary>Elementwise choice among several arrays: NumPy's <c>choose</c>, <c>select</c> and <c>piecewise</c>.</summary>
public static partial class DArray
{
    /// <summary>
    /// Each element taken from the choice its index names (NumPy's <c>choose</c>, mode "raise"):
    /// <c>result[i] = choices[index[i]][i]</c>, index and choices broadcast together.
    /// </summary>
    /// <exception cref="ArgumentException">No choices, or the shapes do not broadcast.</exception>
    /// <remarks>An index outside <c>[0, choices)</c> fails the computation, naming the index.</remarks>
    public static DArray<T> Choose<TIndex, T>(DArray<TIndex> index, IReadOnlyList<DArray<T>> choices)
        where TIndex : unmanaged, IBinaryInteger<TIndex>
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(choices);
        if (choices.Count == 0)
        {
            throw new ArgumentException("Choose needs at least one choice.", nameof(choices));
        }

        var dtype = DTypes.NameOf<T>();
        return DArray<T>.FromNode(ElementwiseLayer.Map("choose", ArrayOps.Name<T>("choose"), dtype, [index.AsType<long>().Node, .. choices.Select(c => c.Node)]));
    }

    /// <summary>
    /// Where the first condition holds, the first choice; else where the second holds, the
    /// second; ...; elsewhere <paramref name="defaultValue"/> (NumPy's <c>select</c>), with broadcasting.
    /// </summary>
    /// <exception cref="ArgumentException">The lists differ in length or are empty, or the shapes do not broadcast.</exception>
    public static DArray<T> Select<T>(IReadOnlyList<DArray<Bool>> conditions, IReadOnlyList<DArray<T>> choices, T defaultValue = default)
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(conditions);
        ArgumentNullException.ThrowIfNull(choices);
        if (conditions.Count != choices.Count || conditions.Count == 0)
        {
            throw new ArgumentException($"Select needs one choice per condition and at least one of each; got {conditions.Count} conditions and {choices.Count} choices.", nameof(choices));
        }

        var result = Where(conditions[^1], choices[^1], defaultValue);
        for (var i = conditions.Count - 2; i >= 0; i--)
        {
            result = Where(conditions[i], choices[i], result);
        }

        return result;
    }

    /// <summary>
    /// <paramref name="x"/> with each piece where a condition holds replaced by what its function
    /// makes of <paramref name="x"/> (NumPy's <c>piecewise</c>); where several hold, the last
    /// wins, as in NumPy; elsewhere <paramref name="otherwise"/> applies, or 0 when it is null.
    /// Each function is applied to the whole array and its values kept where its condition
    /// holds, so it must be elementwise (NumPy passes it only the selected elements).
    /// </summary>
    /// <exception cref="ArgumentException">The lists differ in length or are empty.</exception>
    public static DArray<T> Piecewise<T>(this DArray<T> x, IReadOnlyList<DArray<Bool>> conditions, IReadOnlyList<Func<DArray<T>, DArray<T>>> functions, Func<DArray<T>, DArray<T>>? otherwise = null)
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(conditions);
        ArgumentNullException.ThrowIfNull(functions);
        if (conditions.Count != functions.Count || conditions.Count == 0)
        {
            throw new ArgumentException($"Piecewise needs one function per condition; got {conditions.Count} conditions and {functions.Count} functions.", nameof(functions));
        }

        var result = otherwise is null ? x.ZerosLike() : otherwise(x);
        for (var i = 0; i < conditions.Count; i++)
        {
            result = Where(conditions[i], functions[i](x), result);
        }

        return result;
    }
}
