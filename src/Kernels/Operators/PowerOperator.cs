using System.Numerics;

namespace MiniDask.Kernels;

/// <summary>
/// Elementwise power, <c>x ** y</c>. Floats use <see cref="Math.Pow"/> (<see cref="MathF.Pow"/>)
/// for every element (see <see cref="ScalarLoop"/>); integers use exact repeated squaring that
/// wraps on overflow, as NumPy does, and refuse negative exponents, as NumPy does.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
public readonly struct PowerOperator<T> : IBinaryOperator<T>
    where T : unmanaged, INumber<T>
{
    /// <inheritdoc />
    /// <exception cref="ArgumentException">An integer exponent is negative.</exception>
    public static T Invoke(T x, T y)
    {
        if (typeof(T) == typeof(double))
        {
            return (T)(object)Math.Pow((double)(object)x, (double)(object)y);
        }

        if (typeof(T) == typeof(float))
        {
            return (T)(object)MathF.Pow((float)(object)x, (float)(object)y);
        }

        if (T.IsNegative(y))
        {
            throw new ArgumentException($"Integers to negative integer powers are not allowed (got exponent {y}), as in NumPy; convert to float first.");
        }

        var result = T.One;
        var square = x;
        var e = long.CreateTruncating(y);
        while (e != 0)
        {
            if ((e & 1) != 0)
            {
                result *= square;
            }

            square *= square;
            e >>= 1;
        }

        return result;
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">An integer exponent is negative.</exception>
    public static void Invoke(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> destination) =>
        ScalarLoop.Binary<PowerOperator<T>, T>(x, y, destination);

    /// <inheritdoc />
    /// <exception cref="ArgumentException">An integer exponent is negative.</exception>
    public static void Invoke(ReadOnlySpan<T> x, T y, Span<T> destination) =>
        ScalarLoop.Binary<PowerOperator<T>, T>(x, y, destination);

    /// <inheritdoc />
    /// <exception cref="ArgumentException">An integer exponent is negative.</exception>
    public static void Invoke(T x, ReadOnlySpan<T> y, Span<T> destination) =>
        ScalarLoop.Binary<PowerOperator<T>, T>(x, y, destination);
}
