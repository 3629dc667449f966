using System.Security.Cryptography;
using System.Text;
using MiniDask.Protocol.Messages;

namespace MiniDask.Protocol;

/// <summary>
/// The first exchange on every connection: the connecting side sends a Handshake (version,
/// token, role, name); the accepting side checks it and answers with a HandshakeReply that
/// accepts or gives the reason for refusing. Both use <see cref="FrameLimits.Handshake"/>, so an
/// unauthenticated peer cannot make either side allocate much.
/// </summary>
internal static class Handshaking
{
    private const string TlsHint = "if it listens on tls://, connect with tls:// and the cluster's certificates";

    /// <summary>
    /// What to check when the peer closed during the handshake: over TLS 1.3 a peer refuses this
    /// side's certificate (or its lack of one) only after the negotiation seemed to succeed, so the
    /// refusal shows here.
    /// </summary>
    private static string HintFor(CommOptions options) => options.Tls switch
    {
        null => TlsHint,
        { Certificate: null } => "this side presented no TLS certificate, which a peer started with --tls-ca (mutual TLS) refuses: "
            + "give this side --tls-cert and --tls-key, a certificate signed by the cluster's CA",
        _ => "the peer may have refused this side's TLS certificate (not signed by its --tls-ca, or expired); its log names the problem",
    };

    /// <summary>Sends the handshake and reads the reply.</summary>
    /// <exception cref="HandshakeException">The peer refused, answered wrongly, or closed the connection.</exception>
    public static async Task<PeerInfo> ConnectAsync(Stream stream, CommOptions options, string remote, CancellationToken cancellationToken)
    {
        var hello = new Handshake { Version = options.Version, Token = options.Token ?? "", Role = options.Role, Name = options.Name };

        Message? reply;
        try
        {
            await FrameCodec.WriteAsync(stream, new Message(hello), FrameLimits.Handshake, cancellationToken).ConfigureAwait(false);
            reply = await FrameCodec.ReadAsync(stream, FrameLimits.Handshake, cancellationToken).ConfigureAwait(false);
        }
        catch (ProtocolException e)
        {
            throw new HandshakeException($"{remote} answered the handshake with a malformed frame ({e.Message}); {HintFor(options)}.", e);
        }
        catch (IOException e)
        {
            throw new HandshakeException($"{remote} closed the connection during the handshake ({e.Message}); {HintFor(options)}.", e);
        }

        if (reply is null)
        {
            throw new HandshakeException($"{remote} closed the connection during the handshake without answering; {HintFor(options)}.");
        }

        if (reply.Body is not HandshakeReply answer)
        {
            throw new HandshakeException($"{remote} answered the handshake with {reply.Body} instead of a HandshakeReply.");
        }

        return answer.Accepted
            ? new PeerInfo(answer.Name, answer.Role, answer.Version)
            : throw new HandshakeException($"{remote} refused the connection: {answer.Reason}");
    }

    /// <summary>
    /// Reads and checks the peer's handshake and answers it. Returns the peer, or null when the
    /// connection was refused (the reason is sent back when possible, and logged). With
    /// <paramref name="refusal"/> (TLS refused the peer's certificate) the handshake is read and
    /// answered with that refusal whatever it says.
    /// </summary>
    public static async Task<PeerInfo?> AcceptAsync(Stream stream, CommOptions options, string remote, CancellationToken cancellationToken, string? refusal = null)
    {
        Message? hello;
        try
        {
            hello = await FrameCodec.ReadAsync(stream, FrameLimits.Handshake, cancellationToken).ConfigureAwait(false);
        }
        catch (ProtocolException e)
        {
            await RefuseAsync(stream, options, remote, $"malformed handshake: {e.Message}", cancellationToken).ConfigureAwait(false);
            return null;
        }

        if (hello is null)
        {
            Log.ConnectionRefused(options.Logger, remote, "the peer closed the connection before its handshake");
            return null;
        }

        var reason = refusal ?? Check(hello, options);
        if (reason is not null)
        {
            await RefuseAsync(stream, options, remote, reason, cancellationToken).ConfigureAwait(false);
            return null;
        }

        var accepted = new HandshakeReply { Accepted = true, Version = options.Version, Name = options.Name, Role = options.Role };
        await FrameCodec.WriteAsync(stream, new Message(accepted), FrameLimits.Handshake, cancellationToken).ConfigureAwait(false);
        var handshake = (Handshake)hello.Body;
        return new PeerInfo(handshake.Name, handshake.Role, handshake.Version);
    }

    private static string? Check(Message hello, CommOptions options)
    {
        if (hello.Body is not Handshake handshake)
        {
            return $"the first message must be a Handshake, not {hello.Body}";
        }

        if (handshake.Version != options.Version)
        {
            return $"protocol version {handshake.Version} is not supported; this {options.Role} speaks version {options.Version}";
        }

        if (!string.IsNullOrEmpty(options.Token) && !TokensEqual(handshake.Token, options.Token))
        {
            return handshake.Token.Length == 0
                ? "a token is required (set MINIDASK_TOKEN to the cluster's token)"
                : "wrong token";
        }

        return null;
    }

    private static bool TokensEqual(string presented, string expected) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(expected));

    private static async Task RefuseAsync(Stream stream, CommOptions options, string remote, string reason, CancellationToken cancellationToken)
    {
        Log.ConnectionRefused(options.Logger, remote, reason);
        var refusal = new HandshakeReply { Accepted = false, Reason = reason, Version = options.Version, Name = options.Name, Role = options.Role };
        try
        {
            await FrameCodec.WriteAsync(stream, new Message(refusal), FrameLimits.Handshake, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException)
        {
            // The peer may already be gone; the refusal is logged either way.
        }
    }
}
