using System.Net;
using System.Net.Sockets;

namespace MiniDask.Protocol;

/// <summary>A listener on a TCP port, plaintext (<c>tcp://</c>) or TLS (<c>tls://</c>).</summary>
internal sealed class TcpCommListener : HandshakingListener
{
    private static readonly TimeSpan MinBackoff = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan QuietSpell = TimeSpan.FromSeconds(1);

    private readonly Socket socket;
    private readonly TlsOptions? tls;
    private readonly string scheme;
    private readonly Task acceptLoop;

    private TcpCommListener(Socket socket, string scheme, CommOptions options)
        : base(options)
    {
        this.socket = socket;
        this.scheme = scheme;
        tls = scheme == CommAddress.Tls ? options.Tls : null;
        Address = TcpTransport.Describe(scheme, socket.LocalEndPoint);
        Log.Listening(options.Logger, Address);
        acceptLoop = Task.Run(AcceptLoopAsync);
    }

    public override string Address { get; }

    public static async Task<Listener> StartAsync(CommAddress address, CommOptions options, CancellationToken cancellationToken)
    {
        if (address.IsTls && options.Tls?.Certificate is null)
        {
            throw new ArgumentException(
                $"Listening on {address} needs a certificate and its key (CommOptions.Tls from --tls-cert and --tls-key).", nameof(options));
        }

        var ip = IPAddress.TryParse(address.Host, out var parsed)
            ? parsed
            : await ResolveAsync(address, cancellationToken).ConfigureAwait(false);
        var socket = new Socket(ip.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Bind(new IPEndPoint(ip, address.Port));
            socket.Listen(512);
        }
        catch (SocketException e)
        {
            socket.Dispose();
            throw new IOException($"Cannot listen on {address}: {e.Message}", e);
        }

        return new TcpCommListener(socket, address.Scheme, options);
    }

    protected override async ValueTask StopListeningAsync()
    {
        socket.Dispose();
        await acceptLoop.ConfigureAwait(false);
    }

    private static async Task<IPAddress> ResolveAsync(CommAddress address, CancellationToken cancellationToken)
    {
        try
        {
            var all = await Dns.GetHostAddressesAsync(address.Host, cancellationToken).ConfigureAwait(false);
            return all.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? all.First();
        }
        catch (Exception e) when (e is SocketException or InvalidOperationException)
        {
            throw new IOException($"Cannot resolve the host of {address}: {e.Message}", e);
        }
    }

    /// <summary>
    /// Accepts until stopped. A failed accept (out of file descriptors, a network error) is never
    /// the end: the loop sheds the oldest unauthenticated connection when descriptors ran out,
    /// backs off (10 ms doubling to 1 s) and tries again, logging once per burst of failures: the
    /// burst ends after a second without failures, so a listener alternating between failing and
    /// accepting under a flood logs it once.
    /// </summary>
    private async Task AcceptLoopAsync()
    {
        var failures = 0;
        var backoff = MinBackoff;
        long failingSince = 0, lastFailure = 0;
        while (!Stopping.IsCancellationRequested)
        {
            Socket client;
            using var quiet = CancellationTokenSource.CreateLinkedTokenSource(Stopping.Token);
            if (failures > 0)
            {
                quiet.CancelAfter(TimeSpan.FromMilliseconds(Math.Max(1, QuietSpell.TotalMilliseconds - (Environment.TickCount64 - lastFailure))));
            }

            try
            {
                client = await socket.AcceptAsync(quiet.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (Stopping.IsCancellationRequested && e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            catch (OperationCanceledException)
            {
                // A quiet spell without failures ends the burst, logged once.
                Log.AcceptResumed(Options.Logger, Address, failures, (lastFailure - failingSince) / 1000.0);
                failures = 0;
                continue;
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionReset or SocketError.ConnectionAborted)
            {
                // The peer gave up before the connection was accepted; keep serving everyone else.
                continue;
            }
            catch (ObjectDisposedException e)
            {
                Log.AcceptFailed(Options.Logger, Address, e.Message);
                return;
            }
            catch (SocketException e)
            {
                lastFailure = Environment.TickCount64;
                if (failures++ == 0)
                {
                    failingSince = lastFailure;
                    Log.AcceptFailing(Options.Logger, Address, e.Message);
                }

                if (e.SocketErrorCode == SocketError.TooManyOpenSockets)
                {
                    // Frees a descriptor for the next try (closing is asynchronous, hence the wait below too).
                    Admission.ShedOldest();
                }

                try
                {
                    await Task.Delay(backoff, Stopping.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
                continue;
            }

            backoff = MinBackoff;
            client.NoDelay = true;
            TcpTransport.EnableKeepAlive(client, Options);
            var remote = client.RemoteEndPoint as IPEndPoint;
            Admit(new NetworkStream(client, ownsSocket: true), TcpTransport.Describe(scheme, client.RemoteEndPoint), tls, remote is null ? null : Host(remote.Address));
        }
    }

    private static string Host(IPAddress address) => (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();
}
