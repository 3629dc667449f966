using MiniDask.Protocol;
using MiniDask.Protocol.Messages;

namespace MiniDask.Scheduler.Distributed;

/// <summary>Settings of a <see cref="Client"/>.</summary>
public sealed record ClientOptions
{
    /// <summary>Token, TLS, limits and logging of the client's comms (to the scheduler and to workers).</summary>
    public CommOptions Comm { get; init; } = new() { Role = PeerRole.Client };

    /// <summary>
    /// How long the client waits without hearing from the scheduler (which pings every heartbeat
    /// interval) before it treats the scheduler as lost: pending computes, futures and gathers
    /// then fail with "lost the scheduler at ADDRESS (no reply for N s)". Infinite to wait forever.
    /// </summary>
    public TimeSpan SchedulerTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>The client's name; a unique one is made when empty.</summary>
    public string Name { get; init; } = "";

    /// <summary>
    /// For a client made inside a task (<see cref="Worker.GetClient"/>): the client whose code the
    /// task runs, named as the code owner of every task this client submits instead of uploading code.
    /// </summary>
    internal string? CodeOwner { get; init; }
}
