using System.Numerics;
using MiniDask.Kernels;

namespace MiniDask.Array.Tests.Properties;

/// <summary>
/// Seeded dense data of one dtype and shape with its chunking: built chunked for the case under
/// test, or as one block for the reference.
/// </summary>
internal sealed class PropertyOperand
{
    private readonly System.Array data;

    private PropertyOperand(string dtype, int[] shape, int[][] chunks, System.Array data)
    {
        DType = dtype;
        Shape = shape;
        Chunks = chunks;
        this.data = data;
    }

    /// <summary>The dtype, such as <c>float64</c>.</summary>
    public string DType { get; }

    /// <summary>The shape.</summary>
    public int[] Shape { get; }

    /// <summary>The block sizes along each axis, for the chunked build.</summary>
    public int[][] Chunks { get; }

    /// <summary>
    /// Random data of <paramref name="dtype"/> and <paramref name="shape"/>, chunked along each axis
    /// in one of four ways: one block, one element per block, blocks of a random size, or random uneven sizes.
    /// </summary>
    public static PropertyOperand Random(Random random, string dtype, int[] shape)
    {
        var n = shape.Aggregate(1, (a, b) => a * b);
        System.Array data = dtype switch
        {
            "float64" => Values(n, () => Math.Round((random.NextDouble() - 0.5) * 6, 3)),
            "float32" => Values(n, () => (float)Math.Round((random.NextDouble() - 0.5) * 6, 2)),
            "int32" => Values(n, () => random.Next(-9, 10)),
            "int64" => Values(n, () => (long)random.Next(-9, 10)),
            _ => Values(n, () => (Bool)(random.Next(2) == 1)),
        };
        return new PropertyOperand(dtype, shape, [.. shape.Select(d => RandomChunks(random, d))], data);
    }

    /// <summary>The block sizes of an axis of size <paramref name="size"/>: one block, one per element, a random block size, or random uneven sizes.</summary>
    public static int[] RandomChunks(Random random, int size)
    {
        if (size == 0)
        {
            return [0];
        }

        switch (random.Next(4))
        {
            case 0:
                return [size];
            case 1:
                return [.. Enumerable.Repeat(1, size)];
            case 2:
                var block = random.Next(1, size + 1);
                return [.. Enumerable.Repeat(block, size / block), .. size % block == 0 ? [] : new[] { size % block }];
            default:
                var sizes = new List<int>();
                for (var left = size; left > 0;)
                {
                    var next = random.Next(1, left + 1);
                    sizes.Add(next);
                    left -= next;
                }

                return [.. sizes];
        }
    }

    /// <summary>The array: chunked as <see cref="Chunks"/>, or as one block when <paramref name="single"/>.</summary>
    public DArray<T> Build<T>(bool single)
        where T : unmanaged, INumber<T> =>
        DArray.FromArray(new NDArray<T>((T[])data, Shape), single ? [.. Shape.Select(d => new[] { d })] : Chunks);

    /// <summary>The array as its dtype's <see cref="DArray{TElement}"/>.</summary>
    public IDArray Build(bool single) => DType switch
    {
        "float64" => Build<double>(single),
        "float32" => Build<float>(single),
        "int32" => Build<int>(single),
        "int64" => Build<long>(single),
        _ => Build<Bool>(single),
    };

    /// <summary>The shape and chunks, as in a failure message.</summary>
    public override string ToString() =>
        $"{DType} {Shapes.Format(Shape)} chunks ({string.Join(", ", Chunks.Select(c => $"({string.Join(", ", c)})"))})";

    private static T[] Values<T>(int n, Func<T> next) => [.. Enumerable.Range(0, n).Select(_ => next())];
}
