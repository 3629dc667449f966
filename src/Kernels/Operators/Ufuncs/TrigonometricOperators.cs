using System.Numerics;

namespace MiniDask.Kernels;

/// <summary>The tangent of radians.</summary>
/// <typeparam name="T">The floating-point element type.</typeparam>
public readonly struct TanOperator<T> : IUnaryOperator<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc />
    public static string Name => "tan";

    /// <inheritdoc />
    public static T Invoke(T x) => T.Tan(x);

    /// <summary>The scalar function on each element (see <see cref="ScalarLoop"/>).</summary>
    public static void Invoke(ReadOnlySpan<T> x, Span<T> destination) => ScalarLoop.Unary<TanOperator<T>, T>(x, destination);
}

/// <summary>The inverse sine, in radians (NaN outside [-1, 1]).</summary>
/// <typeparam name="T">The floating-point element type.</typeparam>
public readonly struct ArcsinOperator<T> : IUnaryOperator<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc />
    public static string Name => "arcsin";

    /// <inheritdoc />
    public static T Invoke(T x) => T.Asin(x);

    /// <summary>The scalar function on each element (see <see cref="ScalarLoop"/>).</summary>
    public static void Invoke(ReadOnlySpan<T> x, Span<T> destination) => ScalarLoop.Unary<ArcsinOperator<T>, T>(x, destination);
}

/// <summary>The inverse cosine, in radians (NaN outside [-1, 1]).</summary>
/// <typeparam name="T">The floating-point element type.</typeparam>
public readonly struct ArccosOperator<T> : IUnaryOperator<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc />
    public static string Name => "arccos";

    /// <inheritdoc />
    public static T Invoke(T x) => T.Acos(x);

    /// <summary>The scalar function on each element (see <see cref="ScalarLoop"/>).</summary>
    public static void Invoke(ReadOnlySpan<T> x, Span<T> destination) => ScalarLoop.Unary<ArccosOperator<T>, T>(x, destination);
}

/// <summary>The inverse tangent, in radians.</summary>
/// <typeparam name="T">The floating-point element type.</typeparam>
public readonly struct ArctanOperator<T> : IUnaryOperator<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc />
    public static string Name => "arctan";

    /// <inheritdoc />
    public static T Invoke(T x) => T.Atan(x);

    /// <summary>The scalar function on each element (see <see cref="ScalarLoop"/>).</summary>
    public static void Invoke(ReadOnlySpan<T> x, Span<T> destination) => ScalarLoop.Unary<ArctanOperator<T>, T>(x, destination);
}

/// <summary>Degrees to radians: <c>x * (pi / 180)</c>, as NumPy computes it.</summary>
/// <typeparam name="T">The floating-point element type.</typeparam>
public readonly struct Deg2RadOperator<T> : IUnaryOperator<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc />
    public static string Name => "deg2rad";

    /// <inheritdoc />
    public static T Invoke(T x) => x * (T.Pi / T.CreateTruncating(180));

    /// <summary>The scalar function on each element (see <see cref="ScalarLoop"/>).</summary>
    public static void Invoke(ReadOnlySpan<T> x, Span<T> destination) => ScalarLoop.Unary<Deg2RadOperator<T>, T>(x, destination);
}

/// <summary>Radians to degrees: <c>x * (180 / pi)</c>, as NumPy computes it.</summary>
/// <typeparam name="T">The floating-point element type.</typeparam>
public readonly struct Rad2DegOperator<T> : IUnaryOperator<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc />
    public static string Name => "rad2deg";

    /// <inheritdoc />
    public static T Invoke(T x) => x * (T.CreateTruncating(180) / T.Pi);

    /// <summary>The scalar function on each element (see <see cref="ScalarLoop"/>).</summary>
    public static void Invoke(ReadOnlySpan<T> x, Span<T> destination) => ScalarLoop.Unary<Rad2DegOperator<T>, T>(x, destination);
}
