using Google.Protobuf;

namespace MiniDask.Protocol;

/// <summary>
/// Parses protobuf messages from received bytes with the recursion limit that fused tasks need
/// (a fused chain nests tasks deeper than protobuf's default of 100), turning failures into
/// <see cref="ProtocolException"/>.
/// </summary>
internal static class ProtobufParsing
{
    /// <summary>Deep enough for fused chains of nested tasks, shallow enough to keep the stack safe.</summary>
    public const int RecursionLimit = 512;

    public static T Parse<T>(MessageParser<T> parser, ReadOnlyMemory<byte> bytes, string what)
        where T : IMessage<T>
    {
        try
        {
            using var stream = new ReadOnlyMemoryStream(bytes);
            using var input = CodedInputStream.CreateWithLimits(stream, Math.Max(bytes.Length, 1), RecursionLimit);
            return parser.ParseFrom(input);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new ProtocolException($"The {what} is not valid protobuf: {e.Message}", e);
        }
    }

    /// <summary>A read-only stream over memory, so that parsing does not copy the bytes again.</summary>
    private sealed class ReadOnlyMemoryStream(ReadOnlyMemory<byte> memory) : Stream
    {
        private int position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => memory.Length;

        public override long Position
        {
            get => position;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var n = Math.Min(buffer.Length, memory.Length - position);
            memory.Span.Slice(position, n).CopyTo(buffer);
            position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
