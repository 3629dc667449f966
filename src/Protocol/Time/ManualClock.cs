namespace MiniDask.Protocol;

/// <summary>
/// A clock that moves only when told to, for exact tests of timeouts and durations. Wall-clock and
/// monotonic readings advance together.
/// </summary>
public sealed class ManualClock : IClock
{
    private readonly DateTimeOffset origin;

    /// <summary>Creates a clock at monotonic second <paramref name="start"/>, reading <paramref name="utcStart"/> as wall-clock time.</summary>
    /// <param name="start">The first monotonic reading, in seconds.</param>
    /// <param name="utcStart">The wall-clock time at <paramref name="start"/>; 2000-01-01 UTC when omitted.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="start"/> is negative, infinite or NaN.</exception>
    public ManualClock(double start = 0, DateTimeOffset? utcStart = null)
    {
        if (!double.IsFinite(start) || start < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(start), start, "A manual clock starts at a finite, non-negative number of seconds.");
        }

        MonotonicSeconds = start;
        origin = (utcStart ?? new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero)) - TimeSpan.FromSeconds(start);
    }

    /// <inheritdoc />
    public DateTimeOffset UtcNow => origin + TimeSpan.FromSeconds(MonotonicSeconds);

    /// <inheritdoc />
    public double MonotonicSeconds { get; private set; }

    /// <summary>Moves the clock forward by <paramref name="seconds"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="seconds"/> is negative, infinite or NaN: a monotonic clock never goes back.</exception>
    public void Advance(double seconds)
    {
        if (!double.IsFinite(seconds) || seconds < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(seconds), seconds, "A clock advances by a finite, non-negative number of seconds.");
        }

        MonotonicSeconds += seconds;
    }

    /// <summary>Moves the clock forward by <paramref name="duration"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="duration"/> is negative.</exception>
    public void Advance(TimeSpan duration) => Advance(duration.TotalSeconds);
}
