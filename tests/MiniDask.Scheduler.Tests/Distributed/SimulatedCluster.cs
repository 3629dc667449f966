using MiniDask.Graph;
using MiniDask.Protocol;
using MiniDask.Scheduler.Distributed;
using MiniDask.Testing;

namespace MiniDask.Scheduler.Tests.Distributed;

/// <summary>
/// Drives a <see cref="SchedulerState"/> the way the networking shell will, with simulated
/// workers: every <see cref="ComputeTask"/> sent to a worker waits on that worker until the test
/// finishes it (fed back as <see cref="TaskFinished"/>); <see cref="FreeKeys"/> cancels it. Every
/// batch is followed by <see cref="SchedulerState.Validate"/>.
/// </summary>
internal sealed class SimulatedCluster
{
    private readonly Dictionary<string, List<ComputeTask>> assigned = new(StringComparer.Ordinal);

    public SimulatedCluster(SchedulerOptions? options = null)
    {
        State = new SchedulerState(options, Clock);
    }

    public ManualClock Clock { get; } = new(start: 100);

    public SchedulerState State { get; }

    /// <summary>Every instruction the scheduler sent, in order.</summary>
    public List<SchedulerInstruction> Sent { get; } = [];

    /// <summary>The size each finished task reports.</summary>
    public Func<Key, long> NBytesOf { get; set; } = _ => 8;

    /// <summary>How long each task takes, reported as start/stop times.</summary>
    public Func<Key, double> DurationOf { get; set; } = _ => 1.0;

    /// <summary>Called after every batch, for assertions that must hold throughout a run.</summary>
    public Action<SchedulerState>? AfterEachBatch { get; set; }

    public IReadOnlyList<SchedulerInstruction> Send(params SchedulerStimulus[] stimuli)
    {
        var instructions = State.HandleStimulus(stimuli);
        State.Validate();
        foreach (var instruction in instructions)
        {
            switch (instruction)
            {
                case ComputeTask compute:
                    Assigned(compute.Worker).Add(compute);
                    break;
                case FreeKeys free:
                    Assigned(free.Worker).RemoveAll(c => free.Keys.Contains(c.Key));
                    break;
                case CloseWorker close:
                    assigned.Remove(close.Worker);
                    break;
            }
        }

        Sent.AddRange(instructions);
        AfterEachBatch?.Invoke(State);
        return instructions;
    }

    public void AddWorkers(params (string Address, int NThreads)[] workers)
    {
        foreach (var (address, nthreads) in workers)
        {
            Send(new AddWorker(address, nthreads, 1L << 30));
        }
    }

    public IReadOnlyList<SchedulerInstruction> Submit(string client, TaskGraph graph, params Key[] wanted) =>
        Send(TaskSpecs.Update(client, graph, wanted));

    /// <summary>The tasks sent to <paramref name="worker"/> and not yet finished or cancelled, oldest first.</summary>
    public IReadOnlyList<ComputeTask> Pending(string worker) => Assigned(worker);

    public IReadOnlyList<SchedulerInstruction> Finish(string worker, Key key)
    {
        var list = Assigned(worker);
        var index = list.FindIndex(c => c.Key == key);
        Assert.True(index >= 0, $"{key} is not pending on {worker}");
        list.RemoveAt(index);
        var start = Clock.MonotonicSeconds;
        return Send(new TaskFinished(worker, key, NBytesOf(key), start, start + DurationOf(key)));
    }

    public IReadOnlyList<SchedulerInstruction> Fail(string worker, Key key, string exception)
    {
        var list = Assigned(worker);
        Assert.True(list.RemoveAll(c => c.Key == key) == 1, $"{key} is not pending on {worker}");
        return Send(new TaskErred(worker, key, exception, "at Test.Run()"));
    }

    /// <summary>Forgets what a worker was running, as if its process died (the scheduler is not told).</summary>
    public void Crash(string worker) => assigned.Remove(worker);

    /// <summary>The worker gives up a pending task without telling the scheduler (it accepted a steal).</summary>
    public void Drop(string worker, Key key) => Assigned(worker).RemoveAll(c => c.Key == key);

    /// <summary>
    /// Finishes pending tasks, one per worker in address order each round, until none is left but
    /// those <paramref name="hold"/> keeps pending.
    /// </summary>
    public void RunToCompletion(Func<ComputeTask, bool>? hold = null, int maxRounds = 100_000)
    {
        for (var round = 0; round < maxRounds; round++)
        {
            var next = assigned.OrderBy(kv => kv.Key, StringComparer.Ordinal)
                .Select(kv => (Worker: kv.Key, Task: kv.Value.FirstOrDefault(c => hold?.Invoke(c) != true)))
                .Where(x => x.Task is not null)
                .ToList();
            if (next.Count == 0)
            {
                return;
            }

            foreach (var (worker, task) in next)
            {
                if (Assigned(worker).Contains(task!))
                {
                    Finish(worker, task!.Key);
                }
            }
        }

        Assert.Fail("The simulated cluster did not run to completion.");
    }

    /// <summary>How many times <paramref name="key"/> was sent to a worker to compute.</summary>
    public int ComputeCount(Key key) => Sent.OfType<ComputeTask>().Count(c => c.Key == key);

    public IEnumerable<T> SentOf<T>() where T : SchedulerInstruction => Sent.OfType<T>();

    private List<ComputeTask> Assigned(string worker)
    {
        if (!assigned.TryGetValue(worker, out var list))
        {
            list = [];
            assigned[worker] = list;
        }

        return list;
    }
}
