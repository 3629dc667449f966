using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace MiniDask.Kernels;

/// <summary>
/// Sum; the sum of no elements is zero. A run of float16 elements is added in float32 and rounded
/// to float16 once, as NumPy's pairwise sum of contiguous float16 data accumulates in float32
/// (<c>np.ones(4096, np.float16).sum()</c> is 4096, where adding in float16 stops at 2048);
/// partial sums, and sums across rows, add in float16, as NumPy's do.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
public readonly struct SumOperator<T> : IReductionOperator<T>
    where T : unmanaged, INumber<T>
{
    private const int HalfBatch = 256;

    /// <inheritdoc />
    public static string Name => "sum";

    /// <inheritdoc />
    public static T Aggregate(ReadOnlySpan<T> x)
    {
        if (typeof(T) != typeof(Half))
        {
            return TensorPrimitives.Sum(x);
        }

        var halves = MemoryMarshal.Cast<T, Half>(x);
        Span<float> batch = stackalloc float[HalfBatch];
        var sum = 0f;
        for (var i = 0; i < halves.Length; i += HalfBatch)
        {
            var part = halves.Slice(i, Math.Min(HalfBatch, halves.Length - i));
            TensorPrimitives.ConvertToSingle(part, batch[..part.Length]);
            sum += TensorPrimitives.Sum<float>(batch[..part.Length]);
        }

        var result = (Half)sum;
        return MemoryMarshal.Cast<Half, T>(MemoryMarshal.CreateReadOnlySpan(ref result, 1))[0];
    }

    /// <inheritdoc />
    public static T Combine(T x, T y) => x + y;

    /// <inheritdoc />
    public static void Combine(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> destination) => TensorPrimitives.Add(x, y, destination);
}
