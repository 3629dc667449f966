using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace MiniDask.Kernels;

/// <summary>Elementwise logical and of booleans. Runs on the bytes of the booleans, vectorized.</summary>
public readonly struct LogicalAndOperator : IBinaryOperator<Bool>
{
    /// <inheritdoc />
    public static Bool Invoke(Bool x, Bool y) => x & y;

    /// <inheritdoc />
    public static void Invoke(ReadOnlySpan<Bool> x, ReadOnlySpan<Bool> y, Span<Bool> destination) =>
        TensorPrimitives.BitwiseAnd(Bytes(x), Bytes(y), MemoryMarshal.Cast<Bool, byte>(destination));

    /// <inheritdoc />
    public static void Invoke(ReadOnlySpan<Bool> x, Bool y, Span<Bool> destination) =>
        TensorPrimitives.BitwiseAnd(Bytes(x), y ? (byte)1 : (byte)0, MemoryMarshal.Cast<Bool, byte>(destination));

    /// <inheritdoc />
    public static void Invoke(Bool x, ReadOnlySpan<Bool> y, Span<Bool> destination) => Invoke(y, x, destination);

    private static ReadOnlySpan<byte> Bytes(ReadOnlySpan<Bool> x) => MemoryMarshal.Cast<Bool, byte>(x);
}
