using System.Numerics;
using System.Numerics.Tensors;

namespace MiniDask.Kernels;

/// <summary>Maximum (NaN propagates, as in NumPy); there is no identity, so an empty input is an error.</summary>
/// <typeparam name="T">The element type.</typeparam>
public readonly struct MaxOperator<T> : IReductionOperator<T>
    where T : unmanaged, INumber<T>
{
    /// <inheritdoc />
    public static string Name => "max";

    /// <inheritdoc />
    public static T Aggregate(ReadOnlySpan<T> x) => x.IsEmpty
        ? throw new InvalidOperationException("Zero-size array to reduction operation max, which has no identity.")
        : TensorPrimitives.Max(x);

    /// <inheritdoc />
    public static T Combine(T x, T y) => T.Max(x, y);

    /// <inheritdoc />
    public static void Combine(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> destination) => TensorPrimitives.Max(x, y, destination);
}
