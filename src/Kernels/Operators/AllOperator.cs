using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace MiniDask.Kernels;

/// <summary>Logical and over booleans (NumPy's <c>all</c>); true for no elements. Runs on the bytes, vectorized.</summary>
public readonly struct AllOperator : IReductionOperator<Bool>
{
    /// <inheritdoc />
    public static string Name => "all";

    /// <inheritdoc />
    public static Bool Aggregate(ReadOnlySpan<Bool> x) => MemoryMarshal.Cast<Bool, byte>(x).IndexOf((byte)0) < 0;

    /// <inheritdoc />
    public static Bool Combine(Bool x, Bool y) => x & y;

    /// <inheritdoc />
    public static void Combine(ReadOnlySpan<Bool> x, ReadOnlySpan<Bool> y, Span<Bool> destination) =>
        TensorPrimitives.BitwiseAnd(MemoryMarshal.Cast<Bool, byte>(x), MemoryMarshal.Cast<Bool, byte>(y), MemoryMarshal.Cast<Bool, byte>(destination));
}
