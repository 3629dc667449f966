using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace MiniDask.Kernels;

public static partial class BlockMath
{
    /// <summary>
    /// The block converted to <typeparamref name="TTo"/> as NumPy's <c>astype</c> does: floats to
    /// integers truncate toward zero (out-of-range values saturate), numbers to <see cref="Bool"/>
    /// are true where nonzero (NaN included), <see cref="Bool"/> to numbers gives 0 and 1.
    /// The same type gives the block itself.
    /// </summary>
    public static NDArray<TTo> Cast<TFrom, TTo>(NDArray<TFrom> x)
        where TFrom : unmanaged, INumber<TFrom>
        where TTo : unmanaged, INumber<TTo>
    {
        ArgumentNullException.ThrowIfNull(x);
        if (typeof(TFrom) == typeof(TTo))
        {
            return (NDArray<TTo>)(object)x;
        }

        if (typeof(TTo) == typeof(Bool))
        {
            return (NDArray<TTo>)(object)Compare<NotEqualOperator<TFrom>, TFrom>(x, TFrom.Zero);
        }

        var result = NDArray<TTo>.CreateUninitialized(x.Shape);
        if (typeof(TFrom) == typeof(Bool))
        {
            TensorPrimitives.ConvertTruncating<byte, TTo>(MemoryMarshal.Cast<TFrom, byte>(x.Span), result.Span);
        }
        else
        {
            TensorPrimitives.ConvertTruncating<TFrom, TTo>(x.Span, result.Span);
        }

        return result;
    }
}
