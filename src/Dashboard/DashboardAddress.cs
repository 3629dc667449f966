using System.Globalization;
using System.Net;

namespace MiniDask.Dashboard;

/// <summary>A dashboard address parsed from <c>HOST:PORT</c>, <c>:PORT</c>, <c>PORT</c> or <c>http://HOST:PORT</c>.</summary>
/// <param name="Host">The interface to bind: loopback unless an address names another.</param>
/// <param name="Port">The port; 0 for a free one.</param>
internal sealed record DashboardAddress(IPAddress Host, int Port)
{
    /// <summary>Parses <paramref name="text"/>; a missing host means loopback, as MiniDask binds nothing wider unless told.</summary>
    /// <exception cref="FormatException">The text is not an address with a port from 0 to 65535; the message names it.</exception>
    public static DashboardAddress Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var rest = text.Trim();
        if (rest.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
        {
            rest = rest["http://".Length..].TrimEnd('/');
        }

        var colon = rest.LastIndexOf(':');
        var hostText = colon < 0 ? "" : rest[..colon].Trim('[', ']');
        var portText = colon < 0 ? rest : rest[(colon + 1)..];
        if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
        {
            throw new FormatException($"Dashboard address '{text}' has no valid port: expected HOST:PORT, :PORT or PORT with a port from 0 to 65535 (0 picks a free one).");
        }

        IPAddress host;
        if (hostText.Length == 0 || hostText.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            host = IPAddress.Loopback;
        }
        else if (!IPAddress.TryParse(hostText, out host!))
        {
            throw new FormatException($"Dashboard address '{text}' names host '{hostText}', which is not an IP address: use 127.0.0.1 (this machine only), 0.0.0.0 (every interface) or an interface's address.");
        }

        return new DashboardAddress(host, port);
    }
}
