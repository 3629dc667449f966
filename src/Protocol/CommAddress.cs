using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;

namespace MiniDask.Protocol;

/// <summary>
/// A comm address: <c>tcp://HOST:PORT</c>, <c>tls://HOST:PORT</c> or <c>inproc://NAME</c>, as Dask
/// writes them. HOST is a name, an IPv4 address or a bracketed IPv6 address (<c>tcp://[::1]:8786</c>);
/// port 0 asks a listener for a free port. An address without a scheme is TCP.
/// </summary>
public sealed record CommAddress
{
    /// <summary>The scheme of plain TCP.</summary>
    public const string Tcp = "tcp";

    /// <summary>The scheme of TLS over TCP.</summary>
    public const string Tls = "tls";

    /// <summary>The scheme of in-process comms.</summary>
    public const string InProc = "inproc";

    private CommAddress(string scheme, string host, int port)
    {
        Scheme = scheme;
        Host = host;
        Port = port;
    }

    /// <summary>The scheme: <see cref="Tcp"/>, <see cref="Tls"/> or <see cref="InProc"/>.</summary>
    public string Scheme { get; }

    /// <summary>The host (an IPv6 address without brackets), or an in-process listener's name.</summary>
    public string Host { get; }

    /// <summary>The TCP port; 0 for in-process addresses.</summary>
    public int Port { get; }

    /// <summary>Whether the address needs TLS.</summary>
    public bool IsTls => Scheme == Tls;

    /// <summary>Whether the address is in-process.</summary>
    public bool IsInProc => Scheme == InProc;

    /// <summary>
    /// Splits a token off <paramref name="address"/>: <c>tcp://host:8786?token=T</c>, as
    /// <c>minidask scheduler</c> prints it, gives <c>tcp://host:8786</c> and <c>T</c>; an address
    /// without <c>?token=</c> comes back as it is, with <paramref name="fallback"/>.
    /// </summary>
    /// <param name="address">The address, perhaps with <c>?token=T</c> at its end.</param>
    /// <param name="fallback">The token when the address carries none.</param>
    /// <exception cref="FormatException">The address has a query other than <c>?token=T</c>, or an empty token.</exception>
    public static (string Address, string? Token) WithoutToken(string address, string? fallback)
    {
        ArgumentNullException.ThrowIfNull(address);
        var query = address.IndexOf('?', StringComparison.Ordinal);
        if (query < 0)
        {
            return (address, fallback);
        }

        const string Prefix = "token=";
        var token = address[(query + 1)..];
        if (!token.StartsWith(Prefix, StringComparison.Ordinal) || token.Length == Prefix.Length || token.Contains('&', StringComparison.Ordinal))
        {
            throw new FormatException($"The address '{address[..query]}' ends in '?{token.Split('=')[0]}...'; the only query an address may carry is ?token=TOKEN.");
        }

        return (address[..query], Uri.UnescapeDataString(token[Prefix.Length..]));
    }

    /// <summary>Parses <paramref name="address"/>.</summary>
    /// <exception cref="FormatException">The address is malformed; the message quotes it and says what was expected.</exception>
    public static CommAddress Parse(string address) =>
        TryParse(address, out var result, out var error) ? result : throw new FormatException(error);

    /// <summary>Parses <paramref name="address"/>, or says what is wrong with it.</summary>
    public static bool TryParse(string? address, [NotNullWhen(true)] out CommAddress? result, [NotNullWhen(false)] out string? error)
    {
        result = null;
        if (string.IsNullOrWhiteSpace(address))
        {
            error = "An address is required, such as tcp://127.0.0.1:8786.";
            return false;
        }

        var text = address.Trim();
        var separator = text.IndexOf("://", StringComparison.Ordinal);
        var scheme = separator < 0 ? Tcp : text[..separator].ToLowerInvariant();
        var rest = separator < 0 ? text : text[(separator + 3)..];
        if (scheme == InProc)
        {
            if (rest.Any(char.IsWhiteSpace))
            {
                error = $"In-process address '{address}' has white space in its name.";
                return false;
            }

            result = new CommAddress(InProc, rest, 0);
            error = null;
            return true;
        }

        if (scheme is not (Tcp or Tls))
        {
            error = $"Address '{address}' has unknown scheme '{scheme}'; use tcp://, tls:// or inproc://.";
            return false;
        }

        return TryParseHostPort(address, scheme, rest, out result, out error);
    }

    /// <summary>The address as text: <c>tcp://127.0.0.1:8786</c>, <c>tls://[::1]:8786</c>, <c>inproc://name</c>.</summary>
    public override string ToString() => Scheme switch
    {
        InProc => $"{InProc}://{Host}",
        _ when Host.Contains(':', StringComparison.Ordinal) => $"{Scheme}://[{Host}]:{Port}",
        _ => $"{Scheme}://{Host}:{Port}",
    };

    /// <summary>An address from parts already known to be valid (a bound endpoint, a listener's name).</summary>
    internal static CommAddress Create(string scheme, string host, int port) => new(scheme, host, port);

    private static bool TryParseHostPort(string address, string scheme, string rest, [NotNullWhen(true)] out CommAddress? result, [NotNullWhen(false)] out string? error)
    {
        result = null;
        string host;
        string portText;
        if (rest.StartsWith('['))
        {
            var close = rest.IndexOf(']', StringComparison.Ordinal);
            if (close < 0 || close + 1 >= rest.Length || rest[close + 1] != ':')
            {
                error = $"Address '{address}' has a bracketed IPv6 host without ']:PORT'; write {scheme}://[::1]:8786.";
                return false;
            }

            host = rest[1..close];
            portText = rest[(close + 2)..];
            if (!IPAddress.TryParse(host, out var ip) || ip.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6)
            {
                error = $"Address '{address}' has '{host}' in brackets, which is not an IPv6 address.";
                return false;
            }
        }
        else
        {
            var colon = rest.LastIndexOf(':');
            if (colon < 0)
            {
                error = $"Address '{address}' has no port; write {scheme}://{(rest.Length == 0 ? "HOST" : rest)}:8786 (port 0 picks a free port when listening).";
                return false;
            }

            host = rest[..colon];
            portText = rest[(colon + 1)..];
            if (host.Contains(':', StringComparison.Ordinal))
            {
                error = $"Address '{address}' looks like an IPv6 address; put it in brackets: {scheme}://[{host}]:{portText}.";
                return false;
            }
        }

        if (host.Length == 0 || Uri.CheckHostName(host) == UriHostNameType.Unknown)
        {
            error = $"Address '{address}' has no valid host; expected a name or an IP address before ':PORT'.";
            return false;
        }

        if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
        {
            error = $"Address '{address}' has port '{portText}'; expected a number from 0 to 65535.";
            return false;
        }

        result = new CommAddress(scheme, host, port);
        error = null;
        return true;
    }
}
