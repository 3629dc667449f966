namespace MiniDask.Protocol;

/// <summary>The wire protocol's version, checked by the handshake on every connection.</summary>
public static class ProtocolVersion
{
    /// <summary>The version this build speaks. Peers of another version are refused.</summary>
    public const uint Current = 1;
}
