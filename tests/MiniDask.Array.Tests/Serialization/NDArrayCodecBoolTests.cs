using MiniDask.Array.Serialization;
using MiniDask.Graph.Codecs;
using MiniDask.Kernels;

namespace MiniDask.Array.Tests;

/// <summary>Boolean blocks (masks) cross process boundaries through the block codec, small ones in the header and large ones as a payload segment.</summary>
public class NDArrayCodecBoolTests
{
    public NDArrayCodecBoolTests() => NDArrayCodec.Register();

    [Theory]
    [InlineData(new int[0])]
    [InlineData(new[] { 0 })]
    [InlineData(new[] { 3, 0 })]
    [InlineData(new[] { 7, 5 })]
    [InlineData(new[] { 300, 200 })]
    public void EncodeDecode_BoolBlock_EqualsOriginal(int[] shape)
    {
        var count = shape.Aggregate(1, (n, d) => n * d);
        var block = new NDArray<Bool>([.. Enumerable.Range(0, count).Select(i => (Bool)(i % 3 == 0))], shape);

        var encoded = ValueCodecs.Encode(block);
        var decoded = Assert.IsType<NDArray<Bool>>(ValueCodecs.Decode(encoded));

        Assert.Equal(NDArrayCodec.NDArrayTag, encoded.Tag);
        Assert.Equal(count * 1 >= ValueWriter.SegmentThreshold, encoded.Segments.Count > 0);
        Assert.Equal(shape, decoded.Shape.ToArray());
        Assert.Equal(block.Data, decoded.Data);
    }
}

/// <summary>Boolean scalars (task literals such as a fill value, and results) cross process boundaries through their own codec.</summary>
public class BoolCodecTests
{
    public BoolCodecTests() => BoolCodec.Register();

    [Fact]
    public void EncodeDecode_BoolScalarsAndCollections_EqualOriginals()
    {
        object[] values = [Bool.True, Bool.False, new[] { Bool.True, Bool.False, Bool.True }, new List<Bool> { Bool.False }, (Bool.True, 3)];

        foreach (var value in values)
        {
            var decoded = ValueCodecs.Decode(ValueCodecs.Encode(value));

            Assert.Equal(value.GetType(), decoded!.GetType());
            if (value is System.Collections.IEnumerable items)
            {
                Assert.Equal(items.Cast<Bool>(), ((System.Collections.IEnumerable)decoded).Cast<Bool>());
            }
            else
            {
                Assert.Equal(value, decoded);
            }
        }

        Assert.Equal(BoolCodec.BoolTag, ValueCodecs.Encode(Bool.True).Tag);
        Assert.True(ValueCodecs.IsSerializable(typeof(Bool), out _));
    }

    [Fact]
    public void Decode_ByteOtherThanZeroOrOne_ThrowsInvalidData()
    {
        var encoded = ValueCodecs.Encode(Bool.True);
        var header = encoded.Header.ToArray();
        header[^1] = 7;

        var e = Assert.Throws<InvalidDataException>(() => ValueCodecs.Decode(BoolCodec.BoolTag, header, []));

        Assert.Contains("0 or 1", e.Message);
    }
}
