using System.Collections.Concurrent;
using System.Threading.Channels;

namespace MiniDask.Protocol;

/// <summary>
/// What TCP and in-process listeners share: each new connection is admitted in the background
/// (TLS when asked, then the handshake, under <see cref="CommOptions.HandshakeTimeout"/>), and
/// the comms that pass wait in a queue for <see cref="AcceptAsync"/>. Unauthenticated
/// connections are capped, and shed oldest first, by an <see cref="AdmissionControl"/>.
/// </summary>
internal abstract class HandshakingListener(CommOptions options) : Listener
{
    private readonly Channel<Comm> accepted = Channel.CreateUnbounded<Comm>();
    private readonly ConcurrentDictionary<Task, bool> admitting = new();
    private AdmissionControl? admission;
    private int stopped;

    protected CommOptions Options { get; } = options;

    /// <summary>The cap on unauthenticated connections and per-host limits of this listener.</summary>
    protected AdmissionControl Admission => LazyInitializer.EnsureInitialized(ref admission, () => new AdmissionControl(Options, Address));

    protected CancellationTokenSource Stopping { get; } = new();

    public override async ValueTask<Comm> AcceptAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            return await accepted.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException e)
        {
            throw new CommClosedException($"The listener on {Address} is stopped.", e);
        }
    }

    public override async ValueTask StopAsync()
    {
        if (Interlocked.Exchange(ref stopped, 1) != 0)
        {
            return;
        }

        await Stopping.CancelAsync().ConfigureAwait(false);
        await StopListeningAsync().ConfigureAwait(false);
        await Task.WhenAll(admitting.Keys).ConfigureAwait(false);
        accepted.Writer.TryComplete();
        while (accepted.Reader.TryRead(out var comm))
        {
            await comm.CloseAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Stops taking new connections.</summary>
    protected abstract ValueTask StopListeningAsync();

    /// <summary>
    /// Admits a new connection in the background; <paramref name="tls"/> is set for TLS listeners,
    /// <paramref name="host"/> is the remote host for per-host limits (null: not counted).
    /// </summary>
    protected void Admit(Stream stream, string remote, TlsOptions? tls, string? host = null)
    {
        var timeout = CancellationTokenSource.CreateLinkedTokenSource(Stopping.Token);
        var entry = Admission.TryEnter(host, stream, timeout, out var refusal);
        if (entry is null)
        {
            timeout.Dispose();
            Log.ConnectionRefused(Options.Logger, remote, refusal!);
            stream.Dispose();
            return;
        }

        var task = AdmitAsync(stream, remote, tls, entry, timeout);
        admitting.TryAdd(task, true);
        _ = task.ContinueWith(t => admitting.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private async Task AdmitAsync(Stream raw, string remote, TlsOptions? tls, AdmissionControl.Admission entry, CancellationTokenSource timeout)
    {
        await Task.Yield();
        var stream = raw;
        using var owned = timeout;
        timeout.CancelAfter(Options.HandshakeTimeout);
        var established = false;
        string? tlsRefusal = null;
        try
        {
            if (tls is not null)
            {
                var (secured, refusal) = await TcpTransport.AuthenticateAsServerAsync(raw, tls, remote, Options.Logger, timeout.Token).ConfigureAwait(false);
                if (secured is null)
                {
                    return;
                }

                stream = secured;
                tlsRefusal = refusal;
            }

            var peer = await Handshaking.AcceptAsync(stream, Options, remote, timeout.Token, tlsRefusal).ConfigureAwait(false);
            if (peer is null)
            {
                await stream.DisposeAsync().ConfigureAwait(false);
                return;
            }

            established = true;
            entry.Established();
            var comm = new StreamComm(stream, Address, remote, peer, Options, entry.Closed);
            Log.Accepted(Options.Logger, remote, peer.ToString());
            if (!accepted.Writer.TryWrite(comm))
            {
                await comm.CloseAsync().ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException)
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            if (entry.WasShed)
            {
                // Counted in the listener's one warning per burst of shedding.
                return;
            }

            var reason = e is OperationCanceledException && !Stopping.IsCancellationRequested
                ? $"no handshake within {Options.HandshakeTimeout.TotalSeconds:0.#} s"
                : e.Message;
            Log.ConnectionRefused(Options.Logger, remote, reason);
        }
        finally
        {
            if (!established)
            {
                entry.Failed();
            }
        }
    }
}
