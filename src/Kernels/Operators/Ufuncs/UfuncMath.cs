using System.Numerics;

namespace MiniDask.Kernels;

/// <summary>
/// Scalar functions that .NET lacks or computes less accurately than NumPy's C library: its
/// <c>LogP1</c> and <c>ExpM1</c> are <c>Log(1 + x)</c> and <c>Exp(x) - 1</c>, which lose every
/// digit for tiny x, so these use Kahan's corrections instead.
/// </summary>
public static class UfuncMath
{
    /// <summary><c>log(1 + x)</c>, accurate to a few ulps for tiny x.</summary>
    /// <typeparam name="T">The floating-point element type.</typeparam>
    public static T Log1p<T>(T x)
        where T : IFloatingPointIeee754<T>
    {
        var u = T.One + x;
        if (u == T.One)
        {
            return x;
        }

        if (T.IsPositiveInfinity(u))
        {
            return u;
        }

        // (u - 1) is exact; the quotient corrects log(u) for the rounding of 1 + x.
        return T.Log(u) * x / (u - T.One);
    }

    /// <summary><c>exp(x) - 1</c>, accurate to a few ulps for tiny x.</summary>
    /// <typeparam name="T">The floating-point element type.</typeparam>
    public static T Expm1<T>(T x)
        where T : IFloatingPointIeee754<T>
    {
        var u = T.Exp(x);
        if (u == T.One)
        {
            return x;
        }

        var um1 = u - T.One;
        if (um1 == -T.One || T.IsPositiveInfinity(u))
        {
            return um1;
        }

        return um1 * x / T.Log(u);
    }

    /// <summary><c>log(exp(x) + exp(y))</c> without overflow, as NumPy's <c>logaddexp</c>.</summary>
    /// <typeparam name="T">The floating-point element type.</typeparam>
    public static T LogAddExp<T>(T x, T y)
        where T : IFloatingPointIeee754<T>
    {
        if (x == y)
        {
            // Also right for two equal infinities, where x - y would be NaN.
            return x + T.CreateTruncating(0.6931471805599453);
        }

        var d = x - y;
        return d > T.Zero ? x + Log1p(T.Exp(-d))
            : d <= T.Zero ? y + Log1p(T.Exp(d))
            : d;
    }

    /// <summary><c>log2(2^x + 2^y)</c> without overflow, as NumPy's <c>logaddexp2</c>.</summary>
    /// <typeparam name="T">The floating-point element type.</typeparam>
    public static T LogAddExp2<T>(T x, T y)
        where T : IFloatingPointIeee754<T>
    {
        if (x == y)
        {
            return x + T.One;
        }

        var d = x - y;
        var log2e = T.CreateTruncating(1.4426950408889634);
        return d > T.Zero ? x + (Log1p(T.Exp2(-d)) * log2e)
            : d <= T.Zero ? y + (Log1p(T.Exp2(d)) * log2e)
            : d;
    }

    /// <summary>The next representable value after x toward y (x itself when equal; NaN when either is NaN).</summary>
    /// <typeparam name="T">The floating-point element type.</typeparam>
    public static T NextAfter<T>(T x, T y)
        where T : IFloatingPointIeee754<T>
    {
        if (T.IsNaN(x) || T.IsNaN(y))
        {
            return T.NaN;
        }

        return x == y ? y : x < y ? T.BitIncrement(x) : T.BitDecrement(x);
    }

    /// <summary>
    /// x rounded to <paramref name="decimals"/> decimal places, halves to even, as NumPy's
    /// <c>round</c>: <c>rint(x * 10^d) / 10^d</c>, or <c>rint(x / 10^-d) * 10^-d</c> for negative d.
    /// </summary>
    /// <typeparam name="T">The floating-point element type.</typeparam>
    public static T Round<T>(T x, int decimals)
        where T : IFloatingPointIeee754<T>
    {
        if (decimals == 0)
        {
            return T.Round(x, MidpointRounding.ToEven);
        }

        var factor = T.CreateTruncating(Math.Pow(10, Math.Abs(decimals)));
        return decimals > 0
            ? T.Round(x * factor, MidpointRounding.ToEven) / factor
            : T.Round(x / factor, MidpointRounding.ToEven) * factor;
    }

    /// <summary>-1, 0 or 1 by the sign of x; NaN for NaN, as NumPy's <c>sign</c>.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    public static T Sign<T>(T x)
        where T : INumber<T> =>
        x > T.Zero ? T.One : x < T.Zero ? -T.One : x == T.Zero ? T.Zero : x;

    /// <summary>C's <c>fmod</c>: the remainder of truncated division; for integers a zero divisor gives 0, as NumPy.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    public static T FMod<T>(T x, T y)
        where T : INumber<T> =>
        y == T.Zero && !ScalarLoop.IsFloat<T>() ? T.Zero : x % y;

    /// <summary>x shifted left by y bits; 0 once y is negative or reaches the type's width.</summary>
    /// <typeparam name="T">The integer element type.</typeparam>
    public static T LeftShift<T>(T x, T y)
        where T : IBinaryInteger<T> =>
        T.IsNegative(y) || y >= T.CreateTruncating(x.GetByteCount() * 8) ? T.Zero : x << int.CreateTruncating(y);

    /// <summary>x shifted right by y bits, keeping the sign; once y is negative or reaches the type's width, 0 (or -1 for negative x).</summary>
    /// <typeparam name="T">The integer element type.</typeparam>
    public static T RightShift<T>(T x, T y)
        where T : IBinaryInteger<T> =>
        T.IsNegative(y) || y >= T.CreateTruncating(x.GetByteCount() * 8) ? (T.IsNegative(x) ? -T.One : T.Zero) : x >> int.CreateTruncating(y);
}
