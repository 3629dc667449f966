using MiniDask.Protocol.Messages;

namespace MiniDask.Protocol;

/// <summary>
/// One connection carrying <see cref="Message"/>s both ways, like Dask's <c>Comm</c>: over TCP,
/// TLS over TCP, or in-process. Every message goes through the frame codec, in-process ones
/// included. Sends may come from several tasks at once (they are serialized); receives come from
/// one task at a time. A frame that breaks the protocol closes the comm, logs the reason, and
/// surfaces as a <see cref="ProtocolException"/> from <see cref="ReceiveAsync"/>.
/// </summary>
public abstract class Comm : IAsyncDisposable
{
    /// <summary>For implementations.</summary>
    protected Comm()
    {
    }

    /// <summary>This side's address.</summary>
    public abstract string LocalAddress { get; }

    /// <summary>The peer's address.</summary>
    public abstract string RemoteAddress { get; }

    /// <summary>Who the peer said it is in the handshake; <see cref="PeerInfo.Unknown"/> for comms made without one.</summary>
    public abstract PeerInfo Peer { get; }

    /// <summary>Whether the comm is closed.</summary>
    public abstract bool IsClosed { get; }

    /// <summary>
    /// Connects to <paramref name="address"/> (<c>tcp://</c>, <c>tls://</c> or <c>inproc://</c>) and
    /// completes the handshake.
    /// </summary>
    /// <exception cref="FormatException">The address is malformed.</exception>
    /// <exception cref="ArgumentException">TLS is configured but the address is plaintext <c>tcp://</c>, or the reverse.</exception>
    /// <exception cref="HandshakeException">The listener refused the connection; the message carries its reason.</exception>
    /// <exception cref="IOException">The connection failed.</exception>
    public static Task<Comm> ConnectAsync(string address, CommOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var parsed = CommAddress.Parse(address);
        RefusePlaintextWhenTlsConfigured(parsed, options);
        return parsed.IsInProc
            ? InProcListener.ConnectAsync(parsed, options, cancellationToken)
            : TcpTransport.ConnectAsync(parsed, options, cancellationToken);
    }

    /// <summary>
    /// Two comms connected to each other in this process, with no handshake: for tests. Messages
    /// still go through the frame codec and the value codecs.
    /// </summary>
    public static (Comm Left, Comm Right) CreatePair(CommOptions? options = null)
    {
        options ??= CommOptions.Default;
        var (left, right) = DuplexPipeStream.CreatePair();
        var name = InProcListener.UniqueName("pair");
        var leftAddress = $"inproc://{name}/left";
        var rightAddress = $"inproc://{name}/right";
        return (
            new StreamComm(left, leftAddress, rightAddress, PeerInfo.Unknown, options),
            new StreamComm(right, rightAddress, leftAddress, PeerInfo.Unknown, options));
    }

    /// <summary>
    /// Refuses plaintext where TLS is required: with <see cref="CommOptions.Tls"/> set, a
    /// <c>tcp://</c> address would silently skip encryption.
    /// </summary>
    internal static void RefusePlaintextWhenTlsConfigured(CommAddress address, CommOptions options)
    {
        if (options.Tls is not null && address.Scheme == CommAddress.Tcp)
        {
            throw new ArgumentException(
                $"TLS is configured, so plaintext {address} is refused; use tls://{address.ToString()[(CommAddress.Tcp.Length + 3)..]}.", nameof(options));
        }
    }

    /// <summary>Sends <paramref name="message"/>.</summary>
    /// <exception cref="CommClosedException">The comm is closed or the connection was lost.</exception>
    /// <exception cref="ProtocolException">The message breaks the frame limits; nothing was sent.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; if a frame was half sent, the comm is closed.</exception>
    public abstract ValueTask SendAsync(Message message, CancellationToken cancellationToken = default);

    /// <summary>
    /// Sends <paramref name="messages"/> in order, as if one <see cref="SendAsync"/> after another,
    /// but gathered into as few writes as the transport allows: a batch of short messages costs
    /// about one system call, not one each.
    /// </summary>
    /// <exception cref="CommClosedException">The comm is closed or the connection was lost.</exception>
    /// <exception cref="ProtocolException">A message breaks the frame limits; none of the batch was sent.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; if a frame was half sent, the comm is closed.</exception>
    public virtual async ValueTask SendManyAsync(IReadOnlyList<Message> messages, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        foreach (var message in messages)
        {
            await SendAsync(message, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Receives the next message. Cancelling a receive loses nothing.</summary>
    /// <exception cref="CommClosedException">The comm is closed, by either side, or the connection was lost.</exception>
    /// <exception cref="ProtocolException">The peer broke the protocol; the comm is now closed.</exception>
    public abstract ValueTask<Message> ReceiveAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Takes the next message if one has already arrived, without waiting: after a
    /// <see cref="ReceiveAsync"/>, a receiver drains what came with it and handles it as one batch.
    /// Call it from the receiving task only. False when none is waiting (or the comm is closed;
    /// the next <see cref="ReceiveAsync"/> says why).
    /// </summary>
    public virtual bool TryReceive([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Message? message)
    {
        message = null;
        return false;
    }

    /// <summary>Closes the comm; pending and later operations fail with <see cref="CommClosedException"/>.</summary>
    public abstract ValueTask CloseAsync();

    /// <summary>Closes the comm.</summary>
    public async ValueTask DisposeAsync()
    {
        await CloseAsync().ConfigureAwait(false);
        GC.SuppressFinalize(this);
    }

    /// <summary>The peer and the addresses, for logs.</summary>
    public override string ToString() => $"{GetType().Name} {LocalAddress} -> {RemoteAddress} ({Peer})";
}

/// <summary>Who a peer said it is in the handshake.</summary>
/// <param name="Name">The peer's name.</param>
/// <param name="Role">What the peer is.</param>
/// <param name="Version">The protocol version it speaks.</param>
public sealed record PeerInfo(string Name, PeerRole Role, uint Version)
{
    /// <summary>A peer known by no handshake (the comms of <see cref="Comm.CreatePair"/>).</summary>
    public static PeerInfo Unknown { get; } = new("", PeerRole.Unspecified, ProtocolVersion.Current);

    /// <summary>The role and name, such as <c>Worker 'w1'</c>.</summary>
    public override string ToString() => $"{Role} '{Name}'";
}
