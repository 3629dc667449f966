using MiniDask.Protocol;
using MiniDask.Protocol.Messages;

namespace MiniDask.Scheduler.Distributed;

/// <summary>Settings of a <see cref="SchedulerServer"/>: its comms, its state machine and its timers.</summary>
public sealed record SchedulerServerOptions
{
    /// <summary>Token, TLS, limits and logging of the listener; the role is always the scheduler.</summary>
    public CommOptions Comm { get; init; } = new() { Role = PeerRole.Scheduler, Name = "scheduler" };

    /// <summary>Tuning of the state machine (worker TTL, allowed failures, stealing).</summary>
    public SchedulerOptions State { get; init; } = SchedulerOptions.Default;

    /// <summary>How often the state machine ticks: removes silent workers and balances work.</summary>
    public TimeSpan TickInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How often workers are told to send heartbeats, and how often the scheduler pings its clients and workers.</summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The time source of the state machine.</summary>
    public IClock Clock { get; init; } = SystemClock.Instance;
}
