using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MiniDask.Kernels;

public static partial class BlockMath
{
    /// <summary>Each 8-bit lane mask spread to eight bytes of 0 or 1, so one load writes eight booleans.</summary>
    private static readonly ulong[] MaskBytes = CreateMaskBytes();

    /// <summary>
    /// <typeparamref name="TOp"/> elementwise with NumPy broadcasting, as a boolean block.
    /// Equal shapes and one-element operands run as 256-bit vector loops.
    /// </summary>
    /// <exception cref="ArgumentException">The shapes do not broadcast; the message names both.</exception>
    public static NDArray<Bool> Compare<TOp, T>(NDArray<T> x, NDArray<T> y)
        where TOp : IComparisonOperator<T>
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        var shape = x.Shape.SequenceEqual(y.Shape) ? x.Shape.ToArray() : Shapes.Broadcast(x.Shape, y.Shape);
        var result = NDArray<Bool>.CreateUninitialized(shape);
        if (result.Length == 0)
        {
            return result;
        }

        var xs = x.Length == 1 ? x : BroadcastTo(x, shape);
        var ys = y.Length == 1 ? y : BroadcastTo(y, shape);
        CompareSpans<TOp, T>(xs.Span, ys.Span, result.Span);
        return result;
    }

    /// <summary><typeparamref name="TOp"/> on each element of <paramref name="x"/> and the scalar <paramref name="y"/>.</summary>
    public static NDArray<Bool> Compare<TOp, T>(NDArray<T> x, T y)
        where TOp : IComparisonOperator<T>
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        var result = NDArray<Bool>.CreateUninitialized(x.Shape);
        CompareSpans<TOp, T>(x.Span, [y], result.Span);
        return result;
    }

    /// <summary><typeparamref name="TOp"/> on the scalar <paramref name="x"/> and each element of <paramref name="y"/>.</summary>
    public static NDArray<Bool> Compare<TOp, T>(T x, NDArray<T> y)
        where TOp : IComparisonOperator<T>
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(y);
        var result = NDArray<Bool>.CreateUninitialized(y.Shape);
        CompareSpans<TOp, T>([x], y.Span, result.Span);
        return result;
    }

    /// <summary>
    /// Compares spans of the destination's length, or of length one (a scalar repeated). The
    /// vector loop turns each lane mask into its sign bits and writes them as bytes through a table.
    /// </summary>
    private static void CompareSpans<TOp, T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<Bool> destination)
        where TOp : IComparisonOperator<T>
        where T : unmanaged, INumber<T>
    {
        var n = destination.Length;
        var xScalar = x.Length == 1 && n != 1;
        var yScalar = y.Length == 1 && n != 1;
        var i = 0;
        if (Vector256.IsHardwareAccelerated && Vector256<T>.IsSupported && n >= Vector256<T>.Count)
        {
            var lanes = Vector256<T>.Count;
            ref var xr = ref MemoryMarshal.GetReference(x);
            ref var yr = ref MemoryMarshal.GetReference(y);
            ref var dest = ref Unsafe.As<Bool, byte>(ref MemoryMarshal.GetReference(destination));
            var xv = Vector256.Create(x[0]);
            var yv = Vector256.Create(y[0]);
            var table = MaskBytes;
            for (; i <= n - lanes; i += lanes)
            {
                var a = xScalar ? xv : Vector256.LoadUnsafe(ref xr, (nuint)i);
                var b = yScalar ? yv : Vector256.LoadUnsafe(ref yr, (nuint)i);
                var bits = TOp.Invoke(a, b).ExtractMostSignificantBits();
                if (lanes == 8)
                {
                    Unsafe.WriteUnaligned(ref Unsafe.Add(ref dest, i), table[bits]);
                }
                else
                {
                    Unsafe.WriteUnaligned(ref Unsafe.Add(ref dest, i), (uint)table[bits]);
                }
            }
        }

        for (; i < n; i++)
        {
            destination[i] = TOp.Invoke(x[xScalar ? 0 : i], y[yScalar ? 0 : i]);
        }
    }

    private static ulong[] CreateMaskBytes()
    {
        var table = new ulong[256];
        for (var bits = 0; bits < 256; bits++)
        {
            for (var lane = 0; lane < 8; lane++)
            {
                if ((bits & (1 << lane)) != 0)
                {
                    table[bits] |= 1UL << (8 * lane);
                }
            }
        }

        return table;
    }
}
