using System.Numerics;

namespace MiniDask.Kernels;

/// <summary>The largest integral value at most x (NumPy's <c>floor</c>).</summary>
/// <typeparam name="T">The floating-point element type.</typeparam>
public readonly struct FloorOperator<T> : IUnaryOperator<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc />
    public static string Name => "floor";

    /// <inheritdoc />
    public static T Invoke(T x) => T.Floor(x);

    /// <summary>The scalar function on each element (see <see cref="ScalarLoop"/>).</summary>
    public static void Invoke(ReadOnlySpan<T> x, Span<T> destination) => ScalarLoop.Unary<FloorOperator<T>, T>(x, destination);
}

/// <summary>The smallest integral value at least x (NumPy's <c>ceil</c>).</summary>
/// <typeparam name="T">The floating-point element type.</typeparam>
public readonly struct CeilOperator<T> : IUnaryOperator<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc />
    public static string Name => "ceil";

    /// <inheritdoc />
    public static T Invoke(T x) => T.Ceiling(x);

    /// <summary>The scalar function on each element (see <see cref="ScalarLoop"/>).</summary>
    public static void Invoke(ReadOnlySpan<T> x, Span<T> destination) => ScalarLoop.Unary<CeilOperator<T>, T>(x, destination);
}

/// <summary>x rounded toward zero (NumPy's <c>trunc</c>).</summary>
/// <typeparam name="T">The floating-point element type.</typeparam>
public readonly struct TruncOperator<T> : IUnaryOperator<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc />
    public static string Name => "trunc";

    /// <inheritdoc />
    public static T Invoke(T x) => T.Truncate(x);

    /// <summary>The scalar function on each element (see <see cref="ScalarLoop"/>).</summary>
    public static void Invoke(ReadOnlySpan<T> x, Span<T> destination) => ScalarLoop.Unary<TruncOperator<T>, T>(x, destination);
}

/// <summary>x rounded to the nearest integral value, halves to even (NumPy's <c>rint</c>).</summary>
/// <typeparam name="T">The floating-point element type.</typeparam>
public readonly struct RintOperator<T> : IUnaryOperator<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc />
    public static string Name => "rint";

    /// <inheritdoc />
    public static T Invoke(T x) => T.Round(x, MidpointRounding.ToEven);

    /// <summary>The scalar function on each element (see <see cref="ScalarLoop"/>).</summary>
    public static void Invoke(ReadOnlySpan<T> x, Span<T> destination) => ScalarLoop.Unary<RintOperator<T>, T>(x, destination);
}
