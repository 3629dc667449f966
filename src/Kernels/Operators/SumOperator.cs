using System.Numerics;
using System.Numerics.Tensors;

namespace MiniDask.Kernels;

/// <summary>Sum; the sum of no elements is zero.</summary>
/// <typeparam name="T">The element type.</typeparam>
public readonly struct SumOperator<T> : IReductionOperator<T>
    where T : unmanaged, INumber<T>
{
    /// <inheritdoc />
    public static string Name => "sum";

    /// <inheritdoc />
    public static T Aggregate(ReadOnlySpan<T> x) => TensorPrimitives.Sum(x);

    /// <inheritdoc />
    public static T Combine(T x, T y) => x + y;

    /// <inheritdoc />
    public static void Combine(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> destination) => TensorPrimitives.Add(x, y, destination);
}
