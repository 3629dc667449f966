using System.Buffers.Binary;
using MiniDask.Graph.Codecs;
using MiniDask.Protocol.Messages;
using MiniDask.Protocol.Tests.TestSupport;

namespace MiniDask.Protocol.Tests;

public class FrameCodecTests
{
    private const long Claimed = 200L * 1024 * 1024;

    [Fact]
    public async Task ReadAsync_WrittenFrame_ReturnsSameMessageAndPayload()
    {
        var payload = new[] { new PayloadSegment(new byte[] { 1, 2, 3 }), PayloadSegment.FromArray(new double[] { 1.5, -2 }), PayloadSegment.FromArray(new long[20_000]) };
        var message = new Message(new Heartbeat { MemoryBytes = 123, Executing = 4, ExecutingKeys = [new Graph.Key("x", 1, 2)] }, payload) { RequestId = 9 };

        var received = await FrameCodec.ReadAsync(new MemoryStream(await Values.FrameBytesAsync(message)), FrameLimits.Default);

        Assert.NotNull(received);
        Assert.Equal(9UL, received.RequestId);
        var heartbeat = Assert.IsType<Heartbeat>(received.Body);
        Assert.Equal(123, heartbeat.MemoryBytes);
        Assert.Equal(4, heartbeat.Executing);
        Assert.Equal([new Graph.Key("x", 1, 2)], heartbeat.ExecutingKeys);
        Assert.Equal(3, received.Payload.Count);
        Assert.Equal(new byte[] { 1, 2, 3 }, received.Payload[0].AsArray<byte>());
        Assert.Equal(new[] { 1.5, -2 }, received.Payload[1].AsArray<double>());
        Assert.Equal(PayloadElementType.Int64, received.Payload[2].ElementType);
        Assert.Equal(20_000, received.Payload[2].AsArray<long>().Length);
    }

    [Fact]
    public async Task ReadAsync_EmptyStream_ReturnsNull()
    {
        Assert.Null(await FrameCodec.ReadAsync(new MemoryStream(), FrameLimits.Default));
    }

    [Fact]
    public async Task ReadAsync_TotalLengthOverLimit_ThrowsWithoutAllocatingClaimedSize()
    {
        var bytes = Prefix(total: 1UL << 40, header: 10, frames: 0);

        var error = await AssertRefusedCheaplyAsync(bytes);

        Assert.Contains("exceeds", error.Message);
        Assert.Contains((1UL << 40).ToString(), error.Message);
    }

    [Fact]
    public async Task ReadAsync_HeaderOverLimit_ThrowsWithoutAllocatingIt()
    {
        var bytes = Prefix(total: (ulong)Claimed, header: 100 * 1024 * 1024, frames: 0);

        var error = await AssertRefusedCheaplyAsync(bytes);

        Assert.Contains("header", error.Message);
    }

    [Fact]
    public async Task ReadAsync_TooManyPayloadFrames_Throws()
    {
        var bytes = Prefix(total: (ulong)Claimed, header: 2, frames: 5000);

        var error = await AssertRefusedCheaplyAsync(bytes);

        Assert.Contains("5000 payload frames", error.Message);
    }

    [Fact]
    public async Task ReadAsync_PayloadFrameLargerThanFrame_ThrowsWithoutAllocatingIt()
    {
        var bytes = WithHeader(1, 16).Concat(FramePrefix(4, Claimed)).ToArray();

        var error = await AssertRefusedCheaplyAsync(bytes);

        Assert.Contains("payload frame 0", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task ReadAsync_UnknownElementType_Throws()
    {
        var bytes = WithHeader(1, 8).Concat(FramePrefix(9, 8)).Concat(new byte[8]).ToArray();

        var error = await AssertRefusedCheaplyAsync(bytes);

        Assert.Contains("element type 9", error.Message);
    }

    [Fact]
    public async Task ReadAsync_LengthNotMultipleOfElementSize_Throws()
    {
        var bytes = WithHeader(1, 7).Concat(FramePrefix(4, 7)).Concat(new byte[7]).ToArray();

        var error = await AssertRefusedCheaplyAsync(bytes);

        Assert.Contains("multiple of 8", error.Message);
    }

    [Fact]
    public async Task ReadAsync_TotalDisagreesWithContent_Throws()
    {
        var bytes = WithHeader(1, 8 + 5).Concat(FramePrefix(0, 8)).Concat(new byte[13]).ToArray();

        var error = await AssertRefusedCheaplyAsync(bytes);

        Assert.Contains("5 more byte", error.Message);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(16)]
    [InlineData(20)]
    [InlineData(40)]
    [InlineData(-1)]
    public async Task ReadAsync_TruncatedFrame_ThrowsTruncated(int keep)
    {
        var message = new Message(new TaskFinished { Key = new Graph.Key("k"), NBytes = 8, StimulusId = "s" }, [PayloadSegment.FromArray(new double[8])]);
        var bytes = await Values.FrameBytesAsync(message);
        var cut = bytes[..(keep < 0 ? bytes.Length - 1 : keep)];

        var error = await Assert.ThrowsAsync<ProtocolException>(async () => await FrameCodec.ReadAsync(new MemoryStream(cut), FrameLimits.Default));

        Assert.Contains("Truncated", error.Message);
    }

    [Fact]
    public async Task ReadAsync_TruncatedInsideLargeClaimedFrame_DoesNotAllocateClaimedSize()
    {
        var bytes = Prefix(total: (ulong)Claimed, header: 50, frames: 0).Concat(new byte[10]).ToArray();

        var error = await AssertRefusedCheaplyAsync(bytes);

        Assert.Contains("Truncated", error.Message);
    }

    [Fact]
    public async Task ReadAsync_HeaderNotMessagePack_ThrowsNamingHeader()
    {
        var header = Enumerable.Repeat((byte)0xFF, 12).ToArray();
        var bytes = Prefix(total: 8 + 12, header: 12, frames: 0).Concat(header).ToArray();

        var error = await AssertRefusedCheaplyAsync(bytes);

        Assert.Contains("frame header", error.Message);
    }

    [Fact]
    public async Task ReadAsync_SeededGarbage_AlwaysThrowsProtocolException()
    {
        var random = new Random(20261122);
        for (var i = 0; i < 200; i++)
        {
            var garbage = new byte[random.Next(16, 4096)];
            random.NextBytes(garbage);

            await AssertRefusedCheaplyAsync(garbage);
        }
    }

    [Fact]
    public async Task WriteAsync_HeaderOverLimit_ThrowsAndWritesNothing()
    {
        var message = new Message(new Close { Reason = new string('x', 2000) });
        using var stream = new MemoryStream();

        var error = await Assert.ThrowsAsync<ProtocolException>(async () => await FrameCodec.WriteAsync(stream, message, new FrameLimits { MaxHeaderBytes = 1000 }));

        Assert.Equal(0, stream.Length);
        Assert.Contains("1000-byte limit", error.Message);
    }

    [Fact]
    public async Task WriteAsync_TooManyFrames_ThrowsAndWritesNothing()
    {
        var payload = Enumerable.Range(0, 5).Select(_ => new PayloadSegment(new byte[1])).ToArray();
        using var stream = new MemoryStream();

        await Assert.ThrowsAsync<ProtocolException>(async () =>
            await FrameCodec.WriteAsync(stream, new Message(new Close { Reason = "r" }, payload), new FrameLimits { MaxPayloadFrames = 4 }));

        Assert.Equal(0, stream.Length);
    }

    [Fact]
    public async Task WriteManyAsync_SmallAndLargeMessages_ReadBackInOrder()
    {
        var big = Enumerable.Range(0, 100_000).Select(i => (double)i).ToArray();
        var messages = Enumerable.Range(0, 300)
            .Select(i => i % 50 == 7
                ? new Message(new Close { Reason = "big" }, [PayloadSegment.FromArray(big), new PayloadSegment(new[] { (byte)i })]) { RequestId = (ulong)i }
                : new Message(new Heartbeat { Executing = i }) { RequestId = (ulong)i })
            .ToList();
        using var stream = new CountingStream();

        await FrameCodec.WriteManyAsync(stream, messages, FrameLimits.Default);

        // 300 frames in far fewer writes: the small ones are gathered, each large payload goes out on its own.
        Assert.InRange(stream.Writes, 6, 40);
        stream.Position = 0;
        for (var i = 0; i < messages.Count; i++)
        {
            var read = await FrameCodec.ReadAsync(stream, FrameLimits.Default);
            Assert.NotNull(read);
            Assert.Equal(Values.Header(messages[i]), Values.Header(read));
            Assert.Equal(messages[i].Payload.Count, read.Payload.Count);
            if (read.Payload.Count > 0)
            {
                Assert.Equal(big, read.Payload[0].AsArray<double>());
                Assert.Equal([(byte)i], read.Payload[1].AsArray<byte>());
            }
        }

        Assert.Null(await FrameCodec.ReadAsync(stream, FrameLimits.Default));
    }

    [Fact]
    public async Task WriteManyAsync_OneMessageOverLimit_ThrowsAndWritesNothing()
    {
        var messages = new[]
        {
            new Message(new Close { Reason = "ok" }) { RequestId = 1 },
            new Message(new Close { Reason = new string('x', 2000) }),
        };
        using var stream = new MemoryStream();

        await Assert.ThrowsAsync<ProtocolException>(async () => await FrameCodec.WriteManyAsync(stream, messages, new FrameLimits { MaxHeaderBytes = 1000 }));

        Assert.Equal(0, stream.Length);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(4096)]
    public async Task ReadAsync_ThroughReadAhead_SameFramesWhateverTheTransportChunking(int chunk)
    {
        var payload = Enumerable.Range(0, 40_000).Select(i => (long)i).ToArray();
        var messages = Enumerable.Range(0, 20)
            .Select(i => new Message(new Close { Reason = "r" }, i % 3 == 0 ? [PayloadSegment.FromArray(payload)] : []) { RequestId = (ulong)i })
            .ToList();
        using var written = new MemoryStream();
        await FrameCodec.WriteManyAsync(written, messages, FrameLimits.Default);
        var reads = new ReadAheadStream(new ChunkedStream(written.ToArray(), chunk), capacity: 1024);

        for (var i = 0; i < messages.Count; i++)
        {
            var read = await FrameCodec.ReadAsync(reads, FrameLimits.Default);
            Assert.NotNull(read);
            Assert.Equal((ulong)i, read.RequestId);
            if (i % 3 == 0)
            {
                Assert.Equal(payload, read.Payload[0].AsArray<long>());
            }
        }

        Assert.Null(await FrameCodec.ReadAsync(reads, FrameLimits.Default));
    }

    [Fact]
    public async Task ReadAsync_ThroughReadAhead_TruncatedFrameStillRefused()
    {
        using var written = new MemoryStream();
        await FrameCodec.WriteAsync(written, new Message(new Close { Reason = "r" }, [new PayloadSegment(new byte[100])]) { RequestId = 5 }, FrameLimits.Default);
        var bytes = written.ToArray()[..^10];

        var error = await Assert.ThrowsAsync<ProtocolException>(async () =>
            await FrameCodec.ReadAsync(new ReadAheadStream(new ChunkedStream(bytes, 16)), FrameLimits.Default));

        Assert.Contains("Truncated frame", error.Message);
    }

    /// <summary>A memory stream that counts the writes made to it.</summary>
    private sealed class CountingStream : MemoryStream
    {
        public int Writes { get; private set; }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Writes++;
            return base.WriteAsync(buffer, cancellationToken);
        }
    }

    /// <summary>A read-only stream that hands out at most <c>chunk</c> bytes per read, as a socket may.</summary>
    private sealed class ChunkedStream(byte[] bytes, int chunk) : MemoryStream(bytes, writable: false)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, chunk)], cancellationToken);
    }

    internal static byte[] Prefix(ulong total, uint header, uint frames)
    {
        var bytes = new byte[16];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, total);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(8), header);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(12), frames);
        return bytes;
    }

    /// <summary>A frame prefix and a valid header, the frame claiming <paramref name="frames"/> payload frames of <paramref name="payloadBytes"/> bytes in all.</summary>
    private static byte[] WithHeader(uint frames, long payloadBytes)
    {
        var header = Values.Header(new Message(new Close { Reason = "r" }));
        var total = 8 + (ulong)header.Length + (frames * 12) + (ulong)payloadBytes;
        return [.. Prefix(total, (uint)header.Length, frames), .. header];
    }

    private static byte[] FramePrefix(uint element, long length)
    {
        var bytes = new byte[12];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, element);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(4), (ulong)length);
        return bytes;
    }

    private static async Task<ProtocolException> AssertRefusedCheaplyAsync(byte[] bytes)
    {
        // Reading from a MemoryStream completes synchronously, so this thread's allocation count covers the read.
        var before = GC.GetAllocatedBytesForCurrentThread();
        var read = FrameCodec.ReadAsync(new MemoryStream(bytes), FrameLimits.Default);
        Assert.True(read.IsCompleted);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        var error = await Assert.ThrowsAsync<ProtocolException>(async () => await read);
        Assert.True(allocated < 4 * 1024 * 1024, $"reading the bad frame allocated {allocated} bytes");
        return error;
    }
}
