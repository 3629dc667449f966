using System.Globalization;
using MiniDask.Array.Tests.Conformance;
using MiniDask.Kernels;

namespace MiniDask.Array.Tests.Properties;

/// <summary>
/// Generated op chains on random shapes, chunkings and dtypes (<see cref="PropertyCase"/>), each
/// computed chunked with its graph fused and unfused (which must agree bit for bit), and in a
/// random execution mode compared with the same chain on one block:
/// bit for bit where every op is exact, else within a rounding tolerance (1e-9 of the result's
/// scale, 1e-3 where the chain holds float32 values). CI runs seeds 1 to <see cref="DefaultCases"/>; set
/// <c>MINIDASK_PROPERTY_CASES</c> to run more (a failure names its seed, input, chain and mode).
/// </summary>
public class ArrayPropertyTests
{
    /// <summary>The environment variable that sets how many seeds run.</summary>
    public const string CasesVariable = "MINIDASK_PROPERTY_CASES";

    /// <summary>How many seeds run when the variable is not set.</summary>
    public const int DefaultCases = 400;

    public static TheoryData<int> Seeds()
    {
        var count = int.TryParse(Environment.GetEnvironmentVariable(CasesVariable), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : DefaultCases;
        return [.. Enumerable.Range(1, count)];
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Chain_ChunkedInItsMode_EqualsTheOneBlockReference(int seed)
    {
        var property = PropertyCase.Generate(seed);
        var expected = Outcome.Of(() => property.Compute(single: true, TestData.Sync));
        using var scheduler = ExecutionModes.Open(property.Mode);

        var actual = Outcome.Of(() => property.Compute(single: false, scheduler));

        var difference = property.Exact ? expected.Difference(actual) : expected.CloseTo(actual, property.Tolerance);
        Assert.True(difference is null, $"{property}\n{difference}");
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Chain_FusedAndUnfused_EqualBitForBit(int seed)
    {
        var property = PropertyCase.Generate(seed);
        var unfused = Outcome.Of(() => property.Compute(single: false, TestData.Sync, new Graph.ComputeOptions { Optimize = false }));

        var fused = Outcome.Of(() => property.Compute(single: false, TestData.Sync, new Graph.ComputeOptions { Optimize = true }));

        var difference = unfused.Difference(fused);
        Assert.True(difference is null, $"{property}, fused\n{difference}");
    }

    [Fact]
    public void Generate_SameSeed_SameCase()
    {
        Assert.Equal(PropertyCase.Generate(7).ToString(), PropertyCase.Generate(7).ToString());
        Assert.NotEqual(PropertyCase.Generate(7).ToString(), PropertyCase.Generate(8).ToString());
    }
}
