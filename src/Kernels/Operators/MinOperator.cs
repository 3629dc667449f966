using System.Numerics;
using System.Numerics.Tensors;

namespace MiniDask.Kernels;

/// <summary>Minimum (NaN propagates, as in NumPy); there is no identity, so an empty input is an error.</summary>
/// <typeparam name="T">The element type.</typeparam>
public readonly struct MinOperator<T> : IReductionOperator<T>
    where T : unmanaged, INumber<T>
{
    /// <inheritdoc />
    public static string Name => "min";

    /// <inheritdoc />
    public static T Aggregate(ReadOnlySpan<T> x) => x.IsEmpty
        ? throw new InvalidOperationException("Zero-size array to reduction operation min, which has no identity.")
        : TensorPrimitives.Min(x);

    /// <inheritdoc />
    public static T Combine(T x, T y) => T.Min(x, y);

    /// <inheritdoc />
    public static void Combine(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> destination) => TensorPrimitives.Min(x, y, destination);
}
