using System.Numerics;
using System.Numerics.Tensors;

namespace MiniDask.Kernels;

/// <summary>Elementwise square root (NaN below zero, as in NumPy).</summary>
/// <typeparam name="T">The element type.</typeparam>
public readonly struct SqrtOperator<T> : IUnaryOperator<T>
    where T : unmanaged, INumber<T>, IRootFunctions<T>
{
    /// <inheritdoc />
    public static string Name => "sqrt";

    /// <inheritdoc />
    public static T Invoke(T x) => T.Sqrt(x);

    /// <inheritdoc />
    public static void Invoke(ReadOnlySpan<T> x, Span<T> destination) => TensorPrimitives.Sqrt(x, destination);
}
