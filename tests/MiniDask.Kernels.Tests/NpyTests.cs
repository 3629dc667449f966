using System.Buffers.Binary;
using System.Text;

namespace MiniDask.Kernels.Tests;

public class NpyTests
{
    [Fact]
    public void SaveNpy_Float64Matrix_WritesTheBytesOfTheNumPyFormatSpec()
    {
        var a = new NDArray<double>([0, 1, 2, 3, 4, 5], [2, 3]);

        // 6 magic bytes + 2 version bytes + 2 length bytes + 59 dict chars + 1 newline = 70,
        // so 58 spaces pad the total to 128; the header length field is 59 + 58 + 1 = 118.
        const string dict = "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }";
        var expected = new List<byte> { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0, 118, 0 };
        expected.AddRange(Encoding.ASCII.GetBytes(dict + new string(' ', 58) + "\n"));
        foreach (var v in a.Data)
        {
            var bytes = new byte[8];
            BinaryPrimitives.WriteDoubleLittleEndian(bytes, v);
            expected.AddRange(bytes);
        }

        using var stream = new MemoryStream();
        a.SaveNpy(stream);

        Assert.Equal(128 + 48, expected.Count);
        Assert.Equal(expected.ToArray(), stream.ToArray());
    }

    [Theory]
    [InlineData(new int[0])]
    [InlineData(new[] { 5 })]
    [InlineData(new[] { 3, 4 })]
    [InlineData(new[] { 2, 1, 3 })]
    [InlineData(new[] { 0, 4 })]
    public void SaveNpy_AnyShape_PadsTheHeaderToAMultipleOf64(int[] shape)
    {
        using var stream = new MemoryStream();
        new NDArray<float>(shape).SaveNpy(stream);
        var bytes = stream.ToArray();
        var headerLength = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8));

        Assert.Equal(0, (10 + headerLength) % 64);
        Assert.Equal((byte)'\n', bytes[10 + headerLength - 1]);
        var header = Encoding.ASCII.GetString(bytes, 10, headerLength);
        Assert.Contains($"'shape': {Shapes.Format(shape)}", header);
    }

    [Fact]
    public void LoadNpy_RoundTripOfEachDType_ReturnsEqualArrays()
    {
        var path = Path.Combine(Path.GetTempPath(), $"minidask-npy-{Guid.NewGuid():N}.npy");
        try
        {
            var d = new NDArray<double>([1.5, -2.25, double.MaxValue, 0], [2, 2]);
            d.SaveNpy(path);
            var d2 = NDArray.LoadNpy<double>(path);
            Assert.Equal(d.Shape.ToArray(), d2.Shape.ToArray());
            Assert.Equal(d.Data, d2.Data);

            var f = new NDArray<float>([1.5f, 2, 3], [3]);
            f.SaveNpy(path);
            Assert.Equal(f.Data, NDArray.LoadNpy<float>(path).Data);

            var i = new NDArray<int>([int.MinValue, 7, int.MaxValue, 0, 1, 2], [1, 2, 3]);
            i.SaveNpy(path);
            var i2 = NDArray.LoadNpy<int>(path);
            Assert.Equal([1, 2, 3], i2.Shape.ToArray());
            Assert.Equal(i.Data, i2.Data);

            var l = NDArray<long>.Scalar(long.MinValue);
            l.SaveNpy(path);
            var l2 = NDArray.LoadNpy(path);
            Assert.Equal("int64", l2.DType);
            Assert.Equal(0, l2.Rank);
            Assert.Equal(long.MinValue, ((NDArray<long>)l2).ToScalar());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void LoadNpy_OtherDType_ThrowsNamingBoth()
    {
        using var stream = new MemoryStream();
        new NDArray<int>([2]).SaveNpy(stream);
        stream.Position = 0;

        var e = Assert.Throws<InvalidDataException>(() => NDArray.LoadNpy<double>(stream));

        Assert.Contains("int32", e.Message);
        Assert.Contains("float64", e.Message);
    }

    [Fact]
    public void LoadNpy_FortranOrderBigEndian_ReturnsTheArrayInCOrder()
    {
        // Column-major big-endian int32 [[1, 2, 3], [4, 5, 6]]: stored as 1 4 2 5 3 6.
        var bytes = Npy("{'descr': '>i4', 'fortran_order': True, 'shape': (2, 3), }", [1, 4, 2, 5, 3, 6]);

        var a = NDArray.LoadNpy<int>(new MemoryStream(bytes));

        Assert.Equal([2, 3], a.Shape.ToArray());
        Assert.Equal([1, 2, 3, 4, 5, 6], a.Data);
    }

    [Fact]
    public void LoadNpy_NotNpy_ThrowsInvalidData()
    {
        Assert.Throws<InvalidDataException>(() => NDArray.LoadNpy<double>(new MemoryStream(Encoding.ASCII.GetBytes("PK\u0003\u0004 not numpy"))));
    }

    [Fact]
    public void LoadNpy_TruncatedData_ThrowsNamingTheShape()
    {
        using var stream = new MemoryStream();
        new NDArray<double>([4, 4]).SaveNpy(stream);
        var truncated = stream.ToArray()[..^8];

        var e = Assert.Throws<InvalidDataException>(() => NDArray.LoadNpy<double>(new MemoryStream(truncated)));

        Assert.Contains("(4, 4)", e.Message);
    }

    private static byte[] Npy(string dict, int[] bigEndianValues)
    {
        var padding = (64 - ((10 + dict.Length + 1) % 64)) % 64;
        var header = Encoding.ASCII.GetBytes(dict + new string(' ', padding) + "\n");
        var bytes = new List<byte> { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0, (byte)header.Length, (byte)(header.Length >> 8) };
        bytes.AddRange(header);
        foreach (var v in bigEndianValues)
        {
            var b = new byte[4];
            BinaryPrimitives.WriteInt32BigEndian(b, v);
            bytes.AddRange(b);
        }

        return [.. bytes];
    }
}
