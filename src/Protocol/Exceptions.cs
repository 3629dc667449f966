namespace MiniDask.Protocol;

/// <summary>
/// A peer sent bytes that break the wire protocol: a frame over a limit, a truncated frame, a
/// header that is not a valid envelope, or a value that cannot be decoded. The message says
/// which and by how much; a server closes only the connection it came from.
/// </summary>
public class ProtocolException : IOException
{
    /// <summary>Creates the exception with <paramref name="message"/>.</summary>
    public ProtocolException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/> and its cause.</summary>
    public ProtocolException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// The other side refused the connection during the handshake (wrong protocol version, wrong
/// token, TLS required) or closed it before answering. The message carries the reason given.
/// </summary>
public sealed class HandshakeException : IOException
{
    /// <summary>Creates the exception with <paramref name="message"/>.</summary>
    public HandshakeException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/> and its cause.</summary>
    public HandshakeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>The comm is closed: by this side, by the peer, or because the connection was lost.</summary>
public sealed class CommClosedException : IOException
{
    /// <summary>Creates the exception with <paramref name="message"/>.</summary>
    public CommClosedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/> and its cause.</summary>
    public CommClosedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// The scheduler sent nothing, not even its pings, for longer than the timeout: its process is
/// stopped or the link to it is cut (neither sends a reset). The message reads
/// <c>lost the scheduler at ADDRESS (no reply for N s)</c>.
/// </summary>
public sealed class SchedulerSilentException : IOException
{
    /// <summary>Creates the exception for the scheduler at <paramref name="address"/>, silent for <paramref name="silence"/>.</summary>
    public SchedulerSilentException(string address, TimeSpan silence)
        : base($"lost the scheduler at {address} (no reply for {silence.TotalSeconds:0.#} s)")
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/> and its cause.</summary>
    public SchedulerSilentException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
