using System.Buffers;
using System.Buffers.Binary;
using MiniDask.Graph.Codecs;

namespace MiniDask.Protocol;

/// <summary>
/// Writes and reads frames, the unit of every comm. All integers are little-endian:
/// <code>
/// u64  total         bytes after this field: 8 + H + the sum over payload frames of (12 + F)
/// u32  H             header length, 0 &lt;= H &lt;= MaxHeaderBytes
/// u32  N             payload frame count, 0 &lt;= N &lt;= MaxPayloadFrames
/// H    header        MessagePack: [request id, [message type, message]] (see <see cref="WireFormat"/>)
/// N x  u32 element   the frame's element type (PayloadElementType: 0 byte, 1 int32, 2 int64, 3 float32, 4 float64)
///      u64 F         the frame's length in bytes, a multiple of the element size
///      F   bytes     the raw buffer, little-endian
/// </code>
/// Every length is checked against <see cref="FrameLimits"/> and against what the enclosing
/// total leaves before anything of that size is allocated. Each payload frame is read straight
/// into a newly allocated array of its element type, and written from the buffer it wraps.
/// </summary>
public static class FrameCodec
{
    /// <summary>The size of the fixed prefix: total, header length and frame count.</summary>
    public const int PrefixBytes = 16;

    /// <summary>The size of the prefix before each payload frame: element type and length.</summary>
    public const int FramePrefixBytes = 12;

    // Small frames are gathered with the header into one write; large ones go out from their own buffer.
    private const int CoalesceBytes = 64 * 1024;

    /// <summary>Writes <paramref name="message"/> as one frame.</summary>
    /// <exception cref="ProtocolException">The message breaks <paramref name="limits"/>; nothing was written.</exception>
    public static ValueTask<long> WriteAsync(Stream stream, Message message, FrameLimits limits, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        return WriteManyAsync(stream, [message], limits, cancellationToken);
    }

    /// <summary>
    /// Writes <paramref name="messages"/> as consecutive frames, in order. Small frames are gathered
    /// into shared writes, so a batch of short messages costs one write to the stream, not one each;
    /// large payloads still go out from their own buffers.
    /// </summary>
    /// <returns>The bytes written.</returns>
    /// <exception cref="ProtocolException">A message breaks <paramref name="limits"/>; nothing was written.</exception>
    public static async ValueTask<long> WriteManyAsync(Stream stream, IReadOnlyList<Message> messages, FrameLimits limits, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentNullException.ThrowIfNull(limits);
        // Every header of the batch is serialized into one buffer, then copied out frame by frame.
        var headerBytes = new ArrayBufferWriter<byte>(256 * messages.Count);
        var headerEnds = new int[messages.Count];
        var totals = new long[messages.Count];
        var largestHeader = 0;
        for (var m = 0; m < messages.Count; m++)
        {
            var message = messages[m] ?? throw new ArgumentException($"Message {m} of the batch is null.", nameof(messages));
            var start = headerBytes.WrittenCount;
            WireFormat.WriteHeader(headerBytes, message.RequestId, message.Body);
            headerEnds[m] = headerBytes.WrittenCount;
            totals[m] = CheckOutgoing(headerEnds[m] - start, message.Payload, limits);
            largestHeader = Math.Max(largestHeader, headerEnds[m] - start);
        }

        var written = totals.Sum() + (8L * messages.Count);

        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(CoalesceBytes, PrefixBytes + largestHeader + FramePrefixBytes));
        try
        {
            var used = 0;
            for (var m = 0; m < messages.Count; m++)
            {
                var header = headerBytes.WrittenMemory[(m == 0 ? 0 : headerEnds[m - 1])..headerEnds[m]];
                var payload = messages[m].Payload;
                if (buffer.Length - used < PrefixBytes + header.Length + FramePrefixBytes)
                {
                    await stream.WriteAsync(buffer.AsMemory(0, used), cancellationToken).ConfigureAwait(false);
                    used = 0;
                }

                BinaryPrimitives.WriteUInt64LittleEndian(buffer.AsSpan(used), (ulong)totals[m]);
                BinaryPrimitives.WriteUInt32LittleEndian(buffer.AsSpan(used + 8), (uint)header.Length);
                BinaryPrimitives.WriteUInt32LittleEndian(buffer.AsSpan(used + 12), (uint)payload.Count);
                header.Span.CopyTo(buffer.AsSpan(used + PrefixBytes));
                used += PrefixBytes + header.Length;
                foreach (var segment in payload)
                {
                    if (buffer.Length - used < FramePrefixBytes + Math.Min(segment.Length, CoalesceBytes / 4))
                    {
                        await stream.WriteAsync(buffer.AsMemory(0, used), cancellationToken).ConfigureAwait(false);
                        used = 0;
                    }

                    BinaryPrimitives.WriteUInt32LittleEndian(buffer.AsSpan(used), (uint)segment.ElementType);
                    BinaryPrimitives.WriteUInt64LittleEndian(buffer.AsSpan(used + 4), (ulong)segment.Length);
                    used += FramePrefixBytes;
                    if (segment.Length <= CoalesceBytes / 4)
                    {
                        segment.Bytes.Span.CopyTo(buffer.AsSpan(used));
                        used += segment.Length;
                        continue;
                    }

                    await stream.WriteAsync(buffer.AsMemory(0, used), cancellationToken).ConfigureAwait(false);
                    used = 0;
                    await stream.WriteAsync(segment.Bytes, cancellationToken).ConfigureAwait(false);
                }
            }

            if (used > 0)
            {
                await stream.WriteAsync(buffer.AsMemory(0, used), cancellationToken).ConfigureAwait(false);
            }

            await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
            return written;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Reads one frame. Returns null when the stream ends cleanly before a frame starts.
    /// </summary>
    /// <exception cref="ProtocolException">
    /// The frame breaks <paramref name="limits"/>, is inconsistent, is truncated, or its header
    /// is not a valid message. The stream is then unusable.
    /// </exception>
    public static async ValueTask<Message?> ReadAsync(Stream stream, FrameLimits limits, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(limits);
        var prefix = new byte[PrefixBytes];
        var got = await stream.ReadAtLeastAsync(prefix, PrefixBytes, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        if (got == 0)
        {
            return null;
        }

        if (got < PrefixBytes)
        {
            throw new ProtocolException($"Truncated frame: the stream ended after {got} of the {PrefixBytes} prefix bytes.");
        }

        var total = BinaryPrimitives.ReadUInt64LittleEndian(prefix);
        var headerLength = BinaryPrimitives.ReadUInt32LittleEndian(prefix.AsSpan(8));
        var frameCount = BinaryPrimitives.ReadUInt32LittleEndian(prefix.AsSpan(12));
        CheckIncoming(total, headerLength, frameCount, limits);

        var header = new byte[headerLength];
        await ReadExactlyAsync(stream, header, "header", cancellationToken).ConfigureAwait(false);
        var (requestId, body) = WireFormat.ReadHeader(header);

        var remaining = total - 8 - headerLength;
        var segments = new PayloadSegment[frameCount];
        var framePrefix = prefix.AsMemory(0, FramePrefixBytes);
        for (var i = 0; i < segments.Length; i++)
        {
            await ReadExactlyAsync(stream, framePrefix, $"prefix of payload frame {i}", cancellationToken).ConfigureAwait(false);
            remaining -= FramePrefixBytes;
            var element = BinaryPrimitives.ReadUInt32LittleEndian(framePrefix.Span);
            var length = BinaryPrimitives.ReadUInt64LittleEndian(framePrefix.Span[4..]);
            var reservedForRest = (ulong)(segments.Length - i - 1) * FramePrefixBytes;
            if (element > (uint)PayloadElementType.Double)
            {
                throw new ProtocolException($"Payload frame {i} has unknown element type {element}; expected 0 to {(int)PayloadElementType.Double}.");
            }

            var size = (ulong)PayloadSegment.ElementSize((PayloadElementType)element);
            if (length > remaining - reservedForRest || length > int.MaxValue || length % size != 0)
            {
                throw new ProtocolException(
                    $"Payload frame {i} claims {length} bytes of {(PayloadElementType)element}; the frame has {remaining - reservedForRest} left, "
                    + $"and a payload frame must be under 2 GiB and a multiple of {size} bytes.");
            }

            segments[i] = PayloadSegment.Allocate((PayloadElementType)element, (long)length, out var destination);
            await ReadExactlyAsync(stream, destination, $"payload frame {i}", cancellationToken).ConfigureAwait(false);
            remaining -= length;
        }

        if (remaining != 0)
        {
            throw new ProtocolException($"The frame's length field claims {remaining} more byte(s) than its header and payload frames hold.");
        }

        return new Message(body, segments) { RequestId = requestId, FrameBytes = 8 + (long)total };
    }

    private static long CheckOutgoing(int headerLength, IReadOnlyList<PayloadSegment> payload, FrameLimits limits)
    {
        if (headerLength > limits.MaxHeaderBytes)
        {
            throw new ProtocolException(
                $"The message header is {headerLength} bytes, over the {limits.MaxHeaderBytes}-byte limit; put large content in payload frames (MessageBuilder).");
        }

        if (payload.Count > limits.MaxPayloadFrames)
        {
            throw new ProtocolException(
                $"The message has {payload.Count} payload frames, over the limit of {limits.MaxPayloadFrames}; split it into several messages.");
        }

        var total = 8L + headerLength + payload.Sum(p => FramePrefixBytes + (long)p.Length);
        return total <= limits.MaxFrameBytes
            ? total
            : throw new ProtocolException(
                $"The message is {total} bytes, over the {limits.MaxFrameBytes}-byte frame limit; split it, or raise FrameLimits.MaxFrameBytes on both sides.");
    }

    private static void CheckIncoming(ulong total, uint headerLength, uint frameCount, FrameLimits limits)
    {
        if (total > (ulong)limits.MaxFrameBytes)
        {
            throw new ProtocolException($"Frame of {total} bytes exceeds the {limits.MaxFrameBytes}-byte limit.");
        }

        if (headerLength > limits.MaxHeaderBytes)
        {
            throw new ProtocolException($"Frame header of {headerLength} bytes exceeds the {limits.MaxHeaderBytes}-byte limit.");
        }

        if (frameCount > limits.MaxPayloadFrames)
        {
            throw new ProtocolException($"Frame has {frameCount} payload frames, over the limit of {limits.MaxPayloadFrames}.");
        }

        var minimum = 8UL + headerLength + ((ulong)frameCount * FramePrefixBytes);
        if (total < minimum)
        {
            throw new ProtocolException(
                $"Frame length {total} is too small for a {headerLength}-byte header and {frameCount} payload frame prefixes ({minimum} bytes).");
        }
    }

    private static async ValueTask ReadExactlyAsync(Stream stream, Memory<byte> buffer, string what, CancellationToken cancellationToken)
    {
        try
        {
            await stream.ReadExactlyAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (EndOfStreamException e)
        {
            throw new ProtocolException($"Truncated frame: the stream ended inside the {what} ({buffer.Length} bytes expected).", e);
        }
    }
}
