using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace MiniDask.Kernels;

/// <summary>Logical or over booleans (NumPy's <c>any</c>); false for no elements. Runs on the bytes, vectorized.</summary>
public readonly struct AnyOperator : IReductionOperator<Bool>
{
    /// <inheritdoc />
    public static string Name => "any";

    /// <inheritdoc />
    public static Bool Aggregate(ReadOnlySpan<Bool> x) => MemoryMarshal.Cast<Bool, byte>(x).IndexOfAnyExcept((byte)0) >= 0;

    /// <inheritdoc />
    public static Bool Combine(Bool x, Bool y) => x | y;

    /// <inheritdoc />
    public static void Combine(ReadOnlySpan<Bool> x, ReadOnlySpan<Bool> y, Span<Bool> destination) =>
        TensorPrimitives.BitwiseOr(MemoryMarshal.Cast<Bool, byte>(x), MemoryMarshal.Cast<Bool, byte>(y), MemoryMarshal.Cast<Bool, byte>(destination));
}
