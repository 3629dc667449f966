using System.Numerics;
using System.Runtime.Intrinsics;

namespace MiniDask.Kernels;

/// <summary>Elementwise <c>x != y</c> (true where either is NaN).</summary>
/// <typeparam name="T">The element type.</typeparam>
public readonly struct NotEqualOperator<T> : IComparisonOperator<T>
    where T : unmanaged, INumber<T>
{
    /// <inheritdoc />
    public static string Name => "not_equal";

    /// <inheritdoc />
    public static bool Invoke(T x, T y) => x != y;

    /// <inheritdoc />
    public static Vector256<T> Invoke(Vector256<T> x, Vector256<T> y) => ~Vector256.Equals(x, y);
}
