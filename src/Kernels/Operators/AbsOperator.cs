using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MiniDask.Kernels;

/// <summary>
/// Elementwise absolute value (NumPy's <c>abs</c>). Integers wrap as in NumPy: the most negative
/// value stays negative instead of throwing, which is why integers take a vector path of their own.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
public readonly struct AbsOperator<T> : IUnaryOperator<T>
    where T : unmanaged, INumber<T>
{
    /// <inheritdoc />
    public static string Name => "absolute";

    /// <inheritdoc />
    /// <remarks>Negation flips only the sign bit, so a NaN with its sign set comes out as the span form's (whose float path clears the sign bit).</remarks>
    public static T Invoke(T x) => T.IsNegative(x) ? -x : x;

    /// <inheritdoc />
    public static void Invoke(ReadOnlySpan<T> x, Span<T> destination)
    {
        if (typeof(T) == typeof(double) || typeof(T) == typeof(float))
        {
            TensorPrimitives.Abs(x, destination);
            return;
        }

        if (typeof(T) == typeof(Bool))
        {
            x.CopyTo(destination);
            return;
        }

        var i = 0;
        if (Vector256.IsHardwareAccelerated && Vector256<T>.IsSupported)
        {
            ref var src = ref MemoryMarshal.GetReference(x);
            ref var dest = ref MemoryMarshal.GetReference(destination);
            for (; i <= x.Length - Vector256<T>.Count; i += Vector256<T>.Count)
            {
                Vector256.Abs(Vector256.LoadUnsafe(ref src, (nuint)i)).StoreUnsafe(ref dest, (nuint)i);
            }
        }

        for (; i < x.Length; i++)
        {
            destination[i] = Invoke(x[i]);
        }
    }
}
