using System.Numerics;

namespace MiniDask.Kernels;

/// <summary>The angle of the point (y = x1, x = x2) in radians, in (-pi, pi] (NumPy's <c>arctan2(x1, x2)</c>).</summary>
/// <typeparam name="T">The element type.</typeparam>
public readonly struct Arctan2Operator<T> : IBinaryOperator<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc />
    public static T Invoke(T x, T y) => T.Atan2(x, y);

    /// <inheritdoc />
    public static void Invoke(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> destination) => ScalarLoop.Binary<Arctan2Operator<T>, T>(x, y, destination);

    /// <inheritdoc />
    public static void Invoke(ReadOnlySpan<T> x, T y, Span<T> destination) => ScalarLoop.Binary<Arctan2Operator<T>, T>(x, y, destination);

    /// <inheritdoc />
    public static void Invoke(T x, ReadOnlySpan<T> y, Span<T> destination) => ScalarLoop.Binary<Arctan2Operator<T>, T>(x, y, destination);
}

/// <summary><c>sqrt(x^2 + y^2)</c> without overflow.</summary>
/// <typeparam name="T">The element type.</typeparam>
public readonly struct HypotOperator<T> : IBinaryOperator<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc />
    public static T Invoke(T x, T y) => T.Hypot(x, y);

    /// <inheritdoc />
    public static void Invoke(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> destination) => ScalarLoop.Binary<HypotOperator<T>, T>(x, y, destination);

    /// <inheritdoc />
    public static void Invoke(ReadOnlySpan<T> x, T y, Span<T> destination) => ScalarLoop.Binary<HypotOperator<T>, T>(x, y, destination);

    /// <inheritdoc />
    public static void Invoke(T x, ReadOnlySpan<T> y, Span<T> destination) => ScalarLoop.Binary<HypotOperator<T>, T>(x, y, destination);
}

/// <summary>x's magnitude with y's sign.</summary>
/// <typeparam name="T">The element type.</typeparam>
public readonly struct CopySignOperator<T> : IBinaryOperator<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc />
    public static T Invoke(T x, T y) => T.CopySign(x, y);

    /// <inheritdoc />
    public static void Invoke(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> destination) => ScalarLoop.Binary<CopySignOperator<T>, T>(x, y, destination);

    /// <inheritdoc />
    public static void Invoke(ReadOnlySpan<T> x, T y, Span<T> destination) => ScalarLoop.Binary<CopySignOperator<T>, T>(x, y, destination);

    /// <inheritdoc />
    public static void Invoke(T x, ReadOnlySpan<T> y, Span<T> destination) => ScalarLoop.Binary<CopySignOperator<T>, T>(x, y, destination);
}

/// <summary>The next representable value after x toward y.</summary>
/// <typeparam name="T">The element type.</typeparam>
public readonly struct NextAfterOperator<T> : IBinaryOperator<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc />
    public static T Invoke(T x, T y) => UfuncMath.NextAfter(x, y);

    /// <inheritdoc />
    public static void Invoke(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> destination) => ScalarLoop.Binary<NextAfterOperator<T>, T>(x, y, destination);

    /// <inheritdoc />
    public static void Invoke(ReadOnlySpan<T> x, T y, Span<T> destination) => ScalarLoop.Binary<NextAfterOperator<T>, T>(x, y, destination);

    /// <inheritdoc />
    public static void Invoke(T x, ReadOnlySpan<T> y, Span<T> destination) => ScalarLoop.Binary<NextAfterOperator<T>, T>(x, y, destination);
}

/// <summary><c>log(exp(x) + exp(y))</c> without overflow.</summary>
/// <typeparam name="T">The element type.</typeparam>
public readonly struct LogAddExpOperator<T> : IBinaryOperator<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc />
    public static T Invoke(T x, T y) => UfuncMath.LogAddExp(x, y);

    /// <inheritdoc />
    public static void Invoke(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> destination) => ScalarLoop.Binary<LogAddExpOperator<T>, T>(x, y, destination);

    /// <inheritdoc />
    public static void Invoke(ReadOnlySpan<T> x, T y, Span<T> destination) => ScalarLoop.Binary<LogAddExpOperator<T>, T>(x, y, destination);

    /// <inheritdoc />
    public static void Invoke(T x, ReadOnlySpan<T> y, Span<T> destination) => ScalarLoop.Binary<LogAddExpOperator<T>, T>(x, y, destination);
}

/// <summary><c>log2(2^x + 2^y)</c> without overflow.</summary>
/// <typeparam name="T">The element type.</typeparam>
public readonly struct LogAddExp2Operator<T> : IBinaryOperator<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc />
    public static T Invoke(T x, T y) => UfuncMath.LogAddExp2(x, y);

    /// <inheritdoc />
    public static void Invoke(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> destination) => ScalarLoop.Binary<LogAddExp2Operator<T>, T>(x, y, destination);

    /// <inheritdoc />
    public static void Invoke(ReadOnlySpan<T> x, T y, Span<T> destination) => ScalarLoop.Binary<LogAddExp2Operator<T>, T>(x, y, destination);

    /// <inheritdoc />
    public static void Invoke(T x, ReadOnlySpan<T> y, Span<T> destination) => ScalarLoop.Binary<LogAddExp2Operator<T>, T>(x, y, destination);
}

/// <summary>The larger of x and y, ignoring a NaN unless both are NaN (NumPy's <c>fmax</c>).</summary>
/// <typeparam name="T">The element type.</typeparam>
public readonly struct FMaxOperator<T> : IBinaryOperator<T>
    where T : unmanaged, INumber<T>
{
    /// <inheritdoc />
    public static T Invoke(T x, T y) => T.MaxNumber(x, y);

    /// <inheritdoc />
    public static void Invoke(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> destination) => ScalarLoop.Binary<FMaxOperator<T>, T>(x, y, destination);

    /// <inheritdoc />
    public static void Invoke(ReadOnlySpan<T> x, T y, Span<T> destination) => ScalarLoop.Binary<FMaxOperator<T>, T>(x, y, destination);

    /// <inheritdoc />
    public static void Invoke(T x, ReadOnlySpan<T> y, Span<T> destination) => ScalarLoop.Binary<FMaxOperator<T>, T>(x, y, destination);
}

/// <summary>The smaller of x and y, ignoring a NaN unless both are NaN (NumPy's <c>fmin</c>).</summary>
/// <typeparam name="T">The element type.</typeparam>
public readonly struct FMinOperator<T> : IBinaryOperator<T>
    where T : unmanaged, INumber<T>
{
    /// <inheritdoc />
    public static T Invoke(T x, T y) => T.MinNumber(x, y);

    /// <inheritdoc />
    public static void Invoke(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> destination) => ScalarLoop.Binary<FMinOperator<T>, T>(x, y, destination);

    /// <inheritdoc />
    public static void Invoke(ReadOnlySpan<T> x, T y, Span<T> destination) => ScalarLoop.Binary<FMinOperator<T>, T>(x, y, destination);

    /// <inheritdoc />
    public static void Invoke(T x, ReadOnlySpan<T> y, Span<T> destination) => ScalarLoop.Binary<FMinOperator<T>, T>(x, y, destination);
}

/// <summary>The remainder of truncated division, with the dividend's sign (C's <c>fmod</c>); for integers a zero divisor gives 0, as NumPy.</summary>
/// <typeparam name="T">The element type.</typeparam>
public readonly struct FModOperator<T> : IBinaryOperator<T>
    where T : unmanaged, INumber<T>
{
    /// <inheritdoc />
    public static T Invoke(T x, T y) => UfuncMath.FMod(x, y);

    /// <inheritdoc />
    public static void Invoke(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> destination) => ScalarLoop.Binary<FModOperator<T>, T>(x, y, destination);

    /// <inheritdoc />
    public static void Invoke(ReadOnlySpan<T> x, T y, Span<T> destination) => ScalarLoop.Binary<FModOperator<T>, T>(x, y, destination);

    /// <inheritdoc />
    public static void Invoke(T x, ReadOnlySpan<T> y, Span<T> destination) => ScalarLoop.Binary<FModOperator<T>, T>(x, y, destination);
}
