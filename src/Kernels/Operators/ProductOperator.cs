using System.Numerics;
using System.Numerics.Tensors;

namespace MiniDask.Kernels;

/// <summary>Product; the product of no elements is one.</summary>
/// <typeparam name="T">The element type.</typeparam>
public readonly struct ProductOperator<T> : IReductionOperator<T>
    where T : unmanaged, INumber<T>
{
    /// <inheritdoc />
    public static string Name => "prod";

    /// <inheritdoc />
    public static T Aggregate(ReadOnlySpan<T> x) => x.IsEmpty ? T.One : TensorPrimitives.Product(x);

    /// <inheritdoc />
    public static T Combine(T x, T y) => x * y;

    /// <inheritdoc />
    public static void Combine(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> destination) => TensorPrimitives.Multiply(x, y, destination);
}
