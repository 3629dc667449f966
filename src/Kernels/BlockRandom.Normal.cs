using System.Numerics.Tensors;

namespace MiniDask.Kernels;

public static partial class BlockRandom
{
    /// <summary>Mixed into the seed so that normal blocks do not reuse the uniform blocks' numbers.</summary>
    private const long NormalStream = 0x4E6F726D616C; // "Normal"

    /// <summary>
    /// A block of <paramref name="shape"/> of standard normal doubles (mean 0, standard deviation 1),
    /// a pure function of the seed and the block's index like <see cref="Uniform"/>.
    /// </summary>
    /// <exception cref="ArgumentException">A dimension is negative or the shape is too large.</exception>
    public static NDArray<double> Normal(long seed, ReadOnlySpan<int> blockIndex, ReadOnlySpan<int> shape)
    {
        var block = NDArray<double>.CreateUninitialized(shape);
        FillNormal(block.Span, seed, blockIndex);
        return block;
    }

    /// <summary>
    /// Fills <paramref name="destination"/> with standard normal doubles by the Box-Muller transform
    /// of uniform pairs <c>(u1, u2)</c>: <c>r = sqrt(-2 ln(1 - u1))</c> and angle <c>2 pi u2</c> give
    /// <c>r cos</c> for the first half of the block and <c>r sin</c> for the second. The exact
    /// steps (subtract, multiply, square root) are vectorized; the logarithm, sine and cosine are
    /// <see cref="Math"/>'s for every element, so a block has the same bits in every process and
    /// at every JIT tier (see <see cref="ScalarLoop"/>).
    /// </summary>
    public static void FillNormal(Span<double> destination, long seed, ReadOnlySpan<int> blockIndex)
    {
        var half = (destination.Length + 1) / 2;
        if (half == 0)
        {
            return;
        }

        var uniform = new double[4 * half];
        var u1 = uniform.AsSpan(0, half);
        var u2 = uniform.AsSpan(half, half);
        FillUniform(uniform.AsSpan(0, 2 * half), seed ^ NormalStream, blockIndex);
        TensorPrimitives.Subtract(1.0, u1, u1);
        ScalarLoop.Unary<LogOperator<double>, double>(u1, u1);
        TensorPrimitives.Multiply(u1, -2.0, u1);
        TensorPrimitives.Sqrt(u1, u1);
        TensorPrimitives.Multiply(u2, 2 * Math.PI, u2);
        var sin = uniform.AsSpan(2 * half, half);
        var cos = uniform.AsSpan(3 * half, half);
        for (var i = 0; i < half; i++)
        {
            (sin[i], cos[i]) = Math.SinCos(u2[i]);
        }

        TensorPrimitives.Multiply(u1, cos, destination[..half]);
        TensorPrimitives.Multiply(u1[..(destination.Length - half)], sin[..(destination.Length - half)], destination[half..]);
    }
}
