using System.Numerics;

namespace MiniDask.Kernels;

/// <summary>
/// Elementwise floor division with NumPy's <c>//</c> semantics (<c>np.floor_divide</c>): the
/// quotient rounded toward negative infinity, so <c>-7 // 2</c> is -4 where C#'s <c>/</c> gives
/// -3, and <c>x == (x // y) * y + x % y</c> with <see cref="RemainderOperator{T}"/>. An integer
/// divisor of zero gives 0, and <c>MinValue // -1</c> wraps to <c>MinValue</c>, as in NumPy.
/// Floats follow NumPy's <c>divmod</c>: the quotient of <c>x - fmod(x, y)</c> snapped to an
/// integer (so <c>1.0 // 0.1</c> is 9), a zero divisor gives <c>x / y</c> (infinity or NaN).
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
public readonly struct FloorDivideOperator<T> : IBinaryOperator<T>
    where T : unmanaged, INumber<T>
{
    /// <inheritdoc />
    public static T Invoke(T x, T y) => IsFloat ? FloatInvoke(x, y) : IntegerInvoke(x, y);

    /// <inheritdoc />
    public static void Invoke(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> destination) => ScalarLoop.Binary<FloorDivideOperator<T>, T>(x, y, destination);

    /// <inheritdoc />
    public static void Invoke(ReadOnlySpan<T> x, T y, Span<T> destination) => ScalarLoop.Binary<FloorDivideOperator<T>, T>(x, y, destination);

    /// <inheritdoc />
    public static void Invoke(T x, ReadOnlySpan<T> y, Span<T> destination) => ScalarLoop.Binary<FloorDivideOperator<T>, T>(x, y, destination);

    private static bool IsFloat => ScalarLoop.IsFloat<T>();

    private static T IntegerInvoke(T x, T y)
    {
        if (T.IsZero(y))
        {
            return T.Zero;
        }

        if (y == -T.One)
        {
            return -x;
        }

        var quotient = x / y;
        return !T.IsZero(x % y) && T.IsNegative(x) != T.IsNegative(y) ? quotient - T.One : quotient;
    }

    private static T FloatInvoke(T x, T y)
    {
        if (T.IsZero(y))
        {
            return x / y;
        }

        // x - fmod(x, y) is very nearly a multiple of y: divide, step down where the floored
        // remainder would change sign, and snap to the nearest integer.
        var mod = x % y;
        var div = (x - mod) / y;
        if (!T.IsZero(mod) && T.IsNegative(y) != T.IsNegative(mod))
        {
            div -= T.One;
        }

        if (T.IsZero(div))
        {
            return T.IsNegative(x / y) ? -T.Zero : T.Zero;
        }

        // floor(div) from the exact fmod(div, 1), in generic arithmetic that device kernels compile.
        var fraction = div % T.One;
        if (T.IsNaN(fraction))
        {
            return div; // an infinite or NaN quotient is its own floor
        }

        var floor = div - fraction;
        if (T.IsNegative(fraction) && !T.IsZero(fraction))
        {
            floor -= T.One;
        }

        return div - floor > T.One / (T.One + T.One) ? floor + T.One : floor;
    }
}
