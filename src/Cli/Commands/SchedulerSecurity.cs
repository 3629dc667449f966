using System.Net;
using System.Security.Cryptography;
using MiniDask.Protocol;

namespace MiniDask.Cli.Commands;

/// <summary>
/// How <c>minidask scheduler</c> authenticates its peers, from its options. A token unless told
/// otherwise: the one given (<c>--token</c> or <c>MINIDASK_TOKEN</c>), else a random one made here
/// and printed with the address, except under mutual TLS (<c>--tls-ca</c>), where the certificates
/// authenticate. <c>--no-auth</c> (or <c>--token ""</c>) keeps the cluster open to anyone who can
/// reach its port, with a warning, and only on a loopback address unless <c>--allow-insecure</c>.
/// </summary>
internal static class SchedulerSecurity
{
    /// <summary>The decided mode: the token to require (null for none), whether it was made here, and a warning to print.</summary>
    /// <param name="Token">The token every peer must present, or null.</param>
    /// <param name="Generated">Whether the token was made here (so it is printed with the address).</param>
    /// <param name="Warning">A line to print on standard error, or null.</param>
    public sealed record Mode(string? Token, bool Generated, string? Warning);

    /// <summary>Decides the mode, or throws with what to change.</summary>
    /// <param name="host">The interface the scheduler listens on.</param>
    /// <param name="token">The <c>--token</c> value: null when not given, empty when given empty.</param>
    /// <param name="environmentToken">The <c>MINIDASK_TOKEN</c> value.</param>
    /// <param name="tlsCertificate">The <c>--tls-cert</c> value.</param>
    /// <param name="tlsCertificateAuthority">The <c>--tls-ca</c> value.</param>
    /// <param name="noAuth">Whether <c>--no-auth</c> was given.</param>
    /// <param name="allowInsecure">Whether <c>--allow-insecure</c> was given.</param>
    /// <exception cref="ArgumentException">The options contradict each other or leave a reachable cluster open; the message says which and what to give.</exception>
    public static Mode Decide(string host, string? token, string? environmentToken, string? tlsCertificate, string? tlsCertificateAuthority, bool noAuth, bool allowInsecure)
    {
        var mutualTls = tlsCertificate is not null && tlsCertificateAuthority is not null;
        if (noAuth && !string.IsNullOrEmpty(token))
        {
            throw new ArgumentException("--no-auth and --token contradict each other: give one of them.");
        }

        if (noAuth || token is "")
        {
            if (tlsCertificate is not null && !mutualTls)
            {
                throw new ArgumentException(
                    "--tls-cert without --tls-ca checks no client's certificate, and --no-auth (or an empty --token) asks for no token, so nobody would be "
                    + "authenticated: give --tls-ca for mutual TLS, or a token (--token, MINIDASK_TOKEN, or neither to have one generated).");
            }

            if (!mutualTls && !IsLoopback(host) && !allowInsecure)
            {
                throw new ArgumentException(
                    $"--no-auth on {host} lets anyone who can reach the port run tasks and read results; it is refused on a non-loopback address "
                    + "unless --allow-insecure is also given (or use a token, the default, or mutual TLS with --tls-ca).");
            }

            return new Mode(null, false, mutualTls
                ? null
                : $"warning: --no-auth: anyone who can reach {host} can run tasks, upload code and read every result on this cluster.");
        }

        var given = !string.IsNullOrEmpty(token) ? token : !string.IsNullOrEmpty(environmentToken) ? environmentToken : null;
        var note = tlsCertificate is not null && !mutualTls
            ? "note: --tls-cert without --tls-ca encrypts but checks no peer's certificate, so peers authenticate with the token."
            : null;
        if (given is not null || mutualTls)
        {
            return new Mode(given, false, note);
        }

        return new Mode(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24)), true, note);
    }

    /// <summary>Whether <paramref name="host"/> is a loopback interface (127.0.0.0/8, ::1 or localhost).</summary>
    public static bool IsLoopback(string host)
    {
        var bare = host.Trim('[', ']');
        return bare.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(bare, out var address) && IPAddress.IsLoopback(address));
    }

    /// <summary>The line printed for a generated token: the address with the token, as Jupyter prints its URL.</summary>
    public static string ConnectLine(string address, string token) =>
        $"token generated: workers and clients connect with {address}?token={token} (or {ClusterComm.TokenVariable}={token} and {address})";
}
