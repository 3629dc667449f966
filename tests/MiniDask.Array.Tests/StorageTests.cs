using System.Buffers.Binary;
using System.Text;
using MiniDask.Kernels;

namespace MiniDask.Array.Tests;

/// <summary>.npy round trips against fixtures written byte by byte from the NumPy format spec.</summary>
public sealed class StorageTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("minidask-npy-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public void ToNpy_UnevenBlocks_WritesTheExactBytesOfTheSpec()
    {
        var data = Enumerable.Range(0, 12).Select(i => i * 1.5).ToArray();
        var x = DArray.FromArray(data, [3, 4], [2, 3]);
        var path = Path.Combine(dir, "x.npy");

        x.ToNpy(path, TestData.Sync);

        Assert.Equal(Fixture("{'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }", Doubles(data)), File.ReadAllBytes(path));
    }

    [Fact]
    public void FromNpy_Float32Fixture_ReadsEachBlockAndMatches()
    {
        var values = Enumerable.Range(0, 10).Select(i => i - 2.25f).ToArray();
        var path = Write("f4.npy", Fixture("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 5), }", Floats(values)));

        var x = DArray.FromNpy<float>(path, [1, 3]);

        Assert.Equal([2, 5], x.Shape);
        Assert.Equal(4, x.BlockCount);
        Assert.Equal(values, x.ComputeSync().Data);
    }

    [Fact]
    public void FromNpy_FortranOrderFixture_ReturnsTheCOrderValues()
    {
        // A (2, 3) array [[0, 1, 2], [3, 4, 5]] stored column by column.
        var columnMajor = new double[] { 0, 3, 1, 4, 2, 5 };
        var path = Write("f.npy", Fixture("{'descr': '<f8', 'fortran_order': True, 'shape': (2, 3), }", Doubles(columnMajor)));

        var x = DArray.FromNpy<double>(path, [1, 2]);

        Assert.Equal(new double[] { 0, 1, 2, 3, 4, 5 }, x.ComputeSync().Data);
        Assert.Equal(new double[] { 0, 1, 2, 3, 4, 5 }, NDArray.LoadNpy<double>(path).Data);
    }

    [Fact]
    public void ToNpyThenFromNpy_RandomArray_RoundTripsBitForBit()
    {
        var x = DArray.Random([7, 5, 3], [3, 2, 2], seed: 4);
        var path = Path.Combine(dir, "r.npy");

        x.ToNpy(path, TestData.Sync);
        var y = DArray.FromNpy<double>(path, [4, 5, 1]);

        Assert.Equal(x.ComputeSync().Data, y.ComputeSync().Data);
        Assert.Equal(x.ComputeSync().Data, NDArray.LoadNpy<double>(path).Data);
    }

    [Fact]
    public void ToNpyStack_ThenFromNpyStack_RoundTripsWithOneFilePerBlock()
    {
        var data = Enumerable.Range(0, 30).ToArray();
        var x = DArray.FromArray(data, [6, 5], [4, 2]);
        var stack = Path.Combine(dir, "stack");

        x.ToNpyStack(stack, axis: 0, TestData.Sync);
        var y = DArray.FromNpyStack<int>(stack);

        Assert.True(File.Exists(Path.Combine(stack, "0.npy")));
        Assert.True(File.Exists(Path.Combine(stack, "1.npy")));
        Assert.False(File.Exists(Path.Combine(stack, "2.npy")));
        Assert.Contains("\"dtype\":\"int32\"", File.ReadAllText(Path.Combine(stack, "info.json")));
        Assert.Equal([4, 2], y.Chunks[0]);
        Assert.Equal(data, y.ComputeSync().Data);
        Assert.Equal(data.Take(20), NDArray.LoadNpy<int>(Path.Combine(stack, "0.npy")).Data);
    }

    [Fact]
    public void FromNpy_TruncatedBody_ThrowsWhenBuiltNamingPathAndDType()
    {
        var bytes = Fixture("{'descr': '<f8', 'fortran_order': False, 'shape': (4,), }", Doubles([1, 2, 3, 4]));
        var path = Write("short.npy", bytes[..^5]);

        var e = Assert.Throws<InvalidDataException>(() => DArray.FromNpy<double>(path, [2]));
        var load = Assert.Throws<InvalidDataException>(() => NDArray.LoadNpy<double>(path));

        Assert.Contains(path, e.Message);
        Assert.Contains("float64", e.Message);
        Assert.Contains("truncated", e.Message);
        Assert.Contains(path, load.Message);
        Assert.Contains("float64", load.Message);
    }

    [Fact]
    public void FromNpy_UnsupportedOrWrongDType_ThrowsNamingPathAndDType()
    {
        var complex = Write("c.npy", Fixture("{'descr': '<c8', 'fortran_order': False, 'shape': (1,), }", new byte[8]));
        var ints = Write("i.npy", Fixture("{'descr': '<i4', 'fortran_order': False, 'shape': (1,), }", [7, 0, 0, 0]));

        var unsupported = Assert.Throws<InvalidDataException>(() => DArray.FromNpy<double>(complex, [1]));
        var wrong = Assert.Throws<InvalidDataException>(() => DArray.FromNpy<double>(ints, [1]));

        Assert.Contains(complex, unsupported.Message);
        Assert.Contains("<c8", unsupported.Message);
        Assert.Contains(ints, wrong.Message);
        Assert.Contains("int32", wrong.Message);
        Assert.Contains("float64", wrong.Message);
    }

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(dir, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>Magic, version 1.0, little-endian header length, the dict padded with spaces and a newline to a multiple of 64, then the data.</summary>
    private static byte[] Fixture(string dict, byte[] data)
    {
        var total = 10 + dict.Length + 1;
        var padding = (64 - (total % 64)) % 64;
        var header = new List<byte> { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0 };
        var length = new byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(length, (ushort)(dict.Length + padding + 1));
        header.AddRange(length);
        header.AddRange(Encoding.ASCII.GetBytes(dict + new string(' ', padding) + "\n"));
        header.AddRange(data);
        return [.. header];
    }

    private static byte[] Doubles(double[] values)
    {
        var bytes = new byte[values.Length * 8];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(i * 8), values[i]);
        }

        return bytes;
    }

    private static byte[] Floats(float[] values)
    {
        var bytes = new byte[values.Length * 4];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * 4), values[i]);
        }

        return bytes;
    }
}
