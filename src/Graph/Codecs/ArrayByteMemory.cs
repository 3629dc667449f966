using System.Buffers;
using System.Runtime.InteropServices;

namespace MiniDask.Graph.Codecs;

/// <summary>
/// A <typeparamref name="T"/>[] seen as bytes without a copy. Transports write it from the
/// array's own memory and receivers read into it; <see cref="Array"/> hands the typed array back.
/// </summary>
internal sealed class ArrayByteMemory<T>(T[] array) : MemoryManager<byte>
    where T : unmanaged
{
    public T[] Array => array;

    public override Span<byte> GetSpan() => MemoryMarshal.AsBytes(array.AsSpan());

    public override unsafe MemoryHandle Pin(int elementIndex = 0)
    {
        // The MemoryHandle frees the GCHandle when it is disposed.
        var handle = GCHandle.Alloc(array, GCHandleType.Pinned);
        return new MemoryHandle((byte*)handle.AddrOfPinnedObject() + elementIndex, handle, this);
    }

    public override void Unpin()
    {
    }

    protected override void Dispose(bool disposing)
    {
    }
}
