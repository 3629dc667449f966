using MiniDask.Kernels;

namespace MiniDask.Array.Tests;

/// <summary>
/// Every shape operation against the plain dense reference, on random shapes (size-1 and
/// size-0 axes included) with uneven chunks: one theory per operation, 40 cases each.
/// </summary>
public class StructureTableTests
{
    public static IEnumerable<object[]> Cases => RandomCase.Seeds(40);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Rechunk_RandomTarget_MatchesDenseAndHasTheTargetChunks(int seed)
    {
        var c = RandomCase.Create(seed);
        var rng = new Random(seed + 1000);
        var target = c.Shape.Select(d => RandomCase.UnevenChunks(rng, d)).ToArray();

        var y = c.Array.Rechunk(target);

        Assert.Equal(target, y.Chunks.Select(a => a.ToArray()));
        AssertEqual(c.Dense, y.ComputeSync(), c);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Rechunk_TinyBlockSizeLimitToSingleRows_MatchesDense(int seed)
    {
        var c = RandomCase.Create(seed);
        var target = c.Shape.Select((d, i) => i == 0 ? 1 : Math.Max(1, d)).ToArray();

        var y = c.Array.Rechunk(target, blockSizeLimit: 16);

        AssertEqual(c.Dense, y.ComputeSync(), c);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Reshape_FlattenAndReversedShape_MatchesDense(int seed)
    {
        var c = RandomCase.Create(seed);
        var reversed = c.Shape.Reverse().ToArray();

        var flat = c.Array.Reshape(-1);
        var back = c.Array.Reshape(reversed);
        var viaFlat = flat.Reshape(c.Shape);

        AssertEqual(c.Dense.Reshape([c.Dense.Data.Length]), flat.ComputeSync(), c);
        AssertEqual(c.Dense.Reshape(reversed), back.ComputeSync(), c);
        AssertEqual(c.Dense, viaFlat.ComputeSync(), c);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Indexer_RandomSteppedSlices_MatchesDense(int seed)
    {
        var c = RandomCase.Create(seed);
        var rng = new Random(seed + 2000);
        var slices = new Slice[c.Shape.Length];
        var axes = new (int, int, int, bool)[c.Shape.Length];
        for (var a = 0; a < slices.Length; a++)
        {
            var dim = c.Shape[a];
            int? start = rng.Next(3) == 0 ? null : rng.Next(-dim - 2, dim + 3);
            int? stop = rng.Next(3) == 0 ? null : rng.Next(-dim - 2, dim + 3);
            var step = new[] { -3, -2, -1, 1, 2, 3 }[rng.Next(6)];
            slices[a] = Slice.Of(start, stop, step);
            var picked = PythonSlice(dim, start, stop, step);
            axes[a] = (picked.Length > 0 ? picked[0] : 0, step, picked.Length, false);
        }

        var y = c.Array[slices];

        AssertEqual(c.Dense.Select(axes), y.ComputeSync(), c);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Indexer_PositionAndRanges_DropsTheAxisAndMatchesDense(int seed)
    {
        var c = RandomCase.Create(seed, allowEmpty: false);
        var rng = new Random(seed + 3000);
        var i = rng.Next(c.Shape[0]);
        var lo = c.Shape.Length > 1 ? rng.Next(c.Shape[1]) : 0;
        var hi = c.Shape.Length > 1 ? rng.Next(lo, c.Shape[1] + 1) : 0;

        var y = c.Shape.Length > 1 ? c.Array[^(c.Shape[0] - i), lo..hi] : c.Array[i - c.Shape[0]];

        var axes = c.Shape.Select((d, a) => a == 0 ? (i, 1, 1, true) : a == 1 ? (lo, 1, hi - lo, false) : (0, 1, d, false)).ToArray();
        AssertEqual(c.Dense.Select(axes), y.ComputeSync(), c);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Take_RandomIndicesWithRepeatsAndNegatives_MatchesDense(int seed)
    {
        var c = RandomCase.Create(seed);
        var rng = new Random(seed + 4000);
        var axis = rng.Next(c.Shape.Length);
        var dim = c.Shape[axis];
        var indices = dim == 0 ? [] : Enumerable.Range(0, rng.Next(0, 2 * dim + 1)).Select(_ => rng.Next(-dim, dim)).ToArray();

        var y = c.Array.Take(indices, axis);

        AssertEqual(c.Dense.Take([.. indices.Select(v => v < 0 ? v + dim : v)], axis), y.ComputeSync(), c);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ConcatenateAndStack_WithARechunkedCopy_MatchDense(int seed)
    {
        var c = RandomCase.Create(seed);
        var rng = new Random(seed + 5000);
        var axis = rng.Next(c.Shape.Length);
        var other = c.Array.Rechunk(c.Shape.Select(d => RandomCase.UnevenChunks(rng, d)).ToArray()) * 2.0;
        var otherDense = new Dense([.. c.Dense.Data.Select(v => v * 2)], c.Shape);

        var joined = DArray.Concatenate([c.Array, other, c.Array], axis);
        var stacked = DArray.Stack([c.Array, other], axis);

        AssertEqual(Dense.Concatenate([c.Dense, otherDense, c.Dense], axis), joined.ComputeSync(), c);
        var stackShape = c.Shape.Take(axis).Append(1).Concat(c.Shape.Skip(axis)).ToArray();
        AssertEqual(Dense.Concatenate([c.Dense.Reshape(stackShape), otherDense.Reshape(stackShape)], axis), stacked.ComputeSync(), c);
        Assert.Equal(c.Array.Chunks[axis].Concat(other.Chunks[axis]).Concat(c.Array.Chunks[axis]).Where(s => s > 0), joined.Chunks[axis].Where(s => s > 0));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ExpandDimsThenSqueeze_RoundTripsAndTransposeMatchesDense(int seed)
    {
        var c = RandomCase.Create(seed);
        var rng = new Random(seed + 6000);
        var at = rng.Next(-c.Shape.Length - 1, c.Shape.Length + 1);
        var perm = Enumerable.Range(0, c.Shape.Length).OrderBy(_ => rng.Next()).ToArray();

        var expanded = c.Array.ExpandDims(at);
        var squeezed = expanded.Squeeze(at);
        var transposed = c.Array.Transpose(perm);

        Assert.Equal(c.Shape.Length + 1, expanded.Rank);
        Assert.Equal(1, expanded.Shape[at < 0 ? at + expanded.Rank : at]);
        AssertEqual(c.Dense, squeezed.ComputeSync(), c);
        AssertEqual(c.Dense.Transpose(perm), transposed.ComputeSync(), c);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Blocks_LastBlockAlongEachAxis_EqualsTheElementSlice(int seed)
    {
        var c = RandomCase.Create(seed);
        var index = c.Chunks.Select(ch => (Slice)(ch.Length - 1)).ToArray();

        var block = c.Array.Blocks[index];

        var axes = c.Chunks.Select(ch => (ch.Sum() - ch[^1], 1, ch[^1], false)).ToArray();
        Assert.Equal(1, block.BlockCount);
        AssertEqual(c.Dense.Select(axes), block.ComputeSync(), c);
    }

    /// <summary>Python's <c>range(*slice(start, stop, step).indices(dim))</c>, by enumeration.</summary>
    internal static int[] PythonSlice(int dim, int? start, int? stop, int step)
    {
        int Norm(int v) => v < 0 ? v + dim : v;
        var picked = new List<int>();
        if (step > 0)
        {
            var s = start is { } a ? Math.Max(0, Norm(a)) : 0;
            var e = stop is { } b ? Math.Min(dim, Norm(b)) : dim;
            for (var i = s; i < e; i += step)
            {
                picked.Add(i);
            }
        }
        else
        {
            var s = start is { } a ? Math.Min(dim - 1, Norm(a)) : dim - 1;
            var e = stop is { } b ? Math.Max(-1, Norm(b)) : -1;
            for (var i = s; i > e; i += step)
            {
                picked.Add(i);
            }
        }

        return [.. picked];
    }

    internal static void AssertEqual(Dense expected, NDArray<double> actual, object context)
    {
        Assert.True(expected.Shape.SequenceEqual(actual.Shape.ToArray()), $"{context}: expected shape {Shapes.Format(expected.Shape)}, got {Shapes.Format(actual.Shape)}.");
        Assert.Equal(expected.Data, actual.Data);
    }
}
