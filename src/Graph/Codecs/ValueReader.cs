using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace MiniDask.Graph.Codecs;

/// <summary>
/// Reads what a <see cref="ValueWriter"/> wrote: a header and its payload segments. Every read
/// is bounds-checked; counts are checked against the bytes left before anything is allocated,
/// so a malformed or hostile header raises <see cref="InvalidDataException"/>, never a huge allocation.
/// </summary>
public sealed class ValueReader
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly ReadOnlyMemory<byte> header;
    private readonly IReadOnlyList<PayloadSegment> segments;
    private int position;
    private int nextSegment;
    private int depth;

    /// <summary>Reads <paramref name="header"/> and takes payload segments from <paramref name="segments"/> in order.</summary>
    public ValueReader(ReadOnlyMemory<byte> header, IReadOnlyList<PayloadSegment> segments)
    {
        ArgumentNullException.ThrowIfNull(segments);
        this.header = header;
        this.segments = segments;
    }

    /// <summary>The number of header bytes not read yet.</summary>
    public int Remaining => header.Length - position;

    /// <summary>Reads one byte.</summary>
    /// <exception cref="InvalidDataException">The header ended.</exception>
    public byte ReadByte() => Take(1)[0];

    /// <summary>Reads a boolean written as 0 or 1.</summary>
    /// <exception cref="InvalidDataException">The byte is neither 0 nor 1, or the header ended.</exception>
    public bool ReadBoolean() => ReadByte() switch
    {
        0 => false,
        1 => true,
        var b => throw new InvalidDataException($"A boolean is written as 0 or 1; found {b}."),
    };

    /// <summary>Reads a little-endian 32-bit integer.</summary>
    /// <exception cref="InvalidDataException">The header ended.</exception>
    public int ReadInt32() => BinaryPrimitives.ReadInt32LittleEndian(Take(4));

    /// <summary>Reads a little-endian 64-bit integer.</summary>
    /// <exception cref="InvalidDataException">The header ended.</exception>
    public long ReadInt64() => BinaryPrimitives.ReadInt64LittleEndian(Take(8));

    /// <summary>Reads a little-endian 32-bit float.</summary>
    /// <exception cref="InvalidDataException">The header ended.</exception>
    public float ReadSingle() => BinaryPrimitives.ReadSingleLittleEndian(Take(4));

    /// <summary>Reads a little-endian 64-bit float.</summary>
    /// <exception cref="InvalidDataException">The header ended.</exception>
    public double ReadDouble() => BinaryPrimitives.ReadDoubleLittleEndian(Take(8));

    /// <summary>
    /// Reads a count written by <see cref="ValueWriter.WriteCount"/> and checks that
    /// <paramref name="minBytesPerItem"/> bytes per item are left in the header.
    /// </summary>
    /// <exception cref="InvalidDataException">The count is malformed or larger than the data can hold.</exception>
    public int ReadCount(int minBytesPerItem = 1)
    {
        uint result = 0;
        for (var shift = 0; shift < 35; shift += 7)
        {
            var b = ReadByte();
            result |= (uint)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                if (result > int.MaxValue || (long)result * minBytesPerItem > Remaining)
                {
                    throw new InvalidDataException(
                        $"A count of {result} items of at least {minBytesPerItem} byte(s) each does not fit in the {Remaining} bytes left.");
                }

                return (int)result;
            }
        }

        throw new InvalidDataException("A count is longer than 5 bytes.");
    }

    /// <summary>Reads a string written by <see cref="ValueWriter.WriteString"/>.</summary>
    /// <exception cref="InvalidDataException">The length is malformed or the bytes are not valid UTF-8.</exception>
    public string ReadString()
    {
        var bytes = Take(ReadCount());
        try
        {
            return Utf8.GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            throw new InvalidDataException("A string is not valid UTF-8.", e);
        }
    }

    /// <summary>Reads <paramref name="count"/> bytes as they are.</summary>
    /// <exception cref="InvalidDataException">Fewer bytes are left.</exception>
    public ReadOnlySpan<byte> ReadBytes(int count) => Take(count);

    /// <summary>Reads an array written by <see cref="ValueWriter.WriteBuffer{T}"/>; a segment's own array is returned, not a copy.</summary>
    /// <exception cref="InvalidDataException">The data is malformed or the segment has another element type.</exception>
    public T[] ReadBuffer<T>()
        where T : unmanaged
    {
        switch (ReadByte())
        {
            case 0:
                var count = ReadCount(Unsafe.SizeOf<T>());
                return MemoryMarshal.Cast<byte, T>(Take(count * Unsafe.SizeOf<T>())).ToArray();
            case 1:
                var segment = ReadSegment();
                if (PayloadSegment.TryGetElementType<T>(out var expected) && segment.ElementType != expected)
                {
                    throw new InvalidDataException($"Expected a {expected} payload segment for a {typeof(T).Name}[]; found {segment.ElementType}.");
                }

                return segment.AsArray<T>();
            case var b:
                throw new InvalidDataException($"A buffer starts with 0 (inline) or 1 (segment); found {b}.");
        }
    }

    /// <summary>Takes the next payload segment.</summary>
    /// <exception cref="InvalidDataException">No segment is left.</exception>
    public PayloadSegment ReadSegment() => nextSegment < segments.Count
        ? segments[nextSegment++]
        : throw new InvalidDataException($"The value refers to payload segment {nextSegment + 1} but has only {segments.Count}.");

    /// <summary>Reads a type descriptor written by <see cref="ValueWriter.WriteType"/>.</summary>
    /// <exception cref="InvalidDataException">The descriptor is malformed or names an unknown codec.</exception>
    public Type ReadType()
    {
        var tag = ReadString();
        Enter(tag);
        try
        {
            return ValueCodecs.DescriptorCodecForTag(tag).ReadType(this);
        }
        finally
        {
            depth--;
        }
    }

    /// <summary>Reads a value written by <see cref="ValueWriter.WriteValue(object)"/>.</summary>
    /// <exception cref="InvalidDataException">The data is malformed or names an unknown codec.</exception>
    public object? ReadValue()
    {
        var tag = ReadString();
        if (tag == NullCodec.NullTag)
        {
            return null;
        }

        var codec = ValueCodecs.ForTag(tag);
        Enter(tag);
        try
        {
            return codec.Decode(codec.ReadType(this), this);
        }
        finally
        {
            depth--;
        }
    }

    /// <summary>Reads a value written by <see cref="ValueWriter.WriteValue{T}"/> with the same <typeparamref name="T"/>.</summary>
    /// <exception cref="InvalidDataException">The data is malformed.</exception>
    public T ReadValue<T>() => TypedCodecs.Element<T>().Read(this);

    /// <summary>Checks that the whole header and every segment were read.</summary>
    /// <exception cref="InvalidDataException">Bytes or segments are left over.</exception>
    public void EnsureEnd()
    {
        if (Remaining != 0 || nextSegment != segments.Count)
        {
            throw new InvalidDataException(
                $"The value ended with {Remaining} header byte(s) and {segments.Count - nextSegment} payload segment(s) unread.");
        }
    }

    internal ReadOnlySpan<byte> Take(int count)
    {
        if (count < 0 || count > Remaining)
        {
            throw new InvalidDataException($"The value needs {count} more byte(s) but only {Remaining} are left.");
        }

        var span = header.Span.Slice(position, count);
        position += count;
        return span;
    }

    private void Enter(string tag)
    {
        if (++depth > ValueWriter.MaxDepth)
        {
            depth--;
            throw new InvalidDataException($"Values nest more than {ValueWriter.MaxDepth} levels deep (at tag '{tag}').");
        }
    }
}
