using MiniDask.Graph;

namespace MiniDask.Array.Tests;

/// <summary>DArray's one-line summary, as Dask's repr: name, shape, dtype, chunksize and the number of blocks.</summary>
public sealed class PrintingTests
{
    [Fact]
    public void ToString_ThousandBlocks_IsOneShortLine()
    {
        var x = DArray.Ones(shape: [1000, 1000], chunks: [10, 100]);

        var text = x.ToString();

        Assert.Equal($"DArray(name={x.Name}, shape=(1000, 1000), dtype=float64, chunksize=(10, 100), blocks=1000)", text);
        Assert.DoesNotContain("\n", text);
    }

    [Fact]
    public void ToString_FullChunks_ListsEveryBlockSize()
    {
        var x = DArray.Ones(shape: [5, 4], chunks: [2, 4]);

        Assert.Equal($"DArray(name={x.Name}, shape=(5, 4), dtype=float64, chunksize=(2, 4), blocks=3, chunks=((2, 2, 1), (4,)))", x.ToString(fullChunks: true));
    }

    [Fact]
    public void ToString_OneDimensionalIntegers_ShowTheirDType()
    {
        var x = DArray.Arange(10, chunks: 4);

        Assert.Equal($"DArray(name={x.Name}, shape=(10,), dtype=int64, chunksize=(4,), blocks=3)", x.ToString());
    }

    [Fact]
    public void Compute_ReadmeExamples_PrintAsTheReadmeSays()
    {
        var x = DArray.Arange(0.0, 2000.0, 1.0, chunks: 100);

        Assert.StartsWith("DArray(name=arange-", x.ToString(), StringComparison.Ordinal);
        Assert.EndsWith(", shape=(2000,), dtype=float64, chunksize=(100,), blocks=20)", x.ToString(), StringComparison.Ordinal);
        Assert.Equal("[0.000e+00 1.000e+00 2.000e+00 ... 1.997e+03 1.998e+03 1.999e+03]", x.Compute(new SyncScheduler()).ToString());
        Assert.Equal("[0.   0.25 0.5  0.75 1.   1.25]", (x[..6] / 4).Compute(new SyncScheduler()).ToString());
    }

    [Fact]
    public void Compute_Printed_ShowsTheValuesAsNumPy()
    {
        var x = DArray.Ones(shape: [2, 3], chunks: [1, 3]) * 2.5;

        Assert.Equal("[[2.5 2.5 2.5]\n [2.5 2.5 2.5]]", x.Compute(new SyncScheduler()).ToString());
    }
}
