namespace MiniDask.Protocol;

/// <summary>
/// Accepts comms on an address, like Dask's <c>Listener</c>: TCP, TLS over TCP, or in-process.
/// Each connection completes TLS (for <c>tls://</c>) and the handshake in the background before
/// <see cref="AcceptAsync"/> returns it; a connection refused for a wrong version or token, a
/// failed TLS negotiation or a malformed first frame is closed and logged, and the listener
/// goes on accepting.
/// </summary>
public abstract class Listener : IAsyncDisposable
{
    /// <summary>For implementations.</summary>
    protected Listener()
    {
    }

    /// <summary>The address peers connect to, with the port actually bound (<c>tcp://127.0.0.1:40123</c>).</summary>
    public abstract string Address { get; }

    /// <summary>
    /// Starts listening on <paramref name="address"/>: <c>tcp://HOST:PORT</c> (port 0 picks a free
    /// port), <c>tls://HOST:PORT</c> (needs <see cref="CommOptions.Tls"/> with a certificate), or
    /// <c>inproc://NAME</c> (an empty name picks a unique one).
    /// </summary>
    /// <exception cref="FormatException">The address is malformed.</exception>
    /// <exception cref="ArgumentException">
    /// TLS is asked for without a certificate, or TLS is configured but the address is plaintext <c>tcp://</c>.
    /// </exception>
    /// <exception cref="IOException">The address cannot be bound.</exception>
    public static Task<Listener> ListenAsync(string address, CommOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var parsed = CommAddress.Parse(address);
        Comm.RefusePlaintextWhenTlsConfigured(parsed, options);
        return parsed.IsInProc
            ? Task.FromResult<Listener>(InProcListener.Start(parsed, options))
            : TcpCommListener.StartAsync(parsed, options, cancellationToken);
    }

    /// <summary>The next connection that completed its handshake.</summary>
    /// <exception cref="CommClosedException">The listener is stopped.</exception>
    public abstract ValueTask<Comm> AcceptAsync(CancellationToken cancellationToken = default);

    /// <summary>Stops accepting, ends pending handshakes and closes comms not yet accepted.</summary>
    public abstract ValueTask StopAsync();

    /// <summary>Stops the listener.</summary>
    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        GC.SuppressFinalize(this);
    }

    /// <summary>The address, for logs.</summary>
    public override string ToString() => $"{GetType().Name} {Address}";
}
