using System.Numerics;

namespace MiniDask.Array;

/// <summary>
/// Sums, products, cumulative sums and means accumulated in a chosen element type, NumPy's
/// <c>dtype=</c> argument: <c>Sum&lt;long&gt;()</c> of an int32 or boolean array is what NumPy's
/// <c>sum()</c> gives by default (int64), where <c>Sum()</c> accumulates in the element type
/// and can overflow; <c>Mean&lt;double&gt;()</c> of an integer array is NumPy's float64 mean, where
/// <c>Mean()</c> truncates. Each block is converted before its partial result is taken, as
/// Dask's <c>sum(dtype=...)</c> does.
/// </summary>
public sealed partial class DArray<TElement>
{
    /// <summary>The sum of all elements, accumulated in <typeparamref name="TResult"/> (NumPy's <c>sum(dtype=TResult)</c>).</summary>
    /// <typeparam name="TResult">The type to convert to and sum in; <c>long</c> for NumPy's default integer sum.</typeparam>
    /// <param name="splitEvery">Partial results merged per combine step; null for 4.</param>
    /// <exception cref="NotSupportedException"><typeparamref name="TResult"/> is <see cref="Kernels.Bool"/>.</exception>
    public DScalar<TResult> Sum<TResult>(int? splitEvery = null)
        where TResult : unmanaged, INumber<TResult> => AsType<TResult>().Sum(splitEvery);

    /// <summary>The sum along <paramref name="axis"/>, accumulated in <typeparamref name="TResult"/>.</summary>
    /// <typeparam name="TResult">The type to convert to and sum in.</typeparam>
    /// <param name="axis">The axis to reduce; -1 is the last.</param>
    /// <param name="keepDims">Keep the reduced axis with size 1 instead of removing it.</param>
    /// <param name="splitEvery">Partial results merged per combine step; null for 4.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="axis"/> is outside <c>[-rank, rank)</c>, or <paramref name="splitEvery"/> is below 2.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="TResult"/> is <see cref="Kernels.Bool"/>.</exception>
    public DArray<TResult> Sum<TResult>(int axis, bool keepDims = false, int? splitEvery = null)
        where TResult : unmanaged, INumber<TResult> => AsType<TResult>().Sum(NormalizeAxis(axis), keepDims, splitEvery);

    /// <summary>The sum along several axes, accumulated in <typeparamref name="TResult"/>.</summary>
    /// <typeparam name="TResult">The type to convert to and sum in.</typeparam>
    /// <param name="axes">The distinct axes to reduce.</param>
    /// <param name="keepDims">Keep the reduced axes with size 1 instead of removing them.</param>
    /// <param name="splitEvery">Partial results merged per combine step; null for 4.</param>
    /// <exception cref="ArgumentOutOfRangeException">An axis is outside <c>[-rank, rank)</c>, or <paramref name="splitEvery"/> is below 2.</exception>
    /// <exception cref="ArgumentException">An axis is given twice.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="TResult"/> is <see cref="Kernels.Bool"/>.</exception>
    public DArray<TResult> Sum<TResult>(int[] axes, bool keepDims = false, int? splitEvery = null)
        where TResult : unmanaged, INumber<TResult> => AsType<TResult>().Sum(NormalizeAxes(axes), keepDims, splitEvery);

    /// <summary>The product of all elements, accumulated in <typeparamref name="TResult"/> (NumPy's <c>prod(dtype=TResult)</c>).</summary>
    /// <typeparam name="TResult">The type to convert to and multiply in; <c>long</c> for NumPy's default integer product.</typeparam>
    /// <param name="splitEvery">Partial results merged per combine step; null for 4.</param>
    /// <exception cref="NotSupportedException"><typeparamref name="TResult"/> is <see cref="Kernels.Bool"/>.</exception>
    public DScalar<TResult> Prod<TResult>(int? splitEvery = null)
        where TResult : unmanaged, INumber<TResult> => AsType<TResult>().Prod(splitEvery);

    /// <summary>The product along <paramref name="axis"/>, accumulated in <typeparamref name="TResult"/>.</summary>
    /// <typeparam name="TResult">The type to convert to and multiply in.</typeparam>
    /// <param name="axis">The axis to reduce; -1 is the last.</param>
    /// <param name="keepDims">Keep the reduced axis with size 1 instead of removing it.</param>
    /// <param name="splitEvery">Partial results merged per combine step; null for 4.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="axis"/> is outside <c>[-rank, rank)</c>, or <paramref name="splitEvery"/> is below 2.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="TResult"/> is <see cref="Kernels.Bool"/>.</exception>
    public DArray<TResult> Prod<TResult>(int axis, bool keepDims = false, int? splitEvery = null)
        where TResult : unmanaged, INumber<TResult> => AsType<TResult>().Prod(NormalizeAxis(axis), keepDims, splitEvery);

    /// <summary>The cumulative sum along <paramref name="axis"/>, accumulated in <typeparamref name="TResult"/> (NumPy's <c>cumsum(axis, dtype=TResult)</c>).</summary>
    /// <typeparam name="TResult">The type to convert to and sum in; <c>long</c> for NumPy's default integer cumulative sum.</typeparam>
    /// <param name="axis">The axis to accumulate along; -1 is the last.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="axis"/> is outside <c>[-rank, rank)</c>.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="TResult"/> is <see cref="Kernels.Bool"/>.</exception>
    public DArray<TResult> CumSum<TResult>(int axis)
        where TResult : unmanaged, INumber<TResult> => AsType<TResult>().CumSum(NormalizeAxis(axis));

    /// <summary>The cumulative product along <paramref name="axis"/>, accumulated in <typeparamref name="TResult"/>.</summary>
    /// <typeparam name="TResult">The type to convert to and multiply in.</typeparam>
    /// <param name="axis">The axis to accumulate along; -1 is the last.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="axis"/> is outside <c>[-rank, rank)</c>.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="TResult"/> is <see cref="Kernels.Bool"/>.</exception>
    public DArray<TResult> CumProd<TResult>(int axis)
        where TResult : unmanaged, INumber<TResult> => AsType<TResult>().CumProd(NormalizeAxis(axis));

    /// <summary>The mean of all elements, computed in <typeparamref name="TResult"/>: <c>Mean&lt;double&gt;()</c> is NumPy's mean of an integer array.</summary>
    /// <typeparam name="TResult">The type to convert to, sum and divide in.</typeparam>
    /// <param name="splitEvery">Partial results merged per combine step; null for 4.</param>
    /// <exception cref="NotSupportedException"><typeparamref name="TResult"/> is <see cref="Kernels.Bool"/>.</exception>
    public DScalar<TResult> Mean<TResult>(int? splitEvery = null)
        where TResult : unmanaged, INumber<TResult> => AsType<TResult>().Mean(splitEvery);

    /// <summary>The mean along <paramref name="axis"/>, computed in <typeparamref name="TResult"/>.</summary>
    /// <typeparam name="TResult">The type to convert to, sum and divide in.</typeparam>
    /// <param name="axis">The axis to reduce; -1 is the last.</param>
    /// <param name="keepDims">Keep the reduced axis with size 1 instead of removing it.</param>
    /// <param name="splitEvery">Partial results merged per combine step; null for 4.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="axis"/> is outside <c>[-rank, rank)</c>, or <paramref name="splitEvery"/> is below 2.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="TResult"/> is <see cref="Kernels.Bool"/>.</exception>
    public DArray<TResult> Mean<TResult>(int axis, bool keepDims = false, int? splitEvery = null)
        where TResult : unmanaged, INumber<TResult> => AsType<TResult>().Mean(NormalizeAxis(axis), keepDims, splitEvery);
}
