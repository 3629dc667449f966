using System.Net;
using System.Net.Sockets;

namespace MiniDask.Protocol;

/// <summary>A listener on a TCP port, plaintext (<c>tcp://</c>) or TLS (<c>tls://</c>).</summary>
internal sealed class TcpCommListener : HandshakingListener
{
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

    private async Task AcceptLoopAsync()
    {
        while (!Stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await socket.AcceptAsync(Stopping.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (Stopping.IsCancellationRequested && e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionReset or SocketError.ConnectionAborted)
            {
                // The peer gave up before the connection was accepted; keep serving everyone else.
                continue;
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                Log.AcceptFailed(Options.Logger, Address, e.Message);
                return;
            }

            client.NoDelay = true;
            Admit(new NetworkStream(client, ownsSocket: true), TcpTransport.Describe(scheme, client.RemoteEndPoint), tls);
        }
    }
}
