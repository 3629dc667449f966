using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MiniDask.Protocol.Messages;

namespace MiniDask.Protocol;

/// <summary>
/// The comm options of a cluster member from its command-line settings: the shared token (from
/// the <c>MINIDASK_TOKEN</c> environment variable when none is given) and TLS from PEM files.
/// </summary>
public static class ClusterComm
{
    /// <summary>The environment variable read for the token when none is given.</summary>
    public const string TokenVariable = "MINIDASK_TOKEN";

    /// <summary>Comm options for a <paramref name="role"/> named <paramref name="name"/>.</summary>
    /// <param name="role">What this side is.</param>
    /// <param name="name">Its name, for the peer's logs.</param>
    /// <param name="token">The shared token; <see cref="TokenVariable"/> when null; none when both are empty.</param>
    /// <param name="tlsCertificate">A PEM certificate: with <paramref name="tlsKey"/>, TLS is on.</param>
    /// <param name="tlsKey">The certificate's PEM private key.</param>
    /// <param name="tlsCertificateAuthority">A PEM CA certificate that peers' certificates must chain to.</param>
    /// <param name="logger">Where connection events go; none when null.</param>
    /// <exception cref="ArgumentException">Only one of the certificate and key is given.</exception>
    /// <exception cref="FileNotFoundException">A PEM file does not exist.</exception>
    public static CommOptions Options(
        PeerRole role,
        string name,
        string? token = null,
        string? tlsCertificate = null,
        string? tlsKey = null,
        string? tlsCertificateAuthority = null,
        ILogger? logger = null)
    {
        token = string.IsNullOrEmpty(token) ? Environment.GetEnvironmentVariable(TokenVariable) : token;
        var tls = tlsCertificate is null && tlsCertificateAuthority is null
            ? null
            : TlsOptions.FromPemFiles(tlsCertificate, tlsKey, tlsCertificateAuthority);
        return new CommOptions
        {
            Role = role,
            Name = name,
            Token = string.IsNullOrEmpty(token) ? null : token,
            Tls = tls,
            Logger = logger ?? NullLogger.Instance,
        };
    }
}
