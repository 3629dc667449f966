using System.Diagnostics;

namespace MiniDask.Protocol;

/// <summary>
/// Wall-clock time in Unix seconds with the resolution of <see cref="Stopwatch"/>: the task stream
/// and the memory samples of every process are stamped with it, so bars from several processes on
/// one machine line up, and short tasks still get a width.
/// </summary>
public static class UnixTime
{
    private static readonly double Offset =
        (DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0) - (Stopwatch.GetTimestamp() / (double)Stopwatch.Frequency);

    /// <summary>Now, in Unix seconds.</summary>
    public static double Now => FromMonotonic(Stopwatch.GetTimestamp() / (double)Stopwatch.Frequency);

    /// <summary>The Unix time of a monotonic reading of <see cref="Stopwatch.GetTimestamp"/> in seconds.</summary>
    public static double FromMonotonic(double monotonicSeconds) => monotonicSeconds + Offset;
}
