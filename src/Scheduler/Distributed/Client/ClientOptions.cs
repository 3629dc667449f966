using MiniDask.Protocol;
using MiniDask.Protocol.Messages;

namespace MiniDask.Scheduler.Distributed;

/// <summary>Settings of a <see cref="Client"/>.</summary>
public sealed record ClientOptions
{
    /// <summary>Token, TLS, limits and logging of the client's comms (to the scheduler and to workers).</summary>
    public CommOptions Comm { get; init; } = new() { Role = PeerRole.Client };

    /// <summary>The client's name; a unique one is made when empty.</summary>
    public string Name { get; init; } = "";
}
