using System.Net;
using System.Net.Sockets;

namespace MiniDask.Testing;

/// <summary>Ports on 127.0.0.1 for tests that need an address nothing listens on.</summary>
public static class LoopbackPorts
{
    /// <summary>A port the system just handed out and took back: free now, so a connection to it is refused until something listens there.</summary>
    public static int Unused()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        try
        {
            return ((IPEndPoint)probe.LocalEndpoint).Port;
        }
        finally
        {
            probe.Stop();
        }
    }
}
