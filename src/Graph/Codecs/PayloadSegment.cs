using System.Runtime.InteropServices;

namespace MiniDask.Graph.Codecs;

/// <summary>
/// One raw buffer that travels after a message's header, never re-encoded: a block's data, a
/// large array, or a large encoded value. It remembers its <see cref="ElementType"/> so that the
/// receiver reads it straight into a newly allocated array of that type.
/// </summary>
public readonly struct PayloadSegment
{
    private PayloadSegment(ReadOnlyMemory<byte> bytes, PayloadElementType elementType)
    {
        Bytes = bytes;
        ElementType = elementType;
    }

    /// <summary>A segment of plain bytes.</summary>
    public PayloadSegment(ReadOnlyMemory<byte> bytes)
        : this(bytes, PayloadElementType.Byte)
    {
    }

    /// <summary>The segment's bytes, little-endian.</summary>
    public ReadOnlyMemory<byte> Bytes { get; }

    /// <summary>The element type the receiver allocates the segment as.</summary>
    public PayloadElementType ElementType { get; }

    /// <summary>The length in bytes.</summary>
    public int Length => Bytes.Length;

    /// <summary>Wraps <paramref name="array"/> (not copied) as a segment of its element type.</summary>
    /// <exception cref="ArgumentException">
    /// <typeparamref name="T"/> is not byte, int, long, float or double, or the array holds 2 GiB or more.
    /// </exception>
    public static PayloadSegment FromArray<T>(T[] array)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(array);
        var type = ElementTypeOf<T>();
        if ((long)array.Length * ElementSize(type) > int.MaxValue)
        {
            throw new ArgumentException(
                $"A {typeof(T).Name}[{array.Length}] is {(long)array.Length * ElementSize(type)} bytes; one payload segment holds less than 2 GiB, so split it into smaller blocks.",
                nameof(array));
        }

        return typeof(T) == typeof(byte)
            ? new PayloadSegment((byte[])(object)array, type)
            : new PayloadSegment(new ArrayByteMemory<T>(array).Memory, type);
    }

    /// <summary>
    /// Allocates the destination of a received segment: an array of <paramref name="elementType"/>
    /// of <paramref name="byteLength"/> bytes (elements not cleared), returned as the segment and as
    /// the writable bytes to fill.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">
    /// The length is negative, not a multiple of the element size, or 2 GiB or more, or the
    /// element type is unknown.
    /// </exception>
    public static PayloadSegment Allocate(PayloadElementType elementType, long byteLength, out Memory<byte> destination)
    {
        var size = ElementSize(elementType);
        if (byteLength < 0 || byteLength > int.MaxValue || byteLength % size != 0)
        {
            throw new ArgumentOutOfRangeException(
                nameof(byteLength), byteLength, $"A {elementType} segment needs a length in [0, 2 GiB) that is a multiple of {size}.");
        }

        var count = (int)(byteLength / size);
        destination = elementType switch
        {
            PayloadElementType.Byte => GC.AllocateUninitializedArray<byte>(count),
            PayloadElementType.Int32 => new ArrayByteMemory<int>(GC.AllocateUninitializedArray<int>(count)).Memory,
            PayloadElementType.Int64 => new ArrayByteMemory<long>(GC.AllocateUninitializedArray<long>(count)).Memory,
            PayloadElementType.Single => new ArrayByteMemory<float>(GC.AllocateUninitializedArray<float>(count)).Memory,
            _ => new ArrayByteMemory<double>(GC.AllocateUninitializedArray<double>(count)).Memory,
        };
        return new PayloadSegment(destination, elementType);
    }

    /// <summary>
    /// The segment as a <typeparamref name="T"/>[]: the buffer itself when the segment wraps a
    /// whole array of that type (as received segments and <see cref="FromArray{T}"/> do), else a copy.
    /// </summary>
    /// <exception cref="InvalidDataException">The length is not a multiple of the size of <typeparamref name="T"/>.</exception>
    public T[] AsArray<T>()
        where T : unmanaged
    {
        if (typeof(T) == typeof(byte)
            && MemoryMarshal.TryGetArray(Bytes, out var bytes) && bytes.Offset == 0 && bytes.Count == bytes.Array!.Length)
        {
            return (T[])(object)bytes.Array;
        }

        if (MemoryMarshal.TryGetMemoryManager<byte, ArrayByteMemory<T>>(Bytes, out var manager, out var start, out var length)
            && start == 0 && length == manager.GetSpan().Length)
        {
            return manager.Array;
        }

        var size = System.Runtime.CompilerServices.Unsafe.SizeOf<T>();
        if (Bytes.Length % size != 0)
        {
            throw new InvalidDataException(
                $"A payload segment of {Bytes.Length} bytes cannot hold {typeof(T).Name} elements of {size} bytes each.");
        }

        return MemoryMarshal.Cast<byte, T>(Bytes.Span).ToArray();
    }

    /// <summary>The size in bytes of one element of <paramref name="elementType"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The element type is unknown.</exception>
    public static int ElementSize(PayloadElementType elementType) => elementType switch
    {
        PayloadElementType.Byte => 1,
        PayloadElementType.Int32 or PayloadElementType.Single => 4,
        PayloadElementType.Int64 or PayloadElementType.Double => 8,
        _ => throw new ArgumentOutOfRangeException(nameof(elementType), elementType, "Unknown payload element type."),
    };

    /// <summary>Whether <typeparamref name="T"/> has a payload element type, and which.</summary>
    public static bool TryGetElementType<T>(out PayloadElementType elementType)
    {
        elementType = typeof(T) == typeof(byte) ? PayloadElementType.Byte
            : typeof(T) == typeof(int) ? PayloadElementType.Int32
            : typeof(T) == typeof(long) ? PayloadElementType.Int64
            : typeof(T) == typeof(float) ? PayloadElementType.Single
            : typeof(T) == typeof(double) ? PayloadElementType.Double
            : (PayloadElementType)255;
        return (byte)elementType != 255;
    }

    private static PayloadElementType ElementTypeOf<T>() => TryGetElementType<T>(out var type)
        ? type
        : throw new ArgumentException($"Payload segments hold byte, int, long, float or double elements, not {typeof(T).FullName}.");
}
