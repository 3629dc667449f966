using System.Numerics;
using MiniDask.Array.Serialization;
using MiniDask.Graph.Codecs;
using MiniDask.Kernels;
using MiniDask.Protocol.Tests.TestSupport;

namespace MiniDask.Protocol.Tests.Serialization;

public class NDArrayCodecTests
{
    public NDArrayCodecTests() => NDArrayCodec.Register();

    public static TheoryData<int[]> Shapes() => new()
    {
        System.Array.Empty<int>(),
        new[] { 0 },
        new[] { 3, 0 },
        new[] { 0, 5, 2 },
        new[] { 1 },
        new[] { 7 },
        new[] { 3, 4 },
        new[] { 2, 3, 4 },
        new[] { 64, 128 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public async Task ReadValue_Float64Block_EqualsOriginal(int[] shape) => await AssertRoundTripsAsync(Make<double>(shape, i => i * 0.5 - 3));

    [Theory]
    [MemberData(nameof(Shapes))]
    public async Task ReadValue_Float32Block_EqualsOriginal(int[] shape) => await AssertRoundTripsAsync(Make<float>(shape, i => i * 0.25f));

    [Theory]
    [MemberData(nameof(Shapes))]
    public async Task ReadValue_Int32Block_EqualsOriginal(int[] shape) => await AssertRoundTripsAsync(Make<int>(shape, i => i - 10));

    [Theory]
    [MemberData(nameof(Shapes))]
    public async Task ReadValue_Int64Block_EqualsOriginal(int[] shape) => await AssertRoundTripsAsync(Make<long>(shape, i => (long)i << 33));

    [Fact]
    public void Encode_LargeBlock_PayloadIsBlocksOwnBuffer()
    {
        var block = Make<double>([256, 256], i => i);

        var encoded = ValueCodecs.Encode(block);

        Assert.Equal(NDArrayCodec.NDArrayTag, encoded.Tag);
        var segment = Assert.Single(encoded.Segments);
        Assert.Equal(PayloadElementType.Double, segment.ElementType);
        Assert.Same(block.Data, segment.AsArray<double>());
        Assert.True(encoded.Header.Length < 32, $"header is {encoded.Header.Length} bytes");
    }

    [Fact]
    public async Task ReadValue_LargeBlockThroughFrame_WrapsArrayTheReaderFilled()
    {
        var block = Make<float>([300, 200], i => i);
        var builder = new MessageBuilder();
        var reference = builder.AddValue(block);
        var bytes = await Values.FrameBytesAsync(builder.Build(new Messages.GetDataResponse { Data = [new Messages.KeyValue { Key = new Graph.Key("b"), Value = reference }] }));

        var received = await FrameCodec.ReadAsync(new MemoryStream(bytes), FrameLimits.Default);
        var decoded = Assert.IsType<NDArray<float>>(received!.ReadValue(((Messages.GetDataResponse)received.Body).Data[0].Value));

        Assert.Same(received.Payload[(int)reference.FirstFrame].AsArray<float>(), decoded.Data);
        Assert.Equal(block.Data, decoded.Data);
    }

    [Fact]
    public void Decode_ShapeDisagreeingWithData_ThrowsNamingShape()
    {
        var writer = new ValueWriter();
        writer.WriteString("float64");
        writer.WriteCount(2);
        writer.WriteInt32(2);
        writer.WriteInt32(3);
        writer.WriteBuffer(new double[5]);

        var error = Assert.Throws<InvalidDataException>(() => ValueCodecs.Decode(NDArrayCodec.NDArrayTag, writer.Written, []));

        Assert.Contains("(2, 3)", error.Message);
    }

    [Fact]
    public void Decode_UnknownDType_ThrowsNamingDType()
    {
        var writer = new ValueWriter();
        writer.WriteString("complex64");

        var error = Assert.Throws<InvalidDataException>(() => ValueCodecs.Decode(NDArrayCodec.NDArrayTag, writer.Written, []));

        Assert.Contains("complex64", error.Message);
    }

    [Fact]
    public void Decode_BlocksInsideListAndTuple_EqualOriginals()
    {
        var value = new List<(string, NDArray<int>)> { ("a", Make<int>([2, 2], i => i)), ("b", Make<int>([0], i => i)) };

        var decoded = Assert.IsType<List<(string, NDArray<int>)>>(Values.ThroughCodec(value));

        Assert.Equal(["a", "b"], decoded.Select(p => p.Item1));
        Assert.Equal(value[0].Item2.Data, decoded[0].Item2.Data);
        Assert.Equal([2, 2], decoded[0].Item2.Shape.ToArray());
        Assert.Equal([0], decoded[1].Item2.Shape.ToArray());
    }

    [Fact]
    public void Register_CalledTwice_KeepsOneCodec()
    {
        NDArrayCodec.Register();

        Assert.Single(ValueCodecs.Registered, c => c.Tag == NDArrayCodec.NDArrayTag);
    }

    private static NDArray<T> Make<T>(int[] shape, Func<int, T> fill)
        where T : unmanaged, INumber<T>
    {
        var count = shape.Aggregate(1, (a, d) => a * d);
        return NDArray.FromArray(Enumerable.Range(0, count).Select(fill).ToArray(), shape);
    }

    private static async Task AssertRoundTripsAsync<T>(NDArray<T> block)
        where T : unmanaged, INumber<T>
    {
        foreach (var decoded in new[] { Values.ThroughCodec(block), await Values.ThroughFrameAsync(block) })
        {
            var typed = Assert.IsType<NDArray<T>>(decoded);
            Assert.Equal(block.Shape.ToArray(), typed.Shape.ToArray());
            Assert.Equal(block.DType, typed.DType);
            Assert.Equal(block.Data, typed.Data);
        }
    }
}
