using MiniDask.Graph;
using MiniDask.Kernels;

namespace MiniDask.Array;

/// <summary>
/// The block ops of complex arrays (called from <see cref="ArrayOps"/>' module initializer):
/// <c>array.real.complex128</c>, <c>array.imag.complex128</c>, <c>array.magnitude.complex128</c>
/// and <c>array.angle.complex128</c> (each a float64 block), <c>array.conj.complex128</c>, and
/// <c>array.complex.float64</c>, which makes complex blocks of real and imaginary parts.
/// </summary>
internal static class ComplexOps
{
    /// <summary>The conjugate op: <c>(block)</c>.</summary>
    public static readonly string ConjugateOp = ArrayNode.Op("conj", "complex128");

    /// <summary>The op composing <c>(real block, imaginary block)</c> into a complex block, with broadcasting.</summary>
    public static readonly string ComposeOp = ArrayNode.Op("complex", "float64");

    /// <summary>Registers every op; idempotent like <see cref="OpRegistry.Register"/>.</summary>
    public static void Register()
    {
        OpRegistry.Register(ArrayNode.Op("real", "complex128"), args => Part(args, static z => z.Real));
        OpRegistry.Register(ArrayNode.Op("imag", "complex128"), args => Part(args, static z => z.Imaginary));
        OpRegistry.Register(ArrayNode.Op("magnitude", "complex128"), args => Part(args, static z => z.Magnitude));
        OpRegistry.Register(ArrayNode.Op("angle", "complex128"), args => Part(args, static z => z.Phase));
        OpRegistry.Register(ConjugateOp, Conjugate);
        OpRegistry.Register(ComposeOp, Compose);
    }

    private static NDArray<double> Part(object?[] args, Func<Complex128, double> part)
    {
        var block = (NDArray<Complex128>)args[0]!;
        var result = NDArray<double>.CreateUninitialized(block.Shape);
        ReadOnlySpan<Complex128> source = block.Span;
        var destination = result.Span;
        for (var i = 0; i < source.Length; i++)
        {
            destination[i] = part(source[i]);
        }

        return result;
    }

    private static NDArray<Complex128> Conjugate(object?[] args)
    {
        var block = (NDArray<Complex128>)args[0]!;
        var result = NDArray<Complex128>.CreateUninitialized(block.Shape);
        ReadOnlySpan<Complex128> source = block.Span;
        var destination = result.Span;
        for (var i = 0; i < source.Length; i++)
        {
            destination[i] = Complex128.Conjugate(source[i]);
        }

        return result;
    }

    private static NDArray<Complex128> Compose(object?[] args)
    {
        var real = (NDArray<double>)args[0]!;
        var imag = (NDArray<double>)args[1]!;
        var shape = real.Shape.SequenceEqual(imag.Shape) ? real.Shape.ToArray() : Shapes.Broadcast(real.Shape, imag.Shape);
        var re = real.Shape.SequenceEqual(shape) ? real : BlockMath.BroadcastTo(real, shape);
        var im = imag.Shape.SequenceEqual(shape) ? imag : BlockMath.BroadcastTo(imag, shape);
        var result = NDArray<Complex128>.CreateUninitialized(shape);
        var destination = result.Span;
        for (var i = 0; i < destination.Length; i++)
        {
            destination[i] = new Complex128(re.Data[i], im.Data[i]);
        }

        return result;
    }
}
