using System.Numerics;
using System.Runtime.InteropServices;
using MiniDask.Graph.Codecs;
using MiniDask.Kernels;
using MiniDask.Kernels.Accelerators;

namespace MiniDask.Array.Serialization;

/// <summary>
/// The value codec of dense blocks (<see cref="NDArray{T}"/>), tag <c>ndarray</c>. The type
/// argument is the dtype (<c>float64</c>, <c>float32</c>, <c>int32</c>, <c>int64</c>, <c>bool</c>, <c>complex128</c>);
/// the header holds the shape; the data is the block's own buffer, sent as a payload segment
/// without a copy or any per-element work (blocks under <see cref="ValueWriter.SegmentThreshold"/>
/// bytes are copied into the header instead, which is cheaper than a frame of their own). A
/// received block wraps the array the transport read the payload into. Boolean blocks travel as
/// their bytes (one per element), and complex blocks as their float64 parts (real, imaginary),
/// each copied once on each side, since payload segments hold primitive elements only. A block in device memory
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
                WriteShape(c, writer);
                writer.WriteBuffer(MemoryMarshal.Cast<Complex128, double>(c.Span).ToArray());
                break;
            case IDeviceBlock device:
                Encode(device.ToHost(), writer);
                break;
            case NDArray<Bool> b:
                WriteShape(b, writer);
                writer.WriteBuffer(MemoryMarshal.AsBytes(b.Span).ToArray());
                break;
            default:
                throw new ArgumentException($"NDArrayCodec encodes NDArray<double|float|int|long|Bool|Complex128>, not {value.GetType().FullName}.", nameof(value));
        }
    }

    /// <inheritdoc />
    public object? Decode(Type type, ValueReader reader)
    {
        var element = type.GetGenericArguments()[0];
        return element == typeof(double) ? Read<double>(reader)
            : element == typeof(float) ? Read<float>(reader)
            : element == typeof(int) ? Read<int>(reader)
            : element == typeof(long) ? Read<long>(reader)
            : element == typeof(Bool) ? ReadBool(reader)
            : element == typeof(Complex128) ? ReadComplex(reader)
            : throw new InvalidDataException($"Blocks of {element.FullName} are not supported.");
    }

    private static void Write<T>(NDArray<T> block, ValueWriter writer)
        where T : unmanaged, INumber<T>
    {
        WriteShape(block, writer);
        writer.WriteBuffer(block.Data);
    }

    private static void WriteShape<T>(NDArray<T> block, ValueWriter writer)
        where T : unmanaged, INumber<T>
    {
        writer.WriteCount(block.Rank);
        foreach (var dim in block.Shape)
        {
            writer.WriteInt32(dim);
        }
    }

    private static NDArray<T> Read<T>(ValueReader reader)
        where T : unmanaged, INumber<T>
    {
        var shape = ReadShape(reader, out var count);
        var data = reader.ReadBuffer<T>();
        if (data.Length != count)
        {
            throw new InvalidDataException(
                $"A block of shape {Shapes.Format(shape)} needs {count} elements; {data.Length} were sent.");
        }

        return NDArray.FromArray(data, shape);
    }

    private static NDArray<Bool> ReadBool(ValueReader reader)
    {
        var shape = ReadShape(reader, out var count);
        var bytes = reader.ReadBuffer<byte>();
        if (bytes.Length != count)
        {
            throw new InvalidDataException(
                $"A boolean block of shape {Shapes.Format(shape)} needs {count} bytes; {bytes.Length} were sent.");
        }

        var data = new Bool[count];
        bytes.AsSpan().CopyTo(MemoryMarshal.AsBytes(data.AsSpan()));
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

    private static bool IsDType(Type element) =>
        element == typeof(double) || element == typeof(float) || element == typeof(int) || element == typeof(long) || element == typeof(Bool)
        || element == typeof(Complex128);
}
