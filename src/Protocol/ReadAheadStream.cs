namespace MiniDask.Protocol;

/// <summary>
/// The reading side of a comm's stream, with a read-ahead buffer: one read from the transport
/// brings in every frame that has arrived, so a burst of short messages costs one system call, not
/// several per frame. A read at least as large as the buffer (a block's payload) goes straight into
/// the caller's memory once the buffered bytes are used up. Only reads go through it; the comm
/// writes to the underlying stream directly, so one reader and one writer may use them at once.
/// </summary>
internal sealed class ReadAheadStream(Stream inner, int capacity = ReadAheadStream.DefaultCapacity) : Stream
{
    /// <summary>The read-ahead buffer's size in bytes.</summary>
    public const int DefaultCapacity = 64 * 1024;

    private readonly byte[] buffer = new byte[capacity];
    private int start;
    private int end;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> destination, CancellationToken cancellationToken = default)
    {
        if (destination.IsEmpty)
        {
            return 0;
        }

        if (start == end)
        {
            if (destination.Length >= buffer.Length)
            {
                return await inner.ReadAsync(destination, cancellationToken).ConfigureAwait(false);
            }

            start = 0;
            end = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            if (end == 0)
            {
                return 0;
            }
        }

        var n = Math.Min(destination.Length, end - start);
        buffer.AsSpan(start, n).CopyTo(destination.Span);
        start += n;
        return n;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
