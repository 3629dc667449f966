using System.Numerics;
using MiniDask.Kernels;

namespace MiniDask.Array.Tests;

/// <summary>
/// Selection along one axis by a 1-D boolean array (<c>Compress</c>, and <c>x[mask]</c> with a
/// 1-D mask along axis 0) against the plain reference, on random shapes of rank 1 to 3 with
/// uneven chunks, all-false, all-true and random conditions: 40 cases per form.
/// </summary>
public class CompressTableTests
{
    public static IEnumerable<object[]> Cases => MaskCase.Seeds(40);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Compress_RandomAxis_KeepsOtherAxesAndEqualsNumPy(int seed)
    {
        var c = MaskCase.Create(seed, minRank: 1);
        var rng = new Random(seed + 500);
        var axis = rng.Next(c.Shape.Length);
        var (condition, keep) = Condition(c, rng, axis);

        var y = c.Array<double>().Compress(condition, axis);

        var expected = Reference(c.Convert<double>(), c.Shape, axis, keep);
        Assert.Equal(c.Shape.Select((d, a) => a == axis && d > 0 ? (int?)null : d), y.PartialShape);
        var result = y.ComputeSync();
        Assert.Equal(expected.Shape, result.Shape.ToArray());
        Assert.Equal(expected.Values, result.Data);
        var known = y.ComputeChunkSizes(TestData.Sync);
        Assert.Equal(expected.Shape, known.Shape);
        Assert.Equal(expected.Values, known.ComputeSync().Data);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Indexer_OneDimensionalMaskOnAxisZero_IsCompressAlongAxisZero(int seed)
    {
        var c = MaskCase.Create(seed, minRank: 2);
        if (c.Shape.Length < 2)
        {
            return;
        }

        var rng = new Random(seed + 600);
        var (condition, keep) = Condition(c, rng, 0);

        var y = c.Array<int>()[condition];

        var expected = Reference(c.Convert<int>(), c.Shape, 0, keep);
        var result = y.ComputeSync();
        Assert.Equal(expected.Shape, result.Shape.ToArray());
        Assert.Equal(expected.Values, result.Data);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Compress_KnownBoolArray_KeepsKnownChunksAndEqualsNumPy(int seed)
    {
        var c = MaskCase.Create(seed, minRank: 1);
        var rng = new Random(seed + 700);
        var axis = rng.Next(c.Shape.Length);
        var keep = Enumerable.Range(0, c.Shape[axis]).Select(_ => rng.Next(2) == 0).ToArray();

        var y = c.Array<long>().Compress(keep, axis);

        var expected = Reference(c.Convert<long>(), c.Shape, axis, keep);
        Assert.False(y.HasUnknownChunks);
        Assert.Equal(expected.Shape, y.Shape);
        Assert.Equal(expected.Values, y.ComputeSync().Data);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void PositionalOps_AfterComputeChunkSizes_MatchDenseAcrossEmptyBlocks(int seed)
    {
        var c = MaskCase.Create(seed, minRank: 1);
        var rng = new Random(seed + 800);
        var axis = rng.Next(c.Shape.Length);
        var (condition, keep) = Condition(c, rng, axis);
        var known = c.Array<double>().Compress(condition, axis).ComputeChunkSizes(TestData.Sync);
        var (shape, values) = Reference(c.Convert<double>(), c.Shape, axis, keep);
        var dense = new Dense(values, shape);
        var target = MaskCase.Uneven(rng, shape);
        var bounds = shape.Select(d => (Start: rng.Next(-1, d + 1), Step: new[] { -2, -1, 1, 2 }[rng.Next(4)])).ToArray();
        var slices = bounds.Select(b => Slice.Of(b.Start, null, b.Step)).ToArray();
        var picked = shape.Select((d, a) => PythonSlice(d, bounds[a].Start, bounds[a].Step)).ToArray();
        var indices = Enumerable.Range(0, shape[axis] == 0 ? 0 : 4).Select(_ => rng.Next(shape[axis])).ToArray();

        Assert.Equal(values, known.Rechunk(target).ComputeSync().Data);
        Assert.Equal(values, known.Reshape(-1).ComputeSync().Data);
        Assert.Equal(dense.Select([.. picked.Select(p => (p.Length > 0 ? p[0] : 0, p.Length > 1 ? p[1] - p[0] : 1, p.Length, false))]).Data, known[slices].ComputeSync().Data);
        Assert.Equal(dense.Take(indices, axis).Data, known.Take(indices, axis).ComputeSync().Data);
        Assert.Equal(values.Select(v => v * 2), (known + known.Rechunk(target)).ComputeSync().Data);
    }

    /// <summary>The positions a NumPy slice <c>start::step</c> picks from an axis of <paramref name="dim"/>.</summary>
    private static int[] PythonSlice(int dim, int start, int step)
    {
        var first = step > 0 ? Math.Clamp(start < 0 ? start + dim : start, 0, dim) : Math.Clamp(start < 0 ? start + dim : start, -1, dim - 1);
        var result = new List<int>();
        for (var i = first; step > 0 ? i < dim : i >= 0; i += step)
        {
            result.Add(i);
        }

        return [.. result];
    }

    /// <summary>A random condition along the axis (the case's pattern decides all false or all true), chunked unevenly.</summary>
    private static (DArray<Bool> Condition, bool[] Keep) Condition(MaskCase c, Random rng, int axis)
    {
        var dim = c.Shape[axis];
        var keep = Enumerable.Range(0, dim).Select(_ => c.Pattern == "all true" || (c.Pattern == "random" && rng.Next(2) == 0)).ToArray();
        var condition = DArray.FromArray(new NDArray<Bool>([.. keep.Select(k => (Bool)k)], [dim]), [RandomCase.UnevenChunks(rng, dim)]);
        return (condition, keep);
    }

    /// <summary>NumPy's <c>compress(keep, x, axis)</c> over a row-major array.</summary>
    private static (int[] Shape, T[] Values) Reference<T>(T[] values, int[] shape, int axis, bool[] keep)
    {
        var outShape = (int[])shape.Clone();
        outShape[axis] = keep.Count(k => k);
        var result = new List<T>();
        for (var i = 0; i < values.Length; i++)
        {
            var index = ArrayIndex.Unravel(i, shape);
            if (keep[index[axis]])
            {
                result.Add(values[i]);
            }
        }

        return (outShape, [.. result]);
    }
}
