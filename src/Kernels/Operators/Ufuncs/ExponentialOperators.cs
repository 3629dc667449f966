using System.Numerics;

namespace MiniDask.Kernels;

/// <summary>The base-2 logarithm.</summary>
/// <typeparam name="T">The floating-point element type.</typeparam>
public readonly struct Log2Operator<T> : IUnaryOperator<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc />
    public static string Name => "log2";

    /// <inheritdoc />
    public static T Invoke(T x) => T.Log2(x);

    /// <summary>The scalar function on each element (see <see cref="ScalarLoop"/>).</summary>
    public static void Invoke(ReadOnlySpan<T> x, Span<T> destination) => ScalarLoop.Unary<Log2Operator<T>, T>(x, destination);
}

/// <summary>The base-10 logarithm.</summary>
/// <typeparam name="T">The floating-point element type.</typeparam>
public readonly struct Log10Operator<T> : IUnaryOperator<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc />
    public static string Name => "log10";

    /// <inheritdoc />
    public static T Invoke(T x) => T.Log10(x);

    /// <summary>The scalar function on each element (see <see cref="ScalarLoop"/>).</summary>
    public static void Invoke(ReadOnlySpan<T> x, Span<T> destination) => ScalarLoop.Unary<Log10Operator<T>, T>(x, destination);
}

/// <summary><c>log(1 + x)</c>, accurate for tiny x.</summary>
/// <typeparam name="T">The floating-point element type.</typeparam>
public readonly struct Log1pOperator<T> : IUnaryOperator<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc />
    public static string Name => "log1p";

    /// <inheritdoc />
    public static T Invoke(T x) => UfuncMath.Log1p(x);

    /// <summary>The scalar function on each element (see <see cref="ScalarLoop"/>).</summary>
    public static void Invoke(ReadOnlySpan<T> x, Span<T> destination) => ScalarLoop.Unary<Log1pOperator<T>, T>(x, destination);
}

/// <summary><c>exp(x) - 1</c>, accurate for tiny x.</summary>
/// <typeparam name="T">The floating-point element type.</typeparam>
public readonly struct Expm1Operator<T> : IUnaryOperator<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc />
    public static string Name => "expm1";

    /// <inheritdoc />
    public static T Invoke(T x) => UfuncMath.Expm1(x);

    /// <summary>The scalar function on each element (see <see cref="ScalarLoop"/>).</summary>
    public static void Invoke(ReadOnlySpan<T> x, Span<T> destination) => ScalarLoop.Unary<Expm1Operator<T>, T>(x, destination);
}

/// <summary><c>2^x</c>.</summary>
/// <typeparam name="T">The floating-point element type.</typeparam>
public readonly struct Exp2Operator<T> : IUnaryOperator<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc />
    public static string Name => "exp2";

    /// <inheritdoc />
    public static T Invoke(T x) => T.Exp2(x);

    /// <summary>The scalar function on each element (see <see cref="ScalarLoop"/>).</summary>
    public static void Invoke(ReadOnlySpan<T> x, Span<T> destination) => ScalarLoop.Unary<Exp2Operator<T>, T>(x, destination);
}

/// <summary>The cube root (negative for negative x).</summary>
/// <typeparam name="T">The floating-point element type.</typeparam>
public readonly struct CbrtOperator<T> : IUnaryOperator<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc />
    public static string Name => "cbrt";

    /// <inheritdoc />
    public static T Invoke(T x) => T.Cbrt(x);

    /// <summary>The scalar function on each element (see <see cref="ScalarLoop"/>).</summary>
    public static void Invoke(ReadOnlySpan<T> x, Span<T> destination) => ScalarLoop.Unary<CbrtOperator<T>, T>(x, destination);
}
