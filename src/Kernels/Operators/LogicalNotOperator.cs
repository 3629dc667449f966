using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace MiniDask.Kernels;

/// <summary>Elementwise logical not of booleans: each byte (0 or 1) exclusive-or 1, vectorized.</summary>
public readonly struct LogicalNotOperator : IUnaryOperator<Bool>
{
    /// <inheritdoc />
    public static string Name => "logical_not";

    /// <inheritdoc />
    public static Bool Invoke(Bool x) => !x;

    /// <inheritdoc />
    public static void Invoke(ReadOnlySpan<Bool> x, Span<Bool> destination) =>
        TensorPrimitives.Xor(MemoryMarshal.Cast<Bool, byte>(x), (byte)1, MemoryMarshal.Cast<Bool, byte>(destination));
}
