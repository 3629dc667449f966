using System.Diagnostics;

namespace MiniDask.Protocol;

/// <summary>The real clock: the system's UTC time and a <see cref="Stopwatch"/>-based monotonic clock.</summary>
public sealed class SystemClock : IClock
{
    private SystemClock()
    {
    }

    /// <summary>The one instance; the clock has no state of its own.</summary>
    public static SystemClock Instance { get; } = new();

    /// <inheritdoc />
    public DateTimeOffset UtcNow => DateTimeOffset.UtcNow;

    /// <inheritdoc />
    public double MonotonicSeconds => Stopwatch.GetTimestamp() / (double)Stopwatch.Frequency;
}
