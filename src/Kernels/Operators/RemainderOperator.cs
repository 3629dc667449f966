using System.Numerics;

namespace MiniDask.Kernels;

/// <summary>
/// Elementwise remainder with NumPy's <c>%</c> semantics (<c>np.remainder</c>): the result has
/// the sign of the divisor, <c>x - floor(x / y) * y</c>, unlike C#'s <c>%</c>, which keeps the
/// sign of the dividend. An integer divisor of zero gives 0, as in NumPy; a float one gives NaN.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
public readonly struct RemainderOperator<T> : IBinaryOperator<T>
    where T : unmanaged, INumber<T>
{
    /// <inheritdoc />
    public static T Invoke(T x, T y)
    {
        if (!IsFloat && T.IsZero(y))
        {
            return T.Zero;
        }

        if (!IsFloat && y == -T.One)
        {
            // Also avoids the overflow of MinValue % -1, which NumPy defines as 0.
            return T.Zero;
        }

        var r = x % y;
        if (T.IsZero(r))
        {
            // A zero with the divisor's sign (as CopySign, written so that device kernels compile it for integers too).
            return IsFloat && T.IsNegative(y) ? -T.Zero : r;
        }

        return T.IsNegative(r) != T.IsNegative(y) ? r + y : r;
    }

    /// <inheritdoc />
    public static void Invoke(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> destination) => ScalarLoop.Binary<RemainderOperator<T>, T>(x, y, destination);

    /// <inheritdoc />
    public static void Invoke(ReadOnlySpan<T> x, T y, Span<T> destination) => ScalarLoop.Binary<RemainderOperator<T>, T>(x, y, destination);

    /// <inheritdoc />
    public static void Invoke(T x, ReadOnlySpan<T> y, Span<T> destination) => ScalarLoop.Binary<RemainderOperator<T>, T>(x, y, destination);

    private static bool IsFloat => ScalarLoop.IsFloat<T>();
}
