using System.Numerics;

namespace MiniDask.Kernels;

public static partial class BlockMath
{
    /// <summary>
    /// NumPy's <c>where(condition, x, y)</c>: <paramref name="x"/> where the condition holds,
    /// <paramref name="y"/> elsewhere, with the three operands broadcast against each other.
    /// </summary>
    /// <exception cref="ArgumentException">The shapes do not broadcast; the message names them.</exception>
    public static NDArray<T> Where<T>(NDArray<Bool> condition, NDArray<T> x, NDArray<T> y)
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(condition);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        var shape = Shapes.Broadcast(Shapes.Broadcast(condition.Shape, x.Shape), y.Shape);
        var result = NDArray<T>.CreateUninitialized(shape);
        if (result.Length == 0)
        {
            return result;
        }

        ReadOnlySpan<Bool> c = BroadcastTo(condition, shape).Span;
        ReadOnlySpan<T> a = x.Length == 1 ? x.Span : BroadcastTo(x, shape).Span;
        ReadOnlySpan<T> b = y.Length == 1 ? y.Span : BroadcastTo(y, shape).Span;
        var aStep = a.Length == 1 ? 0 : 1;
        var bStep = b.Length == 1 ? 0 : 1;
        var dest = result.Span;
        for (var i = 0; i < dest.Length; i++)
        {
            dest[i] = c[i] ? a[i * aStep] : b[i * bStep];
        }

        return result;
    }
}
