using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using Microsoft.Extensions.Logging;

namespace MiniDask.Protocol;

/// <summary>Connecting over TCP, and the TLS negotiation of both sides.</summary>
internal static class TcpTransport
{
    private const int KeepAliveProbes = 3;
    private const int IpProtoTcp = 6;
    private const int TcpUserTimeout = 18;

    /// <summary>Connects, negotiates TLS for <c>tls://</c>, and completes the handshake.</summary>
    public static async Task<Comm> ConnectAsync(CommAddress address, CommOptions options, CancellationToken cancellationToken)
    {
        if (address.IsTls && options.Tls is null)
        {
            throw new ArgumentException($"Connecting to {address} needs TLS settings (CommOptions.Tls: --tls-ca, and --tls-cert/--tls-key when the cluster requires client certificates).", nameof(options));
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.HandshakeTimeout);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        EnableKeepAlive(socket, options);
        Stream? stream = null;
        try
        {
            try
            {
                await socket.ConnectAsync(address.Host, address.Port, timeout.Token).ConfigureAwait(false);
            }
            catch (SocketException e)
            {
                throw new IOException($"Could not connect to {address}: {e.Message}", e);
            }

            var local = Describe(address.Scheme, socket.LocalEndPoint);
            stream = new NetworkStream(socket, ownsSocket: true);
            if (address.IsTls)
            {
                stream = await AuthenticateAsClientAsync(stream, address, options.Tls!, timeout.Token).ConfigureAwait(false);
            }

            var peer = await Handshaking.ConnectAsync(stream, options, address.ToString(), timeout.Token).ConfigureAwait(false);
            return new StreamComm(stream, local, address.ToString(), peer, options);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            await DisposeAsync(stream, socket).ConfigureAwait(false);
            throw new HandshakeException($"{address} did not complete the connection and handshake within {options.HandshakeTimeout.TotalSeconds:0.#} s.", e);
        }
        catch
        {
            await DisposeAsync(stream, socket).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Negotiates TLS as the accepting side. Returns no stream when it fails (a plaintext peer, a
    /// broken negotiation), after logging why. A client certificate that mutual TLS refuses (none,
    /// or one not signed by the configured authorities) does not break the negotiation: the stream
    /// comes back with the refusal, so that the caller answers the peer's handshake with that
    /// reason over the encrypted stream, as it answers a wrong token. Under TLS 1.3 the client has
    /// finished its side before the server checks its certificate, so an alert there would reach it
    /// only as a closed connection, without the reason.
    /// </summary>
    public static async Task<(Stream? Stream, string? Refusal)> AuthenticateAsServerAsync(Stream raw, TlsOptions tls, string remote, ILogger logger, CancellationToken cancellationToken)
    {
        string? rejection = null;
        var ssl = new SslStream(raw, leaveInnerStreamOpen: false);
        var options = new SslServerAuthenticationOptions
        {
            ServerCertificate = tls.Certificate,
            ClientCertificateRequired = tls.CertificateAuthorities is not null,
            RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
            {
                if (tls.CertificateAuthorities is not null && !tls.ValidatePeer(certificate, errors, out var reason))
                {
                    rejection = $"mutual TLS refused the client's certificate: {reason}";
                }

                return true;
            },
        };

        try
        {
            await ssl.AuthenticateAsServerAsync(options, cancellationToken).ConfigureAwait(false);
            return (ssl, rejection);
        }
        catch (Exception e) when (e is AuthenticationException or IOException)
        {
            var reason = rejection ?? $"{e.Message} (a plaintext peer is refused on a tls:// listener)";
            Log.TlsFailed(logger, remote, reason);
            await ssl.DisposeAsync().ConfigureAwait(false);
            return (null, null);
        }
    }

    /// <summary>
    /// Turns on keepalive probes and the user timeout of <see cref="CommOptions.KeepAliveTimeout"/>,
    /// so that a peer whose machine went silent (a cut link drops packets without a reset) is
    /// noticed within that time even when neither side has anything to send.
    /// </summary>
    public static void EnableKeepAlive(Socket socket, CommOptions options)
    {
        var timeout = options.KeepAliveTimeout;
        if (timeout <= TimeSpan.Zero)
        {
            return;
        }

        var idle = Math.Max(1, (int)(timeout.TotalSeconds / 2));
        var interval = Math.Max(1, (int)((timeout.TotalSeconds - idle) / KeepAliveProbes));
        socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true);
        socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveTime, idle);
        socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveInterval, interval);
        socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveRetryCount, KeepAliveProbes);
        if (OperatingSystem.IsLinux())
        {
            // TCP_USER_TIMEOUT (18): data unacknowledged this long fails the connection, where
            // keepalive alone would wait for the retransmissions to give up (about 15 minutes).
            socket.SetRawSocketOption(IpProtoTcp, TcpUserTimeout, BitConverter.GetBytes((int)timeout.TotalMilliseconds));
        }
    }

    /// <summary>An endpoint as a comm address, such as <c>tcp://127.0.0.1:40123</c>.</summary>
    public static string Describe(string scheme, EndPoint? endPoint) => endPoint is IPEndPoint ip
        ? CommAddress.Create(scheme, (ip.Address.IsIPv4MappedToIPv6 ? ip.Address.MapToIPv4() : ip.Address).ToString(), ip.Port).ToString()
        : $"{scheme}://{endPoint}";

    private static async Task<Stream> AuthenticateAsClientAsync(Stream raw, CommAddress address, TlsOptions tls, CancellationToken cancellationToken)
    {
        string? rejection = null;
        var ssl = new SslStream(raw, leaveInnerStreamOpen: false);
        var options = new SslClientAuthenticationOptions
        {
            TargetHost = address.Host,
            ClientCertificates = tls.Certificate is null ? null : [tls.Certificate],
            RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
            {
                var ok = tls.ValidatePeer(certificate, errors, out var reason);
                rejection = ok ? null : reason;
                return ok;
            },
        };

        try
        {
            await ssl.AuthenticateAsClientAsync(options, cancellationToken).ConfigureAwait(false);
            return ssl;
        }
        catch (Exception e) when (e is AuthenticationException or IOException)
        {
            await ssl.DisposeAsync().ConfigureAwait(false);
            throw new HandshakeException($"TLS negotiation with {address} failed: {rejection ?? e.Message}", e);
        }
    }

    private static async ValueTask DisposeAsync(Stream? stream, Socket socket)
    {
        if (stream is not null)
        {
            await stream.DisposeAsync().ConfigureAwait(false);
        }

        socket.Dispose();
    }
}
