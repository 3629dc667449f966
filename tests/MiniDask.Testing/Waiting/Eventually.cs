using System.Diagnostics;

namespace MiniDask.Testing;

/// <summary>Waiting for a condition that another process makes true (a worker registering, a process exiting), with a bound.</summary>
public static class Eventually
{
    /// <summary>Polls <paramref name="condition"/> every 20 ms until it holds; fails naming <paramref name="what"/> after <paramref name="timeout"/> (default 60 s).</summary>
    /// <exception cref="TimeoutException">The condition did not hold in time.</exception>
    public static async Task HoldsAsync(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(60);
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > limit)
            {
                throw new TimeoutException($"Waited {limit.TotalSeconds:0} s for {what}.");
            }

            await Task.Delay(20);
        }
    }
}
