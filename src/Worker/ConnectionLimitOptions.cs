using System.CommandLine;
using MiniDask.Protocol;

namespace MiniDask.Worker;

/// <summary>
/// The command-line options that bound what a listener takes in, shared by <c>minidask scheduler</c>
/// and <c>minidask worker</c>: <c>--max-pending-connections N</c> (unauthenticated connections at
/// once; the oldest are shed past it) and <c>--max-connections-per-host N</c>.
/// </summary>
public sealed class ConnectionLimitOptions
{
    private readonly Option<int> maxPending = new("--max-pending-connections")
    {
        Description = "Connections waiting for TLS and their handshake at once; past it the oldest are closed (lowered to a quarter of the descriptors free under ulimit -n, less 128 kept for the process).",
        DefaultValueFactory = _ => CommOptions.Default.MaxPendingConnections,
    };

    private readonly Option<int> maxPerHost = new("--max-connections-per-host")
    {
        Description = "Connections, waiting or established, taken from one remote host (0: no limit).",
        DefaultValueFactory = _ => CommOptions.Default.MaxConnectionsPerHost,
    };

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(maxPending);
        command.Options.Add(maxPerHost);
    }

    /// <summary><paramref name="comm"/> with the parsed limits.</summary>
    /// <exception cref="ArgumentException">A limit is out of range.</exception>
    public CommOptions Apply(ParseResult parse, CommOptions comm)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(comm);
        var pending = parse.GetValue(maxPending);
        var perHost = parse.GetValue(maxPerHost);
        if (pending < 1)
        {
            throw new ArgumentException($"--max-pending-connections must be at least 1, got {pending}.");
        }

        if (perHost < 0)
        {
            throw new ArgumentException($"--max-connections-per-host must be 0 (no limit) or more, got {perHost}.");
        }

        return comm with { MaxPendingConnections = pending, MaxConnectionsPerHost = perHost };
    }
}
