using System.Numerics;
using MiniDask.Kernels;

namespace MiniDask.Array.Tests;

/// <summary>
/// <c>x[mask]</c> with a mask of the array's shape against the plain reference (the values where
/// the mask holds, row-major), for every element type, on random shapes (0-d, size-0 and size-1
/// axes included), uneven chunks that differ between array and mask, and all-false, all-true
/// and random masks: 40 cases per element type.
/// </summary>
public class BooleanMaskTableTests
{
    public static IEnumerable<object[]> Cases => MaskCase.Seeds(40);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Indexer_Float64Mask_EqualsNumPyAndLearnsItsChunkSizes(int seed) => Check<double>(seed);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Indexer_Float32Mask_EqualsNumPyAndLearnsItsChunkSizes(int seed) => Check<float>(seed);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Indexer_Int32Mask_EqualsNumPyAndLearnsItsChunkSizes(int seed) => Check<int>(seed);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Indexer_Int64Mask_EqualsNumPyAndLearnsItsChunkSizes(int seed) => Check<long>(seed);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Indexer_BoolMask_EqualsNumPyAndLearnsItsChunkSizes(int seed) => Check<Bool>(seed);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Indexer_MaskOfAMaskedArray_EqualsNumPy(int seed)
    {
        var c = MaskCase.Create(seed);
        var y = c.Array<double>()[c.MaskArray()];

        var z = y[y > 0];

        Assert.Equal(c.Expected<double>().Where(v => v > 0).ToArray(), z.ComputeSync().Data);
    }

    private static void Check<T>(int seed)
        where T : unmanaged, INumber<T>
    {
        var c = MaskCase.Create(seed);
        var expected = c.Expected<T>();

        var y = c.Array<T>()[c.MaskArray()];

        Assert.Equal(1, y.Rank);
        if (c.Values.Length == 0)
        {
            Assert.Equal([0], y.Shape);
        }
        else
        {
            Assert.True(y.HasUnknownChunks, c.ToString());
            Assert.Equal([null], y.PartialShape);
            Assert.Equal(c.Shape.Length == 0 ? 1 : CommonBlockCount(c.Chunks[0], c.MaskChunks[0]), y.NumBlocks[0]);
        }

        var result = y.ComputeSync();
        Assert.Equal([expected.Length], result.Shape.ToArray());
        Assert.Equal(expected, result.Data);

        var known = y.ComputeChunkSizes(TestData.Sync);
        Assert.False(known.HasUnknownChunks);
        Assert.Equal(y.Name, known.Name);
        Assert.Equal([expected.Length], known.Shape);
        Assert.Equal(expected.Length, known.Chunks[0].Sum());
        Assert.Equal(expected, known.ComputeSync().Data);
    }

    /// <summary>The number of blocks of the union of two chunkings' block boundaries.</summary>
    private static int CommonBlockCount(int[] a, int[] b)
    {
        var cuts = new SortedSet<int>();
        foreach (var chunks in new[] { a, b })
        {
            var at = 0;
            foreach (var size in chunks)
            {
                at += size;
                cuts.Add(at);
            }
        }

        return cuts.Count;
    }
}
