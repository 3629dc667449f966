using MiniDask.Kernels;

namespace MiniDask.Array.Tests;

/// <summary>
/// Bad masks, and operations that need block sizes on arrays whose sizes are unknown: each is
/// refused when the expression is built (nothing is computed), with a message that names the
/// shapes, or the array and <c>ComputeChunkSizes()</c>.
/// </summary>
public class UnknownChunksValidationTests
{
    private static readonly DArray<double> Vector = DArray.FromArray([3.0, -1, 4, 1, -5, 9, 2, 6], [8], [3]);

    private static DArray<double> Y => Vector[Vector > 0.0];

    public static IEnumerable<object[]> NeedSizes =>
    [
        ["slice by range", (Func<object>)(() => Y[1..3])],
        ["position", (Func<object>)(() => Y[0])],
        ["stepped slice", (Func<object>)(() => Y[Slice.Of(null, null, -1)])],
        ["take", (Func<object>)(() => Y.Take([0]))],
        ["compress with bool[]", (Func<object>)(() => Y.Compress([true], 0))],
        ["rechunk by block size", (Func<object>)(() => Y.Rechunk([2]))],
        ["rechunk explicit", (Func<object>)(() => Y.Rechunk([[2, 2]]))],
        ["reshape", (Func<object>)(() => Y.Reshape(-1))],
        ["reshape 2-d", (Func<object>)(() => MaskedRows.Z.Reshape(15))],
        ["matmul over the unknown axis", (Func<object>)(() => Y.MatMul(Y))],
        ["dot", (Func<object>)(() => MaskedRows.Z.T.Dot(MaskedRows.XArray))],
        ["tensordot", (Func<object>)(() => MaskedRows.Z.TensorDot(MaskedRows.Z, [0], [0]))],
        ["concatenate along a known axis", (Func<object>)(() => DArray.Concatenate([MaskedRows.Z, MaskedRows.Z], axis: 1))],
        ["stack", (Func<object>)(() => DArray.Stack([Y, Y]))],
        ["argmax", (Func<object>)(() => Y.ArgMax())],
        ["argmin along the unknown axis", (Func<object>)(() => MaskedRows.Z.ArgMin(axis: 0))],
        ["squeeze the unknown axis", (Func<object>)(() => MaskedRows.Z.Squeeze(0))],
        ["against a known array", (Func<object>)(() => Y + DArray.Ones([3], [3]))],
        ["against other unknown blocks", (Func<object>)(() => Y + Vector.Rechunk([4])[Vector.Rechunk([4]) > 0.0])],
        ["mask with other unknown blocks", (Func<object>)(() => Y[Vector.Rechunk([4])[Vector.Rechunk([4]) > 0.0] > 1.0])],
        ["mask over several unknown blocks after axis 0", (Func<object>)(() => MaskedRows.Z.T[MaskedRows.Z.T > 0.0])],
        ["map blocks joining the unknown axis", (Func<object>)(() => MaskedRows.Z.MapBlocks(static b => BlockMath.Sum(b, axis: 0), dropAxes: [0]))],
    ];

    [Theory]
    [MemberData(nameof(NeedSizes))]
    public void SizeNeedingOps_OnUnknownChunks_ThrowWhenBuiltNamingTheArray(string what, Func<object> build)
    {
        var error = Assert.Throws<UnknownChunkSizesException>(build);

        Assert.False(string.IsNullOrEmpty(what));
        Assert.Contains(error.ArrayName, error.Message, StringComparison.Ordinal);
        Assert.Contains("nan", error.Message, StringComparison.Ordinal);
        Assert.Contains("call ComputeChunkSizes() on it first", error.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<InvalidOperationException>(error);
    }

    [Fact]
    public void ToNpyAndToNpyStack_OnUnknownChunks_ThrowBeforeWritingAnything()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"minidask-unknown-{Guid.NewGuid():N}");
        var file = folder + ".npy";

        Assert.Throws<UnknownChunkSizesException>(() => Y.ToNpy(file, TestData.Sync));
        Assert.Throws<UnknownChunkSizesException>(() => Y.ToNpyStack(folder, scheduler: TestData.Sync));

        Assert.False(File.Exists(file));
        Assert.False(Directory.Exists(folder));
    }

    [Fact]
    public void Indexer_MaskOfAnotherShape_ThrowsWhenBuiltNamingBothShapes()
    {
        var x = DArray.Ones([4, 3], [2, 2]);
        var mask = DArray.Ones([4, 2], [2, 2]) > 0.0;

        var error = Assert.Throws<ArgumentException>(() => x[mask]);

        Assert.Contains("(4, 3)", error.Message, StringComparison.Ordinal);
        Assert.Contains("(4, 2)", error.Message, StringComparison.Ordinal);
        Assert.Contains("axis 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Indexer_MaskOfAnotherRank_ThrowsNamingBothShapes()
    {
        var x = DArray.Ones([2, 3, 4], [2, 2, 2]);
        var mask = DArray.Ones([2, 3], [2, 2]) > 0.0;

        var error = Assert.Throws<ArgumentException>(() => x[mask]);

        Assert.Contains("(2, 3)", error.Message, StringComparison.Ordinal);
        Assert.Contains("(2, 3, 4)", error.Message, StringComparison.Ordinal);
        Assert.Contains("Compress", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Indexer_OneDimensionalMaskOfAnotherLength_ThrowsNamingTheSizes()
    {
        var x = DArray.Ones([4, 3], [2, 2]);
        var mask = DArray.Ones([3], [2]) > 0.0;

        var error = Assert.Throws<ArgumentException>(() => x[mask]);

        Assert.Contains("axis 0 has size 4", error.Message, StringComparison.Ordinal);
        Assert.Contains("size 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compress_BadConditionOrAxis_ThrowsNamingTheShapes()
    {
        var x = DArray.Ones([4, 3], [2, 2]);
        var square = DArray.Ones([3, 3], [2, 2]) > 0.0;
        var shortCondition = DArray.Ones([2], [2]) > 0.0;

        var notOneD = Assert.Throws<ArgumentException>(() => x.Compress(square, 1));
        var wrongLength = Assert.Throws<ArgumentException>(() => x.Compress(shortCondition, 1));
        var wrongBools = Assert.Throws<ArgumentException>(() => x.Compress([true, false], 1));
        var badAxis = Assert.Throws<ArgumentOutOfRangeException>(() => x.Compress(shortCondition, 2));

        Assert.Contains("(3, 3)", notOneD.Message, StringComparison.Ordinal);
        Assert.Contains("1-D", notOneD.Message, StringComparison.Ordinal);
        Assert.Contains("axis 1 has size 3", wrongLength.Message, StringComparison.Ordinal);
        Assert.Contains("size 2", wrongLength.Message, StringComparison.Ordinal);
        Assert.Contains("2 values", wrongBools.Message, StringComparison.Ordinal);
        Assert.Contains("(4, 3)", badAxis.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compute_BlocksDisagreeingAlongAnUnknownAxis_ThrowsNamingBothBlocks()
    {
        var z = MaskedRows.Z;
        var ragged = z.MapBlocks(static b => BlockMath.Slice(b, [0, 0], [b.Shape[1] == 2 ? 0 : b.Shape[0], b.Shape[1]]));

        var compute = Assert.Throws<InvalidOperationException>(() => ragged.ComputeSync());
        var sizes = Assert.Throws<InvalidOperationException>(() => ragged.ComputeChunkSizes(TestData.Sync));

        Assert.Contains($"Block ('{ragged.Name}', 0, 1)", compute.Message, StringComparison.Ordinal);
        Assert.Contains($"where block ('{ragged.Name}', 0, 0) has 0", compute.Message, StringComparison.Ordinal);
        Assert.Equal(compute.Message, sizes.Message);
    }

    [Fact]
    public void Indexer_NullMask_ThrowsArgumentNull()
    {
        Assert.Throws<ArgumentNullException>(() => Vector[(DArray<Bool>)null!]);
        Assert.Throws<ArgumentNullException>(() => Vector.Compress((DArray<Bool>)null!, 0));
    }
}
