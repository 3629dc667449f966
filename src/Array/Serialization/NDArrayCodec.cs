using System.Numerics;
using System.Runtime.InteropServices;
using MiniDask.Graph.Codecs;
using MiniDask.Kernels;
using MiniDask.Kernels.Accelerators;

namespace MiniDask.Array.Serialization;

/// <summary>
/// The value codec of dense blocks (<see cref="NDArray{T}"/>), tag <c>ndarray</c>. The type
/// argument is the dtype name (<c>float64</c>, <c>uint8</c>, <c>bool</c>, any of <see cref="DTypes.Names"/>);
/// the header holds the shape; the data is the block's own buffer, sent as a payload segment
/// without a copy or any per-element work (blocks under <see cref="ValueWriter.SegmentThreshold"/>
/// bytes are copied into the header instead, which is cheaper than a frame of their own). A
/// received block wraps the array the transport read the payload into. Blocks of the element types
/// the transport has no buffer type for (bool, int8, int16, uint16, uint32, uint64, float16) travel
/// as their little-endian bytes, and complex blocks as their float64 parts (real, imaginary), each
/// copied once on each side. A block in device memory
/// (<see cref="DeviceBlock{T}"/>) is copied to the host and sent as a dense block, so values leave
/// a GPU worker, or spill from it, as host blocks.
/// </summary>
public sealed class NDArrayCodec : IValueCodec
{
    /// <summary>The wire tag of blocks.</summary>
    public const string NDArrayTag = "ndarray";

    /// <summary>Registers the codec with <see cref="ValueCodecs"/>; calling it again does nothing.</summary>
    public static void Register() => ValueCodecs.Register(new NDArrayCodec());

    /// <inheritdoc />
    public string Tag => NDArrayTag;

    /// <inheritdoc />
    public bool CanEncode(Type type) =>
        type.IsGenericType
        && (type.GetGenericTypeDefinition() == typeof(NDArray<>) || type.GetGenericTypeDefinition() == typeof(DeviceBlock<>))
        && IsDType(type.GetGenericArguments()[0]);

    /// <inheritdoc />
    public void WriteTypeArguments(Type type, ValueWriter writer) =>
        writer.WriteString(DTypes.NameOf(type.GetGenericArguments()[0]));

    /// <inheritdoc />
    public Type ReadType(ValueReader reader)
    {
        var dtype = reader.ReadString();
        try
        {
            return typeof(NDArray<>).MakeGenericType(DTypes.TypeOf(dtype));
        }
        catch (NotSupportedException e)
        {
            throw new InvalidDataException($"A block was sent with dtype '{dtype}': {e.Message}", e);
        }
    }

    /// <inheritdoc />
    public void Encode(object value, ValueWriter writer)
    {
        switch (value)
        {
            case NDArray<double> d:
                Write(d, writer);
                break;
            case NDArray<float> f:
                Write(f, writer);
                break;
            case NDArray<int> i:
                Write(i, writer);
                break;
            case NDArray<long> l:
                Write(l, writer);
                break;
            case NDArray<Complex128> c:
                WriteShape(c.Shape, writer);
                writer.WriteBuffer(MemoryMarshal.Cast<Complex128, double>(c.Span).ToArray());
                break;
            case IDeviceBlock device:
                Encode(device.ToHost(), writer);
                break;
            case NDArray<byte> u:
                Write(u, writer);
                break;
            case INDArray block when DTypes.IsSupported(block.ElementType):
                WriteShape(block.Shape, writer);
                writer.WriteBuffer(block.AsBytes().ToArray());
                break;
            default:
                throw new ArgumentException(
                    $"NDArrayCodec encodes NDArray<T> of the element types {string.Join(", ", DTypes.Names)}, not {value.GetType().FullName}.", nameof(value));
        }
    }

    /// <inheritdoc />
    public object? Decode(Type type, ValueReader reader)
    {
        var element = type.GetGenericArguments()[0];
        return element == typeof(Complex128) ? ReadComplex(reader)
            : IsDType(element) ? DTypeLists.Dispatch<ReadBlock, INDArray>(DTypes.NameOf(element), new ReadBlock(reader))
            : throw new InvalidDataException($"Blocks of {element.FullName} are not supported.");
    }

    private static void Write<T>(NDArray<T> block, ValueWriter writer)
        where T : unmanaged, INumber<T>
    {
        WriteShape(block.Shape, writer);
        writer.WriteBuffer(block.Data);
    }

    private static void WriteShape(ReadOnlySpan<int> shape, ValueWriter writer)
    {
        writer.WriteCount(shape.Length);
        foreach (var dim in shape)
        {
            writer.WriteInt32(dim);
        }
    }

    private static NDArray<T> Read<T>(ValueReader reader)
        where T : unmanaged, INumber<T>
    {
        var shape = ReadShape(reader, out var count);

        // Element types without a transport buffer type travel as bytes (see Encode).
        var data = PayloadSegment.TryGetElementType<T>(out _)
            ? reader.ReadBuffer<T>()
            : MemoryMarshal.Cast<byte, T>(reader.ReadBuffer<byte>()).ToArray();
        if (data.Length != count)
        {
            throw new InvalidDataException(
                $"A block of shape {Shapes.Format(shape)} needs {count} elements; {data.Length} were sent.");
        }

        return NDArray.FromArray(data, shape);
    }

    private static NDArray<Complex128> ReadComplex(ValueReader reader)
    {
        var shape = ReadShape(reader, out var count);
        var parts = reader.ReadBuffer<double>();
        if (parts.Length != 2 * count)
        {
            throw new InvalidDataException(
                $"A complex block of shape {Shapes.Format(shape)} needs {2 * count} float64 parts; {parts.Length} were sent.");
        }

        var data = new Complex128[count];
        MemoryMarshal.Cast<double, Complex128>(parts).CopyTo(data);
        return NDArray.FromArray(data, shape);
    }

    private static int[] ReadShape(ValueReader reader, out long count)
    {
        var shape = new int[reader.ReadCount(minBytesPerItem: sizeof(int))];
        count = 1;
        for (var i = 0; i < shape.Length; i++)
        {
            shape[i] = reader.ReadInt32();
            count *= shape[i];
            if (shape[i] < 0 || count > int.MaxValue)
            {
                throw new InvalidDataException($"A block was sent with an invalid shape (axis {i} is {shape[i]}).");
            }
        }

        return shape;
    }

    private static bool IsDType(Type element) => DTypes.IsSupported(element);

    /// <summary>Reads one block of the element type the dispatch picks.</summary>
    private readonly struct ReadBlock(ValueReader reader) : IDTypeFunction<INDArray>
    {
        public INDArray Run<T>()
            where T : unmanaged, INumber<T> => Read<T>(reader);
    }
}
