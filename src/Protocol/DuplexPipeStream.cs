using System.IO.Pipelines;

namespace MiniDask.Protocol;

/// <summary>
/// One end of an in-process connection: reads from one pipe and writes to another. Disposing
/// it ends the peer's reads (end of stream) and fails this end's pending read.
/// </summary>
internal sealed class DuplexPipeStream : Stream
{
    private readonly PipeReader reader;
    private readonly PipeWriter writer;
    private readonly Stream input;
    private readonly Stream output;
    private int disposed;

    private DuplexPipeStream(PipeReader reader, PipeWriter writer)
    {
        this.reader = reader;
        this.writer = writer;
        input = reader.AsStream(leaveOpen: true);
        output = writer.AsStream(leaveOpen: true);
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>Two connected ends.</summary>
    public static (DuplexPipeStream Left, DuplexPipeStream Right) CreatePair()
    {
        var leftToRight = new Pipe();
        var rightToLeft = new Pipe();
        return (new DuplexPipeStream(rightToLeft.Reader, leftToRight.Writer), new DuplexPipeStream(leftToRight.Reader, rightToLeft.Writer));
    }

    public override int Read(byte[] buffer, int offset, int count) => input.Read(buffer, offset, count);

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        input.ReadAsync(buffer, cancellationToken);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        input.ReadAsync(buffer, offset, count, cancellationToken);

    public override void Write(byte[] buffer, int offset, int count) => output.Write(buffer, offset, count);

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
        output.WriteAsync(buffer, cancellationToken);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        output.WriteAsync(buffer, offset, count, cancellationToken);

    public override void Flush() => output.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => output.FlushAsync(cancellationToken);

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && Interlocked.Exchange(ref disposed, 1) == 0)
        {
            writer.Complete();
            reader.CancelPendingRead();
            reader.Complete();
        }

        base.Dispose(disposing);
    }
}
