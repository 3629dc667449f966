using System.Buffers.Binary;
using MiniDask.Graph.Codecs;

namespace MiniDask.Array.Serialization;

/// <summary>
/// The value codec of NumPy's float16 scalars (<see cref="Half"/>), tag <c>npfloat16</c>: two bytes,
/// little-endian, bit for bit (NaN payloads and the sign of zero included). Float16 scalars cross
/// process boundaries as literals of tasks (the fill value of <c>Full&lt;Half&gt;</c>, the scalar of
/// <c>x + (Half)1</c>) and as results. The other small dtypes' scalars are primitives the wire
/// already carries.
/// </summary>
public sealed class HalfCodec : ValueCodec<Half>
{
    /// <summary>The wire tag of float16 scalars.</summary>
    public const string HalfTag = "npfloat16";

    /// <inheritdoc />
    public override string Tag => HalfTag;

    /// <summary>Registers the codec with <see cref="ValueCodecs"/>; calling it again does nothing.</summary>
    public static void Register() => ValueCodecs.Register(new HalfCodec());

    /// <inheritdoc />
    public override void Write(ValueWriter writer, Half value)
    {
        Span<byte> bytes = stackalloc byte[2];
        BinaryPrimitives.WriteHalfLittleEndian(bytes, value);
        writer.WriteBytes(bytes);
    }

    /// <inheritdoc />
    public override Half Read(ValueReader reader) => BinaryPrimitives.ReadHalfLittleEndian(reader.ReadBytes(2));
}
