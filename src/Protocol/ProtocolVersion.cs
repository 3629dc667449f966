namespace MiniDask.Protocol;

/// <summary>The wire protocol's version, checked by the handshake on every connection.</summary>
public static class ProtocolVersion
{
    /// <summary>
    /// The version this build speaks: 2 is the MessagePack header with opaque run specs (1 was the
    /// protobuf envelope). Peers of another version are refused.
    /// </summary>
    public const uint Current = 2;
}
