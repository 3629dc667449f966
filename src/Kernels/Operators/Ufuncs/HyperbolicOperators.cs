using System.Numerics;

namespace MiniDask.Kernels;

/// <summary>The hyperbolic sine.</summary>
/// <typeparam name="T">The floating-point element type.</typeparam>
public readonly struct SinhOperator<T> : IUnaryOperator<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc />
    public static string Name => "sinh";

    /// <inheritdoc />
    public static T Invoke(T x) => T.Sinh(x);

    /// <summary>The scalar function on each element (see <see cref="ScalarLoop"/>).</summary>
    public static void Invoke(ReadOnlySpan<T> x, Span<T> destination) => ScalarLoop.Unary<SinhOperator<T>, T>(x, destination);
}

/// <summary>The hyperbolic cosine.</summary>
/// <typeparam name="T">The floating-point element type.</typeparam>
public readonly struct CoshOperator<T> : IUnaryOperator<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc />
    public static string Name => "cosh";

    /// <inheritdoc />
    public static T Invoke(T x) => T.Cosh(x);

    /// <summary>The scalar function on each element (see <see cref="ScalarLoop"/>).</summary>
    public static void Invoke(ReadOnlySpan<T> x, Span<T> destination) => ScalarLoop.Unary<CoshOperator<T>, T>(x, destination);
}

/// <summary>The inverse hyperbolic sine.</summary>
/// <typeparam name="T">The floating-point element type.</typeparam>
public readonly struct ArcsinhOperator<T> : IUnaryOperator<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc />
    public static string Name => "arcsinh";

    /// <inheritdoc />
    public static T Invoke(T x) => T.Asinh(x);

    /// <summary>The scalar function on each element (see <see cref="ScalarLoop"/>).</summary>
    public static void Invoke(ReadOnlySpan<T> x, Span<T> destination) => ScalarLoop.Unary<ArcsinhOperator<T>, T>(x, destination);
}

/// <summary>The inverse hyperbolic cosine (NaN below 1).</summary>
/// <typeparam name="T">The floating-point element type.</typeparam>
public readonly struct ArccoshOperator<T> : IUnaryOperator<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc />
    public static string Name => "arccosh";

    /// <inheritdoc />
    public static T Invoke(T x) => T.Acosh(x);

    /// <summary>The scalar function on each element (see <see cref="ScalarLoop"/>).</summary>
    public static void Invoke(ReadOnlySpan<T> x, Span<T> destination) => ScalarLoop.Unary<ArccoshOperator<T>, T>(x, destination);
}

/// <summary>The inverse hyperbolic tangent (NaN outside [-1, 1], infinite at ±1).</summary>
/// <typeparam name="T">The floating-point element type.</typeparam>
public readonly struct ArctanhOperator<T> : IUnaryOperator<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc />
    public static string Name => "arctanh";

    /// <inheritdoc />
    public static T Invoke(T x) => T.Atanh(x);

    /// <summary>The scalar function on each element (see <see cref="ScalarLoop"/>).</summary>
    public static void Invoke(ReadOnlySpan<T> x, Span<T> destination) => ScalarLoop.Unary<ArctanhOperator<T>, T>(x, destination);
}

/// <summary><c>1 / x</c>.</summary>
/// <typeparam name="T">The floating-point element type.</typeparam>
public readonly struct ReciprocalOperator<T> : IUnaryOperator<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc />
    public static string Name => "reciprocal";

    /// <inheritdoc />
    public static T Invoke(T x) => T.One / x;

    /// <summary>The scalar function on each element (see <see cref="ScalarLoop"/>).</summary>
    public static void Invoke(ReadOnlySpan<T> x, Span<T> destination) => ScalarLoop.Unary<ReciprocalOperator<T>, T>(x, destination);
}
