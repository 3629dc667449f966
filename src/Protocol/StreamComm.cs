using System.Threading.Channels;

namespace MiniDask.Protocol;

/// <summary>
/// A comm over a byte stream: a network stream (TCP), an SslStream (TLS) or an in-process pipe.
/// A background pump reads frames into a small bounded inbox, so that cancelling a receive
/// never leaves a frame half read; a full inbox stops the pump reading, which pushes back on
/// the sender through the transport.
/// </summary>
internal sealed class StreamComm : Comm
{
    private const int InboxCapacity = 16;

    private readonly Stream stream;
    private readonly ReadAheadStream reads;
    private readonly CommOptions options;
    private readonly SemaphoreSlim sendLock = new(1, 1);
    private readonly CancellationTokenSource closing = new();
    // The receiver's continuation runs on the pump's thread as each frame arrives, rather than being
    // queued to another thread: a message costs no thread hand-off between reading and handling it.
    private readonly Channel<Message> inbox = Channel.CreateBounded<Message>(
        new BoundedChannelOptions(InboxCapacity) { SingleReader = true, SingleWriter = true, AllowSynchronousContinuations = true });

    private readonly Task pump;
    private readonly Action? onClosed;
    private Exception? terminal;
    private int closed;
    private int closedByUs;
    private int receiving;

    // onClosed runs once when the comm closes, by either side: a listener counts connections per host with it.
    public StreamComm(Stream stream, string localAddress, string remoteAddress, PeerInfo peer, CommOptions options, Action? onClosed = null)
    {
        this.stream = stream;
        this.onClosed = onClosed;
        reads = new ReadAheadStream(stream);
        this.options = options;
        LocalAddress = localAddress;
        RemoteAddress = remoteAddress;
        Peer = peer;
        pump = Task.Run(PumpAsync);
    }

    public override string LocalAddress { get; }

    public override string RemoteAddress { get; }

    public override PeerInfo Peer { get; }

    public override bool IsClosed => Volatile.Read(ref closed) != 0;

    public override ValueTask SendAsync(Message message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        return SendManyAsync([message], cancellationToken);
    }

    public override async ValueTask SendManyAsync(IReadOnlyList<Message> messages, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        ThrowIfClosed();
        await sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        var started = false;
        try
        {
            ThrowIfClosed();
            cancellationToken.ThrowIfCancellationRequested();
            started = true;
            var bytes = await FrameCodec.WriteManyAsync(stream, messages, options.Limits, cancellationToken).ConfigureAwait(false);
            options.Traffic?.Sent(messages.Count, bytes);
        }
        catch (OperationCanceledException) when (started)
        {
            // The frame may be half written; the peer could not find the next one.
            await CloseCoreAsync().ConfigureAwait(false);
            throw;
        }
        catch (Exception e) when (e is IOException and not ProtocolException and not CommClosedException or ObjectDisposedException)
        {
            await CloseCoreAsync().ConfigureAwait(false);
            throw new CommClosedException($"Connection with {RemoteAddress} lost while sending: {e.Message}", e);
        }
        finally
        {
            sendLock.Release();
        }
    }

    public override async ValueTask<Message> ReceiveAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref receiving, 1) == 1)
        {
            throw new InvalidOperationException($"Another receive is already waiting on the comm with {RemoteAddress}; receive from one task at a time.");
        }

        try
        {
            if (Volatile.Read(ref closedByUs) != 0)
            {
                ThrowIfClosed();
            }

            while (await inbox.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                if (inbox.Reader.TryRead(out var message))
                {
                    return message;
                }
            }

            throw terminal switch
            {
                ProtocolException p => new ProtocolException(p.Message, p),
                { } e => new CommClosedException(e.Message, e),
                null => new CommClosedException($"The comm with {RemoteAddress} is closed."),
            };
        }
        finally
        {
            Volatile.Write(ref receiving, 0);
        }
    }

    public override bool TryReceive([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Message? message) => inbox.Reader.TryRead(out message);

    public override async ValueTask CloseAsync()
    {
        Volatile.Write(ref closedByUs, 1);
        await CloseCoreAsync().ConfigureAwait(false);
        await pump.ConfigureAwait(false);
    }

    private async Task PumpAsync()
    {
        Exception end;
        try
        {
            while (true)
            {
                var message = await FrameCodec.ReadAsync(reads, options.Limits, closing.Token).ConfigureAwait(false);
                if (message is null)
                {
                    end = new CommClosedException($"{RemoteAddress} closed the connection.");
                    break;
                }

                options.Traffic?.Received(message.FrameBytes);
                await inbox.Writer.WriteAsync(message, closing.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (IsClosed)
        {
            end = new CommClosedException($"The comm with {RemoteAddress} was closed by this side.", e);
        }
        catch (ProtocolException e)
        {
            Log.ClosingForBadInput(options.Logger, RemoteAddress, Peer.ToString(), e.Message);
            end = e;
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException or InvalidOperationException)
        {
            Log.ConnectionLost(options.Logger, RemoteAddress, Peer.ToString(), e.Message);
            end = new CommClosedException($"Connection with {RemoteAddress} lost: {e.Message}", e);
        }

        // Closed before the inbox completes: a receiver resumed inline by the completion sees the comm closed.
        terminal = end;
        await CloseCoreAsync().ConfigureAwait(false);
        inbox.Writer.TryComplete();
    }

    private async ValueTask CloseCoreAsync()
    {
        if (Interlocked.Exchange(ref closed, 1) != 0)
        {
            return;
        }

        onClosed?.Invoke();
        await closing.CancelAsync().ConfigureAwait(false);
        try
        {
            await stream.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException)
        {
            Log.ConnectionLost(options.Logger, RemoteAddress, Peer.ToString(), e.Message);
        }
    }

    private void ThrowIfClosed()
    {
        if (IsClosed)
        {
            throw terminal is ProtocolException p
                ? new ProtocolException(p.Message, p)
                : new CommClosedException($"The comm with {RemoteAddress} is closed.", terminal ?? new ObjectDisposedException(nameof(Comm)));
        }
    }
}
