using MiniDask.Scheduler.Distributed;
using DaskWorker = MiniDask.Scheduler.Distributed.Worker;

namespace MiniDask.Scheduler.Tests.Distributed.Cluster.Coordination;

/// <summary>Task bodies that coordinate through the scheduler's named objects, from inside the task.</summary>
internal static class TaskCoordination
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    /// <summary>Waits for the start event, then takes items off the queue until it is empty; returns what it took.</summary>
    public static int[] Drain(string queue, string start)
    {
        var client = DaskWorker.GetClient();
        using (var go = client.Event(start))
        {
            go.WaitAsync(Patience).GetAwaiter().GetResult();
        }

        using var work = client.Queue<int>(queue);
        var taken = new List<int>();
        while (work.TryGetAsync().GetAwaiter().GetResult() is (true, var item))
        {
            taken.Add(item);
        }

        return [.. taken];
    }

    /// <summary>Adds 1 to a shared variable <paramref name="times"/> times, each read-modify-write inside the lock (or a one-lease semaphore) named <paramref name="guard"/>.</summary>
    public static int IncrementUnderGuard(string guard, string counter, bool semaphore, int times)
    {
        var client = DaskWorker.GetClient();
        using var lockHandle = semaphore ? null : client.Lock(guard);
        using var leases = semaphore ? client.Semaphore(guard, maxLeases: 1) : null;
        using var total = client.Variable<int>(counter);
        for (var i = 0; i < times; i++)
        {
            (lockHandle?.AcquireAsync(Patience) ?? leases!.AcquireAsync(Patience)).GetAwaiter().GetResult();
            var (_, value) = total.TryGetAsync().GetAwaiter().GetResult();
            total.SetAsync(value + 1).GetAwaiter().GetResult();
            (lockHandle?.ReleaseAsync() ?? leases!.ReleaseAsync()).GetAwaiter().GetResult();
        }

        return times;
    }

    /// <summary>Waits for the event, then reads the variable and writes it back doubled into another.</summary>
    public static string WaitThenDouble(string ready, string input, string output)
    {
        var client = DaskWorker.GetClient();
        using var go = client.Event(ready);
        using var source = client.Variable<long>(input);
        using var target = client.Variable<long>(output);
        go.WaitAsync(Patience).GetAwaiter().GetResult();
        var value = source.GetAsync(Patience).GetAwaiter().GetResult();
        target.SetAsync(value * 2).GetAwaiter().GetResult();
        return "woke";
    }

    /// <summary>Publishes 0..count-1 on the topic from inside a task.</summary>
    public static int PublishRange(string topic, int count)
    {
        using var publisher = DaskWorker.GetClient().Publisher<int>(topic);
        for (var i = 0; i < count; i++)
        {
            publisher.PublishAsync(i).GetAwaiter().GetResult();
        }

        return count;
    }
}
