using System.Numerics;
using MiniDask.Array.Serialization;
using MiniDask.Graph.Codecs;
using MiniDask.Kernels;

namespace MiniDask.Array.Tests;

/// <summary>Blocks and scalars of the small integer and float16 dtypes cross process boundaries, small ones in the header and large ones as a payload segment.</summary>
public class NDArrayCodecSmallDTypeTests
{
    public NDArrayCodecSmallDTypeTests()
    {
        NDArrayCodec.Register();
        HalfCodec.Register();
    }

    [Theory]
    [InlineData(new[] { 7, 5 })]
    [InlineData(new[] { 300, 200 })]
    public void EncodeDecode_BlockOfEachSmallDType_EqualsOriginal(int[] shape)
    {
        RoundTrip(shape, i => (sbyte)(i * 37));
        RoundTrip(shape, i => (byte)(i * 31));
        RoundTrip(shape, i => (short)(i * 1009));
        RoundTrip(shape, i => (ushort)(i * 4099));
        RoundTrip(shape, i => (uint)i * 2_654_435_761u);
        RoundTrip(shape, i => (ulong)i * 11_400_714_819_323_198_485UL);
        RoundTrip(shape, i => (Half)((i * 0.25) - 50));
    }

    [Fact]
    public void EncodeDecode_ScalarsOfEachSmallDType_EqualOriginals()
    {
        object[] values = [(sbyte)-128, (byte)255, (short)-7, (ushort)65535, uint.MaxValue, ulong.MaxValue, (Half)1.5, Half.NegativeInfinity];

        Assert.All(values, value => Assert.Equal(value, ValueCodecs.Decode(ValueCodecs.Encode(value))));
        Assert.Equal(HalfCodec.HalfTag, ValueCodecs.Encode((Half)2).Tag);
    }

    private static void RoundTrip<T>(int[] shape, Func<int, T> value)
        where T : unmanaged, INumber<T>
    {
        var count = shape.Aggregate(1, (n, d) => n * d);
        var block = new NDArray<T>([.. Enumerable.Range(0, count).Select(value)], shape);

        var encoded = ValueCodecs.Encode(block);
        var decoded = Assert.IsType<NDArray<T>>(ValueCodecs.Decode(encoded));

        Assert.Equal(NDArrayCodec.NDArrayTag, encoded.Tag);
        Assert.Equal(block.AsBytes().Length >= ValueWriter.SegmentThreshold, encoded.Segments.Count > 0);
        Assert.Equal(shape, decoded.Shape.ToArray());
        Assert.Equal(block.Data, decoded.Data);
    }
}
