namespace MiniDask.Protocol;

/// <summary>
/// Bounds on a received frame, all checked against the frame's length fields before anything
/// of the claimed size is allocated. A frame over a bound raises <see cref="ProtocolException"/>.
/// </summary>
public sealed record FrameLimits
{
    private readonly long maxFrameBytes = 256L * 1024 * 1024;
    private readonly int maxHeaderBytes = 1024 * 1024;
    private readonly int maxPayloadFrames = 1024;

    /// <summary>The defaults: 256 MiB frames, 1 MiB headers, 1,024 payload frames.</summary>
    public static FrameLimits Default { get; } = new();

    /// <summary>
    /// The bounds before a peer has passed the handshake: 64 KiB frames and no payload, so that
    /// an unauthenticated peer cannot make a server allocate much.
    /// </summary>
    public static FrameLimits Handshake { get; } = new() { MaxFrameBytes = 64 * 1024, MaxHeaderBytes = 64 * 1024, MaxPayloadFrames = 0 };

    /// <summary>The largest frame, in bytes after its 8-byte length field.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is below 64 bytes.</exception>
    public long MaxFrameBytes
    {
        get => maxFrameBytes;
        init => maxFrameBytes = value >= 64 ? value : throw new ArgumentOutOfRangeException(nameof(MaxFrameBytes), value, "Frames must be allowed at least 64 bytes.");
    }

    /// <summary>The largest protobuf header, in bytes.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is below 16 bytes.</exception>
    public int MaxHeaderBytes
    {
        get => maxHeaderBytes;
        init => maxHeaderBytes = value >= 16 ? value : throw new ArgumentOutOfRangeException(nameof(MaxHeaderBytes), value, "Headers must be allowed at least 16 bytes.");
    }

    /// <summary>The most payload frames one message may carry.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public int MaxPayloadFrames
    {
        get => maxPayloadFrames;
        init => maxPayloadFrames = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(MaxPayloadFrames), value, "The payload frame count cannot be negative.");
    }
}
