namespace MiniDask.Protocol;

/// <summary>
/// Counts the frames and bytes that comms move, for throughput measurements: every comm made with
/// the <see cref="CommOptions"/> that carry one instance adds to it, so a server that hands the
/// same options to its listener sees the traffic of all its connections together. Bytes count
/// whole frames as they are on the wire (length field, header and payload frames).
/// </summary>
public sealed class CommTraffic
{
    private long messagesSent;
    private long messagesReceived;
    private long bytesSent;
    private long bytesReceived;

    /// <summary>Messages sent so far.</summary>
    public long MessagesSent => Interlocked.Read(ref messagesSent);

    /// <summary>Messages received so far.</summary>
    public long MessagesReceived => Interlocked.Read(ref messagesReceived);

    /// <summary>Bytes of frames sent so far.</summary>
    public long BytesSent => Interlocked.Read(ref bytesSent);

    /// <summary>Bytes of frames received so far.</summary>
    public long BytesReceived => Interlocked.Read(ref bytesReceived);

    /// <summary>The counts now, as one value to subtract from a later one.</summary>
    public CommTrafficSnapshot Snapshot() => new(MessagesSent, MessagesReceived, BytesSent, BytesReceived);

    internal void Sent(int messages, long bytes)
    {
        Interlocked.Add(ref messagesSent, messages);
        Interlocked.Add(ref bytesSent, bytes);
    }

    internal void Received(long bytes)
    {
        Interlocked.Increment(ref messagesReceived);
        Interlocked.Add(ref bytesReceived, bytes);
    }
}

/// <summary>The counts of a <see cref="CommTraffic"/> at one moment.</summary>
/// <param name="MessagesSent">Messages sent.</param>
/// <param name="MessagesReceived">Messages received.</param>
/// <param name="BytesSent">Bytes of frames sent.</param>
/// <param name="BytesReceived">Bytes of frames received.</param>
public readonly record struct CommTrafficSnapshot(long MessagesSent, long MessagesReceived, long BytesSent, long BytesReceived)
{
    /// <summary>Messages both ways.</summary>
    public long Messages => MessagesSent + MessagesReceived;

    /// <summary>Bytes both ways.</summary>
    public long Bytes => BytesSent + BytesReceived;

    /// <summary>What happened between <paramref name="earlier"/> and <paramref name="later"/>.</summary>
    public static CommTrafficSnapshot operator -(CommTrafficSnapshot later, CommTrafficSnapshot earlier) => new(
        later.MessagesSent - earlier.MessagesSent,
        later.MessagesReceived - earlier.MessagesReceived,
        later.BytesSent - earlier.BytesSent,
        later.BytesReceived - earlier.BytesReceived);
}
