namespace MiniDask.Protocol;

/// <summary>
/// The time source of the scheduler and worker state machines. Anything that depends on time
/// (heartbeat timeouts, task durations, work stealing) reads it here, so tests drive time by hand
/// with <see cref="ManualClock"/> instead of sleeping.
/// </summary>
public interface IClock
{
    /// <summary>The current wall-clock time, for logs and messages read by people.</summary>
    DateTimeOffset UtcNow { get; }

    /// <summary>
    /// Seconds on a monotonic clock with an arbitrary origin: never goes backwards, so differences
    /// between two readings are durations. Timeouts and durations use this, never <see cref="UtcNow"/>.
    /// </summary>
    double MonotonicSeconds { get; }
}
