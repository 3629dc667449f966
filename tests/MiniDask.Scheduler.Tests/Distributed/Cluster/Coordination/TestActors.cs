using MiniDask.Scheduler.Distributed;

namespace MiniDask.Scheduler.Tests.Distributed.Cluster.Coordination;

/// <summary>A counter actor: its state lives on one worker; calls run one at a time, so it needs no lock.</summary>
public sealed class Counter(int start)
{
    public Counter()
        : this(0)
    {
    }

    public int Value { get; private set; } = start;

    public int Increment(int by)
    {
        Value += by;
        return Value;
    }

    public async Task<int> IncrementLaterAsync(int by)
    {
        await Task.Yield();
        Value += by;
        return Value;
    }

    public void Reset() => Value = 0;

    public int Fail(string why) => throw new InvalidOperationException(why);

    public string Describe(object value) => value.GetType().Name;
}

/// <summary>An actor that calls another actor through a handle passed to it, as the references' actors send each other messages.</summary>
public sealed class Relay
{
    public int Forwarded { get; private set; }

    public async Task<int> ForwardAsync(ActorHandle<Counter> target, int times)
    {
        var last = 0;
        for (var i = 0; i < times; i++)
        {
            last = await target.CallAsync(c => c.Increment(1));
            Forwarded++;
        }

        return last;
    }
}

/// <summary>Polling for state that another process changes, with a deadline.</summary>
internal static class Eventually
{
    public static async Task Holds(Func<bool> condition, string what)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"{what} never held");
            await Task.Delay(20);
        }
    }
}
