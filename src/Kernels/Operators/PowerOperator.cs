using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace MiniDask.Kernels;

/// <summary>
/// Elementwise power, <c>x ** y</c>. Floats use TensorPrimitives' vectorized <c>Pow</c>; integers
/// use exact repeated squaring that wraps on overflow, as NumPy does, and refuse negative
/// exponents, as NumPy does.
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
    public static void Invoke(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> destination)
    {
        if (typeof(T) == typeof(double))
        {
            TensorPrimitives.Pow(Cast<double>(x), Cast<double>(y), CastMutable<double>(destination));
        }
        else if (typeof(T) == typeof(float))
        {
            TensorPrimitives.Pow(Cast<float>(x), Cast<float>(y), CastMutable<float>(destination));
        }
        else
        {
            for (var i = 0; i < x.Length; i++)
            {
                destination[i] = Invoke(x[i], y[i]);
            }
        }
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">An integer exponent is negative.</exception>
    public static void Invoke(ReadOnlySpan<T> x, T y, Span<T> destination)
    {
        if (typeof(T) == typeof(double))
        {
            TensorPrimitives.Pow(Cast<double>(x), (double)(object)y, CastMutable<double>(destination));
        }
        else if (typeof(T) == typeof(float))
        {
            TensorPrimitives.Pow(Cast<float>(x), (float)(object)y, CastMutable<float>(destination));
        }
        else
        {
            for (var i = 0; i < x.Length; i++)
            {
                destination[i] = Invoke(x[i], y);
            }
        }
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">An integer exponent is negative.</exception>
    public static void Invoke(T x, ReadOnlySpan<T> y, Span<T> destination)
    {
        if (typeof(T) == typeof(double))
        {
            TensorPrimitives.Pow((double)(object)x, Cast<double>(y), CastMutable<double>(destination));
        }
        else if (typeof(T) == typeof(float))
        {
            TensorPrimitives.Pow((float)(object)x, Cast<float>(y), CastMutable<float>(destination));
        }
        else
        {
            for (var i = 0; i < y.Length; i++)
            {
                destination[i] = Invoke(x, y[i]);
            }
        }
    }

    private static ReadOnlySpan<TTo> Cast<TTo>(ReadOnlySpan<T> span)
        where TTo : struct => MemoryMarshal.Cast<T, TTo>(span);

    private static Span<TTo> CastMutable<TTo>(Span<T> span)
        where TTo : struct => MemoryMarshal.Cast<T, TTo>(span);
}
