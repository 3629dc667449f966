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
