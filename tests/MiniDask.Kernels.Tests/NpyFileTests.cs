namespace MiniDask.Kernels.Tests;

public sealed class NpyFileTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("minidask-npyfile-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public void CreateWriteRegionReadRegion_Blocks_RoundTripAndMatchSaveNpy()
    {
        var whole = new NDArray<double>(Naive.Sequence(35, 0, 1.5), [5, 7]);
        var path = Path.Combine(dir, "a.npy");
        var reference = Path.Combine(dir, "b.npy");
        whole.SaveNpy(reference);

        var file = NpyFile.Create<double>(path, [5, 7]);
        file.WriteRegion(BlockMath.Slice(whole, [0, 0], [3, 4]), [0, 0]);
        file.WriteRegion(BlockMath.Slice(whole, [0, 4], [3, 3]), [0, 4]);
        file.WriteRegion(BlockMath.Slice(whole, [3, 0], [2, 7]), [3, 0]);

        Assert.Equal(File.ReadAllBytes(reference), File.ReadAllBytes(path));
        Assert.Equal(BlockMath.Slice(whole, [1, 2], [3, 4]).Data, NpyFile.Open(path).ReadRegion<double>([1, 2], [3, 4]).Data);
    }

    [Fact]
    public void ReadRegion_WrongDType_ThrowsNamingPathAndBothDTypes()
    {
        var path = Path.Combine(dir, "i.npy");
        new NDArray<int>([1, 2, 3], [3]).SaveNpy(path);

        var e = Assert.Throws<InvalidDataException>(() => NpyFile.Open(path).ReadRegion<double>([0], [1]));

        Assert.Contains(path, e.Message);
        Assert.Contains("int32", e.Message);
        Assert.Contains("float64", e.Message);
    }
}
