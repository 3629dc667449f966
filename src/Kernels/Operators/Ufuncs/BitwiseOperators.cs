using System.Numerics;

namespace MiniDask.Kernels;

/// <summary>The bits set in both x and y.</summary>
/// <typeparam name="T">The integer element type.</typeparam>
public readonly struct BitwiseAndOperator<T> : IBinaryOperator<T>
    where T : unmanaged, IBinaryInteger<T>
{
    /// <inheritdoc />
    public static T Invoke(T x, T y) => x & y;

    /// <inheritdoc />
    public static void Invoke(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> destination) => ScalarLoop.Binary<BitwiseAndOperator<T>, T>(x, y, destination);

    /// <inheritdoc />
    public static void Invoke(ReadOnlySpan<T> x, T y, Span<T> destination) => ScalarLoop.Binary<BitwiseAndOperator<T>, T>(x, y, destination);

    /// <inheritdoc />
    public static void Invoke(T x, ReadOnlySpan<T> y, Span<T> destination) => ScalarLoop.Binary<BitwiseAndOperator<T>, T>(x, y, destination);
}

/// <summary>The bits set in x or y.</summary>
/// <typeparam name="T">The integer element type.</typeparam>
public readonly struct BitwiseOrOperator<T> : IBinaryOperator<T>
    where T : unmanaged, IBinaryInteger<T>
{
    /// <inheritdoc />
    public static T Invoke(T x, T y) => x | y;

    /// <inheritdoc />
    public static void Invoke(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> destination) => ScalarLoop.Binary<BitwiseOrOperator<T>, T>(x, y, destination);

    /// <inheritdoc />
    public static void Invoke(ReadOnlySpan<T> x, T y, Span<T> destination) => ScalarLoop.Binary<BitwiseOrOperator<T>, T>(x, y, destination);

    /// <inheritdoc />
    public static void Invoke(T x, ReadOnlySpan<T> y, Span<T> destination) => ScalarLoop.Binary<BitwiseOrOperator<T>, T>(x, y, destination);
}

/// <summary>The bits set in exactly one of x and y.</summary>
/// <typeparam name="T">The integer element type.</typeparam>
public readonly struct BitwiseXorOperator<T> : IBinaryOperator<T>
    where T : unmanaged, IBinaryInteger<T>
{
    /// <inheritdoc />
    public static T Invoke(T x, T y) => x ^ y;

    /// <inheritdoc />
    public static void Invoke(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> destination) => ScalarLoop.Binary<BitwiseXorOperator<T>, T>(x, y, destination);

    /// <inheritdoc />
    public static void Invoke(ReadOnlySpan<T> x, T y, Span<T> destination) => ScalarLoop.Binary<BitwiseXorOperator<T>, T>(x, y, destination);

    /// <inheritdoc />
    public static void Invoke(T x, ReadOnlySpan<T> y, Span<T> destination) => ScalarLoop.Binary<BitwiseXorOperator<T>, T>(x, y, destination);
}

/// <summary>x shifted left by y bits; 0 once y reaches the type's width (NumPy's <c>left_shift</c>, not C#'s masked count).</summary>
/// <typeparam name="T">The integer element type.</typeparam>
public readonly struct LeftShiftOperator<T> : IBinaryOperator<T>
    where T : unmanaged, IBinaryInteger<T>
{
    /// <inheritdoc />
    public static T Invoke(T x, T y) => UfuncMath.LeftShift(x, y);

    /// <inheritdoc />
    public static void Invoke(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> destination) => ScalarLoop.Binary<LeftShiftOperator<T>, T>(x, y, destination);

    /// <inheritdoc />
    public static void Invoke(ReadOnlySpan<T> x, T y, Span<T> destination) => ScalarLoop.Binary<LeftShiftOperator<T>, T>(x, y, destination);

    /// <inheritdoc />
    public static void Invoke(T x, ReadOnlySpan<T> y, Span<T> destination) => ScalarLoop.Binary<LeftShiftOperator<T>, T>(x, y, destination);
}

/// <summary>x shifted right by y bits, keeping the sign; 0 (or -1 for negative x) once y reaches the type's width.</summary>
/// <typeparam name="T">The integer element type.</typeparam>
public readonly struct RightShiftOperator<T> : IBinaryOperator<T>
    where T : unmanaged, IBinaryInteger<T>
{
    /// <inheritdoc />
    public static T Invoke(T x, T y) => UfuncMath.RightShift(x, y);

    /// <inheritdoc />
    public static void Invoke(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> destination) => ScalarLoop.Binary<RightShiftOperator<T>, T>(x, y, destination);

    /// <inheritdoc />
    public static void Invoke(ReadOnlySpan<T> x, T y, Span<T> destination) => ScalarLoop.Binary<RightShiftOperator<T>, T>(x, y, destination);

    /// <inheritdoc />
    public static void Invoke(T x, ReadOnlySpan<T> y, Span<T> destination) => ScalarLoop.Binary<RightShiftOperator<T>, T>(x, y, destination);
}

/// <summary>Every bit flipped (NumPy's <c>invert</c>, <c>~x</c>).</summary>
/// <typeparam name="T">The integer element type.</typeparam>
public readonly struct InvertOperator<T> : IUnaryOperator<T>
    where T : unmanaged, IBinaryInteger<T>
{
    /// <inheritdoc />
    public static string Name => "invert";

    /// <inheritdoc />
    public static T Invoke(T x) => ~x;

    /// <inheritdoc />
    public static void Invoke(ReadOnlySpan<T> x, Span<T> destination) => ScalarLoop.Unary<InvertOperator<T>, T>(x, destination);
}
