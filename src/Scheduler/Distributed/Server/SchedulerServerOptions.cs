using MiniDask.Protocol;
using MiniDask.Protocol.Messages;
using MiniDask.Scheduler.Diagnostics;

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

    /// <summary>
    /// Where to serve the dashboard (<c>127.0.0.1:8787</c>, <c>:8787</c>, <c>0.0.0.0:8787</c>; port 0 for a free
    /// one); null serves none. It needs the cluster's token when <see cref="CommOptions.Token"/> is set.
    /// </summary>
    public string? DashboardAddress { get; init; }

    /// <summary>The dashboard implementation; <see cref="DashboardHosts.Default"/> when null.</summary>
    public IDashboardHost? DashboardHost { get; init; }
}
