using System.Numerics;

namespace MiniDask.Kernels;

public static partial class BlockMath
{
    /// <summary><typeparamref name="TOp"/> on every element of <paramref name="x"/>, as a boolean block of its shape.</summary>
    public static NDArray<Bool> Test<TOp, T>(NDArray<T> x)
        where TOp : IPredicateOperator<T>
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        var result = NDArray<Bool>.CreateUninitialized(x.Shape);
        ReadOnlySpan<T> source = x.Span;
        var destination = result.Span;
        for (var i = 0; i < source.Length; i++)
        {
            destination[i] = TOp.Invoke(source[i]) ? Bool.True : Bool.False;
        }

        return result;
    }
}
