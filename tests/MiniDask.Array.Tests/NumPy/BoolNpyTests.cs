using System.Text;
using MiniDask.Kernels;

namespace MiniDask.Array.Tests.NumPy;

/// <summary>
/// Boolean arrays in <c>.npy</c> files: files NumPy wrote (<c>|b1</c>, one byte per element) read
/// back, and files MiniDask writes are ones NumPy reads (descr <c>|b1</c>), for single files and stacks.
/// </summary>
public sealed class BoolNpyTests : IDisposable
{
    private static readonly bool[] Grid = [.. Enumerable.Range(0, 12).Select(i => i % 3 == 0)];

    private readonly string dir = Directory.CreateTempSubdirectory("minidask-bool-npy-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public void FromNpy_NumPyBoolVector_ReadsOneBytePerElement()
    {
        var x = DArray.FromNpy<Bool>(Fixture("bool_1d.npy"), [2]);

        Assert.Equal([3], x.Shape);
        Assert.Equal([true, false, true], DenseReference.Bools(x.ComputeSync()));
        Assert.Equal([true, false, true], DenseReference.Bools(NDArray.LoadNpy<Bool>(Fixture("bool_1d.npy"))));
    }

    [Theory]
    [InlineData("bool_3x4.npy")]
    [InlineData("bool_3x4_fortran.npy")]
    public void FromNpy_NumPyBoolMatrix_ReturnsTheCOrderValuesInAnyChunks(string file)
    {
        var x = DArray.FromNpy<Bool>(Fixture(file), [2, 3]);

        Assert.Equal([3, 4], x.Shape);
        Assert.Equal(Grid, DenseReference.Bools(x.ComputeSync()));
        Assert.Equal(4, x.Sum<long>().ComputeSync());
    }

    [Fact]
    public void ToNpy_BoolArray_WritesDescrB1AndOneBytePerElement()
    {
        var x = DArray.FromArray(Grid.Select(b => (Bool)b).ToArray(), [3, 4], [2, 3]);
        var path = Path.Combine(dir, "mask.npy");

        x.ToNpy(path, TestData.Sync);

        var bytes = File.ReadAllBytes(path);
        var header = Encoding.ASCII.GetString(bytes, 10, bytes[8] | (bytes[9] << 8));
        Assert.Contains("'descr': '|b1'", header);
        Assert.Contains("'shape': (3, 4)", header);
        Assert.Equal(Grid.Select(b => b ? (byte)1 : (byte)0), bytes[^12..]);
        Assert.Equal(10 + header.Length + 12, bytes.Length);
        Assert.Equal(Grid, DenseReference.Bools(DArray.FromNpy<Bool>(path, [3, 1]).ComputeSync()));
    }

    [Fact]
    public void SaveNpy_BoolBlock_ReadsBackAsNumPysFileDoes()
    {
        var path = Path.Combine(dir, "block.npy");
        var block = NDArray.LoadNpy<Bool>(Fixture("bool_3x4.npy"));

        block.SaveNpy(path);

        var header = Encoding.ASCII.GetString(File.ReadAllBytes(path), 10, 118);
        Assert.Contains("'descr': '|b1'", header);
        Assert.Equal(block.Data, NDArray.LoadNpy<Bool>(path).Data);
        Assert.Equal("bool", NDArray.LoadNpy(path).DType);
    }

    [Fact]
    public void ToNpyStack_BoolArray_ReadsBackWithFromNpyStack()
    {
        var x = DArray.FromArray(Grid.Select(b => (Bool)b).ToArray(), [3, 4], [2, 3]);
        var stack = Path.Combine(dir, "stack");

        x.ToNpyStack(stack, axis: 0, TestData.Sync);
        var y = DArray.FromNpyStack<Bool>(stack);

        Assert.Contains("\"dtype\":\"bool\"", File.ReadAllText(Path.Combine(stack, "info.json")));
        Assert.Equal([2, 1], y.Chunks[0]);
        Assert.Equal(Grid, DenseReference.Bools(y.ComputeSync()));
        Assert.Equal(Grid.Take(8), DenseReference.Bools(NDArray.LoadNpy<Bool>(Path.Combine(stack, "0.npy"))));
    }

    /// <summary>The path of a file NumPy wrote (see NumPy/Fixtures/README.md).</summary>
    internal static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "NumPy", "Fixtures", name);
}
