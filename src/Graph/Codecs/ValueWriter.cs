using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace MiniDask.Graph.Codecs;

/// <summary>
/// Writes one value's header (little-endian scalars, length-prefixed strings, type descriptors)
/// and collects its payload segments. Codecs receive one from <see cref="ValueCodecs.Encode"/>.
/// </summary>
public sealed class ValueWriter
{
    /// <summary>
    /// Arrays of at least this many bytes travel as their own payload segment, written from the
    /// array itself; smaller ones are copied into the header, which is cheaper than a frame.
    /// </summary>
    public const int SegmentThreshold = 32 * 1024;

    /// <summary>How deeply values may nest inside each other (guards against cycles).</summary>
    public const int MaxDepth = 64;

    private readonly List<PayloadSegment> segments = [];
    private byte[] buffer = new byte[64];
    private int position;
    private int depth;

    /// <summary>The number of header bytes written so far.</summary>
    public int Length => position;

    /// <summary>The header bytes written so far.</summary>
    public ReadOnlyMemory<byte> Written => buffer.AsMemory(0, position);

    /// <summary>The payload segments added so far, in order.</summary>
    public IReadOnlyList<PayloadSegment> Segments => segments;

    /// <summary>Writes one byte.</summary>
    public void WriteByte(byte value) => GetSpan(1)[0] = value;

    /// <summary>Writes a boolean as one byte, 0 or 1.</summary>
    public void WriteBoolean(bool value) => WriteByte(value ? (byte)1 : (byte)0);

    /// <summary>Writes a 32-bit integer, little-endian.</summary>
    public void WriteInt32(int value) => BinaryPrimitives.WriteInt32LittleEndian(GetSpan(4), value);

    /// <summary>Writes a 64-bit integer, little-endian.</summary>
    public void WriteInt64(long value) => BinaryPrimitives.WriteInt64LittleEndian(GetSpan(8), value);

    /// <summary>Writes a 32-bit float, little-endian.</summary>
    public void WriteSingle(float value) => BinaryPrimitives.WriteSingleLittleEndian(GetSpan(4), value);

    /// <summary>Writes a 64-bit float, little-endian.</summary>
    public void WriteDouble(double value) => BinaryPrimitives.WriteDoubleLittleEndian(GetSpan(8), value);

    /// <summary>Writes a non-negative count or length in 1 to 5 bytes (7 bits per byte).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
    public void WriteCount(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var span = GetSpan(5);
        var v = (uint)count;
        var n = 0;
        while (v >= 0x80)
        {
            span[n++] = (byte)(v | 0x80);
            v >>= 7;
        }

        span[n++] = (byte)v;
        position -= 5 - n;
    }

    /// <summary>Writes a string as its UTF-8 byte count and bytes.</summary>
    public void WriteString(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length < 128)
        {
            // Short strings: encode straight into the buffer and patch the one-byte length.
            var span = GetSpan(1 + Encoding.UTF8.GetMaxByteCount(value.Length));
            var written = Encoding.UTF8.GetBytes(value, span[1..]);
            if (written < 128)
            {
                span[0] = (byte)written;
                position -= span.Length - 1 - written;
                return;
            }

            position -= span.Length;
        }

        var count = Encoding.UTF8.GetByteCount(value);
        WriteCount(count);
        Encoding.UTF8.GetBytes(value, GetSpan(count));
    }

    /// <summary>Writes <paramref name="bytes"/> as they are, with no length.</summary>
    public void WriteBytes(ReadOnlySpan<byte> bytes) => bytes.CopyTo(GetSpan(bytes.Length));

    /// <summary>
    /// Writes an array of byte, int, long, float or double without per-element work: a large one
    /// becomes a payload segment over the array itself (not copied), a small one is copied into
    /// the header. <see cref="ValueReader.ReadBuffer{T}"/> reads it back.
    /// </summary>
    /// <exception cref="ArgumentException"><typeparamref name="T"/> is not one of the five element types.</exception>
    public void WriteBuffer<T>(T[] array)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(array);
        if (!PayloadSegment.TryGetElementType<T>(out _))
        {
            throw new ArgumentException($"Buffers hold byte, int, long, float or double elements, not {typeof(T).FullName}.");
        }

        var bytes = MemoryMarshal.AsBytes(array.AsSpan());
        if (bytes.Length >= SegmentThreshold)
        {
            WriteByte(1);
            AddSegment(PayloadSegment.FromArray(array));
            return;
        }

        WriteByte(0);
        WriteCount(array.Length);
        WriteBytes(bytes);
    }

    /// <summary>Appends a payload segment; it is sent from its own memory, after the header.</summary>
    public void AddSegment(PayloadSegment segment) => segments.Add(segment);

    /// <summary>
    /// Writes a type descriptor: the tag of the codec for <paramref name="type"/> and its type
    /// arguments. <see cref="object"/>, interfaces and abstract classes are written as static types
    /// whose values carry their own descriptors.
    /// </summary>
    /// <exception cref="NotSupportedException">No codec encodes <paramref name="type"/>; the message says why.</exception>
    public void WriteType(Type type)
    {
        var codec = ValueCodecs.DescriptorCodecFor(type);
        WriteString(codec.Tag);
        codec.WriteTypeArguments(type, this);
    }

    /// <summary>Writes a value of any supported type with its type descriptor; null is allowed.</summary>
    /// <exception cref="NotSupportedException">The value's type has no codec, or values nest too deeply.</exception>
    public void WriteValue(object? value)
    {
        if (value is null)
        {
            WriteString(NullCodec.NullTag);
            return;
        }

        var type = value.GetType();
        var codec = ValueCodecs.ForType(type);
        WriteString(codec.Tag);
        codec.WriteTypeArguments(type, this);
        Nest(codec, value);
    }

    /// <summary>
    /// Writes a value whose static type <typeparamref name="T"/> the reader also knows, as
    /// <see cref="ValueReader.ReadValue{T}"/> reads it: no descriptor for exact values, a
    /// null flag for references, a descriptor only for values of a derived type.
    /// </summary>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> or the value's type has no codec.</exception>
    public void WriteValue<T>(T value) => TypedCodecs.Element<T>().Write(this, value);

    /// <summary>Runs <paramref name="codec"/> one nesting level deeper, refusing cycles and runaway depth.</summary>
    internal void Nest(IValueCodec codec, object value)
    {
        if (depth >= MaxDepth)
        {
            throw new NotSupportedException(
                $"A {value.GetType().FullName} nests values more than {MaxDepth} levels deep; a value that contains itself cannot be sent.");
        }

        depth++;
        try
        {
            codec.Encode(value, this);
        }
        finally
        {
            depth--;
        }
    }

    internal Span<byte> GetSpan(int size)
    {
        if (buffer.Length - position < size)
        {
            var needed = checked(position + size);
            var doubled = (int)Math.Min((long)buffer.Length * 2, Array.MaxLength);
            var grown = new byte[Math.Max(needed, doubled)];
            buffer.AsSpan(0, position).CopyTo(grown);
            buffer = grown;
        }

        var span = buffer.AsSpan(position, size);
        position += size;
        return span;
    }
}
