using System.Numerics;
using System.Numerics.Tensors;

namespace MiniDask.Kernels;

/// <summary>
/// Elementwise division: <c>x / y</c>. Floats follow IEEE 754 (<c>±inf</c> or NaN when dividing
/// by zero). Integers truncate toward zero and never throw, giving what NumPy gives for its
/// integer division: <c>x / 0</c> is 0, and <c>MinValue / -1</c> wraps to <c>MinValue</c>.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
public readonly struct DivideOperator<T> : IBinaryOperator<T>
    where T : unmanaged, INumber<T>
{
    /// <inheritdoc />
    public static T Invoke(T x, T y) => IsFloat ? x / y : IntegerInvoke(x, y);

    /// <inheritdoc />
    public static void Invoke(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> destination)
    {
        if (IsFloat)
        {
            TensorPrimitives.Divide(x, y, destination);
            return;
        }

        for (var i = 0; i < x.Length; i++)
        {
            destination[i] = IntegerInvoke(x[i], y[i]);
        }
    }

    /// <inheritdoc />
    public static void Invoke(ReadOnlySpan<T> x, T y, Span<T> destination)
    {
        if (IsFloat || !(T.IsZero(y) || y == -T.One))
        {
            TensorPrimitives.Divide(x, y, destination);
            return;
        }

        for (var i = 0; i < x.Length; i++)
        {
            destination[i] = IntegerInvoke(x[i], y);
        }
    }

    /// <inheritdoc />
    public static void Invoke(T x, ReadOnlySpan<T> y, Span<T> destination)
    {
        if (IsFloat)
        {
            TensorPrimitives.Divide(x, y, destination);
            return;
        }

        for (var i = 0; i < y.Length; i++)
        {
            destination[i] = IntegerInvoke(x, y[i]);
        }
    }

    private static bool IsFloat => ScalarLoop.IsFloat<T>();

    /// <summary>Truncating integer division without the two exceptions: by zero gives 0, by -1 negates (MinValue stays MinValue).</summary>
    private static T IntegerInvoke(T x, T y) =>
        T.IsZero(y) ? T.Zero
        : y == -T.One ? T.Zero - x
        : x / y;
}
