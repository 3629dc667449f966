using System.Numerics;

namespace MiniDask.Kernels;

/// <summary>A test of one element giving a boolean (NumPy's <c>isnan</c>, <c>isinf</c>, ...), as static members.</summary>
/// <typeparam name="T">The element type.</typeparam>
public interface IPredicateOperator<T>
    where T : unmanaged, INumber<T>
{
    /// <summary>The op's name, as in error messages.</summary>
    static abstract string Name { get; }

    /// <summary>The test of one value.</summary>
    static abstract bool Invoke(T x);
}

/// <summary>Whether x is NaN (never, for integers).</summary>
/// <typeparam name="T">The element type.</typeparam>
public readonly struct IsNanOperator<T> : IPredicateOperator<T>
    where T : unmanaged, INumber<T>
{
    /// <inheritdoc />
    public static string Name => "isnan";

    /// <inheritdoc />
    public static bool Invoke(T x) => T.IsNaN(x);
}

/// <summary>Whether x is positive or negative infinity (never, for integers).</summary>
/// <typeparam name="T">The element type.</typeparam>
public readonly struct IsInfOperator<T> : IPredicateOperator<T>
    where T : unmanaged, INumber<T>
{
    /// <inheritdoc />
    public static string Name => "isinf";

    /// <inheritdoc />
    public static bool Invoke(T x) => T.IsInfinity(x);
}

/// <summary>Whether x is neither NaN nor infinite (always, for integers).</summary>
/// <typeparam name="T">The element type.</typeparam>
public readonly struct IsFiniteOperator<T> : IPredicateOperator<T>
    where T : unmanaged, INumber<T>
{
    /// <inheritdoc />
    public static string Name => "isfinite";

    /// <inheritdoc />
    public static bool Invoke(T x) => T.IsFinite(x);
}

/// <summary>Whether x's sign bit is set (true for -0.0 and negative NaN; NumPy's <c>signbit</c>).</summary>
/// <typeparam name="T">The element type.</typeparam>
public readonly struct SignBitOperator<T> : IPredicateOperator<T>
    where T : unmanaged, INumber<T>
{
    /// <inheritdoc />
    public static string Name => "signbit";

    /// <inheritdoc />
    public static bool Invoke(T x) => T.IsNegative(x);
}
