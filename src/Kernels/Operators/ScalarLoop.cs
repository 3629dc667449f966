using System.Numerics;

namespace MiniDask.Kernels;

/// <summary>
/// The one scalar driver for span forms that have no vector form: the transcendental operators
/// (exp, log, sin, cos, tanh, float power), floor division and remainder. Every
/// element goes through the operator's scalar function (<see cref="Math"/>'s, the C library's
/// correctly or nearly correctly rounded one), one element at a time. TensorPrimitives' vector
/// approximations differ from it by an ulp or more (and wholly for tanh of tiny arguments), and
/// which of the two an element got depended on the span's length (short spans and 0-d blocks
/// take the scalar path) and on how far the JIT had optimised the vector code (its fused
/// multiply-adds); one function per op makes the same input give the same bits in every block
/// layout, on every scheduler, worker and device, cold or warm.
/// </summary>
internal static class ScalarLoop
{
    /// <summary>
    /// Whether <typeparamref name="T"/> is a floating-point type, by arithmetic (one half is not
    /// zero) rather than a type test: the JIT folds it to a constant, and device kernels, which
    /// cannot compile type tests, compile it too.
    /// </summary>
    public static bool IsFloat<T>()
        where T : INumber<T> => T.One / (T.One + T.One) != T.Zero;

    /// <summary><typeparamref name="TOp"/>'s scalar function on each element of <paramref name="x"/>.</summary>
    public static void Unary<TOp, T>(ReadOnlySpan<T> x, Span<T> destination)
        where TOp : IUnaryOperator<T>
        where T : unmanaged, INumber<T>
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, x.Length, nameof(destination));
        for (var i = 0; i < x.Length; i++)
        {
            destination[i] = TOp.Invoke(x[i]);
        }
    }

    /// <summary><typeparamref name="TOp"/>'s scalar function on matching elements.</summary>
    public static void Binary<TOp, T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> destination)
        where TOp : IBinaryOperator<T>
        where T : unmanaged, INumber<T>
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(y.Length, x.Length, nameof(y));
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, x.Length, nameof(destination));
        for (var i = 0; i < x.Length; i++)
        {
            destination[i] = TOp.Invoke(x[i], y[i]);
        }
    }

    /// <summary><typeparamref name="TOp"/>'s scalar function on each element and <paramref name="y"/>.</summary>
    public static void Binary<TOp, T>(ReadOnlySpan<T> x, T y, Span<T> destination)
        where TOp : IBinaryOperator<T>
        where T : unmanaged, INumber<T>
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, x.Length, nameof(destination));
        for (var i = 0; i < x.Length; i++)
        {
            destination[i] = TOp.Invoke(x[i], y);
        }
    }

    /// <summary><typeparamref name="TOp"/>'s scalar function on <paramref name="x"/> and each element.</summary>
    public static void Binary<TOp, T>(T x, ReadOnlySpan<T> y, Span<T> destination)
        where TOp : IBinaryOperator<T>
        where T : unmanaged, INumber<T>
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, y.Length, nameof(destination));
        for (var i = 0; i < y.Length; i++)
        {
            destination[i] = TOp.Invoke(x, y[i]);
        }
    }
}
