using System.Numerics;

namespace MiniDask.Kernels;

/// <summary>
/// A reduction's combine step as an elementwise binary op: <typeparamref name="TOp"/>'s
/// <see cref="IReductionOperator{T}.Combine(T, T)"/> on matching elements, so the combine and
/// aggregate steps of a tree reduction run through the same binary drivers and kernels as
/// <c>x + y</c> (vectorized on the host by the reduction's own span form).
/// </summary>
/// <typeparam name="TOp">The reduction.</typeparam>
/// <typeparam name="T">The element type.</typeparam>
public readonly struct CombineOperator<TOp, T> : IBinaryOperator<T>
    where TOp : IReductionOperator<T>
    where T : unmanaged, INumber<T>
{
    /// <inheritdoc />
    public static T Invoke(T x, T y) => TOp.Combine(x, y);

    /// <inheritdoc />
    public static void Invoke(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> destination) => TOp.Combine(x, y, destination);

    /// <inheritdoc />
    public static void Invoke(ReadOnlySpan<T> x, T y, Span<T> destination) => ScalarLoop.Binary<CombineOperator<TOp, T>, T>(x, y, destination);

    /// <inheritdoc />
    public static void Invoke(T x, ReadOnlySpan<T> y, Span<T> destination) => ScalarLoop.Binary<CombineOperator<TOp, T>, T>(x, y, destination);
}
