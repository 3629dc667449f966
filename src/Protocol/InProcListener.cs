using System.Collections.Concurrent;
using System.Globalization;

namespace MiniDask.Protocol;

/// <summary>
/// A listener inside this process, addressed <c>inproc://NAME</c>: connections are pairs of
/// pipes, and every message still goes through the frame codec and the handshake.
/// </summary>
internal sealed class InProcListener : HandshakingListener
{
    private static readonly ConcurrentDictionary<string, InProcListener> Registry = new(StringComparer.Ordinal);
    private static long counter;

    private readonly string name;

    private InProcListener(string name, CommOptions options)
        : base(options)
    {
        this.name = name;
        Address = CommAddress.Create(CommAddress.InProc, name, 0).ToString();
    }

    public override string Address { get; }

    /// <summary>A name no other in-process listener or pair in this process has.</summary>
    public static string UniqueName(string prefix) =>
        string.Create(CultureInfo.InvariantCulture, $"{prefix}-{Environment.ProcessId}-{Interlocked.Increment(ref counter)}");

    public static Listener Start(CommAddress address, CommOptions options)
    {
        var name = address.Host.Length == 0 ? UniqueName("listener") : address.Host;
        var listener = new InProcListener(name, options);
        if (!Registry.TryAdd(name, listener))
        {
            throw new IOException($"Cannot listen on {listener.Address}: another in-process listener has that name.");
        }

        Log.Listening(options.Logger, listener.Address);
        return listener;
    }

    public static async Task<Comm> ConnectAsync(CommAddress address, CommOptions options, CancellationToken cancellationToken)
    {
        if (!Registry.TryGetValue(address.Host, out var listener))
        {
            throw new IOException($"Could not connect to {address}: no in-process listener has that name.");
        }

        var (client, server) = DuplexPipeStream.CreatePair();
        var local = $"{listener.Address}/{UniqueName("client")}";
        listener.Admit(server, local, tls: null);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.HandshakeTimeout);
        try
        {
            var peer = await Handshaking.ConnectAsync(client, options, listener.Address, timeout.Token).ConfigureAwait(false);
            return new StreamComm(client, local, listener.Address, peer, options);
        }
        catch
        {
            await client.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    protected override ValueTask StopListeningAsync()
    {
        Registry.TryRemove(new KeyValuePair<string, InProcListener>(name, this));
        return ValueTask.CompletedTask;
    }
}
